// One bzip2 block from its bytes (after the initial run-length stage): the
// transform, the move-to-front symbols, the Huffman plan, then the block as
// the format lays it out: magic, CRC, randomised flag, origin pointer, map
// of bytes in use, table count, selectors (move-to-front, unary), code
// lengths (a start length and +1/-1 steps), and the coded symbols.

enum BZip2BlockEncoder {
    /// Appends the block `block[0..<n]` (n > 0) whose original bytes have CRC `crc`.
    /// With `randomise`, flips the bytes bzip2 0.9.0's randomisation names first (test vectors only).
    static func write(_ block: UnsafeMutablePointer<UInt8>, count n: Int, crc: UInt32, randomise: Bool,
                      context: BZip2EncoderContext, to writer: inout BZip2BitWriter) {
        assert(n > 0)
        if randomise { flipRandomisedBytes(block, count: n) }
        let bwt = context.transformOutput
        let origin = BZip2BlockSorter.transform(block, count: n, doubled: context.doubled,
                                                suffixes: context.suffixes, into: bwt)
        let symbols = context.symbols
        let stats = BZip2MoveToFront.encode(bwt, count: n, into: symbols)
        let plan = BZip2HuffmanEncoder.plan(symbols, stats)
        let alphabet = stats.alphabetSize
        let stride = BZip2Format.maxAlphabetSize

        // Header bits, selectors (at most 18002 * 6 bits) and code lengths (6 * 258 * 41 bits at most),
        // then at most 17 bits a symbol.
        writer.reserve(64 + 14_000 + 8_000 + (stats.count * BZip2Format.maxEncodeCodeLength + 7) / 8)
        writer.write48(BZip2Format.blockMagic)
        writer.write(crc, 32)
        writer.write(randomise ? 1 : 0, 1)
        writer.write(UInt32(origin), 24)
        var ranges: UInt32 = 0
        for r in 0..<16 where stats.used[(r * 16)..<(r * 16 + 16)].contains(true) { ranges |= 0x8000 >> UInt32(r) }
        writer.write(ranges, 16)
        for r in 0..<16 where ranges & (0x8000 >> UInt32(r)) != 0 {
            var bits: UInt32 = 0
            for k in 0..<16 where stats.used[r * 16 + k] { bits |= 0x8000 >> UInt32(k) }
            writer.write(bits, 16)
        }
        writer.write(UInt32(plan.tableCount), 3)
        writer.write(UInt32(plan.selectors.count), 15)
        var order: [UInt8] = [0, 1, 2, 3, 4, 5]
        for table in plan.selectors {
            let position = order.firstIndex(of: table) ?? 0
            // `position` ones then a zero.
            writer.write(((1 << UInt32(position)) - 1) << 1, position + 1)
            order.remove(at: position)
            order.insert(table, at: 0)
        }
        for t in 0..<plan.tableCount {
            var length = Int(plan.lengths[t * stride])
            writer.write(UInt32(length), 5)
            for s in 0..<alphabet {
                let target = Int(plan.lengths[t * stride + s])
                while length < target { writer.write(0b10, 2); length += 1 }
                while length > target { writer.write(0b11, 2); length -= 1 }
                writer.write(0, 1)
            }
        }

        // MARK: Symbols
        let codes = context.codes
        plan.lengths.withUnsafeBufferPointer { lengthBuffer in
            let lengths = lengthBuffer.baseAddress.unsafelyUnwrapped
            for t in 0..<plan.tableCount {
                BZip2HuffmanEncoder.assignCodes(lengths + t * stride, count: alphabet, into: codes + t * stride)
            }
            for g in 0..<plan.selectors.count {
                let base = Int(plan.selectors[g]) * stride
                let from = g * BZip2Format.groupSize
                let to = min(stats.count, from + BZip2Format.groupSize)
                for i in from..<to {
                    let s = base &+ Int(symbols[i])
                    writer.write(codes[s], Int(lengths[s]))
                }
            }
        }
    }

    /// XORs 1 into the bytes that a randomised block's decoder flips back.
    private static func flipRandomisedBytes(_ block: UnsafeMutablePointer<UInt8>, count n: Int) {
        var gapLeft = 0
        var gapIndex = 0
        for i in 0..<n {
            if gapLeft == 0 {
                gapLeft = Int(BZip2Format.randomGaps[gapIndex])
                gapIndex = (gapIndex + 1) & 511
            }
            gapLeft -= 1
            if gapLeft == 1 { block[i] ^= 1 }
        }
    }
}
