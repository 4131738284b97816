// The four-stream layout of Huffman-coded literals (RFC 8878, "Jump Table"):
// a 6-byte table of the first three stream sizes, the fourth taking the rest;
// the decoded literals split into four segments of (count + 3) / 4, the last
// one shorter.

/// The four streams of a Huffman literals section, checked against the section size.
struct ZstdFourStreamLayout {
    /// The first byte of each stream.
    let starts: (UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>)
    /// The number of literals of each of the first three streams.
    let segment: Int
    /// A backward bit reader positioned at the end of each stream.
    let readers: (ZstdBackwardBitReader, ZstdBackwardBitReader, ZstdBackwardBitReader, ZstdBackwardBitReader)

    /// Reads the jump table of a section of `size` bytes (at least 10) holding `outCount` literals.
    init(_ src: UnsafePointer<UInt8>, size: Int, outCount: Int) throws {
        // The caller checked size >= 10: the 6-byte table and 4 non-empty streams.
        assert(size >= 10 && outCount >= 0)
        let s1 = Int(src[0]) | Int(src[1]) << 8
        let s2 = Int(src[2]) | Int(src[3]) << 8
        let s3 = Int(src[4]) | Int(src[5]) << 8
        let s4 = size - 6 - s1 - s2 - s3
        guard s1 > 0, s2 > 0, s3 > 0, s4 > 0 else {
            throw CompressionError("zstd: bad Huffman jump table")
        }
        segment = (outCount + 3) / 4
        guard segment * 3 <= outCount else { throw CompressionError("zstd: too few literals for four streams") }
        let p1 = src + 6, p2 = p1 + s1, p3 = p2 + s2, p4 = p3 + s3
        // Streams are non-empty and end exactly at src + size; the segments
        // are [0, s), [s, 2s), [2s, 3s), [3s, outCount), the last the shortest.
        assert(p4 + s4 == src + size && outCount - 3 * segment <= segment)
        starts = (p1, p2, p3, p4)
        readers = (
            try ZstdBackwardBitReader(p1, count: s1), try ZstdBackwardBitReader(p2, count: s2),
            try ZstdBackwardBitReader(p3, count: s3), try ZstdBackwardBitReader(p4, count: s4)
        )
    }
}
