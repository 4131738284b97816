// Creating an array: build a spec-conformant `zarr.json` (members in the
// order the v3 core spec lists them), check it by opening it, and write it.

import Foundation

extension ZarrArray {
    /// The codecs used when `create` is given none: little-endian `bytes` then `zstd`
    /// (level 0, no checksum), as zarr-python writes by default.
    public static var defaultCodecs: [JSONValue] { defaultCodecs(for: .float64) }

    /// The codecs used when `create` is given none for an array of `dtype`: its serialiser
    /// (`serialiser(for:)`) then `zstd` (level 0, no checksum), as zarr-python writes by default.
    public static func defaultCodecs(for dtype: DataType) -> [JSONValue] {
        [serialiser(for: dtype).json, ["name": "zstd", "configuration": ["level": 0, "checksum": false]]]
    }

    /// The codecs Python simplezarr 1.2 gives a new array: little-endian `bytes`, then `zstd` at
    /// level 7 with its checksum. Pass them as `codecs:` for files identical to a Python script's;
    /// `create` defaults to zarr-python's choice instead (`defaultCodecs(for:)`), which writes
    /// faster and is what other Zarr tools write.
    public static var simplezarrDefaultCodecs: [JSONValue] {
        [BytesCodec(endian: .little).json, ["name": "zstd", "configuration": ["level": 7, "checksum": true]]]
    }

    /// The array -> bytes codec that stores elements of `dtype`: `vlen-utf8` for `string`,
    /// `vlen-bytes` for `bytes`, little-endian `bytes` for every fixed-size type.
    public static func serialiser(for dtype: DataType) -> any ArrayToBytesCodec {
        switch dtype {
        case .string: return VLenUTF8Codec()
        case .bytes: return VLenBytesCodec()
        default: return BytesCodec(endian: .little)
        }
    }

    /// Writes a new array's `zarr.json` at `path` and opens it (Python's `ZarrArray.create`).
    ///
    /// - Parameters:
    ///   - shape: the array's shape (empty for a 0-d array).
    ///   - dtype: the element type.
    ///   - chunkShape: the chunk shape; one chunk holding the whole array when `nil`. With
    ///     `shardShape`, the shape of the inner chunks inside each shard (zarr-python's `chunks=`).
    ///   - shardShape: stores the array sharded (zarr-python's `shards=`): each stored object is a
    ///     shard of this shape (the chunk grid of the metadata), holding inner chunks of
    ///     `chunkShape` (the whole shard when `nil`) encoded with `codecs`, and an index (bytes and
    ///     crc32c, at the end) that lets reads fetch only the inner chunks they need.
    ///   - fillValue: the value of unwritten elements, in its `zarr.json` spelling
    ///     (`0`, `1.5`, `"NaN"`, `"0x7fc00000"`, `[1.0, 2.0]` for complex, `true`);
    ///     zero when `nil`.
    ///   - chunkPathSeparator: `"/"` or `"."` for the default chunk key encoding.
    ///   - chunkKeyEncoding: overrides `chunkPathSeparator` (for example `.v2(separator: ".")`).
    ///   - codecs: the `codecs` list as `zarr.json` entries; `defaultCodecs` when `nil`. They are
    ///     written as the codec pipeline binds them to the array (every configuration member
    ///     spelled out, blosc's `typesize` taken from `dtype` when missing).
    ///   - dimensionNames: one name per dimension.
    ///   - attributes: user attributes.
    /// - Throws: `ZarrError.invalidArgument` for arguments that do not fit together,
    ///   `ZarrError.codec` / `.unsupported` for a bad codec list, store errors.
    @discardableResult
    public static func create(
        _ store: any WritableStore,
        _ path: String,
        shape: [Int],
        dtype: DataType,
        chunkShape: [Int]? = nil,
        shardShape: [Int]? = nil,
        fillValue: JSONValue? = nil,
        chunkPathSeparator: String = "/",
        chunkKeyEncoding: ChunkKeyEncoding? = nil,
        codecs: [JSONValue]? = nil,
        dimensionNames: [String?]? = nil,
        attributes: JSONObject? = nil
    ) throws -> ZarrArray {
        let method = "ZarrArray.create()"
        let (path, gridShape, fill) = try checkedCreateArguments(
            path, shape: shape, dtype: dtype, chunkShape: shardShape ?? chunkShape, fillValue: fillValue, method: method,
            gridName: shardShape == nil ? "chunkShape" : "shardShape")
        let encoding = try chunkKeyEncoding
            ?? .default(separator: ChunkKeyEncoding.checkedSeparator(chunkPathSeparator, method: method))
        var codecList = codecs ?? defaultCodecs(for: dtype)
        guard !codecList.isEmpty else {
            throw ZarrError.invalidArgument("\(method): codecs must hold at least an array -> bytes codec such as 'bytes'")
        }
        if shardShape != nil {
            let inner = chunkShape ?? gridShape
            guard inner.count == gridShape.count, inner.allSatisfy({ $0 >= 1 }) else {
                throw ZarrError.invalidArgument(
                    "\(method): chunkShape \(inner) must have \(gridShape.count) lengths of at least 1 inside shards of \(gridShape)")
            }
            codecList = [shardingEntry(innerChunkShape: inner, codecs: codecList)]
        }
        if let dimensionNames, dimensionNames.count != shape.count {
            throw ZarrError.invalidArgument(
                "\(method): dimensionNames must have \(shape.count) entries, got \(dimensionNames.count)")
        }

        var metadata = V3Metadata.arrayDocument(
            shape: shape, dataType: dtype, chunkShape: gridShape, chunkKeyEncoding: encoding, fillValue: fill,
            codecs: codecList, dimensionNames: dimensionNames, attributes: attributes)

        // Opening the document checks it whole, the codec chain included, before anything is
        // written; the codecs are then written as the pipeline bound them (blosc with the
        // typesize of the data type), as zarr-python writes them.
        let array: ZarrArray
        do {
            let unbound = try ZarrArray(store: store, path: path, metadata: metadata)
            metadata["codecs"] = .array(try unbound.codecPipeline().codecs.map(\.json))
            array = try ZarrArray(store: store, path: path, metadata: metadata)
        } catch ZarrError.invalidMetadata(let message) {
            // For example a chunk shape whose byte count does not fit in Int: the caller's argument.
            throw ZarrError.invalidArgument("\(method): \(message)")
        }
        try MetadataWriting.writeV3(metadata, at: path, to: store)
        return array
    }

    /// The `sharding_indexed` entry `create` writes for `shardShape`: inner chunks of
    /// `innerChunkShape` encoded with `codecs`, the index as zarr-python writes it (bytes and
    /// crc32c, at the end of the shard).
    static func shardingEntry(innerChunkShape: [Int], codecs: [JSONValue]) -> JSONValue {
        [
            "name": "sharding_indexed",
            "configuration": [
                "chunk_shape": JSONValue(innerChunkShape),
                "codecs": .array(codecs),
                "index_codecs": [BytesCodec(endian: .little).json, Crc32cCodec().json],
                "index_location": "end",
            ],
        ]
    }

    /// Checks the arguments every `create` shares; returns the checked path, the chunk shape
    /// (the whole array when `nil`) and the fill value (zero when `nil`).
    /// `gridName` is the argument that gave the chunk grid (`chunkShape`, or `shardShape`), for messages.
    static func checkedCreateArguments(
        _ path: String, shape: [Int], dtype: DataType, chunkShape: [Int]?, fillValue: JSONValue?, method: String,
        gridName: String = "chunkShape"
    ) throws -> (path: String, chunkShape: [Int], fill: FillValue) {
        let path = try NodePath.checked(path, owner: method)
        try dtype.validate(method: method)
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw ZarrError.invalidArgument("\(method): shape cannot have negative lengths, got \(shape)")
        }
        guard shape.count <= ArrayMetadata.maximumDimensionCount else {
            throw ZarrError.invalidArgument(
                "\(method): \(shape.count) dimensions; at most \(ArrayMetadata.maximumDimensionCount) are supported")
        }
        let chunkShape = chunkShape ?? shape.map { max($0, 1) }
        guard chunkShape.count == shape.count else {
            throw ZarrError.invalidArgument(
                "\(method): \(gridName) \(chunkShape) does not match the \(shape.count) dimensions of shape \(shape)")
        }
        guard chunkShape.allSatisfy({ $0 >= 1 }) else {
            throw ZarrError.invalidArgument("\(method): \(gridName) lengths must be at least 1, got \(chunkShape)")
        }
        do {
            return (path, chunkShape, try FillValue(json: fillValue ?? .null, dataType: dtype))
        } catch let error as ZarrError {
            throw ZarrError.invalidArgument("\(method): \(error.message)")
        }
    }

    /// Parses a data type name given to `create`.
    ///
    /// Besides Zarr names (`"uint16"`, `"string"`), numpy's spellings of the types Zarr
    /// configures are accepted: `"<U8"`, `"|S4"`, `"datetime64[ns]"`, `"timedelta64[10s]"`, `"M8[s]"`.
    static func dataType(named name: String) throws -> DataType {
        do {
            return try DataType(zarrName: name)
        } catch let error as ZarrError {
            var numpyName = name
            for (long, short) in [("datetime64", "M8"), ("timedelta64", "m8")] where name.hasPrefix(long) {
                numpyName = short + name.dropFirst(long.count)
            }
            if let numpy = try? NumpyTypeString(numpyName), !numpy.isObject { return numpy.dataType }
            throw ZarrError.invalidArgument("ZarrArray.create(): \(error.message)")
        }
    }

    /// Like `create(_:_:shape:dtype:...)`, with the data type given by its Zarr name (`"uint16"`).
    @discardableResult
    public static func create(
        _ store: any WritableStore,
        _ path: String,
        shape: [Int],
        dtype: String,
        chunkShape: [Int]? = nil,
        shardShape: [Int]? = nil,
        fillValue: JSONValue? = nil,
        chunkPathSeparator: String = "/",
        chunkKeyEncoding: ChunkKeyEncoding? = nil,
        codecs: [JSONValue]? = nil,
        dimensionNames: [String?]? = nil,
        attributes: JSONObject? = nil
    ) throws -> ZarrArray {
        try create(
            store, path, shape: shape, dtype: dataType(named: dtype), chunkShape: chunkShape, shardShape: shardShape, fillValue: fillValue,
            chunkPathSeparator: chunkPathSeparator, chunkKeyEncoding: chunkKeyEncoding, codecs: codecs,
            dimensionNames: dimensionNames, attributes: attributes)
    }

    /// Like `create(_:_:shape:dtype:...)`, with codec values instead of `zarr.json` entries:
    /// `codecs: [BytesCodec(), try BloscCodec(cname: .lz4, clevel: 5, shuffle: .shuffle)]`.
    @discardableResult
    public static func create(
        _ store: any WritableStore,
        _ path: String,
        shape: [Int],
        dtype: DataType,
        chunkShape: [Int]? = nil,
        shardShape: [Int]? = nil,
        fillValue: JSONValue? = nil,
        chunkPathSeparator: String = "/",
        chunkKeyEncoding: ChunkKeyEncoding? = nil,
        codecs: [any Codec],
        dimensionNames: [String?]? = nil,
        attributes: JSONObject? = nil
    ) throws -> ZarrArray {
        try create(
            store, path, shape: shape, dtype: dtype, chunkShape: chunkShape, shardShape: shardShape, fillValue: fillValue,
            chunkPathSeparator: chunkPathSeparator, chunkKeyEncoding: chunkKeyEncoding, codecs: codecs.map(\.json),
            dimensionNames: dimensionNames, attributes: attributes)
    }

    /// Like `create(_:_:shape:dtype:...)`, with the data type by its Zarr name and codec values.
    @discardableResult
    public static func create(
        _ store: any WritableStore,
        _ path: String,
        shape: [Int],
        dtype: String,
        chunkShape: [Int]? = nil,
        shardShape: [Int]? = nil,
        fillValue: JSONValue? = nil,
        chunkPathSeparator: String = "/",
        chunkKeyEncoding: ChunkKeyEncoding? = nil,
        codecs: [any Codec],
        dimensionNames: [String?]? = nil,
        attributes: JSONObject? = nil
    ) throws -> ZarrArray {
        try create(
            store, path, shape: shape, dtype: dtype, chunkShape: chunkShape, shardShape: shardShape, fillValue: fillValue,
            chunkPathSeparator: chunkPathSeparator, chunkKeyEncoding: chunkKeyEncoding, codecs: codecs.map(\.json),
            dimensionNames: dimensionNames, attributes: attributes)
    }
}
