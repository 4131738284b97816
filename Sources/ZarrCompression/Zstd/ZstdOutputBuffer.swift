// The decoder's output memory.
//
// All frames of one input are decoded into a single contiguous buffer, so
// back-references never need a separate window. The buffer always has
// `ZstdDecoderState.slack` writable bytes past its capacity so match and
// literal copies can run in 16-byte strides up to the last byte.
//
// Two modes:
// * fixed: the caller's memory (the result array's own storage) sized from
//   trusted content sizes; it never grows, and running past it is an error.
// * growable: memory we own, doubled as needed (never beyond the output
//   limit); the result is copied out at the end.

struct ZstdOutputBuffer {
    var base: UnsafeMutablePointer<UInt8>
    /// Usable bytes (the slack comes on top).
    var capacity: Int
    var count = 0
    let growable: Bool
    /// Hard limit on the total output (the caller's `maxOutputSize`).
    let limit: Int

    /// Wraps fixed memory of `capacity + slack` bytes.
    init(fixed base: UnsafeMutablePointer<UInt8>, capacity: Int, limit: Int) {
        self.base = base
        self.capacity = capacity
        self.growable = false
        self.limit = limit
    }

    /// Allocates growable memory.
    init(growableCapacity: Int, limit: Int) {
        let c = min(max(growableCapacity, 0), Int.max - ZstdDecoderState.slack)
        base = .allocate(capacity: c + ZstdDecoderState.slack)
        capacity = c
        growable = true
        self.limit = limit
    }

    func deallocateIfOwned() { if growable { base.deallocate() } }

    /// Makes room for `extra` more bytes if possible. Returns the
    /// number of bytes actually available past `count` (which may be less
    /// when the buffer is fixed or the limit is near).
    mutating func reserve(_ extra: Int) -> Int {
        // extra is at most one block (2^21 - 1 for raw/RLE sizes), count <= capacity <= limit.
        assert(extra >= 0 && extra < 1 << 21 && count <= capacity && capacity <= max(limit, 0))
        let wanted = min(count + extra, limit)
        if wanted > capacity && growable {
            // Doubling saturates at the limit, which is at most
            // Int.max - slack so that the allocation size cannot overflow.
            let ceiling = min(limit, Int.max - ZstdDecoderState.slack)
            var newCapacity = max(capacity > ceiling / 2 ? ceiling : capacity * 2, 1 << 16)
            while newCapacity < wanted && newCapacity < ceiling { newCapacity = newCapacity > ceiling / 2 ? ceiling : newCapacity * 2 }
            newCapacity = min(newCapacity, ceiling)
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + ZstdDecoderState.slack)
            newBase.update(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        return capacity - count
    }
}
