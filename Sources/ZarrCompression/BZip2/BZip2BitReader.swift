// The bit order of bzip2: every field, header or Huffman code, is packed most
// significant bit first, and byte boundaries matter only at the end of a
// stream (padded with zero bits to a whole byte).

/// Reads bits most significant first through a 64-bit window.
///
/// `window` holds the next bits at its top; `available` counts how many are
/// valid (the bits below them are the following input bits or zero). Past the
/// end of the input the window fills with zero bits, counted in `phantom`:
/// reading them is harmless (the values are just meaningless) and
/// `isOverrun` reports it, so decoding loops check it at block and group
/// boundaries rather than per bit.
struct BZip2BitReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// Index of the next input byte not yet in the window.
    private(set) var position: Int
    private var window: UInt64 = 0
    private var available = 0
    /// Zero bits added past the end of the input.
    private var phantom = 0

    init(_ base: UnsafePointer<UInt8>, count: Int, position: Int = 0) {
        self.base = base
        self.count = count
        self.position = position
    }

    /// True when more bits were consumed than the input holds.
    var isOverrun: Bool { phantom > available }

    /// Bits consumed from the start of the input.
    var bitPosition: Int { position &* 8 &+ phantom &- available }

    /// Tops the window up to at least 57 valid (or phantom) bits.
    @inline(__always)
    mutating func refill() {
        if position &+ 8 <= count {
            // Eight readable bytes: load them all; the bytes that do not fit
            // whole stay in the input and are loaded again next time (the
            // bits ORed in below `available` are exactly those input bits).
            let v = UInt64(bigEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            window |= v &>> UInt64(truncatingIfNeeded: available)
            let bytes = (63 &- available) &>> 3
            position &+= bytes
            available &+= bytes &<< 3
        } else {
            refillSlowly()
        }
    }

    private mutating func refillSlowly() {
        while available <= 56 {
            if position < count {
                window |= UInt64(base[position]) &<< UInt64(truncatingIfNeeded: 56 &- available)
                position &+= 1
            } else {
                phantom &+= 8
            }
            available &+= 8
        }
    }

    /// The next `n` bits (1...32), not consumed; needs `n` available bits (after `refill`).
    @inline(__always)
    func peek(_ n: Int) -> Int {
        assert(n >= 1 && n <= 32 && n <= available)
        return Int(truncatingIfNeeded: window &>> UInt64(truncatingIfNeeded: 64 &- n))
    }

    /// Drops `n` bits (at most the available ones).
    @inline(__always)
    mutating func consume(_ n: Int) {
        assert(n >= 0 && n <= available)
        window &<<= UInt64(truncatingIfNeeded: n)
        available &-= n
    }

    /// Reads `n` bits (1...32).
    @inline(__always)
    mutating func read(_ n: Int) -> Int {
        if available < n { refill() }
        let v = peek(n)
        consume(n)
        return v
    }

    /// Reads one bit.
    @inline(__always)
    mutating func readBit() -> Bool { read(1) != 0 }

    /// Number of valid bits in the window (refill first for at least 57).
    var bitsAvailable: Int { available }

    /// Drops the bits up to the next byte boundary of the input.
    mutating func alignToByte() {
        consume(available & 7)
    }

    /// Index of the first input byte not consumed, once aligned to a byte.
    var byteOffset: Int {
        assert(available & 7 == 0)
        return position &- (available &- phantom) / 8
    }
}
