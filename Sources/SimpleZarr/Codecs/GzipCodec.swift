// The `gzip` codec (bytes -> bytes):
// https://zarr-specs.readthedocs.io/en/latest/v3/codecs/gzip/index.html
// The chunk is one gzip member (RFC 1952); `level` is 0 (stored) to 9.
// Compression is ZarrCompression's pure-Swift deflate. zarr-python 3 writes numcodecs'
// GZip as `numcodecs.gzip` with the same `level`; it reads as this codec.

import Foundation
import ZarrCompression

/// Compresses chunks with gzip.
public struct GzipCodec: DecodesIntoBuffer {
    public static let name = "gzip"
    /// zarr-python 3's name for numcodecs' GZip codec, which writes the same streams.
    public static let aliases = ["numcodecs.gzip"]

    /// The compression level, 0...9.
    public let level: Int

    /// A codec compressing at `level` (0...9).
    public init(level: Int = 5) throws {
        guard (0...9).contains(level) else {
            throw ZarrError.invalidArgument("codec 'gzip': level must be 0...9, got \(level)")
        }
        self.level = level
    }

    /// Reads `{"level": 0...9}`; a missing level means 5.
    public init(configuration: JSONObject) throws {
        let value = configuration["level"] ?? 5
        guard let level = value.intValue, (0...9).contains(level) else {
            throw ZarrError.invalidMetadata("codec 'gzip': level must be an integer 0...9, got \(value.jsonText)")
        }
        try self.init(level: level)
    }

    public var configuration: JSONObject { ["level": JSONValue(level)] }

    /// The compressed stream is a new buffer.
    public var encodeReturnsNewStorage: Bool { true }

    public func encode(_ bytes: Data) throws -> Data {
        Data(bytes.withUnsafeBytes { Gzip.compress($0, level: level) })
    }

    public func decode(_ bytes: Data) throws -> Data {
        try decode(bytes, decodedSize: nil)
    }

    public func decode(_ bytes: Data, decodedSize: Int?) throws -> Data {
        if let decodedSize { return try decodeIntoNewData(bytes, decodedSize: decodedSize) }
        return try decompressChunk(codec: Self.name, decodedSize: nil) { limit in
            try bytes.withUnsafeBytes { try Gzip.decompress($0, maxOutputSize: limit) }
        }
    }

    /// How many bytes past the decoded data `decode(_:into:)` may overwrite.
    public var decodeSlack: Int { Deflate.decompressionSlack }

    /// Decodes one chunk's bytes into `output` (the decoded size plus `decodeSlack` bytes).
    public func decode(_ bytes: Data, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try decompressing(codec: Self.name) { try bytes.withUnsafeBytes { try Gzip.decompress($0, into: output) } }
    }
}
