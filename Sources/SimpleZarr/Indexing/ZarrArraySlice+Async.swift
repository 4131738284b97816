// The region methods for Swift concurrency: `try await arr[0..<100, 5].getAsync()`.
// The chunks are read or written on the executor as by `getFuture` / `setFuture`, and
// the task waits through the future's `value`, so no thread blocks. (Named `…Async`
// rather than overloading `get` on `async`, for the reason given in ZarrArray+Async.swift.)

import Foundation

extension ZarrArraySlice {
    /// Reads the region, chunks in parallel on `executor`, suspending until it is done.
    /// Cancelling the task skips the chunks that have not started.
    ///
    /// - Throws: as `get()`; `CancellationError` when the task is cancelled.
    public func getAsync(executor: ThreadPoolExecutor? = nil) async throws -> NDArray {
        try await getFuture(executor: executor).valueCancellingWork()
    }

    /// Writes `value` (as `set(_:)` takes it), suspending until every chunk is stored.
    /// Cancelling the task skips the chunks that have not started.
    public func setAsync(_ value: NDArray, executor: ThreadPoolExecutor? = nil) async throws {
        try await setFuture(value, executor: executor).valueCancellingWork()
    }

    /// Writes `value` of the array's element type to every element, suspending until done.
    public func setAsync<T: ZarrScalar>(_ value: T, executor: ThreadPoolExecutor? = nil) async throws {
        try await setFuture(value, executor: executor).valueCancellingWork()
    }

    /// Writes an integer to every element (converted, range-checked), suspending until done.
    public func setAsync(_ value: Int, executor: ThreadPoolExecutor? = nil) async throws {
        try await setFuture(value, executor: executor).valueCancellingWork()
    }

    /// Writes a number to every element (converted), suspending until done.
    public func setAsync(_ value: Double, executor: ThreadPoolExecutor? = nil) async throws {
        try await setFuture(value, executor: executor).valueCancellingWork()
    }

    /// Writes text to every element (`string` and `fixed_length_utf32` arrays), suspending until done.
    public func setAsync(_ value: String, executor: ThreadPoolExecutor? = nil) async throws {
        try await setFuture(value, executor: executor).valueCancellingWork()
    }

    /// Writes a byte string to every element (`bytes` and raw arrays), suspending until done.
    public func setAsync(_ value: Data, executor: ThreadPoolExecutor? = nil) async throws {
        try await setFuture(value, executor: executor).valueCancellingWork()
    }
}
