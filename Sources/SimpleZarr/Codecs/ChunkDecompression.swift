// The one place where a bytes -> bytes decompressor meets the chunk size limit:
// every compressing codec decodes through `decompressChunk`, so output is bounded by
// the chunk's decoded size when the pipeline knows it, and by
// `ZarrLimits.maximumChunkByteCount` when it does not. When the size is known and the
// decompressor can write into caller memory, it decodes straight into the buffer that
// becomes the returned `Data` (no copy of the decoded chunk), a buffer of the shared
// `ChunkBufferPool`.

import Foundation
import ZarrCompression

/// Runs a decompressor bounded by the chunk's decoded size (or, when that is unknown, by
/// `ZarrLimits.maximumChunkByteCount`), and checks the result has that size; compression
/// errors become `ZarrError.codec`.
func decompressChunk(
    codec: String, decodedSize: Int?, _ decompress: (_ maxOutputSize: Int) throws -> [UInt8]
) throws -> Data {
    let output = try decompressing(codec: codec) { try decompress(decodedSize ?? ZarrLimits.maximumChunkByteCount) }
    if let decodedSize, output.count != decodedSize {
        throw ZarrError.codec("codec '\(codec)': decoded \(output.count) bytes, but the chunk needs \(decodedSize)")
    }
    return Data(output)
}

/// Decodes one chunk of `decodedSize` bytes straight into the buffer the returned `Data` owns
/// (no copy): `decompress` writes into a buffer of `decodedSize + slack` bytes (the slack is
/// scratch room some decoders need) and returns how many bytes it decoded, which must be
/// `decodedSize`. Compression errors become `ZarrError.codec`.
func decompressChunk(
    codec: String, decodedSize: Int, slack: Int = 0, into decompress: (UnsafeMutableRawBufferPointer) throws -> Int
) throws -> Data {
    let (capacity, overflow) = decodedSize.addingReportingOverflow(slack)
    guard !overflow, decodedSize >= 0, slack >= 0 else {
        throw ZarrError.limitExceeded("codec '\(codec)': cannot allocate \(decodedSize) bytes for a decoded chunk")
    }
    let pool = ChunkBufferPool.shared
    let buffer: ChunkBufferPool.Buffer
    do {
        buffer = try pool.acquire(byteCount: capacity)
    } catch {
        throw ZarrError.limitExceeded("codec '\(codec)': cannot allocate \(decodedSize) bytes for a decoded chunk")
    }
    do {
        try decompressChunk(
            codec: codec, decodedSize: decodedSize, into: UnsafeMutableRawBufferPointer(start: buffer.pointer, count: capacity),
            decompress)
    } catch {
        pool.release(buffer)
        throw error
    }
    return pool.data(owning: buffer, count: decodedSize)
}

/// Decodes one chunk of `decodedSize` bytes into `output` (the size plus the decoder's slack):
/// `decompress` returns how many bytes it decoded, which must be `decodedSize`. Compression
/// errors become `ZarrError.codec`.
func decompressChunk(
    codec: String, decodedSize: Int, into output: UnsafeMutableRawBufferPointer,
    _ decompress: (UnsafeMutableRawBufferPointer) throws -> Int
) throws {
    let written = try decompressing(codec: codec) { try decompress(output) }
    guard written == decodedSize else {
        throw ZarrError.codec("codec '\(codec)': decoded \(written) bytes, but the chunk needs \(decodedSize)")
    }
}

/// Runs a decompression step with its compression errors as `ZarrError.codec` naming `codec`.
func decompressing<T>(codec: String, _ step: () throws -> T) throws -> T {
    do {
        return try step()
    } catch let error as CompressionError {
        throw ZarrError.codec("codec '\(codec)': \(error.message)")
    }
}

extension DecodesIntoBuffer {
    /// `decode(_:decodedSize:)` for a known size: `decode(_:into:)` into a pool buffer that
    /// becomes the returned `Data`.
    func decodeIntoNewData(_ bytes: Data, decodedSize: Int) throws -> Data {
        try decompressChunk(codec: name, decodedSize: decodedSize, slack: decodeSlack) { try decode(bytes, into: $0) }
    }
}
