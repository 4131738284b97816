// How c-blosc 1.21 cuts a buffer into blocks and when it splits them, so that
// our chunks have the same block size as c-blosc's for the same input (and so
// about the same ratio).
//
// Block size: the whole buffer when it is below 32 KiB (L1), else 32 KiB,
// doubled for the "high compression ratio" codecs (lz4hc, zlib, zstd), then
// scaled by the level (x1/4 at 0, x1/2 at 1, x1 at 2, x2 at 3, x4 at 4-5, x8 at
// 6-8, x8 at 9 and x16 for those codecs). A forced size replaces all this,
// raised to at least 128 bytes and cut to the format's maximum. For a level above 0 and a
// block that will be split, the size is then capped at 256 KiB, multiplied by
// the typesize and kept within 64 KiB...1 MiB. Last, it is cut to the buffer
// size and rounded down to a multiple of the typesize.
//
// Splitting: a block is compressed as `typesize` streams when the split mode
// allows it for the compressor, the typesize is at most 16 and the block holds
// at least 128 elements.

extension Blosc {
    /// The smallest forced block size, and the size below which a buffer is
    /// always stored as it is.
    static let minBufferSize = 128
    /// The largest block size c-blosc accepts.
    static let maxBlockSize = (Int(Int32.max) - 255 * 4) / 3
    /// The most streams a block is split into.
    static let maxSplits = 16

    /// Whether a block of `blockSize` bytes of `typesize`-byte elements is
    /// split into per-byte streams under `mode`.
    static func splitsBlocks(_ mode: SplitMode, _ compressor: Compressor, typesize: Int, blockSize: Int) -> Bool {
        let splittable = typesize <= maxSplits && blockSize / typesize >= minBufferSize
        switch mode {
        case .always: return splittable
        case .never: return false
        case .auto: return (compressor == .blosclz || compressor == .snappy) && splittable
        case .forwardCompatible: return compressor != .zstd && splittable
        }
    }

    /// The block size c-blosc picks for `count` bytes (see the file header).
    /// `typesize` is at least 1, `clevel` in 0...9, `forced` 0 for automatic.
    static func blockSize(clevel: Int, typesize: Int, count: Int, compressor: Compressor, forced: Int,
                          splitMode: SplitMode) -> Int {
        assert(typesize >= 1 && (0...9).contains(clevel))
        guard count >= typesize else { return 1 }
        var size = count
        let highRatio = compressor == .lz4hc || compressor == .zlib || compressor == .zstd
        if forced > 0 {
            size = min(max(forced, minBufferSize), maxBlockSize)
        } else if count >= 32 * 1024 {
            size = 32 * 1024 * (highRatio ? 2 : 1)
            switch clevel {
            case 0: size /= 4
            case 1: size /= 2
            case 2: break
            case 3: size *= 2
            case 4, 5: size *= 4
            case 6, 7, 8: size *= 8
            default: size *= highRatio ? 16 : 8
            }
        }
        if clevel > 0 && splitsBlocks(splitMode, compressor, typesize: typesize, blockSize: size) {
            size = min(max(min(size, 1 << 18) * typesize, 1 << 16), 1 << 20)
        }
        size = min(size, count)
        if size > typesize { size = size / typesize * typesize }
        return size
    }
}
