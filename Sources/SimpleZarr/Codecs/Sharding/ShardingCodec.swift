// The `sharding_indexed` codec (array -> bytes):
// https://zarr-specs.readthedocs.io/en/latest/v3/codecs/sharding-indexed/index.html
// A shard (one chunk of the array's grid) is cut into inner chunks of
// `chunk_shape`. Each inner chunk is encoded with the inner `codecs` and the
// results are stored one after another; an index of one (offset, nbytes) pair
// of uint64 per inner chunk, in C order of the inner grid and encoded with
// `index_codecs`, sits at the start or the end of the shard. An inner chunk
// that holds only the fill value is not stored: both its index values are
// 2^64 - 1. Readers of part of a shard fetch the index, then only the inner
// chunks they need.

import Foundation

/// Stores a chunk (a shard) as many independently encoded inner chunks plus an index, so a
/// reader can fetch and decode only the inner chunks a region needs.
///
/// ```swift
/// let arr = try ZarrArray.create(store, "a", shape: [1024, 1024], dtype: .float32, chunkShape: [256, 256],
///                                codecs: [ShardingCodec(chunkShape: [32, 32])])
/// ```
public struct ShardingCodec: PartialDecodingCodec {
    /// The name in `zarr.json`.
    public static let name = "sharding_indexed"

    /// Where a shard keeps its index.
    public enum IndexLocation: String, Sendable {
        /// The first bytes of the shard.
        case start
        /// The last bytes of the shard (the spec's default).
        case end
    }

    /// The shape of the inner chunks.
    public let chunkShape: [Int]

    /// The inner chunk shape: a shard is stored as independently encoded chunks of this shape.
    public var innerChunkShape: [Int]? { chunkShape }
    /// The codecs of each inner chunk, in encoding order.
    public let codecs: [any Codec]
    /// The codecs of the index; their output must have a fixed size (`bytes` and checksums).
    public let indexCodecs: [any Codec]
    /// Where the index is stored.
    public let indexLocation: IndexLocation
    /// The inner and index pipelines, once `bound(to:)` has built them; shared by copies.
    private let layout: ShardLayout?

    /// A codec cutting shards into inner chunks of `chunkShape`, each encoded with `codecs`, the
    /// index encoded with `indexCodecs` and stored at `indexLocation`.
    public init(
        chunkShape: [Int], codecs: [any Codec] = [BytesCodec(), ZstdCodec.standard],
        indexCodecs: [any Codec] = [BytesCodec(), Crc32cCodec()], indexLocation: IndexLocation = .end
    ) {
        self.chunkShape = chunkShape
        self.codecs = codecs
        self.indexCodecs = indexCodecs
        self.indexLocation = indexLocation
        self.layout = nil
    }

    /// Reads `{"chunk_shape": [...], "codecs": [...], "index_codecs": [...], "index_location": "end"}`;
    /// `index_codecs` defaults to `bytes` (little-endian) + `crc32c`, `index_location` to `"end"`.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["chunk_shape", "codecs", "index_codecs", "index_location"])
        let shapeValue = configuration["chunk_shape"] ?? nil
        guard let lengths = shapeValue.arrayValue else {
            throw ZarrError.invalidMetadata("codec '\(Self.name)': chunk_shape must be an array of positive integers, got \(shapeValue.jsonText)")
        }
        let shape = try lengths.map { length in
            guard let value = length.intValue, value > 0 else {
                throw ZarrError.invalidMetadata(
                    "codec '\(Self.name)': chunk_shape must be an array of positive integers, got \(shapeValue.jsonText)")
            }
            return value
        }
        guard let codecs = try Self.codecList("codecs", in: configuration) else {
            throw ZarrError.invalidMetadata("codec '\(Self.name)': configuration needs 'codecs' (the inner chunks' codec list)")
        }
        var location = IndexLocation.end
        if let value = configuration["index_location"] {
            guard let text = value.stringValue, let parsed = IndexLocation(rawValue: text) else {
                throw ZarrError.invalidMetadata("codec '\(Self.name)': index_location must be \"start\" or \"end\", got \(value.jsonText)")
            }
            location = parsed
        }
        self.init(
            chunkShape: shape, codecs: codecs,
            indexCodecs: try Self.codecList("index_codecs", in: configuration) ?? [BytesCodec(endian: .little), Crc32cCodec()],
            indexLocation: location)
    }

    /// The codecs of the member `key` (`nil` when absent), each entry read as in `zarr.json`.
    private static func codecList(_ key: String, in configuration: JSONObject) throws -> [any Codec]? {
        guard let value = configuration[key] else { return nil }
        guard let entries = value.arrayValue, !entries.isEmpty else {
            throw ZarrError.invalidMetadata("codec '\(name)': \(key) must be a non-empty array of codecs, got \(value.jsonText)")
        }
        do {
            return try entries.map(CodecRegistry.makeCodec(from:))
        } catch let error as ZarrError {
            throw error.prefixed("codec '\(name)': \(key)")
        }
    }

    /// The four members; once bound, the inner and index codecs as their pipelines bound them
    /// (blosc's typesize, shuffle's element size spelled out), as zarr-python writes them.
    public var configuration: JSONObject {
        [
            "chunk_shape": JSONValue(chunkShape),
            "codecs": .array((layout?.inner.codecs ?? codecs).map(\.json)),
            "index_codecs": .array((layout?.index.codecs ?? indexCodecs).map(\.json)),
            "index_location": .string(indexLocation.rawValue),
        ]
    }

    private init(_ unbound: ShardingCodec, layout: ShardLayout) {
        self.chunkShape = unbound.chunkShape
        self.codecs = unbound.codecs
        self.indexCodecs = unbound.indexCodecs
        self.indexLocation = unbound.indexLocation
        self.layout = layout
    }

    /// Checks that `representation`'s shape (the shard's) is made of whole inner chunks and builds
    /// the inner and index pipelines.
    ///
    /// - Throws: `ZarrError.codec` naming both shapes when the shard shape is not a positive
    ///   multiple of `chunkShape`; `ZarrError.unsupported` when the index codecs do not give the
    ///   index a fixed size; errors of the inner or index codec lists.
    public func bound(to representation: ArrayRepresentation) throws -> ShardingCodec {
        if let layout, layout.shard == representation { return self }
        let layout = try ShardLayout(
            shard: representation, chunkShape: chunkShape, codecs: codecs, indexCodecs: indexCodecs,
            indexLocation: indexLocation)
        return ShardingCodec(self, layout: layout)
    }

    /// The pipelines for shards of `decoded`, throwing when the codec was bound to another representation.
    private func layout(for decoded: ArrayRepresentation) throws -> ShardLayout {
        guard let layout, layout.shard == decoded else {
            throw ZarrError.codec(
                "codec '\(Self.name)': not bound to shards of shape \(ArrayMetadata.brief(decoded.shape)) of \(decoded.dataType) "
                    + "(build a CodecPipeline, which binds its codecs)")
        }
        return layout
    }

    /// Throws `ZarrError.codec` unless the codec was bound to shards of `decoded`.
    public func validate(_ decoded: ArrayRepresentation) throws {
        _ = try layout(for: decoded)
    }

    /// Cuts `array` (one shard) into inner chunks, encodes those not equal to the fill value
    /// everywhere, and lays them out with the index.
    public func encode(_ array: NDArray) throws -> Data {
        guard let layout else {
            throw ZarrError.codec("codec '\(Self.name)': not bound to a shard representation (build a CodecPipeline, which binds its codecs)")
        }
        return try layout.encode(array)
    }

    /// Decodes a whole stored shard: every stored inner chunk, the fill value for the others.
    public func decode(_ bytes: Data, to decoded: ArrayRepresentation) throws -> NDArray {
        try layout(for: decoded).decode(bytes)
    }

    /// Decodes `region` of one shard: reads the index (one read), then the stored inner chunks
    /// the region touches, merged into few ranges (one read; see `coalesceMaxGapBytes` and
    /// `coalesceMaxBytes`), and decodes those inner chunks in parallel on `executor`.
    public func decodePartial(
        _ region: ChunkRegion, of decoded: ArrayRepresentation, from reader: any ByteRangeReader,
        into destination: RegionDestination, executor: ThreadPoolExecutor,
        completion: @escaping @Sendable (Result<Void, any Error>) -> Void
    ) {
        do {
            try layout(for: decoded).decodePartial(
                region, from: reader, into: destination, executor: executor, completion: completion)
        } catch {
            completion(.failure(error))
        }
    }
}
