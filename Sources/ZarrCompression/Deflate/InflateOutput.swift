// The growable output buffer of the inflater.
//
// Decoding starts in storage borrowed from the `[UInt8]` being initialised
// (so the common case, a correct size hint, needs no final copy). When that
// runs out, the buffer moves to heap storage it owns and keeps doubling,
// never past the caller's `maxOutputSize`. A caller that knows the decoded size
// lends its own buffer instead (`fill`).

/// Output storage for inflate: a pointer, a capacity and a count.
struct InflateOutput {
    /// Extra capacity kept beyond the needed bytes so match copies may write
    /// a few bytes past their end with 8-byte stores.
    static let slack = 32

    var base: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var count: Int
    /// True when `base` is heap storage that this buffer must free.
    var ownsStorage: Bool
    let maxOutputSize: Int

    init(borrowing buffer: UnsafeMutableBufferPointer<UInt8>, maxOutputSize: Int) {
        base = buffer.baseAddress!
        capacity = buffer.count
        count = 0
        ownsStorage = false
        self.maxOutputSize = maxOutputSize
    }

    /// Makes room for at least `needed` bytes in total, or throws when that
    /// would exceed `maxOutputSize`.
    mutating func grow(toAtLeast needed: Int) throws {
        guard needed <= maxOutputSize else {
            throw CompressionError("inflate: output larger than maxOutputSize (\(maxOutputSize) bytes)")
        }
        // Saturating sums: `maxOutputSize` is the caller's and may be Int.max.
        let limit = maxOutputSize > Int.max - 2 * Self.slack ? Int.max : maxOutputSize + Self.slack
        let doubled = capacity > Int.max / 2 ? Int.max : capacity * 2
        let withSlack = needed > Int.max - Self.slack ? Int.max : needed + Self.slack
        let newCapacity = min(max(doubled, withSlack, 4096), limit)
        // needed <= maxOutputSize, so limit >= needed (+ slack, unless saturated).
        assert(newCapacity >= needed && count <= capacity)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        if ownsStorage { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsStorage = true
    }

    /// Frees owned storage (after its bytes were copied out, or on error).
    mutating func release() {
        if ownsStorage { base.deallocate() }
        ownsStorage = false
        capacity = 0
        count = 0
    }

    /// Runs `body` with an output buffer whose initial capacity is
    /// `initialCapacity`, and returns the bytes it wrote as an array.
    static func collect(initialCapacity: Int, maxOutputSize: Int,
                        _ body: (inout InflateOutput) throws -> Void) throws -> [UInt8] {
        var spilled: [UInt8]? = nil
        let capacity = max(initialCapacity, 64)
        let direct = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            var out = InflateOutput(borrowing: buffer, maxOutputSize: maxOutputSize)
            defer { out.release() }
            try body(&out)
            // The decoder's hard limit is `capacity`, which includes the slack
            // past `maxOutputSize`; the limit itself is checked here, once.
            guard out.count <= maxOutputSize else {
                throw CompressionError("inflate: output larger than maxOutputSize (\(maxOutputSize) bytes)")
            }
            if out.ownsStorage {
                spilled = [UInt8](UnsafeBufferPointer(start: out.base, count: out.count))
            } else {
                initialized = out.count
            }
        }
        return spilled ?? direct
    }

    /// Runs `body` with `output` as the buffer (its last `slack` bytes are scratch room) and
    /// returns how many bytes it wrote; more than `output.count - slack` bytes is an error.
    static func fill(_ output: UnsafeMutableRawBufferPointer, _ body: (inout InflateOutput) throws -> Void) throws -> Int {
        guard let base = output.baseAddress, output.count >= slack else {
            throw CompressionError("inflate: the output buffer is smaller than the decoder's \(slack) bytes of slack")
        }
        let maxOutputSize = output.count - slack
        var out = InflateOutput(
            borrowing: UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: output.count),
            maxOutputSize: maxOutputSize)
        defer { out.release() }
        try body(&out)
        guard out.count <= maxOutputSize else {
            throw CompressionError("inflate: output larger than the buffer (\(maxOutputSize) bytes)")
        }
        // The borrowed capacity is maxOutputSize + slack, so `grow` refuses every request to
        // go past it and the decoder stays in the caller's buffer; should it ever have moved to
        // storage of its own, what it wrote there fits the caller's buffer (checked above).
        if out.ownsStorage { base.copyMemory(from: out.base, byteCount: out.count) }
        return out.count
    }
}
