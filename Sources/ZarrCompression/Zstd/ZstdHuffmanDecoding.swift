// Huffman-coded literals, decoder side (RFC 8878 §4.2).
//
// The tree is sent as one "weight" per symbol (weight w > 0 means a code of
// maxBits + 1 - w bits; 0 means absent), the last symbol's weight implied by
// completing the sum to a power of two. Weights come either as 4-bit
// nibbles or FSE-compressed with two interleaved states. Codes are
// canonical: the decoding table is filled weight by weight (longest codes
// first), symbols in increasing order within a weight, each symbol owning
// 2^(w-1) consecutive entries. Decoding peeks maxBits bits, looks up
// (symbol, length) and consumes `length` bits.

/// A single-symbol Huffman decoding table (up to 11-bit codes).
struct ZstdHuffmanTable {
    static let maxCodeBits = 11
    static let tableCapacity = 1 << maxCodeBits

    /// Entry = symbol | (code length << 8).
    let entries: UnsafeMutablePointer<UInt16>
    var maxBits = 0
    var isValid = false
    /// Double-symbol table (see ZstdHuffmanDoubleDecoding.swift), built
    /// lazily from `entries` the first time a large section needs it.
    let pairs: UnsafeMutablePointer<UInt32>
    var pairState = ZstdHuffmanPairState.notBuilt

    init() {
        entries = .allocate(capacity: ZstdHuffmanTable.tableCapacity)
        entries.initialize(repeating: 0, count: ZstdHuffmanTable.tableCapacity)
        pairs = .allocate(capacity: ZstdHuffmanTable.pairTableCapacity)
        pairs.initialize(repeating: 0, count: ZstdHuffmanTable.pairTableCapacity)
    }

    func deallocate() { entries.deallocate(); pairs.deallocate() }

    // MARK: - Tree description

    /// Reads a Huffman tree description and rebuilds the table.
    /// Returns the number of bytes the description occupied.
    mutating func readDescription(_ src: UnsafePointer<UInt8>, count: Int, scratch: ZstdDecoderScratch) throws -> Int {
        isValid = false
        pairState = .notBuilt
        guard count > 0 else { throw CompressionError("zstd: missing Huffman tree description") }
        let header = Int(src[0])
        let weights = scratch.weights
        var weightCount: Int
        let used: Int
        if header >= 128 {
            // Direct representation: 4 bits per weight.
            weightCount = header - 127
            used = 1 + (weightCount + 1) / 2
            guard used <= count else { throw CompressionError("zstd: truncated Huffman weights") }
            for i in 0..<weightCount {
                let byte = src[1 + i / 2]
                weights[i] = (i & 1 == 0) ? byte >> 4 : byte & 15
            }
        } else {
            // FSE-compressed weights: `header` bytes.
            guard header > 0 else { throw CompressionError("zstd: empty Huffman weight stream") }
            used = 1 + header
            guard used <= count else { throw CompressionError("zstd: truncated Huffman weights") }
            weightCount = try ZstdHuffmanTable.decodeFSEWeights(src + 1, count: header, into: weights, scratch: scratch)
        }
        try build(weights: weights, count: weightCount)
        return used
    }

    /// Decodes FSE-compressed weights (accuracy log at most 6, two states).
    static func decodeFSEWeights(
        _ src: UnsafePointer<UInt8>, count: Int, into weights: UnsafeMutablePointer<UInt8>,
        scratch: ZstdDecoderScratch
    ) throws -> Int {
        let (tableLog, headerSize) = try ZstdFSE.readNormalizedCounts(
            src, count: count, maxSymbol: maxCodeBits, maxLog: 6, into: scratch.norm, what: "Huffman weight")
        try ZstdFSE.buildDecodingTable(
            norm: scratch.norm, symbolCount: maxCodeBits + 1, tableLog: tableLog,
            cells: scratch.cells, symbolNext: scratch.symbolNext)
        guard headerSize < count else { throw CompressionError("zstd: Huffman weight stream is empty") }
        var bits = try ZstdBackwardBitReader(src + headerSize, count: count - headerSize)
        let cells = scratch.cells
        var state1 = Int(bits.read(tableLog))
        var state2 = Int(bits.read(tableLog))
        var n = 0
        // Alternate between the two states until a state update runs past
        // the beginning of the stream; the other state then yields the
        // final weight.
        while true {
            guard n < 254 else { throw CompressionError("zstd: too many Huffman weights") }
            // Two weights per pass at most: n + 1 <= 254 < 256 (the scratch size);
            // states stay below 2^tableLog (FSE cells: base + 2^nbBits <= 2^tableLog).
            assert(state1 >= 0 && state1 < 1 << tableLog && state2 >= 0 && state2 < 1 << tableLog)
            var c = cells[state1]
            weights[n] = c.symbol; n += 1
            state1 = Int(c.base) + Int(bits.read(Int(c.nbBits)))
            bits.reload()
            if bits.isOverflowed { weights[n] = cells[state2].symbol; n += 1; break }
            c = cells[state2]
            weights[n] = c.symbol; n += 1
            state2 = Int(c.base) + Int(bits.read(Int(c.nbBits)))
            bits.reload()
            if bits.isOverflowed { weights[n] = cells[state1].symbol; n += 1; break }
        }
        return n
    }

    /// Completes the weights with the implied last one and fills the table.
    mutating func build(weights: UnsafeMutablePointer<UInt8>, count: Int) throws {
        pairState = .notBuilt
        guard count >= 1, count <= 255 else { throw CompressionError("zstd: bad Huffman weight count \(count)") }
        var rankCount = [Int](repeating: 0, count: ZstdHuffmanTable.maxCodeBits + 2)
        var total = 0
        for i in 0..<count {
            let w = Int(weights[i])
            guard w <= ZstdHuffmanTable.maxCodeBits else { throw CompressionError("zstd: Huffman weight \(w) too large") }
            rankCount[w] += 1
            if w > 0 { total += 1 << (w - 1) }
        }
        guard total > 0 else { throw CompressionError("zstd: Huffman weights are all zero") }
        let bits = Int.bitWidth - total.leadingZeroBitCount  // highBit(total) + 1
        guard bits <= ZstdHuffmanTable.maxCodeBits else { throw CompressionError("zstd: Huffman codes longer than 11 bits") }
        let rest = (1 << bits) - total
        guard rest > 0, rest & (rest - 1) == 0 else { throw CompressionError("zstd: Huffman weights do not form a complete tree") }
        let lastWeight = Int.bitWidth - rest.leadingZeroBitCount  // highBit(rest) + 1
        weights[count] = UInt8(lastWeight)
        rankCount[lastWeight] += 1
        let symbolCount = count + 1

        // Start of each weight's run of entries: lowest weight first.
        var rankStart = [Int](repeating: 0, count: ZstdHuffmanTable.maxCodeBits + 2)
        var next = 0
        for w in 1...bits {
            rankStart[w] = next
            next += rankCount[w] << (w - 1)
        }
        guard next == 1 << bits else { throw CompressionError("zstd: inconsistent Huffman weights") }
        // weights[count] was written above: count <= 255 < 256 (the scratch size).
        assert(count < 256 && bits >= 1 && bits <= ZstdHuffmanTable.maxCodeBits)
        for s in 0..<symbolCount {
            let w = Int(weights[s])
            if w == 0 { continue }
            let length = 1 << (w - 1)
            let entry = UInt16(s) | UInt16((bits + 1 - w) << 8)
            let startIndex = rankStart[w]
            // The runs of all weights tile [0, 2^bits) exactly (next == 2^bits).
            assert(startIndex + length <= 1 << bits)
            (entries + startIndex).update(repeating: entry, count: length)
            rankStart[w] = startIndex + length
        }
        maxBits = bits
        isValid = true
        // Exact number of pair entries the pair table would get (see
        // ZstdHuffmanDoubleDecoding.swift): a first code of n1 bits owns
        // 2^(L - n1) indices, and among them a second code of n2 <= L - n1
        // bits owns 2^(L - n1 - n2). Cheap enough to skip building tables
        // that would not pay.
        let log = ZstdHuffmanTable.pairLog
        var pairCount = 0
        for w1 in 1...bits where rankCount[w1] > 0 {
            let n1 = bits + 1 - w1
            for w2 in 1...bits where rankCount[w2] > 0 {
                let n2 = bits + 1 - w2
                if n1 + n2 <= log { pairCount += rankCount[w1] * rankCount[w2] << (log - n1 - n2) }
            }
        }
        pairState = pairCount >= ZstdHuffmanTable.pairMinimumShare ? .notBuilt : .notUseful
    }

    // MARK: - Streams

    /// Decodes one Huffman stream of `size` bytes into exactly `outCount`
    /// symbols; the stream must be consumed exactly.
    mutating func decodeStream(_ src: UnsafePointer<UInt8>, size: Int, into out: UnsafeMutablePointer<UInt8>, outCount: Int) throws {
        if usePairs(outCount: outCount) {
            try decodeStreamPairs(src, size: size, into: out, outCount: outCount)
            return
        }
        var bits = try ZstdBackwardBitReader(src, count: size)
        let table = entries
        let maxBits = self.maxBits
        var op = out
        let end = out + outCount
        // Fast loop: 5 symbols per refill (5 * 11 <= 57 bits).
        // Table lookups peek maxBits bits: indices < 2^maxBits <= tableCapacity.
        assert(maxBits >= 1 && maxBits <= ZstdHuffmanTable.maxCodeBits)
        if outCount >= 5 {
            let fastEnd = end - 5
            while bits.hasFullReload && op <= fastEnd {
                bits.reload()
                // A full reload leaves <= 7 bits consumed: 57 >= 5 * 11 fresh
                // bits; the 5 stores stay in [op, op + 5) <= end.
                assert(bits.consumed <= 7 && op + 5 <= end)
                for k in 0..<5 {
                    let e = table[bits.peek(maxBits)]
                    bits.skip(Int(e >> 8))
                    op[k] = UInt8(truncatingIfNeeded: e)
                }
                op += 5
            }
        }
        try ZstdHuffmanTable.finish(&bits, table, maxBits, op, end)
    }

    /// Decodes the four-stream layout: a 6-byte jump table, then four
    /// streams each yielding a quarter of the literals (rounded up; the last
    /// one takes the remainder).
    mutating func decodeFourStreams(_ src: UnsafePointer<UInt8>, size: Int, into out: UnsafeMutablePointer<UInt8>, outCount: Int) throws {
        guard size >= 10 else { throw CompressionError("zstd: four-stream Huffman literals too short") }
        if usePairs(outCount: outCount) {
            try decodeFourStreamsPairs(src, size: size, into: out, outCount: outCount)
            return
        }
        let layout = try ZstdFourStreamLayout(src, size: size, outCount: outCount)
        let (p1, p2, p3, p4) = layout.starts
        let segment = layout.segment
        var (b1, b2, b3, b4) = layout.readers
        let table = entries
        let maxBits = self.maxBits
        var o1 = out, o2 = out + segment, o3 = out + 2 * segment, o4 = out + 3 * segment
        let e1 = o2, e2 = o3, e3 = o4, e4 = out + outCount
        assert(maxBits >= 1 && maxBits <= ZstdHuffmanTable.maxCodeBits)
        // Interleaved fast loop, same scheme and bounds as the pair loop
        // (ZstdHuffmanDoubleDecoding.swift): 5 lookups of <= maxBits <= 11
        // bits per reload, here one byte written per lookup, so
        // n <= room / 5 keeps the stores in each segment and n <= bytes / 7
        // keeps every reload inside its stream.
        if b1.hasFullReload && b2.hasFullReload && b3.hasFullReload && b4.hasFullReload {
            var f1 = ZstdHuffmanFastBits(&b1), f2 = ZstdHuffmanFastBits(&b2)
            var f3 = ZstdHuffmanFastBits(&b3), f4 = ZstdHuffmanFastBits(&b4)
            let shift = UInt64(truncatingIfNeeded: 64 - maxBits)
            while true {
                var n = min(f1.ip - p1, f2.ip - p2, f3.ip - p3, f4.ip - p4) / 7
                n = min(n, (e4 - o4) / 5)  // the fourth segment is the shortest
                if n <= 0 { break }
                repeat {
                    f1.reload(); f2.reload(); f3.reload(); f4.reload()
                    assert(f1.ip >= p1 && f2.ip >= p2 && f3.ip >= p3 && f4.ip >= p4)
                    assert(o1 + 5 <= e1 && o2 + 5 <= e2 && o3 + 5 <= e3 && o4 + 5 <= e4)
                    for k in 0..<5 {
                        let x1 = table[Int(truncatingIfNeeded: f1.bits &>> shift)]
                        let x2 = table[Int(truncatingIfNeeded: f2.bits &>> shift)]
                        let x3 = table[Int(truncatingIfNeeded: f3.bits &>> shift)]
                        let x4 = table[Int(truncatingIfNeeded: f4.bits &>> shift)]
                        f1.skip(UInt32(x1 >> 8)); f2.skip(UInt32(x2 >> 8)); f3.skip(UInt32(x3 >> 8)); f4.skip(UInt32(x4 >> 8))
                        o1[k] = UInt8(truncatingIfNeeded: x1)
                        o2[k] = UInt8(truncatingIfNeeded: x2)
                        o3[k] = UInt8(truncatingIfNeeded: x3)
                        o4[k] = UInt8(truncatingIfNeeded: x4)
                    }
                    o1 += 5; o2 += 5; o3 += 5; o4 += 5
                    n &-= 1
                } while n > 0
            }
            f1.store(&b1); f2.store(&b2); f3.store(&b3); f4.store(&b4)
        } else if e4 - o4 >= 5 {
            let fastEnd4 = e4 - 5
            while o4 <= fastEnd4 && b1.hasFullReload && b2.hasFullReload && b3.hasFullReload && b4.hasFullReload {
                b1.reload(); b2.reload(); b3.reload(); b4.reload()
                // o4 + 5 <= e4, and the other segments have at least as much room.
                assert(o1 + 5 <= e1 && o2 + 5 <= e2 && o3 + 5 <= e3 && o4 + 5 <= e4)
                for k in 0..<5 {
                    let x1 = table[b1.peek(maxBits)]
                    let x2 = table[b2.peek(maxBits)]
                    let x3 = table[b3.peek(maxBits)]
                    let x4 = table[b4.peek(maxBits)]
                    b1.skip(Int(x1 >> 8)); b2.skip(Int(x2 >> 8)); b3.skip(Int(x3 >> 8)); b4.skip(Int(x4 >> 8))
                    o1[k] = UInt8(truncatingIfNeeded: x1)
                    o2[k] = UInt8(truncatingIfNeeded: x2)
                    o3[k] = UInt8(truncatingIfNeeded: x3)
                    o4[k] = UInt8(truncatingIfNeeded: x4)
                }
                o1 += 5; o2 += 5; o3 += 5; o4 += 5
            }
        }
        try ZstdHuffmanTable.finish(&b1, table, maxBits, o1, e1)
        try ZstdHuffmanTable.finish(&b2, table, maxBits, o2, e2)
        try ZstdHuffmanTable.finish(&b3, table, maxBits, o3, e3)
        try ZstdHuffmanTable.finish(&b4, table, maxBits, o4, e4)
    }

    /// Decodes the rest of one stream symbol by symbol and checks its end.
    @inline(__always)
    static func finish(
        _ bits: inout ZstdBackwardBitReader, _ table: UnsafeMutablePointer<UInt16>, _ maxBits: Int,
        _ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
    ) throws {
        var op = start
        assert(maxBits >= 1 && maxBits <= ZstdHuffmanTable.maxCodeBits)
        while op < end {
            bits.reload()
            let e = table[bits.peek(maxBits)]
            bits.skip(Int(e >> 8))
            op.pointee = UInt8(truncatingIfNeeded: e)
            op += 1
        }
        guard bits.isExactlyFinished() else {
            throw CompressionError("zstd: Huffman stream does not end where the literals do")
        }
    }
}
