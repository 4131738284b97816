// The LZMA range encoder (lzma-specification.txt, "the range encoder" is the
// decoder's mirror): a 33-bit low end and a 32-bit range; bytes leave the low end
// one at a time, and a byte that a later carry could still change is held back
// (the cache and a count of 0xFF bytes after it) until the carry is known.

/// Range encoder appending to a byte array.
struct LZMARangeEncoder {
    private var low: UInt64 = 0
    private var range: UInt32 = 0xFFFF_FFFF
    private var cache: UInt8 = 0
    private var cacheSize = 1
    /// The bytes written so far (the flush adds the held-back ones).
    private(set) var bytes: [UInt8] = []

    /// An encoder with room reserved for `capacity` bytes.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Starts a new range-coded stream, dropping the bytes written (their memory is kept).
    mutating func reset() {
        low = 0
        range = 0xFFFF_FFFF
        cache = 0
        cacheSize = 1
        bytes.removeAll(keepingCapacity: true)
    }

    /// The size the stream would have if flushed now.
    var pendingSize: Int { bytes.count + cacheSize + 4 }

    @inline(__always)
    private mutating func shiftLow() {
        if low < 0xFF00_0000 || low >= 1 << 32 {
            let carry = UInt8(truncatingIfNeeded: low >> 32)
            var held = cache
            repeat {
                bytes.append(held &+ carry)
                held = 0xFF
                cacheSize &-= 1
            } while cacheSize > 0
            cache = UInt8(truncatingIfNeeded: low >> 24)
        }
        cacheSize &+= 1
        low = (low & 0x00FF_FFFF) &<< 8
    }

    @inline(__always)
    private mutating func normalize() {
        if range < 1 << 24 {
            range &<<= 8
            shiftLow()
        }
    }

    /// Encodes bit `b` (0 or 1) with the probability at `p` and adapts it.
    @inline(__always)
    mutating func bit(_ p: UnsafeMutablePointer<UInt16>, _ b: Int) {
        let probability = UInt32(p.pointee)
        let bound = (range >> LZMAProbabilities.modelBits) &* probability
        if b == 0 {
            range = bound
            p.pointee = UInt16(truncatingIfNeeded: probability &+ ((2048 &- probability) >> LZMAProbabilities.moveBits))
        } else {
            low &+= UInt64(bound)
            range &-= bound
            p.pointee = UInt16(truncatingIfNeeded: probability &- (probability >> LZMAProbabilities.moveBits))
        }
        normalize()
    }

    /// Encodes the `bits`-bit `symbol` with the tree at `tree`, highest bit first.
    @inline(__always)
    mutating func tree(_ tree: UnsafeMutablePointer<UInt16>, bits: Int, _ symbol: Int) {
        var m = 1
        var i = bits
        while i > 0 {
            i &-= 1
            let b = (symbol &>> i) & 1
            bit(tree + m, b)
            m = m &<< 1 | b
        }
    }

    /// Encodes the `bits`-bit `symbol` with a reverse tree, lowest bit first.
    @inline(__always)
    mutating func reverseTree(_ tree: UnsafeMutablePointer<UInt16>, bits: Int, _ symbol: Int) {
        var m = 1
        for i in 0..<bits {
            let b = (symbol &>> i) & 1
            bit(tree + m, b)
            m = m &<< 1 | b
        }
    }

    /// Encodes the low `count` bits of `value` at equal probability, highest first.
    @inline(__always)
    mutating func direct(_ value: Int, count: Int) {
        var i = count
        while i > 0 {
            i &-= 1
            range >>= 1
            if (value &>> i) & 1 != 0 { low &+= UInt64(range) }
            normalize()
        }
    }

    /// Writes out the held-back bytes, ending the stream.
    mutating func flush() {
        for _ in 0..<5 { shiftLow() }
    }
}
