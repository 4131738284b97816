// Where decoded bzip2 bytes go: either a caller's buffer of fixed size, or
// heap storage that doubles as needed, never past the caller's bound.

/// The output of one decompression call: a pointer, a capacity and a count.
struct BZip2Output {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0
    /// The most bytes the call may produce.
    let maxOutputSize: Int
    /// True when `base` is heap storage this buffer allocated (and may grow).
    private let growable: Bool

    /// Output into a caller's buffer; decoding past its end throws.
    init(fixed buffer: UnsafeMutablePointer<UInt8>, capacity: Int) {
        base = buffer
        self.capacity = capacity
        maxOutputSize = capacity
        growable = false
    }

    /// Output into storage of its own, at most `maxOutputSize` bytes.
    init(maxOutputSize: Int, initialCapacity: Int) {
        let first = max(0, min(initialCapacity, maxOutputSize))
        base = .allocate(capacity: max(1, first))
        capacity = first
        self.maxOutputSize = maxOutputSize
        growable = true
    }

    /// Bytes that can still be written before the bound.
    var room: Int { maxOutputSize &- count }

    /// Makes room for `extra` more bytes, or throws when the bound does not allow them.
    mutating func reserve(_ extra: Int) throws {
        guard extra <= maxOutputSize &- count else {
            throw CompressionError("bzip2: output larger than maxOutputSize (\(maxOutputSize) bytes)")
        }
        guard count &+ extra > capacity else { return }
        // growable is true here: a fixed buffer's capacity is its bound.
        assert(growable)
        let needed = count &+ extra
        let doubled = capacity > Int.max / 2 ? Int.max : capacity &* 2
        let newCapacity = min(max(needed, doubled), maxOutputSize)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The decoded bytes as an array; frees owned storage.
    mutating func finish() -> [UInt8] {
        let result = [UInt8](UnsafeBufferPointer(start: base, count: count))
        release()
        return result
    }

    /// Frees owned storage (on error, or after `finish`).
    mutating func release() {
        if growable { base.deallocate() }
        capacity = 0
        count = 0
    }
}
