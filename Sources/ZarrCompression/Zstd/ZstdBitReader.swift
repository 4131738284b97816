// Bit readers for the two bit orders Zstandard uses (RFC 8878 §4.1).
//
// * Entropy-coded payloads (FSE, Huffman, sequences) are written forward but
//   read *backward*: the decoder starts at the last byte, skips the zero bits
//   and the 1-bit end marker at its top, then consumes bits from the most
//   significant end towards the first byte.
// * Table descriptions (FSE normalized counts) are read forward, least
//   significant bit first.

/// Reads a Zstandard backward bitstream through a 64-bit container.
///
/// `container` holds the 8 stream bytes at `ptr` (little-endian); bits are
/// consumed from its top, and `consumed` counts how many are gone. `reload()`
/// steps `ptr` back by the whole bytes consumed so at least 57 fresh bits are
/// available again (until the stream's first byte is reached). Reading past
/// the beginning never touches memory outside the stream: it only makes
/// `consumed` exceed 64, which `isOverflowed` reports; the values read then
/// are meaningless but always smaller than `1 << n`, so table lookups stay in
/// range and the caller detects the corruption when the stream ends.
struct ZstdBackwardBitReader {
    let start: UnsafePointer<UInt8>
    var ptr: UnsafePointer<UInt8>
    var container: UInt64
    var consumed: Int

    /// Opens a stream of `count` bytes; the last byte must hold the end marker.
    @inline(__always)
    init(_ start: UnsafePointer<UInt8>, count: Int) throws {
        guard count > 0 else { throw CompressionError("zstd: empty bitstream") }
        let last = start[count &- 1]
        guard last != 0 else {
            throw CompressionError("zstd: bitstream does not end with a marker bit")
        }
        let markerSkip = last.leadingZeroBitCount &+ 1
        self.start = start
        if count >= 8 {
            ptr = start + (count &- 8)
            container = UInt64(littleEndian: UnsafeRawPointer(ptr).loadUnaligned(as: UInt64.self))
            consumed = markerSkip
        } else {
            // Short stream: load what there is; the missing high bytes count
            // as already consumed. `ptr` stays at `start`, so no reload ever
            // reads memory again.
            ptr = start
            var v: UInt64 = 0
            for i in 0..<count { v |= UInt64(start[i]) &<< UInt64(i &* 8) }
            container = v
            consumed = (8 &- count) &* 8 &+ markerSkip
        }
    }

    /// Reads `n` bits (0...56 after a reload), most significant first.
    @inline(__always)
    mutating func read(_ n: Int) -> UInt64 {
        assert(n >= 0 && n <= 63)
        let v = ((container &<< UInt64(truncatingIfNeeded: consumed)) &>> 1) &>> UInt64(truncatingIfNeeded: 63 &- n)
        consumed &+= n
        return v
    }

    /// Reads `n` bits (1...56 after a reload) like `read(_:)`, with one shift fewer (the
    /// extra bits of a sequence, read only when there are some).
    @inline(__always)
    mutating func readNonZero(_ n: Int) -> UInt64 {
        assert(n >= 1 && n <= 63)
        let v = (container &<< UInt64(truncatingIfNeeded: consumed)) &>> UInt64(truncatingIfNeeded: 64 &- n)
        consumed &+= n
        return v
    }

    /// Returns the next `n` bits (1...57) without consuming them.
    @inline(__always)
    func peek(_ n: Int) -> Int {
        assert(n >= 1 && n <= 57)
        return Int(truncatingIfNeeded: (container &<< UInt64(truncatingIfNeeded: consumed)) &>> UInt64(truncatingIfNeeded: 64 &- n))
    }

    /// Marks `n` bits as consumed.
    @inline(__always)
    mutating func skip(_ n: Int) { consumed &+= n }

    /// Refills the container; afterwards at least 57 bits are available
    /// unless fewer than 8 bytes of the stream remain before them.
    @inline(__always)
    mutating func reload() {
        let avail = ptr - start
        if avail == 0 { return }
        // ptr only moves back from start + count - 8 (the load at init), never
        // before start: the 8-byte load below stays inside the stream.
        assert(avail > 0 && consumed >= 0)
        let step = min(consumed &>> 3, avail)
        // 0 <= step <= avail: the negation cannot overflow (`-=` would check it).
        ptr = ptr.advanced(by: 0 &- step)
        assert(ptr >= start)
        consumed &-= step &<< 3
        container = UInt64(littleEndian: UnsafeRawPointer(ptr).loadUnaligned(as: UInt64.self))
    }

    /// True when at least 8 bytes lie before the container, so a reload is
    /// a plain refill (the fast decoding loops run only while this holds).
    @inline(__always)
    var hasFullReload: Bool { ptr - start >= 8 }

    /// True when more bits were read than the stream holds.
    @inline(__always)
    var isOverflowed: Bool { consumed > 64 }

    /// True when every bit of the stream was consumed exactly.
    @inline(__always)
    mutating func isExactlyFinished() -> Bool {
        reload()
        return ptr == start && consumed == 64
    }
}

/// Reads bits forward, least significant bit first, with a hard bound.
///
/// Used only for FSE table descriptions; bytes past the end read as zero and
/// the caller checks `bitPosition` against the size afterwards.
struct ZstdForwardBitReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    var bitPosition = 0

    init(_ base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Returns the next `n` bits (n <= 25) without consuming them.
    func peek(_ n: Int) -> Int {
        let byte = bitPosition >> 3
        var v: UInt32 = 0
        var i = 0
        while i < 4 {
            if byte + i < count { v |= UInt32(base[byte + i]) << UInt32(8 * i) }
            i += 1
        }
        return Int((v >> UInt32(bitPosition & 7)) & ((1 << UInt32(n)) - 1))
    }

    mutating func read(_ n: Int) -> Int {
        let v = peek(n)
        bitPosition += n
        return v
    }

    var isOverrun: Bool { bitPosition > count * 8 }
    var bytesUsed: Int { (bitPosition + 7) >> 3 }
}
