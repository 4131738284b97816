// The one place where a bytes -> bytes decompressor meets the chunk size limit:
// every compressing codec decodes through `decompressChunk`, so output is bounded by
// the chunk's decoded size when the pipeline knows it, and by
// `ZarrLimits.maximumChunkByteCount` when it does not. When the size is known and the
// decompressor can write into caller memory, it decodes straight into the buffer that
// becomes the returned `Data` (no copy of the decoded chunk).

import Foundation
import ZarrCompression

/// Runs a decompressor bounded by the chunk's decoded size (or, when that is unknown, by
/// `ZarrLimits.maximumChunkByteCount`), and checks the result has that size; compression
/// errors become `ZarrError.codec`.
func decompressChunk(
    codec: String, decodedSize: Int?, _ decompress: (_ maxOutputSize: Int) throws -> [UInt8]
) throws -> Data {
    let output: [UInt8]
    do {
        output = try decompress(decodedSize ?? ZarrLimits.maximumChunkByteCount)
    } catch let error as CompressionError {
        throw ZarrError.codec("codec '\(codec)': \(error.message)")
    }
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
    guard !overflow, decodedSize >= 0, slack >= 0, let raw = malloc(max(capacity, 1)) else {
        throw ZarrError.limitExceeded("codec '\(codec)': cannot allocate \(decodedSize) bytes for a decoded chunk")
    }
    let written: Int
    do {
        written = try decompress(UnsafeMutableRawBufferPointer(start: raw, count: capacity))
    } catch let error as CompressionError {
        free(raw)
        throw ZarrError.codec("codec '\(codec)': \(error.message)")
    } catch {
        free(raw)
        throw error
    }
    guard written == decodedSize else {
        free(raw)
        throw ZarrError.codec("codec '\(codec)': decoded \(written) bytes, but the chunk needs \(decodedSize)")
    }
    return Data(bytesNoCopy: raw, count: decodedSize, deallocator: .free)
}
