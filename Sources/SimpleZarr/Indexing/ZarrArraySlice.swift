// A region of an array, selected with `array[...]`, to read or write as a
// whole (newer simplezarr's `ZarrArraySlice`). Each chunk the region
// touches is one task on the executor: it reads (and decodes) the chunk
// and copies its part into the result, or builds the new chunk and stores
// it. The chunk parts are made lazily and only a few tasks are in flight at
// once (`ChunkFanOut`), each completion starting the next, so a region of
// millions of chunks costs no memory up front. No pool thread ever waits for
// another, so a pool of one worker still finishes.

import Foundation
import ZarrCompression

/// A selected region of a `ZarrArray`, read with `get()` and written with `set(_:)`.
///
/// Writes that cover part of a chunk read, change and store that chunk; within one process
/// such writes of the same chunk (from any thread, through any `ZarrArray` on the same store
/// object) are serialised, so none is lost. Across processes nothing is coordinated: writers
/// of disjoint chunks are safe, writers of the same chunk race and the last store wins.
/// A future returned by `getFuture` / `setFuture` may be cancelled before it completes;
/// chunks not yet started are then skipped.
///
/// ```swift
/// let block = try arr[0..<100, 5].get()        // Python: arr[:100, 5].get_now()
/// let future = try arr[(-200)..., (-200)...].getFuture()
/// try arr[...].set(42)                          // broadcast a scalar
/// ```
public final class ZarrArraySlice: CustomStringConvertible, Sendable {
    /// The array this region belongs to.
    public let array: ZarrArray
    let selection: ResolvedSelection

    init(array: ZarrArray, selection: ResolvedSelection) {
        self.array = array
        self.selection = selection
    }

    /// The shape of the region; axes selected by an integer are left out (a 0-d shape for a single element).
    public var shape: [Int] { selection.shape }

    /// Python's repr: `<ZarrArraySlice a[5,:100]>`.
    public var description: String { "<ZarrArraySlice a[\(selection.text(shape: array.shape))]>" }

    // MARK: Reading

    /// Reads the region on `executor` (the shared pool by default), chunks in parallel.
    public func getFuture(executor: ThreadPoolExecutor? = nil) -> Future<NDArray> {
        startRead(executor: executor ?? .shared, callerRunsParts: false)
    }

    /// Reads the region, waiting for it (Python's `get_now()`).
    ///
    /// The calling thread, which would only wait, decodes chunks itself beside the pool until
    /// none are left to start; a single-chunk read then never changes thread.
    public func get(executor: ThreadPoolExecutor? = nil) throws -> NDArray {
        try startRead(executor: executor ?? .shared, callerRunsParts: true).result()
    }

    private func startRead(executor: ThreadPoolExecutor, callerRunsParts: Bool) -> Future<NDArray> {
        let shape = selection.shape
        if selection.isEmpty {
            // Nothing selected: an empty result, no chunk touched.
            return .completed { try NDArray(uninitialized: array.dtype, shape: shape) }
        }
        let result: RegionBuffer
        let pipeline: CodecPipeline
        do {
            pipeline = try array.codecPipeline()
            result = try RegionBuffer(NDArray(uninitialized: array.dtype, shape: selection.fullShape))
        } catch {
            return .failed(error)
        }
        let steps = selection.chunkSteps(chunkShape: array.chunkShape)
        let parts = selection.chunkParts(chunkShape: array.chunkShape)
        let io = (array.store as? any ReadableStore)?.asyncIOExecutor
        if let decoder = pipeline.partialDecoder {
            // The codec reads only what each part needs (a shard's index, then its inner chunks).
            return ChunkFanOut.runReporting(
                parts, on: executor, io: io, callerRunsParts: callerRunsParts,
                { [array] part, done in
                    ZarrArraySlice.readPartially(
                        part, steps: steps, of: array, decoder: decoder, pipeline: pipeline, into: result,
                        executor: executor, done: done)
                },
                finish: { try result.array.reshaped(shape) })
        }
        if io != nil {
            // The store reads without blocking: each part's request completes on an I/O thread
            // and its decoding continues on the pool.
            return ChunkFanOut.runReporting(
                parts, on: executor, io: io, callerRunsParts: callerRunsParts,
                { [array] part, done in
                    array.readEncodedChunkFuture(part.chunkIndex, owner: "ZarrArraySlice.get()").onComplete(on: executor) { read in
                        done(Result {
                            try ZarrArraySlice.copy(read.get(), part: part, steps: steps, of: array, pipeline: pipeline, into: result)
                        })
                    }
                },
                finish: { try result.array.reshaped(shape) })
        }
        return ChunkFanOut.run(
            parts, on: executor, callerRunsParts: callerRunsParts,
            { [array] part in
                let key = try array.chunkKey(part.chunkIndex)
                let encoded = try array.readEncodedChunk(key)
                try ZarrArraySlice.copy((key, encoded), part: part, steps: steps, of: array, pipeline: pipeline, into: result)
            },
            finish: { try result.array.reshaped(shape) })
    }

    /// Has the pipeline's partial decoder put one chunk's part of the selection into the result,
    /// reading only the byte ranges it needs; `done` is called once, naming the chunk in errors.
    private static func readPartially(
        _ part: ChunkPart, steps: [Int], of array: ZarrArray, decoder: any PartialDecodingCodec, pipeline: CodecPipeline,
        into result: RegionBuffer, executor: ThreadPoolExecutor, done: @escaping @Sendable (Result<Void, any Error>) -> Void
    ) {
        let key: String
        do {
            key = try array.chunkKey(part.chunkIndex)
        } catch {
            return done(.failure(error))
        }
        guard let readable = array.store as? any ReadableStore else {
            return done(.failure(StoreError.unsupported("ZarrArraySlice.get(): the store \(type(of: array.store)) is not readable")))
        }
        // A codec may be the user's: only its first completion counts (a second one would count
        // another part as done and could let the read finish while parts are still running).
        let completed = LockedValue(false)
        decoder.decodePartial(
            ChunkRegion(start: part.chunkStart, counts: part.counts, steps: steps), of: pipeline.chunk,
            from: StoreRangeReader(store: readable, key: key),
            into: RegionDestination(result.buffer, shape: result.array.shape, start: part.resultStart),
            executor: executor
        ) { outcome in
            guard completed.withLock({ done in defer { done = true }; return !done }) else {
                assertionFailure("PartialDecodingCodec \(type(of: decoder)) completed one part twice")
                return
            }
            guard case .failure(let error as ZarrError) = outcome else { return done(outcome) }
            let named = error.message.contains("'\(key)'") ? error : error.prefixed("chunk '\(key)'")
            done(.failure(named.with(key: key, path: array.path)))
        }
    }

    /// Copies one chunk's part of the selection into the result from its stored bytes (`nil`:
    /// never written, so the fill value).
    private static func copy(
        _ read: (key: String, encoded: Data?), part: ChunkPart, steps: [Int], of array: ZarrArray, pipeline: CodecPipeline,
        into result: RegionBuffer
    ) throws {
        let destination = BlockSide(shape: result.array.shape, start: part.resultStart)
        let source = BlockSide(shape: array.chunkShape, start: part.chunkStart, steps: steps)
        guard let encoded = read.encoded else {
            // A missing chunk: write the fill value straight into the result (no chunk buffer).
            fillBlock(counts: part.counts, with: array.fillValue, in: result.buffer, destination)
            return
        }
        try array.checkChunkLimit(owner: "ZarrArraySlice.get()")
        try array.namingChunk(read.key) {
            try pipeline.decode(encoded, copying: part.counts, from: source, to: result.buffer, destination)
        }
    }

    // MARK: Writing

    /// Writes `value` (of the region's shape, or that shape with the integer-selected axes kept as 1)
    /// on `executor`, chunks in parallel.
    public func setFuture(_ value: NDArray, executor: ThreadPoolExecutor? = nil) -> Future<Void> {
        guard value.dtype == array.dtype, value.shape == selection.shape || value.shape == selection.fullShape else {
            return .failed(ZarrError.invalidArgument(
                "ZarrArraySlice.set(): value has shape \(value.shape) and dtype \(value.dtype), "
                    + "expected shape \(selection.shape) and dtype \(array.dtype)"))
        }
        let fullShape = selection.fullShape
        return write(executor: executor) { part, chunk in
            value.withElementBuffer { source in
                copyBlock(
                    counts: part.counts, from: source, BlockSide(shape: fullShape, start: part.resultStart),
                    to: chunk.buffer, chunk.side)
            }
        }
    }

    /// Writes `value` to every element of the region. `T` must be the array's element type
    /// (`Int64` for datetimes and timedeltas).
    public func setFuture<T: ZarrScalar>(_ value: T, executor: ThreadPoolExecutor? = nil) -> Future<Void> {
        guard T.zarrDataType == array.dtype.scalarType else {
            return .failed(ZarrError.invalidArgument(
                "ZarrArraySlice.set(): a \(T.self) value cannot be stored in an array of \(array.dtype)"))
        }
        return broadcast(FillValue(dataType: array.dtype, elementBytes: Swift.withUnsafeBytes(of: value) { Array($0) }), executor: executor)
    }

    /// Writes text to every element of the region (`string` and `fixed_length_utf32` arrays).
    public func setFuture(_ value: String, executor: ThreadPoolExecutor? = nil) -> Future<Void> {
        guard array.dtype == .string || array.dtype == "fixed_length_utf32" else {
            return .failed(ZarrError.invalidArgument("ZarrArraySlice.set(): text cannot be stored in an array of \(array.dtype)"))
        }
        return broadcast(json: .string(value), executor: executor)
    }

    /// Writes a byte string to every element of the region (`bytes`, `null_terminated_bytes`,
    /// `raw_bytes` and `rN` arrays).
    public func setFuture(_ value: Data, executor: ThreadPoolExecutor? = nil) -> Future<Void> {
        switch array.dtype {
        case .bytes, .nullTerminatedBytes, .rawBytes, .raw:
            return broadcast(json: .array(value.map { .int(Int64($0)) }), executor: executor)
        default:
            return .failed(ZarrError.invalidArgument("ZarrArraySlice.set(): bytes cannot be stored in an array of \(array.dtype)"))
        }
    }

    /// Writes an integer to every element of the region, converted to the array's type (range-checked).
    public func setFuture(_ value: Int, executor: ThreadPoolExecutor? = nil) -> Future<Void> {
        broadcast(json: .int(Int64(value)), executor: executor)
    }

    /// Writes a number to every element of the region, converted to the array's type.
    public func setFuture(_ value: Double, executor: ThreadPoolExecutor? = nil) -> Future<Void> {
        broadcast(json: .double(value), executor: executor)
    }

    /// Writes `value` and waits (Python's `set_now()`).
    public func set(_ value: NDArray, executor: ThreadPoolExecutor? = nil) throws {
        try setFuture(value, executor: executor).result()
    }

    /// Writes `value` to every element and waits.
    public func set<T: ZarrScalar>(_ value: T, executor: ThreadPoolExecutor? = nil) throws {
        try setFuture(value, executor: executor).result()
    }

    /// Writes an integer to every element and waits.
    public func set(_ value: Int, executor: ThreadPoolExecutor? = nil) throws {
        try setFuture(value, executor: executor).result()
    }

    /// Writes a number to every element and waits.
    public func set(_ value: Double, executor: ThreadPoolExecutor? = nil) throws {
        try setFuture(value, executor: executor).result()
    }

    /// Writes text to every element and waits.
    public func set(_ value: String, executor: ThreadPoolExecutor? = nil) throws {
        try setFuture(value, executor: executor).result()
    }

    /// Writes a byte string to every element and waits.
    public func set(_ value: Data, executor: ThreadPoolExecutor? = nil) throws {
        try setFuture(value, executor: executor).result()
    }

    private func broadcast(json: JSONValue, executor: ThreadPoolExecutor?) -> Future<Void> {
        do {
            return broadcast(try FillValue(json: json, dataType: array.dtype), executor: executor)
        } catch let error as ZarrError {
            return .failed(ZarrError.invalidArgument("ZarrArraySlice.set(): \(error.message)"))
        } catch {
            return .failed(error)
        }
    }

    private func broadcast(_ value: FillValue, executor: ThreadPoolExecutor?) -> Future<Void> {
        write(executor: executor) { part, chunk in
            fillBlock(counts: part.counts, with: value, in: chunk.buffer, chunk.side)
        }
    }

    /// The chunk being rebuilt by a write task, and where this part lies in it.
    private struct ChunkTarget {
        let buffer: ElementBuffer
        let side: BlockSide
    }

    /// Runs one task per touched chunk: build the new chunk, let `fill` copy the part in, store it.
    ///
    /// A chunk whose in-bounds elements are all selected is built from the fill value without
    /// reading it; any other chunk is read first (read-modify-write). A chunk that ends up equal
    /// to the fill value is erased.
    ///
    /// A read-modify-write holds the chunk's write lock (`ChunkWriteLocks`) from the read to the
    /// store, inside its one task, so concurrent partial writes of one chunk in this process
    /// never lose each other's elements. Across processes there is no such guarantee: writers
    /// of disjoint chunks are safe, writers of the same chunk race and the last store wins.
    private func write(
        executor: ThreadPoolExecutor?, _ fill: @escaping @Sendable (ChunkPart, ChunkTarget) -> Void
    ) -> Future<Void> {
        if selection.isEmpty { return .succeeded(()) }
        do {
            try array.checkChunkLimit(owner: "ZarrArraySlice.set()")
        } catch {
            return .failed(error)
        }
        let steps = selection.chunkSteps(chunkShape: array.chunkShape)
        return ChunkFanOut.run(
            selection.chunkParts(chunkShape: array.chunkShape), on: executor ?? .shared, callerRunsParts: false,
            { [array] part in
                func build(_ chunk: inout NDArray) throws {
                    try chunk.withMutableElementBuffer { buffer in
                        let side = BlockSide(shape: array.chunkShape, start: part.chunkStart, steps: steps)
                        fill(part, ChunkTarget(buffer: buffer, side: side))
                    }
                }
                let coverage = ZarrArraySlice.coverage(of: part, steps: steps, in: array)
                switch coverage {
                case .whole, .inBoundsPart:
                    // No read: the value alone (and the fill value in the padding) makes the chunk.
                    var chunk = try NDArray(uninitialized: array.dtype, shape: array.chunkShape)
                    if coverage == .inBoundsPart {
                        chunk.fillAllOfNewArray(with: array.fillValue)
                    }
                    try build(&chunk)
                    try array.storeChunk(chunk, part.chunkIndex, checkEmpty: true, bufferIsExclusive: true)
                case .partial:
                    let key = try array.chunkKey(part.chunkIndex, method: "setChunk")
                    try ChunkWriteLocks.withLock(store: array.store, key: key) {
                        var chunk = try array.getChunk(part.chunkIndex)
                        try build(&chunk)
                        try array.storeChunk(chunk, part.chunkIndex, checkEmpty: true, bufferIsExclusive: true, lockHeld: true)
                    }
                }
            },
            finish: {})
    }

    /// How much of its chunk a part selects.
    private enum Coverage {
        /// Every element: the chunk is rebuilt from the value alone.
        case whole
        /// Every element inside the array, but the chunk also has padding past the array's end.
        case inBoundsPart
        /// Less: the chunk's other elements must be read first.
        case partial
    }

    private static func coverage(of part: ChunkPart, steps: [Int], in array: ZarrArray) -> Coverage {
        var padded = false
        for axis in part.chunkIndex.indices {
            let chunkLength = array.chunkShape[axis]
            let inBounds = min(chunkLength, array.shape[axis] - part.chunkIndex[axis] * chunkLength)
            guard part.chunkStart[axis] == 0, part.counts[axis] == inBounds, inBounds == 1 || steps[axis] == 1 else {
                return .partial
            }
            padded = padded || inBounds < chunkLength
        }
        return padded ? .inBoundsPart : .whole
    }
}

/// The array a read is filling, shared by the chunk tasks.
///
/// `@unchecked Sendable`: tasks write disjoint regions through `buffer`, and the
/// array is read only after every task has completed (ordered by the futures' locks).
private final class RegionBuffer: @unchecked Sendable {
    let array: NDArray
    let buffer: ElementBuffer

    init(_ array: NDArray) {
        self.array = array
        self.buffer = array.elementBufferOfNewArray
    }
}
