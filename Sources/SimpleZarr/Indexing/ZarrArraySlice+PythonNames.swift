// The region methods under the names of simplezarr 1.2 (`get_now`, `get_soon`,
// `set_now`, `set_soon`), forwarding to `get`, `getFuture`, `set` and `setFuture`.
// Like Python's, the writes take an array or a scalar that every element is set to:
// `setNow(7)`, `setNow(2.5)`, `setNow("text")` (string arrays), `setNow(UInt16(7))`.

import Foundation

extension ZarrArraySlice {
    /// simplezarr 1.2's `get_now()`: `get()`.
    public func getNow() throws -> NDArray { try get() }

    /// simplezarr 1.2's `get_soon()`: `getFuture()`.
    public func getSoon() -> Future<NDArray> { getFuture() }

    // MARK: set_now

    /// simplezarr 1.2's `set_now(array)`: `set(_:)`.
    public func setNow(_ value: NDArray) throws { try set(value) }

    /// `set_now(scalar)` with a value of the array's element type (`Int64` for datetimes).
    public func setNow<T: ZarrScalar>(_ value: T) throws { try set(value) }

    /// `set_now(7)`: an integer converted to the array's type (range-checked).
    public func setNow(_ value: Int) throws { try set(value) }

    /// `set_now(2.5)`: a number converted to the array's type.
    public func setNow(_ value: Double) throws { try set(value) }

    /// `set_now("text")`: text, for `string` and `fixed_length_utf32` arrays.
    public func setNow(_ value: String) throws { try set(value) }

    /// `set_now(b"...")`: a byte string, for `bytes` and raw arrays.
    public func setNow(_ value: Data) throws { try set(value) }

    // MARK: set_soon

    /// simplezarr 1.2's `set_soon(array)`: `setFuture(_:)`.
    public func setSoon(_ value: NDArray) -> Future<Void> { setFuture(value) }

    /// `set_soon(scalar)` with a value of the array's element type.
    public func setSoon<T: ZarrScalar>(_ value: T) -> Future<Void> { setFuture(value) }

    /// `set_soon(7)`: an integer converted to the array's type (range-checked).
    public func setSoon(_ value: Int) -> Future<Void> { setFuture(value) }

    /// `set_soon(2.5)`: a number converted to the array's type.
    public func setSoon(_ value: Double) -> Future<Void> { setFuture(value) }

    /// `set_soon("text")`: text, for `string` and `fixed_length_utf32` arrays.
    public func setSoon(_ value: String) -> Future<Void> { setFuture(value) }

    /// `set_soon(b"...")`: a byte string, for `bytes` and raw arrays.
    public func setSoon(_ value: Data) -> Future<Void> { setFuture(value) }
}
