// The LZMA range decoder (lzma-specification.txt, "the range decoder"): a 32-bit
// range and code; a bit with probability p of a 0 splits the range at
// (range >> 11) * p; the range is renormalised a byte at a time when it falls
// below 2^24. A stream starts with a zero byte and four bytes of code.
//
// Bytes past the end of the input read as zero and are counted, so the hot
// paths test no bound: the caller checks `overran` once a chunk is decoded.

/// Range decoder over a bounded input.
struct LZMARangeDecoder {
    private var range: UInt32 = 0xFFFF_FFFF
    private(set) var code: UInt32 = 0
    private let input: UnsafePointer<UInt8>
    /// Next byte to read; may pass `end` (those reads give 0).
    private(set) var position: Int
    private let end: Int

    /// Starts decoding at `position` of `input` (which ends at `end`): reads the leading zero
    /// byte and the first four code bytes.
    init(_ input: UnsafePointer<UInt8>, position: Int, end: Int, family: String) throws {
        self.input = input
        self.position = position
        self.end = end
        guard end - position >= 5 else {
            throw CompressionError("\(family): range coder data ends after \(max(0, end - position)) of its first 5 bytes")
        }
        guard input[position] == 0 else {
            throw CompressionError("\(family): range coder data does not start with a zero byte")
        }
        for i in 1...4 { code = code << 8 | UInt32(input[position + i]) }
        self.position = position + 5
        guard code != range else { throw CompressionError("\(family): range coder starts with an invalid code") }
    }

    /// Whether reads went past the end of the input.
    var overran: Bool { position > end }

    /// Whether the coder ended cleanly (the encoder's flush leaves a zero code).
    var isFinished: Bool { code == 0 }

    @inline(__always)
    private mutating func normalize() {
        if range < 1 << 24 {
            range &<<= 8
            code = code &<< 8 | UInt32(position < end ? input[position] : 0)
            position &+= 1
        }
    }

    /// Decodes one bit with the probability at `p` and adapts it.
    @inline(__always)
    mutating func bit(_ p: UnsafeMutablePointer<UInt16>) -> Int {
        let probability = UInt32(p.pointee)
        let bound = (range >> LZMAProbabilities.modelBits) &* probability
        if code < bound {
            range = bound
            p.pointee = UInt16(truncatingIfNeeded: probability &+ ((2048 &- probability) >> LZMAProbabilities.moveBits))
            normalize()
            return 0
        }
        range &-= bound
        code &-= bound
        p.pointee = UInt16(truncatingIfNeeded: probability &- (probability >> LZMAProbabilities.moveBits))
        normalize()
        return 1
    }

    /// Decodes a `bits`-bit symbol with the tree of probabilities at `tree` (index 1 is the root).
    @inline(__always)
    mutating func tree(_ tree: UnsafeMutablePointer<UInt16>, bits: Int) -> Int {
        var m = 1
        for _ in 0..<bits { m = m &<< 1 | bit(tree + m) }
        return m &- (1 &<< bits)
    }

    /// Decodes a `bits`-bit symbol whose bits come lowest first (a reverse tree).
    @inline(__always)
    mutating func reverseTree(_ tree: UnsafeMutablePointer<UInt16>, bits: Int) -> Int {
        var m = 1
        var symbol = 0
        for i in 0..<bits {
            let b = bit(tree + m)
            m = m &<< 1 | b
            symbol |= b &<< i
        }
        return symbol
    }

    /// Decodes a match length (2...273) with the length coder at `coder`: two choice bits, then
    /// the low or mid 3-bit tree of `posState`, or the 8-bit high tree.
    @inline(__always)
    mutating func length(_ coder: UnsafeMutablePointer<UInt16>, posState: Int) -> Int {
        typealias L = LZMAProbabilities.LengthLayout
        if bit(coder + L.choice) == 0 { return 2 &+ tree(coder + L.low + posState &* 8, bits: 3) }
        if bit(coder + L.choice2) == 0 { return 10 &+ tree(coder + L.mid + posState &* 8, bits: 3) }
        return 18 &+ tree(coder + L.high, bits: 8)
    }

    /// Decodes `count` bits of equal probability, highest first.
    @inline(__always)
    mutating func direct(_ count: Int) -> Int {
        var result: UInt32 = 0
        for _ in 0..<count {
            range >>= 1
            var b: UInt32 = 0
            if code >= range {
                code &-= range
                b = 1
            }
            result = result &<< 1 | b
            normalize()
        }
        return Int(result)
    }
}
