// Bit writer for the encoder (RFC 8878 §4.1).
//
// Bits are appended least-significant first into a 64-bit accumulator and
// stored little-endian. That is the forward order FSE table descriptions
// use; for the backward-read entropy streams the encoder simply writes the
// values in the reverse of the order the decoder reads them and closes the
// stream with a 1 bit, which the decoder finds as the highest set bit of the
// last byte.

struct ZstdBitWriter {
    let start: UnsafeMutablePointer<UInt8>
    var ptr: UnsafeMutablePointer<UInt8>
    var container: UInt64 = 0
    var bitCount = 0

    /// Writes at `start`; the caller guarantees room for the output plus
    /// 8 bytes (each flush stores a whole 64-bit word).
    init(_ start: UnsafeMutablePointer<UInt8>) {
        self.start = start
        ptr = start
    }

    /// Appends the low `n` bits of `value` (`value < 1 << n`); at most
    /// 64 - 7 bits may be pending between flushes.
    @inline(__always)
    mutating func add(_ value: UInt64, _ n: Int) {
        container |= value &<< UInt64(truncatingIfNeeded: bitCount)
        bitCount &+= n
    }

    /// Stores the whole bytes gathered so far.
    @inline(__always)
    mutating func flush() {
        UnsafeMutableRawPointer(ptr).storeBytes(of: container.littleEndian, as: UInt64.self)
        let bytes = bitCount &>> 3
        ptr += bytes
        container = bytes == 8 ? 0 : container &>> UInt64(truncatingIfNeeded: bytes &* 8)
        bitCount &= 7
    }

    /// Ends a backward stream: the marker bit, then the last partial byte.
    /// Returns the stream size in bytes.
    mutating func closeStream() -> Int {
        add(1, 1)
        flush()
        return (ptr - start) + (bitCount > 0 ? 1 : 0)
    }

    /// Ends a forward bit field (no marker). Returns its size in bytes.
    mutating func closeForward() -> Int {
        flush()
        return (ptr - start) + (bitCount > 0 ? 1 : 0)
    }
}
