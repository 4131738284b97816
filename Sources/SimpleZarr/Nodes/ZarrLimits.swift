// Process-wide resource limits. A `zarr.json` of a few hundred bytes can
// describe chunks of many gigabytes; the limit below makes the library
// refuse such a chunk with a clear error before allocating it, instead of
// letting the allocation abort the process or exhaust memory.

import Synchronization

/// Resource limits that protect the process from hostile or mistaken metadata. Thread-safe.
///
/// ```swift
/// ZarrLimits.maximumChunkByteCount = 4 << 30   // allow chunks of up to 4 GiB
/// ```
public enum ZarrLimits {
    /// The default for `maximumChunkByteCount`: 1 GiB, well above the chunk sizes real data uses
    /// (a few MB to a few hundred MB).
    public static let defaultMaximumChunkByteCount = 1 << 30

    private static let chunkByteLimit = Atomic<Int>(defaultMaximumChunkByteCount)

    /// The largest decoded size, in bytes, of one chunk that the library will build or decode.
    ///
    /// `getChunk`, `setChunk` and slice reads and writes throw `ZarrError.limitExceeded` for
    /// a larger chunk before allocating anything; decompressors whose output size is not
    /// known in advance stop at this size. Reading the part of a larger chunk that was never
    /// written still works (it needs no chunk buffer). Negative values count as 0.
    public static var maximumChunkByteCount: Int {
        get { chunkByteLimit.load(ordering: .relaxed) }
        set { chunkByteLimit.store(max(0, newValue), ordering: .relaxed) }
    }

    /// The longest stored (encoded) chunk the library reads: the decoded ceiling plus room for
    /// what codecs add to incompressible data (stored deflate blocks, raw zstd blocks,
    /// checksums). A longer value at a chunk key is refused before it is read.
    static var maximumStoredChunkByteCount: Int {
        let limit = maximumChunkByteCount
        let (padded, overflow) = limit.addingReportingOverflow(limit / 64 + (1 << 16))
        return overflow ? Int.max : padded
    }

    /// Throws `ZarrError.limitExceeded` when a chunk of `byteCount` bytes is above the limit
    /// (`method`, the name the message starts with, is only built then).
    static func checkChunk(byteCount: Int, shape: [Int], dataType: DataType, method: @autoclosure () -> String) throws {
        let limit = maximumChunkByteCount
        guard byteCount > limit else { return }
        throw ZarrError.limitExceeded(
            "\(method()): a chunk of shape \(shape) of \(dataType) takes \(byteCount) bytes, more than "
                + "ZarrLimits.maximumChunkByteCount (\(limit) bytes); raise that limit to work with it")
    }
}
