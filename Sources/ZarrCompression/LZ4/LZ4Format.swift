// The LZ4 block format: constants and the byte-level helpers every part shares.
//
// A block is a series of sequences. Each starts with a token byte: its high
// nibble is the literal count, its low nibble the match length minus 4. A
// nibble of 15 means "15 plus the bytes that follow", each added in turn
// until one is not 255. After the token (and its literal-count bytes) come
// the literals, then a 2-byte little-endian offset (1...65535 back from the
// current output position), then the match-length bytes. The last sequence
// of a block holds only literals: the block ends right after them.
//
// Encoders also follow two parsing rules that let decoders copy in wide
// strides: the last 5 bytes of the input are literals, and no match starts
// within the last 12 bytes.

enum LZ4Format {
    /// The shortest match the format can express (a match-length nibble of 0).
    static let minMatch = 4
    /// The largest match offset (two bytes).
    static let maxOffset = 65535
    /// A nibble of this value is continued by length bytes.
    static let nibbleMax = 15
    /// Encoder rule: the last this many input bytes are always literals.
    static let lastLiterals = 5
    /// Encoder rule: no match starts within this many bytes of the end.
    static let matchStartLimit = 12
    /// Inputs shorter than this are stored as one literal run.
    static let minCompressibleInput = matchStartLimit + 1
    /// The largest input liblz4 accepts (LZ4_MAX_INPUT_SIZE).
    static let maxInputSize = 0x7E00_0000

    /// The bytes a length of `n` needs after its nibble (0 when it fits the nibble).
    @inline(__always)
    static func extraLengthBytes(_ n: Int) -> Int {
        n < nibbleMax ? 0 : (n - nibbleMax) / 255 + 1
    }

    /// The little-endian 32-bit word at `p`.
    @inline(__always)
    static func read32(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt32.self))
    }

    /// The little-endian 64-bit word at `p`.
    @inline(__always)
    static func read64(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// How many bytes from `a` on equal those from `b` on, reading `a` no
    /// further than `aLimit` (exclusive). `b` is behind `a`, so it stays in
    /// bounds whenever `a` does.
    @inline(__always)
    static func commonLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>,
                             limit aLimit: UnsafePointer<UInt8>) -> Int {
        var p = a
        var q = b
        while aLimit - p >= 8 {
            let diff = read64(p) ^ read64(q)
            if diff != 0 { return p - a + diff.trailingZeroBitCount >> 3 }
            p += 8
            q += 8
        }
        while p < aLimit && p.pointee == q.pointee {
            p += 1
            q += 1
        }
        return p - a
    }
}
