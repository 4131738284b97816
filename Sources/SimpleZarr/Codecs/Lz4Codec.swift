// The `numcodecs.lz4` codec (bytes -> bytes), numcodecs' LZ4 as zarr-python 3 writes it
// (simplezarr calls it `lz4`): each chunk is the decoded size as a 4-byte little-endian
// signed integer, then one raw LZ4 block (the block format of lz4's
// doc/lz4_Block_format.md). `acceleration` trades ratio for speed, as in liblz4.

import Foundation
import ZarrCompression

/// Compresses chunks with LZ4, in numcodecs' layout.
public struct Lz4Codec: DecodesIntoBuffer {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.lz4"
    /// simplezarr's name for it.
    public static let aliases = ["lz4"]

    /// liblz4's acceleration: 1 (the default) compresses best; larger values are faster.
    public let acceleration: Int

    /// A codec compressing with `acceleration` (values below 1 mean 1, as in liblz4).
    public init(acceleration: Int = 1) {
        self.acceleration = acceleration
    }

    /// Reads `{"acceleration": Int}`; a missing member means 1.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["acceleration"])
        self.init(acceleration: try configuration.integer("acceleration", of: Self.name, in: Int.min...Int.max, default: 1))
    }

    /// The configuration written to `zarr.json`.
    public var configuration: JSONObject { ["acceleration": JSONValue(acceleration)] }

    /// The size header and the block are a new buffer.
    public var encodeReturnsNewStorage: Bool { true }

    /// Encodes one chunk's bytes.
    public func encode(_ bytes: Data) throws -> Data {
        guard bytes.count <= Int(Int32.max), let bound = LZ4.compressBound(bytes.count) else {
            throw ZarrError.invalidArgument(
                "codec '\(Self.name)': a chunk of \(bytes.count) bytes is larger than LZ4 can compress")
        }
        var output = Data(count: 4 + bound)
        let written = output.withUnsafeMutableBytes { out -> Int in
            out.storeBytes(of: UInt32(bytes.count).littleEndian, as: UInt32.self)
            return bytes.withUnsafeBytes {
                LZ4.compressBlock($0, into: UnsafeMutableRawBufferPointer(rebasing: out[4...]), acceleration: acceleration)
            }
        }
        // A block sized by compressBound always fits.
        guard written > 0 || bytes.isEmpty else {
            throw ZarrError.codec("codec '\(Self.name)': the block did not fit in its bound")
        }
        output.count = 4 + written
        return output
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
            try bytes.withUnsafeBytes { raw in
                let block = try Self.block(of: raw, limit: limit)
                return try LZ4.decompress(block.bytes, decodedSize: block.declared)
            }
        }
    }

    /// Splits numcodecs' framing: the decoded size (a little-endian 32-bit header, at most
    /// `limit`) and the LZ4 block after it.
    private static func block(of raw: UnsafeRawBufferPointer, limit: Int) throws -> (declared: Int, bytes: UnsafeRawBufferPointer) {
        guard raw.count >= 4 else {
            throw CompressionError("lz4: chunk of \(raw.count) bytes is too short for its 4-byte size header")
        }
        let declared = Int(Int32(littleEndian: raw.loadUnaligned(as: Int32.self)))
        guard declared >= 0, declared <= limit else {
            throw CompressionError("lz4: the size header says \(declared) bytes, outside 0...\(limit)")
        }
        return (declared, UnsafeRawBufferPointer(rebasing: raw[4...]))
    }

    /// How many bytes past the decoded data `decode(_:into:)` may overwrite.
    public var decodeSlack: Int { 0 }

    /// Decodes one chunk's bytes into `output` (the decoded size plus `decodeSlack` bytes).
    public func decode(_ bytes: Data, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try decompressing(codec: Self.name) {
            try bytes.withUnsafeBytes { raw in
                let block = try Self.block(of: raw, limit: output.count - decodeSlack)
                let written = try LZ4.decompressBlock(block.bytes, into: output)
                guard written == block.declared else {
                    throw CompressionError("lz4: the block decodes to \(written) bytes, but its size header says \(block.declared)")
                }
                return written
            }
        }
    }
}
