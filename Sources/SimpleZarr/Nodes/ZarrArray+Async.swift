// The chunk methods for Swift concurrency: `try await arr.getChunkAsync([0, 1])`.
// They run on the executor like the `Future` variants and wait through the future's
// `value`, so no thread blocks while the chunk is read.
//
// Why not `async` overloads named `getChunk`: Swift prefers an async overload in every
// async context (an async function, a top-level script that awaits anything), so each
// existing `try arr.getChunk(...)` there would stop compiling without `await`.

extension ZarrArray {
    /// Reads and decodes the chunk at `index` on `executor` (the shared pool by default),
    /// suspending until it is done (Python's `await asyncio.wrap_future(arr.get_chunk_soon(i))`).
    /// Cancelling the task cancels the read if it has not started.
    ///
    /// - Throws: as `getChunk(_:)`; `CancellationError` when the task is cancelled.
    public func getChunkAsync(_ index: [Int], executor: ThreadPoolExecutor? = nil) async throws -> NDArray {
        try await getChunkFuture(index, executor: executor).valueCancellingWork()
    }

    /// Encodes and stores `data` as the chunk at `index` on `executor`, suspending until it is
    /// stored. Cancelling the task cancels the write if it has not started.
    ///
    /// - Throws: as `setChunk(_:_:checkEmpty:)`; `CancellationError` when the task is cancelled.
    public func setChunkAsync(
        _ data: NDArray, _ index: [Int], checkEmpty: Bool = true, executor: ThreadPoolExecutor? = nil
    ) async throws {
        try await setChunkFuture(data, index, checkEmpty: checkEmpty, executor: executor).valueCancellingWork()
    }
}
