// The `zstd` codec (bytes -> bytes):
// https://github.com/zarr-developers/zarr-extensions/tree/main/codecs/zstd
// Each chunk is one Zstandard frame (RFC 8878); `level` follows libzstd
// (0 = the default level 3, negative = faster), `checksum` adds XXH64.
// Compression is ZarrCompression's pure-Swift Zstandard. zarr-python 3 writes numcodecs'
// Zstd as `numcodecs.zstd` with the same two members; it reads as this codec.

import Foundation
import ZarrCompression

/// Compresses chunks with Zstandard.
public struct ZstdCodec: DecodesIntoBuffer {
    public static let name = "zstd"
    /// zarr-python 3's name for numcodecs' Zstd codec, which writes the same streams.
    public static let aliases = ["numcodecs.zstd"]

    /// The compression level (0 means libzstd's default, 3).
    public let level: Int
    /// Whether frames carry a content checksum.
    public let checksum: Bool

    /// Level 0 (libzstd's default) without a checksum: what zarr-python compresses with by default.
    public static let standard = ZstdCodec(checkedLevel: 0, checksum: false)

    /// A codec compressing at `level`, with or without a checksum.
    public init(level: Int = 0, checksum: Bool = false) throws {
        guard (-131_072...22).contains(level) else {
            throw ZarrError.invalidArgument("codec 'zstd': level must be -131072...22, got \(level)")
        }
        self.init(checkedLevel: level, checksum: checksum)
    }

    private init(checkedLevel level: Int, checksum: Bool) {
        self.level = level
        self.checksum = checksum
    }

    /// Reads `{"level": Int, "checksum": Bool}`; missing members mean level 0 and no checksum.
    public init(configuration: JSONObject) throws {
        let levelValue = configuration["level"] ?? 0
        let checksumValue = configuration["checksum"] ?? false
        guard let level = levelValue.intValue else {
            throw ZarrError.invalidMetadata("codec 'zstd': level must be an integer, got \(levelValue.jsonText)")
        }
        guard let checksum = checksumValue.boolValue else {
            throw ZarrError.invalidMetadata("codec 'zstd': checksum must be true or false, got \(checksumValue.jsonText)")
        }
        try self.init(level: level, checksum: checksum)
    }

    public var configuration: JSONObject { ["level": JSONValue(level), "checksum": .bool(checksum)] }

    /// The compressed stream is a new buffer.
    public var encodeReturnsNewStorage: Bool { true }

    public func encode(_ bytes: Data) throws -> Data {
        Data(bytes.withUnsafeBytes { Zstd.compress($0, level: level, checksum: checksum) })
    }

    public func decode(_ bytes: Data) throws -> Data {
        try decode(bytes, decodedSize: nil)
    }

    public func decode(_ bytes: Data, decodedSize: Int?) throws -> Data {
        if let decodedSize { return try decodeIntoNewData(bytes, decodedSize: decodedSize) }
        return try decompressChunk(codec: Self.name, decodedSize: nil) { limit in
            try bytes.withUnsafeBytes { try Zstd.decompress($0, maxOutputSize: limit) }
        }
    }

    /// How many bytes past the decoded data `decode(_:into:)` may overwrite.
    public var decodeSlack: Int { Zstd.decompressionSlack }

    /// Decodes one chunk's bytes into `output` (the decoded size plus `decodeSlack` bytes).
    public func decode(_ bytes: Data, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try decompressing(codec: Self.name) { try bytes.withUnsafeBytes { try Zstd.decompress($0, into: output) } }
    }
}
