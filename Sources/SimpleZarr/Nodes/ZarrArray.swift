// An array node: a `zarr.json` with node_type "array" plus its chunks,
// stored under keys made by the chunk key encoding. Chunks of the regular
// grid all have the full chunk shape (edge chunks are padded); a chunk with
// no stored key reads as the fill value.

import Foundation

/// An array of a Zarr hierarchy (Python's `ZarrArray`): metadata plus chunk I/O.
///
/// The array holds no data itself; `getChunk` / `setChunk` read and write
/// one chunk through the store and the codec pipeline, and the `Future`
/// variants do the same on a `ThreadPoolExecutor`.
///
/// Sizes come from `arrayMetadata`, computed once when the array is opened, so no property
/// can trap whatever the `zarr.json` says; chunk operations refuse chunks larger than
/// `ZarrLimits.maximumChunkByteCount`.
public final class ZarrArray: ZarrNode, @unchecked Sendable {
    /// The validated metadata.
    public let arrayMetadata: ArrayMetadata
    /// The codec pipeline, or why it could not be built (reported on first chunk access,
    /// so that a group can still be opened when one of its arrays uses an unknown codec).
    private let pipelineResult: Result<CodecPipeline, any Error>

    /// Wraps the array at `path` whose metadata document is `metadata`: a `zarr.json` object,
    /// or a v2 `.zarray` object with `attributes` from its `.zattrs`.
    public convenience init(store: BaseStore, path: String, metadata: JSONObject, attributes: JSONObject? = nil) throws {
        let (checkedPath, document) = try NodePath.checkedNode(path, metadata: metadata, attributes: attributes, type: .array)
        try self.init(store: store, checkedPath: checkedPath, document: document)
    }

    /// Wraps the array whose checked document is `document`.
    init(store: BaseStore, checkedPath: String, document: NodeDocument) throws {
        let parsed: ArrayMetadata
        do {
            if document.zarrFormat == 2 {
                parsed = try V2Metadata.arrayMetadata(
                    document.metadata, attributes: document.attributes, key: document.key, codecLookup: CodecRegistry.v2Codec)
            } else {
                parsed = try V3Metadata.arrayMetadata(document.metadata, key: document.key)
            }
        } catch let error as ZarrError {
            throw error.with(key: document.key, path: checkedPath)
        }
        arrayMetadata = parsed
        let chunk = ArrayRepresentation(shape: parsed.chunkShape, dataType: parsed.dataType, fillValue: parsed.fillValue)
        pipelineResult = Result {
            do {
                return try CodecPipeline(json: .array(parsed.codecs), chunk: chunk)
            } catch let error as ZarrError {
                throw error.with(key: document.key, path: checkedPath)
            }
        }
        super.init(store: store, checkedPath: checkedPath, nodeDocument: document)
    }

    // MARK: Properties

    /// The element type; prints as its Zarr name and compares with strings (`arr.dtype == "uint16"`).
    public var dtype: DataType { arrayMetadata.dataType }
    /// The number of dimensions.
    public var ndim: Int { shape.count }
    /// The array's shape.
    public var shape: [Int] { arrayMetadata.shape }
    /// The number of elements; `Int.max` for a sparse array whose element count does not fit in `Int`.
    public var size: Int { arrayMetadata.elementCount }
    /// The size in bytes, uncompressed; `Int.max` when that does not fit in `Int`.
    public var nbytes: Int { arrayMetadata.byteCount }
    /// The number of chunks along each dimension.
    public var chunkGridShape: [Int] { arrayMetadata.chunkGridShape }
    /// The shape of every chunk.
    public var chunkShape: [Int] { arrayMetadata.chunkShape }
    /// The number of elements of a chunk.
    public var chunkSize: Int { arrayMetadata.chunkElementCount }
    /// The shape of the shards of a sharded array (`sharding_indexed`), `nil` for an unsharded one.
    ///
    /// A sharded array's chunk grid is its shard grid, as the v3 spec defines it: `chunkShape` is
    /// the shard shape, and `getChunk` / `setChunk` / `arr.chunks[...]` address whole shards (the
    /// stored objects). Reads of a region fetch only the inner chunks they need.
    public var shardShape: [Int]? {
        (try? pipelineResult.get())?.arrayToBytes.codec.innerChunkShape == nil ? nil : chunkShape
    }

    /// The shape of the units stored independently: the inner chunks of a sharded array
    /// (zarr-python's `arr.chunks`), else `chunkShape`. When array -> array codecs (a transpose)
    /// come before the sharding codec, its inner chunks are laid out in their axes, not the
    /// array's, and this is the shard shape.
    public var innerChunkShape: [Int] {
        guard let pipeline = try? pipelineResult.get(), pipeline.arrayToArray.isEmpty,
            let inner = pipeline.arrayToBytes.codec.innerChunkShape
        else { return chunkShape }
        return inner
    }
    /// The size of a chunk in bytes, uncompressed.
    public var chunkNbytes: Int { arrayMetadata.chunkByteCount }
    /// The value of elements that were never written.
    public var fillValue: FillValue { arrayMetadata.fillValue }
    /// The optional name of each dimension.
    public var dimensionNames: [String?]? { arrayMetadata.dimensionNames }
    /// How chunk indices become keys.
    public var chunkKeyEncoding: ChunkKeyEncoding { arrayMetadata.chunkKeyEncoding }

    /// The validated codec pipeline.
    ///
    /// - Throws: the error that building it raised (for example an unsupported codec).
    public func codecPipeline() throws -> CodecPipeline {
        try pipelineResult.get()
    }

    public override var oneLineDescription: String {
        "<ZarrArray '\(path)' \(shape.map(String.init).joined(separator: "x")) \(dtype)>"
    }

    // MARK: Chunk keys

    /// The store key of the chunk at `index`, after checking the index.
    public func chunkKey(_ index: [Int], method: String = "chunkKey") throws -> String {
        guard index.count == ndim else {
            throw ZarrError.indexOutOfRange(ErrorDetails(
                "ZarrArray.\(method)() needs \(ndim) indices, got \(index.count) (\(ArrayMetadata.brief(index)))",
                path: path, index: index))
        }
        let grid = chunkGridShape
        for (axis, i) in index.enumerated() where i < 0 || i >= grid[axis] {
            throw ZarrError.indexOutOfRange(ErrorDetails(
                "ZarrArray.\(method)() index \(ArrayMetadata.brief(index)) is not within the chunk grid "
                    + "\(ArrayMetadata.brief(grid)) (axis \(axis))", path: path, index: index))
        }
        return NodePath.join(path, chunkKeyEncoding.key(for: index))
    }

    // MARK: Reading chunks

    /// Reads and decodes the chunk at `index`; a chunk that was never written reads as the fill value.
    ///
    /// - Throws: `ZarrError.indexOutOfRange` for a bad index, `ZarrError.codec` for a chunk
    ///   that does not decode, `ZarrError.limitExceeded` for a chunk larger than
    ///   `ZarrLimits.maximumChunkByteCount`, store errors other than a missing key.
    public func getChunk(_ index: [Int]) throws -> NDArray {
        try readChunk(index, method: "getChunk") ?? filledChunk(method: "getChunk")
    }

    /// Throws `ZarrError.limitExceeded` if one chunk is larger than `ZarrLimits.maximumChunkByteCount`;
    /// `method` is the `ZarrArray` method named in the error, or `owner` the full caller name.
    func checkChunkLimit(method: String = "", owner: String? = nil) throws {
        try ZarrLimits.checkChunk(
            byteCount: arrayMetadata.chunkByteCount, shape: chunkShape, dataType: dtype,
            method: owner ?? "ZarrArray.\(method)()")
    }

    /// A chunk holding only the fill value.
    func filledChunk(method: String) throws -> NDArray {
        try checkChunkLimit(method: method)
        return try NDArray(dtype: dtype, shape: chunkShape, fillValue: fillValue)
    }

    /// Reads and decodes the chunk at `index`, or returns `nil` if it was never written.
    func readChunk(_ index: [Int], method: String) throws -> NDArray? {
        let key = try chunkKey(index, method: method)
        try checkChunkLimit(method: method)
        let pipeline = try codecPipeline()
        guard let encoded = try readEncodedChunk(key) else { return nil }
        return try decodeChunk(encoded, key: key, pipeline: pipeline)
    }

    /// Decodes the stored bytes of the chunk at `key`, naming the key in a codec error.
    func decodeChunk(_ encoded: Data, key: String, pipeline: CodecPipeline) throws -> NDArray {
        try namingChunk(key) { try pipeline.decode(encoded) }
    }

    /// Runs `body`, adding the chunk's key to the message of a `ZarrError` (its kind stays).
    func namingChunk<T>(_ key: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ZarrError {
            throw error.prefixed("chunk '\(key)'").with(key: key, path: path)
        }
    }

    /// The stored bytes of the chunk at `key`, or `nil` when it was never written.
    func readEncodedChunk(_ key: String) throws -> Data? {
        guard let readable = store as? any ReadableStore else {
            throw StoreError.unsupported("ZarrArray: the store \(type(of: store)) is not readable")
        }
        do {
            return try readable.get(key, maximumSize: ZarrLimits.maximumStoredChunkByteCount)
        } catch StoreError.keyNotFound {
            return nil
        }
    }

    /// Starts reading the stored bytes of the chunk at `index` from a store whose reads do not
    /// block; the future holds the chunk's key and its bytes (`nil`: never written).
    func readEncodedChunkFuture(_ index: [Int], owner: String) -> Future<(key: String, encoded: Data?)> {
        let key: String
        do {
            key = try chunkKey(index, method: "getChunk")
        } catch {
            return .failed(error)
        }
        guard let readable = store as? any ReadableStore else {
            return .failed(StoreError.unsupported("\(owner): the store \(type(of: store)) is not readable"))
        }
        let read = Future<(key: String, encoded: Data?)>()
        readable.getFuture(key, maximumSize: ZarrLimits.maximumStoredChunkByteCount).onComplete { result in
            switch result {
            case .success(let data): read.succeed((key, data))
            case .failure(StoreError.keyNotFound): read.succeed((key, nil))
            case .failure(let error): read.fail(error)
            }
        }
        return read
    }

    /// Reads the chunk at `index` on `executor` (the shared pool by default).
    ///
    /// Over an `AsyncReadableStore` (HTTP, S3) the request waits on the store's I/O executor,
    /// holding no pool thread, and only the decoding runs on `executor`.
    public func getChunkFuture(_ index: [Int], executor: ThreadPoolExecutor? = nil) -> Future<NDArray> {
        let executor = executor ?? .shared
        guard (store as? any ReadableStore)?.asyncIOExecutor != nil else {
            return executor.submit { [self] in try getChunk(index) }
        }
        let pipeline: CodecPipeline
        do {
            try checkChunkLimit(method: "getChunk")
            pipeline = try codecPipeline()
        } catch {
            return .failed(error)
        }
        let decoded = Future<NDArray>()
        readEncodedChunkFuture(index, owner: "ZarrArray.getChunk()").onComplete(on: executor) { [self] read in
            decoded.complete(with: Result {
                let (key, encoded) = try read.get()
                guard let encoded else { return try filledChunk(method: "getChunk") }
                return try decodeChunk(encoded, key: key, pipeline: pipeline)
            })
        }
        return decoded
    }

    // MARK: Writing chunks

    /// Encodes and stores `data` as the chunk at `index`.
    ///
    /// With `checkEmpty`, a chunk whose every element equals the fill value is
    /// erased instead of stored, as zarr-python does. Within one process the store call
    /// never lands in the middle of a slice write's read-modify-write of the same chunk.
    ///
    /// - Throws: `ZarrError.invalidArgument` when `data` has the wrong dtype or shape,
    ///   `ZarrError.indexOutOfRange` for a bad index, `ZarrError.limitExceeded` for a chunk
    ///   larger than `ZarrLimits.maximumChunkByteCount`, store errors.
    public func setChunk(_ data: NDArray, _ index: [Int], checkEmpty: Bool = true) throws {
        try storeChunk(data, index, checkEmpty: checkEmpty, bufferIsExclusive: false)
    }

    /// `setChunk`, where `bufferIsExclusive` promises nothing else holds `data`'s buffer (a chunk the
    /// library built), so the store may keep that buffer instead of a copy.
    ///
    /// The store call runs under the chunk's write lock (`ChunkWriteLocks`) unless the caller
    /// already holds it (`lockHeld`, a read-modify-write), so it never lands in the middle of
    /// another thread's read-modify-write of the same chunk.
    func storeChunk(_ data: NDArray, _ index: [Int], checkEmpty: Bool, bufferIsExclusive: Bool, lockHeld: Bool = false) throws {
        let key = try chunkKey(index, method: "setChunk")
        guard data.dtype == dtype, data.shape == chunkShape else {
            throw ZarrError.invalidArgument(ErrorDetails(
                "ZarrArray.setChunk(): chunk must have shape \(ArrayMetadata.brief(chunkShape)) and dtype \(dtype), "
                    + "got \(ArrayMetadata.brief(data.shape)) and \(data.dtype)",
                key: key, path: path, index: index, expectedShape: chunkShape, actualShape: data.shape))
        }
        guard let writable = store as? any WritableStore else {
            throw StoreError.unsupported("ZarrArray.setChunk(): the store \(type(of: store)) is not writable")
        }
        try checkChunkLimit(method: "setChunk")
        // nil: the chunk holds only the fill value and is erased instead.
        let encoded: Data?
        if checkEmpty, data.isEntirely(fillValue) {
            encoded = nil
        } else {
            encoded = try codecPipeline().encode(data, bufferIsExclusive: bufferIsExclusive)
        }
        let commit = {
            guard let encoded else {
                do {
                    try writable.erase(key)
                } catch StoreError.keyNotFound {
                    // Already absent: nothing to erase.
                }
                return
            }
            try writable.set(key, encoded)
        }
        if lockHeld {
            try commit()
        } else {
            try ChunkWriteLocks.withLock(store: store, key: key, commit)
        }
    }

    /// Writes the chunk at `index` on `executor` (the shared pool by default).
    public func setChunkFuture(
        _ data: NDArray, _ index: [Int], checkEmpty: Bool = true, executor: ThreadPoolExecutor? = nil
    ) -> Future<Void> {
        (executor ?? .shared).submit { [self] in try setChunk(data, index, checkEmpty: checkEmpty) }
    }
}
