// Zstandard frame header (RFC 8878 §3.1.1.1) and skippable frames (§3.1.2).
//
// A frame starts with the magic number 0xFD2FB528 (little-endian), then a
// descriptor byte: content-size field size (2 bits), single-segment flag,
// an unused bit, a reserved bit that must be 0, the content-checksum flag,
// and the dictionary-ID field size (2 bits). Then, in order: the window
// descriptor (absent for single-segment frames), the dictionary ID, and the
// frame content size.

/// The decoded header of a Zstandard frame.
struct ZstdFrameHeader {
    static let magic: UInt32 = 0xFD2F_B528
    static let skippableMagicMask: UInt32 = 0xFFFF_FFF0
    static let skippableMagic: UInt32 = 0x184D_2A50

    /// Bytes the header occupies, magic number included.
    var headerSize: Int
    /// Frame_Content_Size, if the header carries one.
    var contentSize: UInt64?
    /// The window size the encoder promised to stay within.
    var windowSize: UInt64
    var hasChecksum: Bool

    /// Largest decompressed size of one block of this frame.
    var blockMaximum: Int { Int(min(windowSize, UInt64(ZstdDecoderState.maxBlockSize))) }

    @inline(__always)
    static func readLE32(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24
    }

    /// The total size (8-byte header plus payload) of the skippable frame
    /// whose header is the 8 bytes at `src`, or nil if they do not start a
    /// skippable frame. The caller checks the size against the input.
    @inline(__always)
    static func skippableFrameSize(_ src: UnsafePointer<UInt8>) -> Int? {
        guard readLE32(src) & skippableMagicMask == skippableMagic else { return nil }
        return 8 + Int(readLE32(src + 4))
    }

    /// Parses the frame header at `src` (which must start with the magic).
    static func parse(_ src: UnsafePointer<UInt8>, count: Int) throws -> ZstdFrameHeader {
        guard count >= 5 else { throw CompressionError("zstd: truncated frame header") }
        guard readLE32(src) == magic else {
            throw CompressionError("zstd: unknown frame magic number 0x" + String(readLE32(src), radix: 16, uppercase: true))
        }
        let descriptor = Int(src[4])
        let fcsFlag = descriptor >> 6
        let singleSegment = descriptor & 0x20 != 0
        guard descriptor & 0x08 == 0 else { throw CompressionError("zstd: reserved bit set in frame header") }
        let hasChecksum = descriptor & 0x04 != 0
        let dictFlag = descriptor & 3
        let dictSize = [0, 1, 2, 4][dictFlag]
        let fcsSize = fcsFlag == 0 ? (singleSegment ? 1 : 0) : [0, 2, 4, 8][fcsFlag]
        let size = 5 + (singleSegment ? 0 : 1) + dictSize + fcsSize
        guard count >= size else { throw CompressionError("zstd: truncated frame header") }
        var p = 5
        var windowSize: UInt64 = 0
        if !singleSegment {
            let wd = Int(src[p]); p += 1
            let windowLog = 10 + (wd >> 3)
            let base = UInt64(1) << UInt64(windowLog)
            windowSize = base + (base / 8) * UInt64(wd & 7)
        }
        var dictID: UInt64 = 0
        for i in 0..<dictSize { dictID |= UInt64(src[p + i]) << UInt64(8 * i) }
        p += dictSize
        guard dictID == 0 else {
            throw CompressionError("zstd: frame needs dictionary \(dictID); dictionaries are not supported")
        }
        var contentSize: UInt64?
        if fcsSize > 0 {
            var v: UInt64 = 0
            for i in 0..<fcsSize { v |= UInt64(src[p + i]) << UInt64(8 * i) }
            if fcsSize == 2 { v += 256 }
            contentSize = v
        }
        if singleSegment { windowSize = contentSize ?? 0 }
        return ZstdFrameHeader(headerSize: size, contentSize: contentSize, windowSize: windowSize, hasChecksum: hasChecksum)
    }
}
