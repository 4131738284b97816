// The region methods under the names of simplezarr 1.2 (`get_now`, `get_soon`,
// `set_now`, `set_soon`), forwarding to `get`, `getFuture`, `set` and `setFuture`.

extension ZarrArraySlice {
    /// simplezarr 1.2's `get_now()`: `get()`.
    public func getNow() throws -> NDArray { try get() }

    /// simplezarr 1.2's `get_soon()`: `getFuture()`.
    public func getSoon() -> Future<NDArray> { getFuture() }

    /// simplezarr 1.2's `set_now(value)`: `set(_:)`.
    public func setNow(_ value: NDArray) throws { try set(value) }

    /// simplezarr 1.2's `set_soon(value)`: `setFuture(_:)`.
    public func setSoon(_ value: NDArray) -> Future<Void> { setFuture(value) }
}
