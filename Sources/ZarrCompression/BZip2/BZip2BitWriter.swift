// Writes bits most significant first, as every bzip2 field is packed.

/// A bit writer into memory whose room the caller reserved beforehand.
struct BZip2BitWriter {
    private(set) var storage: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Whole bytes written.
    private(set) var count = 0
    private var bits: UInt64 = 0
    private var pending = 0

    init(initialCapacity: Int) {
        capacity = max(64, initialCapacity)
        storage = .allocate(capacity: capacity)
    }

    /// Makes sure `extra` more bytes can be written.
    mutating func reserve(_ extra: Int) {
        let needed = count + extra + 8
        guard needed > capacity else { return }
        let newCapacity = max(needed, capacity * 2)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Appends the low `n` bits (0...32) of `value`, most significant first.
    @inline(__always)
    mutating func write(_ value: UInt32, _ n: Int) {
        assert(n >= 0 && n <= 32 && (n == 32 || value >> UInt32(n) == 0))
        bits = bits &<< UInt64(truncatingIfNeeded: n) | UInt64(value)
        pending &+= n
        if pending >= 32 {
            pending &-= 32
            // Room reserved by the caller: reserve() keeps 8 bytes spare.
            assert(count + 4 <= capacity)
            UnsafeMutableRawPointer(storage + count).storeBytes(
                of: UInt32(truncatingIfNeeded: bits &>> UInt64(truncatingIfNeeded: pending)).bigEndian, as: UInt32.self)
            count &+= 4
        }
    }

    /// Appends a 48-bit magic.
    mutating func write48(_ value: UInt64) {
        write(UInt32(truncatingIfNeeded: value >> 24), 24)
        write(UInt32(truncatingIfNeeded: value & 0xFF_FFFF), 24)
    }

    /// Pads with zero bits to a whole byte and returns the bytes; frees the storage.
    mutating func finish() -> [UInt8] {
        reserve(8)
        while pending > 0 {
            let take = min(8, pending)
            let byte = UInt8(truncatingIfNeeded: (bits &>> UInt64(pending - take)) &<< UInt64(8 - take))
            storage[count] = byte
            count += 1
            pending -= take
        }
        let result = [UInt8](UnsafeBufferPointer(start: storage, count: count))
        storage.deallocate()
        capacity = 0
        return result
    }
}
