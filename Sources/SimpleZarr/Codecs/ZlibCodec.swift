// The `numcodecs.zlib` codec (bytes -> bytes), numcodecs' `Zlib` through
// zarr-python 3's numcodecs codecs (https://numcodecs.readthedocs.io/en/stable/compression/zlib.html):
// each chunk is one zlib stream (RFC 1950: header, deflate data, Adler-32).
// `level` is zlib's: 0 (stored) to 9, or -1 for zlib's default (6); numcodecs'
// default is 1. Compression is ZarrCompression's pure-Swift deflate.

import Foundation
import ZarrCompression

/// Compresses chunks into zlib streams, as numcodecs' `zlib` codec does.
public struct ZlibCodec: DecodesIntoBuffer {
    public static let name = "numcodecs.zlib"
    public static let aliases = ["zlib"]

    /// The compression level: 0...9, or -1 for zlib's default level (6).
    public let level: Int

    /// A codec compressing at `level` (-1...9; numcodecs' default is 1).
    public init(level: Int = 1) throws {
        guard (-1...9).contains(level) else {
            throw ZarrError.invalidArgument("codec '\(Self.name)': level must be -1...9, got \(level)")
        }
        self.level = level
    }

    /// Reads `{"level": -1...9}`; a missing level means 1, as in numcodecs.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["level"])
        try self.init(level: try configuration.integer("level", of: Self.name, in: -1...9, default: 1))
    }

    public var configuration: JSONObject { ["level": JSONValue(level)] }

    /// The compressed stream is a new buffer.
    public var encodeReturnsNewStorage: Bool { true }

    public func encode(_ bytes: Data) throws -> Data {
        let effectiveLevel = level == -1 ? 6 : level
        return Data(bytes.withUnsafeBytes { Zlib.compress($0, level: effectiveLevel) })
    }

    public func decode(_ bytes: Data) throws -> Data {
        try decode(bytes, decodedSize: nil)
    }

    public func decode(_ bytes: Data, decodedSize: Int?) throws -> Data {
        if let decodedSize { return try decodeIntoNewData(bytes, decodedSize: decodedSize) }
        return try decompressChunk(codec: Self.name, decodedSize: nil) { limit in
            try bytes.withUnsafeBytes { try Zlib.decompress($0, maxOutputSize: limit) }
        }
    }

    /// How many bytes past the decoded data `decode(_:into:)` may overwrite.
    public var decodeSlack: Int { Deflate.decompressionSlack }

    /// Decodes one chunk's bytes into `output` (the decoded size plus `decodeSlack` bytes).
    public func decode(_ bytes: Data, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try decompressing(codec: Self.name) { try bytes.withUnsafeBytes { try Zlib.decompress($0, into: output) } }
    }
}
