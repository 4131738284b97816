// Compressed blocks, encoder side (RFC 8878 §3.1.1.3): the literals
// section and the sequences section, each choosing its cheapest mode.

/// Scratch memory of the entropy stage, allocated once per compression.
final class ZstdEncoderScratch {
    let counts: UnsafeMutablePointer<Int>
    let huffWeights: UnsafeMutablePointer<UInt8>
    let cells: UnsafeMutablePointer<UInt8>
    let cumul: UnsafeMutablePointer<Int>
    var fseWeights = ZstdFSEEncodingTable()
    let decodeCheck = ZstdDecoderScratch()

    init() {
        counts = .allocate(capacity: 256)
        counts.initialize(repeating: 0, count: 256)
        huffWeights = .allocate(capacity: 256)
        huffWeights.initialize(repeating: 0, count: 256)
        cells = .allocate(capacity: 512)
        cells.initialize(repeating: 0, count: 512)
        cumul = .allocate(capacity: 80)
        cumul.initialize(repeating: 0, count: 80)
    }

    deinit {
        counts.deallocate(); huffWeights.deallocate(); cells.deallocate(); cumul.deallocate()
        fseWeights.deallocate(); decodeCheck.deallocate()
    }
}

/// The sequences of one block as the match finder produced them.
struct ZstdSequenceStore {
    let literalLengths: UnsafeMutablePointer<UInt32>
    let matchLengths: UnsafeMutablePointer<UInt32>
    /// Offset values: 1...3 repeat codes, otherwise offset + 3.
    let offsetValues: UnsafeMutablePointer<UInt32>
    let literals: UnsafeMutablePointer<UInt8>
    var count = 0
    var literalCount = 0
    /// Codes, filled by the encoder.
    let llCodes: UnsafeMutablePointer<UInt8>
    let mlCodes: UnsafeMutablePointer<UInt8>
    let ofCodes: UnsafeMutablePointer<UInt8>

    static let capacity = ZstdDecoderState.maxBlockSize / 3 + 8

    init() {
        let c = ZstdSequenceStore.capacity
        literalLengths = .allocate(capacity: c)
        matchLengths = .allocate(capacity: c)
        offsetValues = .allocate(capacity: c)
        llCodes = .allocate(capacity: c)
        mlCodes = .allocate(capacity: c)
        ofCodes = .allocate(capacity: c)
        literals = .allocate(capacity: ZstdDecoderState.maxBlockSize + 64)
    }

    func deallocate() {
        literalLengths.deallocate(); matchLengths.deallocate(); offsetValues.deallocate()
        llCodes.deallocate(); mlCodes.deallocate(); ofCodes.deallocate(); literals.deallocate()
    }
}

/// Entropy-codes blocks.
final class ZstdBlockEncoder {
    let scratch = ZstdEncoderScratch()
    var huffman = ZstdHuffmanEncoder()
    var llTable = ZstdFSEEncodingTable()
    var mlTable = ZstdFSEEncodingTable()
    var ofTable = ZstdFSEEncodingTable()
    var llDefault = ZstdFSEEncodingTable()
    var mlDefault = ZstdFSEEncodingTable()
    var ofDefault = ZstdFSEEncodingTable()
    let llCounts = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    let mlCounts = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    let ofCounts = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    let codes = ZstdSequenceCodeLookup()

    init() {
        llDefault.setNormalized(ZstdSequenceCodes.literalLengthDefaultNorm, tableLog: ZstdSequenceCodes.literalLengthDefaultLog)
        mlDefault.setNormalized(ZstdSequenceCodes.matchLengthDefaultNorm, tableLog: ZstdSequenceCodes.matchLengthDefaultLog)
        ofDefault.setNormalized(ZstdSequenceCodes.offsetDefaultNorm, tableLog: ZstdSequenceCodes.offsetDefaultLog)
        llDefault.buildEncodingTable(cells: scratch.cells, cumul: scratch.cumul)
        mlDefault.buildEncodingTable(cells: scratch.cells, cumul: scratch.cumul)
        ofDefault.buildEncodingTable(cells: scratch.cells, cumul: scratch.cumul)
    }

    deinit {
        llTable.deallocate(); mlTable.deallocate(); ofTable.deallocate()
        llDefault.deallocate(); mlDefault.deallocate(); ofDefault.deallocate()
        llCounts.deallocate(); mlCounts.deallocate(); ofCounts.deallocate()
        codes.deallocate()
    }

    // MARK: - Literals section

    /// Writes the literals section; returns its size.
    func writeLiterals(_ lit: UnsafePointer<UInt8>, count n: Int, to dst: UnsafeMutablePointer<UInt8>) -> Int {
        let counts = scratch.counts
        if n >= 64 {
            counts.update(repeating: 0, count: 256)
            // Four interleaved histograms would be faster on skewed data;
            // one is enough at these sizes.
            for i in 0..<n { counts[Int(lit[i])] &+= 1 }
            var present = 0
            var maxCount = 0
            for s in 0..<256 where counts[s] > 0 { present += 1; maxCount = max(maxCount, counts[s]) }
            if present == 1 {
                let h = ZstdBlockEncoder.writeRawOrRLEHeader(type: 1, size: n, to: dst)
                dst[h] = lit[0]
                return h + 1
            }
            // Only worth it if the data is skewed enough.
            if maxCount > n / 128 + 2 {
                huffman.build(counts: counts)
                let estimate = huffman.payloadSize(counts: counts)
                if estimate + 16 < n - n / 32 {
                    let fourStreams = n >= 256
                    let headerSize = (n > 1023 || !fourStreams) ? (n > 16383 ? 5 : (n > 1023 ? 4 : 3)) : 3
                    var p = dst + headerSize
                    if let treeSize = huffman.writeDescription(to: p, scratch: scratch) {
                        p += treeSize
                        if let streamSize = huffman.writeStreams(lit, count: n, fourStreams: fourStreams, to: p) {
                            let compressed = treeSize + streamSize
                            let fits: Bool
                            switch headerSize {
                            case 3: fits = compressed <= 1023
                            case 4: fits = compressed <= 16383
                            default: fits = compressed <= 262143
                            }
                            if fits && headerSize + compressed < n {
                                ZstdBlockEncoder.writeCompressedHeader(headerSize: headerSize, fourStreams: fourStreams,
                                                                       regenerated: n, compressed: compressed, to: dst)
                                return headerSize + compressed
                            }
                        }
                    }
                }
            }
        }
        let h = ZstdBlockEncoder.writeRawOrRLEHeader(type: 0, size: n, to: dst)
        (dst + h).update(from: lit, count: n)
        return h + n
    }

    static func writeRawOrRLEHeader(type: Int, size: Int, to dst: UnsafeMutablePointer<UInt8>) -> Int {
        if size < 32 {
            dst[0] = UInt8(type | size << 3)
            return 1
        } else if size < 4096 {
            dst[0] = UInt8(truncatingIfNeeded: type | 1 << 2 | size << 4)
            dst[1] = UInt8(truncatingIfNeeded: size >> 4)
            return 2
        }
        dst[0] = UInt8(truncatingIfNeeded: type | 3 << 2 | size << 4)
        dst[1] = UInt8(truncatingIfNeeded: size >> 4)
        dst[2] = UInt8(truncatingIfNeeded: size >> 12)
        return 3
    }

    static func writeCompressedHeader(headerSize: Int, fourStreams: Bool, regenerated: Int, compressed: Int,
                                      to dst: UnsafeMutablePointer<UInt8>) {
        switch headerSize {
        case 3:
            let h = 2 | (fourStreams ? 1 : 0) << 2 | regenerated << 4 | compressed << 14
            for i in 0..<3 { dst[i] = UInt8(truncatingIfNeeded: h >> (8 * i)) }
        case 4:
            let h = 2 | 2 << 2 | regenerated << 4 | compressed << 18
            for i in 0..<4 { dst[i] = UInt8(truncatingIfNeeded: h >> (8 * i)) }
        default:
            let h = 2 | 3 << 2 | regenerated << 4 | compressed << 22
            for i in 0..<5 { dst[i] = UInt8(truncatingIfNeeded: h >> (8 * i)) }
        }
    }

    // MARK: - Sequences section

    /// How one of the three symbol kinds is coded in this block.
    enum Mode { case predefined, rle(UInt8), compressed }

    /// Chooses a mode for one kind; fills `table` when compressing.
    /// Returns the mode and the bytes its description takes.
    func chooseMode(counts: UnsafePointer<Int>, symbolCount: Int, total: Int, maxLog: Int,
                    defaults: ZstdFSEEncodingTable, table: inout ZstdFSEEncodingTable,
                    descriptionBuffer: UnsafeMutablePointer<UInt8>) -> (Mode, Int) {
        var present = 0
        var only = 0
        for s in 0..<symbolCount where counts[s] > 0 { present += 1; only = s }
        if present == 1 && total > 2 { return (.rle(UInt8(only)), 1) }
        let predefinedCost = defaults.cost(counts: counts, symbolCount: symbolCount)
        if total < 16 && predefinedCost.isFinite { return (.predefined, 0) }
        let log = ZstdFSEEncodingTable.chooseTableLog(total: total, present: present, maxLog: maxLog)
        if table.normalize(counts: counts, symbolCount: symbolCount, total: total, tableLog: log) {
            let size = table.writeDescription(to: descriptionBuffer)
            let compressedCost = table.cost(counts: counts, symbolCount: symbolCount) + Double(size * 8)
            if compressedCost < predefinedCost {
                table.buildEncodingTable(cells: scratch.cells, cumul: scratch.cumul)
                return (.compressed, size)
            }
        }
        if present == 1 { return (.rle(UInt8(only)), 1) }
        return (.predefined, 0)
    }

    /// Writes the sequences section; returns its size. `dst` must have
    /// room for the worst case (about 8 bytes per sequence plus headers).
    func writeSequences(_ seqs: inout ZstdSequenceStore, to dst: UnsafeMutablePointer<UInt8>) -> Int {
        let n = seqs.count
        var p = dst
        if n < 128 {
            p[0] = UInt8(n); p += 1
        } else if n < 0x7F00 {
            p[0] = UInt8((n >> 8) + 128); p[1] = UInt8(n & 255); p += 2
        } else {
            p[0] = 255; p[1] = UInt8((n - 0x7F00) & 255); p[2] = UInt8((n - 0x7F00) >> 8); p += 3
        }
        if n == 0 { return p - dst }

        // Codes and histograms.
        llCounts.update(repeating: 0, count: 64)
        mlCounts.update(repeating: 0, count: 64)
        ofCounts.update(repeating: 0, count: 64)
        for i in 0..<n {
            let llc = codes.literalLengthCode(Int(seqs.literalLengths[i]))
            let mlc = codes.matchLengthCode(Int(seqs.matchLengths[i]) - 3)
            let ofc = 31 - seqs.offsetValues[i].leadingZeroBitCount
            seqs.llCodes[i] = UInt8(llc); seqs.mlCodes[i] = UInt8(mlc); seqs.ofCodes[i] = UInt8(ofc)
            llCounts[llc] += 1; mlCounts[mlc] += 1; ofCounts[ofc] += 1
        }

        let modesAt = p
        p += 1
        let (llMode, llSize) = chooseMode(counts: llCounts, symbolCount: ZstdSequenceCodes.maxLiteralLengthCode + 1, total: n,
                                          maxLog: ZstdSequenceCodes.maxLiteralLengthLog, defaults: llDefault, table: &llTable,
                                          descriptionBuffer: p)
        p += writeModeDescription(llMode, llSize, at: p)
        let (ofMode, ofSize) = chooseMode(counts: ofCounts, symbolCount: ZstdSequenceCodes.maxOffsetCode + 1, total: n,
                                          maxLog: ZstdSequenceCodes.maxOffsetLog, defaults: ofDefault, table: &ofTable,
                                          descriptionBuffer: p)
        p += writeModeDescription(ofMode, ofSize, at: p)
        let (mlMode, mlSize) = chooseMode(counts: mlCounts, symbolCount: ZstdSequenceCodes.maxMatchLengthCode + 1, total: n,
                                          maxLog: ZstdSequenceCodes.maxMatchLengthLog, defaults: mlDefault, table: &mlTable,
                                          descriptionBuffer: p)
        p += writeModeDescription(mlMode, mlSize, at: p)
        modesAt.pointee = UInt8(modeBits(llMode) << 6 | modeBits(ofMode) << 4 | modeBits(mlMode) << 2)

        let llT = tableFor(llMode, llTable, llDefault)
        let mlT = tableFor(mlMode, mlTable, mlDefault)
        let ofT = tableFor(ofMode, ofTable, ofDefault)
        p += ZstdBlockEncoder.writeSequenceStream(seqs, llT: llT, mlT: mlT, ofT: ofT, codes: codes, to: p)
        return p - dst
    }

    func modeBits(_ m: Mode) -> Int {
        switch m {
        case .predefined: return 0
        case .rle: return 1
        case .compressed: return 2
        }
    }

    /// RLE: the symbol byte. Compressed: the description was already
    /// written in place by `chooseMode`.
    func writeModeDescription(_ m: Mode, _ size: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        switch m {
        case .predefined: return 0
        case .rle(let s): p[0] = s; return 1
        case .compressed: return size
        }
    }

    /// The table to encode with; nil for RLE (no bits at all).
    func tableFor(_ m: Mode, _ t: ZstdFSEEncodingTable, _ d: ZstdFSEEncodingTable) -> ZstdFSEEncodingTable? {
        switch m {
        case .predefined: return d
        case .rle: return nil
        case .compressed: return t
        }
    }

    /// The FSE bitstream of the sequences, written in the reverse of the
    /// decoder's reading order: per sequence (last first) the state
    /// transitions OF, ML, LL, then the extra bits LL, ML, OF; the initial
    /// states come from the last sequence and are flushed ML, OF, LL.
    static func writeSequenceStream(_ seqs: ZstdSequenceStore, llT: ZstdFSEEncodingTable?, mlT: ZstdFSEEncodingTable?,
                                    ofT: ZstdFSEEncodingTable?, codes: ZstdSequenceCodeLookup,
                                    to dst: UnsafeMutablePointer<UInt8>) -> Int {
        let n = seqs.count
        var w = ZstdBitWriter(dst)
        let last = n - 1
        var llState = 0, mlState = 0, ofState = 0
        if let t = llT { llState = t.initialState(Int(seqs.llCodes[last])) }
        if let t = mlT { mlState = t.initialState(Int(seqs.mlCodes[last])) }
        if let t = ofT { ofState = t.initialState(Int(seqs.ofCodes[last])) }
        // Two flushes per sequence: after the length bits (at most 7 pending +
        // 16 + 16), and after the offset bits with the next sequence's state
        // transitions (7 + ofCode + 9 + 9 + 8, within the writer's 57 when
        // ofCode <= 24; a longer offset code is flushed on its own).
        var i = last
        while true {
            let llCode = Int(seqs.llCodes[i])
            let mlCode = Int(seqs.mlCodes[i])
            let ll = Int(seqs.literalLengths[i])
            let mlBase = Int(seqs.matchLengths[i])
            // Each value is at least its code's baseline (the code was chosen so).
            w.add(UInt64(truncatingIfNeeded: ll &- Int(codes.literalLengthBaseline[llCode])),
                  Int(codes.literalLengthExtraBits[llCode]))
            w.add(UInt64(truncatingIfNeeded: mlBase &- Int(codes.matchLengthBaseline[mlCode])),
                  Int(codes.matchLengthExtraBits[mlCode]))
            w.flush()
            let ofCode = Int(seqs.ofCodes[i])
            let ofValue = seqs.offsetValues[i]
            w.add(UInt64(ofValue) &- (UInt64(1) &<< UInt64(ofCode)), ofCode)
            if i == 0 { break }
            if ofCode > 24 { w.flush() }
            i &-= 1
            let nextLl = Int(seqs.llCodes[i]), nextMl = Int(seqs.mlCodes[i]), nextOf = Int(seqs.ofCodes[i])
            if let t = ofT { t.encode(&ofState, nextOf, &w) }
            if let t = mlT { t.encode(&mlState, nextMl, &w) }
            if let t = llT { t.encode(&llState, nextLl, &w) }
            w.flush()
        }
        w.flush()
        if let t = mlT { t.flushState(mlState, &w) }
        if let t = ofT { t.flushState(ofState, &w) }
        if let t = llT { t.flushState(llState, &w) }
        return w.closeStream()
    }
}
