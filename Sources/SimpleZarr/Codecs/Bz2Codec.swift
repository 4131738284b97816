// The `numcodecs.bz2` codec (bytes -> bytes), numcodecs' BZ2 as zarr-python 3 writes it
// (simplezarr and Zarr v2 call it `bz2`): each chunk is one bzip2 stream, as Python's
// bz2.compress writes it, with no framing. `level` (1-9) is the block size in units of
// 100,000 bytes. Compression is ZarrCompression's pure-Swift bzip2.

import Foundation
import ZarrCompression

/// Compresses chunks with bzip2.
public struct Bz2Codec: DecodesIntoBuffer {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.bz2"
    /// simplezarr's name for it (and the v2 compressor id).
    public static let aliases = ["bz2"]

    /// The block size in units of 100,000 bytes, 1...9.
    public let level: Int

    /// A codec compressing at `level` (1...9; numcodecs' default is 1).
    public init(level: Int = 1) throws {
        guard (1...9).contains(level) else {
            throw ZarrError.invalidArgument("codec '\(Self.name)': level must be 1...9, got \(level)")
        }
        self.level = level
    }

    /// Reads `{"level": 1...9}`; a missing level means 1.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["level"])
        try self.init(level: try configuration.integer("level", of: Self.name, in: 1...9, default: 1))
    }

    /// The configuration written to `zarr.json`.
    public var configuration: JSONObject { ["level": JSONValue(level)] }

    /// The compressed stream is a new buffer.
    public var encodeReturnsNewStorage: Bool { true }

    /// Encodes one chunk's bytes.
    public func encode(_ bytes: Data) throws -> Data {
        Data(bytes.withUnsafeBytes { BZip2.compress($0, level: level) })
    }

    /// Decodes one chunk's bytes.
    public func decode(_ bytes: Data) throws -> Data {
        try decode(bytes, decodedSize: nil)
    }

    /// Decodes one chunk's bytes, bounded by the decoded size when the pipeline knows it (then
    /// straight into the returned buffer).
    public func decode(_ bytes: Data, decodedSize: Int?) throws -> Data {
        if let decodedSize { return try decodeIntoNewData(bytes, decodedSize: decodedSize) }
        return try decompressChunk(codec: Self.name, decodedSize: nil) { limit in
            try bytes.withUnsafeBytes { try BZip2.decompress($0, maxOutputSize: limit) }
        }
    }

    /// How many bytes past the decoded data `decode(_:into:)` may overwrite.
    public var decodeSlack: Int { 0 }

    /// Decodes one chunk's bytes into `output` (the decoded size plus `decodeSlack` bytes).
    public func decode(_ bytes: Data, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try decompressing(codec: Self.name) { try bytes.withUnsafeBytes { try BZip2.decompress($0, into: output) } }
    }
}
