// From a decoded block back to the original bytes: the inverse
// Burrows-Wheeler transform (each byte of the transform's output is linked to
// the row that follows it in the original), the un-flipping of randomised
// blocks, and the undoing of the initial run-length stage (four equal bytes
// are followed by a count of 0...255 further copies).

enum BZip2InverseTransform {
    /// Writes the original bytes of `block` (whose entries are in `entries`) to `output`.
    static func write(_ block: BZip2DecodedBlock, entries: UnsafeMutablePointer<UInt32>, to output: inout BZip2Output) throws {
        let n = block.count
        assert(n > 0 && n < 1 << 24 && block.origin < n)
        // Link each entry to the next row: the k-th occurrence of byte b in the output
        // column is row (rows starting with a smaller byte) + k of the sorted rotations.
        var next = [UInt32](repeating: 0, count: 256)
        var total: UInt32 = 0
        for b in 0..<256 {
            next[b] = total
            total &+= UInt32(truncatingIfNeeded: block.byteCounts[b])
        }
        next.withUnsafeMutableBufferPointer { nextBuffer in
            let slot = nextBuffer.baseAddress.unsafelyUnwrapped
            for i in 0..<n {
                let b = Int(entries[i] & 0xFF)
                // The counts sum to n, so every slot is below n.
                let row = Int(slot[b])
                assert(row < n)
                entries[row] |= UInt32(truncatingIfNeeded: i) &<< 8
                slot[b] = UInt32(row &+ 1)
            }
        }
        if block.randomised {
            try emit(entries, count: n, origin: block.origin, randomised: true, to: &output)
        } else {
            try emit(entries, count: n, origin: block.origin, randomised: false, to: &output)
        }
    }

    /// Follows the links from the origin, undoing randomisation and the initial run-length stage.
    @inline(__always)
    private static func emit(_ entries: UnsafeMutablePointer<UInt32>, count n: Int, origin: Int, randomised: Bool,
                             to output: inout BZip2Output) throws {
        var position = Int(entries[origin] &>> 8)
        var last = -1
        var run = 0
        var gapLeft = 0
        var gapIndex = 0
        var out = output.base + output.count
        var end = output.base + output.capacity
        try BZip2Format.randomGaps.withUnsafeBufferPointer { gaps in
            for _ in 0..<n {
                // Links are rows of the block (set from 0..<n above).
                assert(position < n)
                let entry = entries[position]
                var byte = Int(entry & 0xFF)
                position = Int(entry &>> 8)
                if randomised {
                    if gapLeft == 0 {
                        gapLeft = Int(gaps[gapIndex])
                        gapIndex = (gapIndex &+ 1) & 511
                    }
                    gapLeft &-= 1
                    if gapLeft == 1 { byte ^= 1 }
                }
                if run == 4 {
                    // A count after four equal bytes.
                    run = 0
                    if byte == 0 { continue }
                    if end - out < byte {
                        output.count = out - output.base
                        try output.reserve(byte)
                        out = output.base + output.count
                        end = output.base + output.capacity
                    }
                    out.initialize(repeating: UInt8(truncatingIfNeeded: last), count: byte)
                    out += byte
                    continue
                }
                if byte == last { run &+= 1 } else { last = byte; run = 1 }
                if out == end {
                    output.count = out - output.base
                    try output.reserve(max(1, min(n, output.room)))
                    out = output.base + output.count
                    end = output.base + output.capacity
                }
                out.pointee = UInt8(truncatingIfNeeded: byte)
                out += 1
            }
        }
        output.count = out - output.base
    }
}
