// The chunk methods under the names of simplezarr 1.2 (`get_chunk_now`,
// `get_chunk_soon`, `set_chunk_now`, `set_chunk_soon`), whose write methods
// take the index before the data. They forward to the main methods.
// (The slice names `get_now` & co. are in Indexing/ZarrArraySlice+PythonNames.swift.)

extension ZarrArray {
    /// simplezarr 1.2's `get_chunk_now(index)`: `getChunk(_:)`, the chunk (the fill value where
    /// it was never written).
    public func getChunkNow(_ index: [Int]) throws -> NDArray {
        try readChunk(index, method: "getChunkNow") ?? filledChunk(method: "getChunkNow")
    }

    /// simplezarr 1.2's `get_chunk_now(index, none_if_missing)`: the chunk, or `nil` for a
    /// never-written chunk when `noneIfMissing` is set.
    public func getChunkNow(_ index: [Int], noneIfMissing: Bool) throws -> NDArray? {
        noneIfMissing ? try readChunk(index, method: "getChunkNow") : try getChunkNow(index)
    }

    /// simplezarr 1.2's `get_chunk_soon(index)`: `getChunkFuture(_:)`.
    public func getChunkSoon(_ index: [Int], executor: ThreadPoolExecutor? = nil) -> Future<NDArray> {
        getChunkFuture(index, executor: executor)
    }

    /// simplezarr 1.2's `set_chunk_now(index, data, check_empty)`: `setChunk(_:_:checkEmpty:)`.
    public func setChunkNow(_ index: [Int], _ data: NDArray, checkEmpty: Bool = true) throws {
        try setChunk(data, index, checkEmpty: checkEmpty)
    }

    /// simplezarr 1.2's `set_chunk_soon(index, data)`: `setChunkFuture(_:_:)`.
    public func setChunkSoon(_ index: [Int], _ data: NDArray, executor: ThreadPoolExecutor? = nil) -> Future<Void> {
        setChunkFuture(data, index, executor: executor)
    }
}
