// The one place where a bytes -> bytes decompressor meets the chunk size limit:
// every compressing codec decodes through `decompressChunk`, so output is bounded by
// the chunk's decoded size when the pipeline knows it, and by
// `ZarrLimits.maximumChunkByteCount` when it does not.

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
