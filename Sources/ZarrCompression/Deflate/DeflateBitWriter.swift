// Bit-level output for the deflate encoder (RFC 1951 §3.1.1: data elements
// are packed starting with the least significant bit of each byte).

/// A growable byte buffer written a few bits at a time.
///
/// Bits gather in a 64-bit register; whenever 32 or more are waiting, eight
/// bytes are stored at once and the whole ones among them are kept. Callers
/// `reserve` room for a whole block before writing it, so `write` never checks
/// the capacity. Non-copyable: the writer owns its storage and frees it when
/// it goes away (after `finish()` or on any other exit).
struct DeflateBitWriter: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Completed bytes.
    private(set) var count: Int = 0
    var bitBuffer: UInt64 = 0
    /// Pending bits in `bitBuffer` (always below 32 between calls).
    private(set) var bitCount: Int = 0

    /// Bytes that must stay free after `count` for the 8-byte stores.
    static let margin = 16

    init(initialCapacity: Int) {
        capacity = max(initialCapacity, 64) + Self.margin
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Ensures that `bytes` more bytes (plus any pending bits) can be written.
    mutating func reserve(_ bytes: Int) {
        let needed = count + bytes + Self.margin + 8
        guard needed > capacity else { return }
        let newCapacity = max(needed, capacity + capacity / 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends the low `n` bits of `value` (`n` ≤ 32; higher bits must be zero).
    @inline(__always)
    mutating func write(_ value: UInt32, _ n: Int) {
        bitBuffer |= UInt64(value) &<< UInt64(bitCount)
        bitCount &+= n
        if bitCount >= 32 {
            UnsafeMutableRawPointer(base + count).storeBytes(of: bitBuffer.littleEndian, as: UInt64.self)
            let whole = bitCount & ~7
            count &+= whole &>> 3
            bitBuffer &>>= UInt64(whole)
            bitCount &-= whole
        }
    }

    /// Pads with zero bits up to the next byte boundary.
    mutating func alignToByte() {
        UnsafeMutableRawPointer(base + count).storeBytes(of: bitBuffer.littleEndian, as: UInt64.self)
        count += (bitCount + 7) >> 3
        bitBuffer = 0
        bitCount = 0
    }

    /// Appends raw bytes; the writer must be byte-aligned.
    mutating func writeBytes(_ source: UnsafeRawPointer, count n: Int) {
        reserve(n)
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: n)
        count += n
    }

    /// Appends one byte; the writer must be byte-aligned.
    mutating func writeByte(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Flushes pending bits and returns the bytes written; the storage is
    /// freed with the writer. (It used to be replaced by a fresh 24-byte
    /// buffer that nothing freed: one leak per compressed stream.)
    consuming func finish() -> [UInt8] {
        alignToByte()
        return [UInt8](UnsafeBufferPointer(start: base, count: count))
    }
}
