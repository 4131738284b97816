// Collecting the symbols of one deflate block and writing the block in the
// cheapest of the three forms RFC 1951 offers: stored (§3.2.4), fixed Huffman
// codes (§3.2.6) or dynamic Huffman codes declared in the header (§3.2.7).

/// The symbol buffer and code tables for the block being built.
struct DeflateBlockEncoder {
    /// Symbols per block. Larger blocks amortise the dynamic header; smaller
    /// ones adapt the codes to changing data.
    static let maxSymbols = 1 << 15

    /// One entry per symbol: a literal byte (`< 256`, distance field zero) or a
    /// match, `length | distance << 16`.
    let symbols: UnsafeMutablePointer<UInt32>
    private(set) var symbolCount = 0
    let literalFrequencies: UnsafeMutablePointer<UInt32>
    let distanceFrequencies: UnsafeMutablePointer<UInt32>
    private let literalLengths: UnsafeMutablePointer<UInt8>
    private let literalCodes: UnsafeMutablePointer<UInt16>
    private let distanceLengths: UnsafeMutablePointer<UInt8>
    private let distanceCodes: UnsafeMutablePointer<UInt16>
    /// Match length (3...258) to length-symbol index (symbol - 257).
    private let lengthIndex: UnsafeMutablePointer<UInt8>

    init() {
        symbols = .allocate(capacity: Self.maxSymbols)
        literalFrequencies = .allocate(capacity: 288)
        literalFrequencies.initialize(repeating: 0, count: 288)
        distanceFrequencies = .allocate(capacity: 32)
        distanceFrequencies.initialize(repeating: 0, count: 32)
        literalLengths = .allocate(capacity: 288)
        literalLengths.initialize(repeating: 0, count: 288)
        literalCodes = .allocate(capacity: 288)
        literalCodes.initialize(repeating: 0, count: 288)
        distanceLengths = .allocate(capacity: 32)
        distanceLengths.initialize(repeating: 0, count: 32)
        distanceCodes = .allocate(capacity: 32)
        distanceCodes.initialize(repeating: 0, count: 32)
        lengthIndex = .allocate(capacity: 259)
        lengthIndex.initialize(repeating: 0, count: 259)
        for k in 0..<29 {
            let first = Int(DeflateFormat.lengthBase[k])
            let span = 1 << Int(DeflateFormat.lengthExtraBits[k])
            for length in first..<min(first + span, 259) { lengthIndex[length] = UInt8(k) }
        }
        lengthIndex[258] = 28
    }

    func deallocate() {
        symbols.deallocate()
        literalFrequencies.deallocate()
        distanceFrequencies.deallocate()
        literalLengths.deallocate()
        literalCodes.deallocate()
        distanceLengths.deallocate()
        distanceCodes.deallocate()
        lengthIndex.deallocate()
    }

    var isFull: Bool { symbolCount >= Self.maxSymbols }

    // MARK: - Collecting symbols

    @inline(__always)
    mutating func addLiteral(_ byte: UInt8) {
        symbols[symbolCount] = UInt32(byte)
        symbolCount &+= 1
        literalFrequencies[Int(byte)] &+= 1
    }

    @inline(__always)
    mutating func addMatch(length: Int, distance: Int) {
        symbols[symbolCount] = UInt32(truncatingIfNeeded: length | distance << 16)
        symbolCount &+= 1
        literalFrequencies[257 &+ Int(lengthIndex[length])] &+= 1
        distanceFrequencies[Self.distanceSymbol(distance)] &+= 1
    }

    /// The distance symbol (0...29) of a distance in 1...32768.
    @inline(__always)
    static func distanceSymbol(_ distance: Int) -> Int {
        let d = UInt32(truncatingIfNeeded: distance &- 1)
        if d < 4 { return Int(d) }
        let log2 = 31 &- d.leadingZeroBitCount
        return 2 &* log2 &+ Int((d &>> UInt32(log2 &- 1)) & 1)
    }

    // MARK: - Writing a block

    /// Writes the collected symbols, which encode `input[start..<end]`, as one
    /// block (or, if stored wins, as many stored blocks as needed), then resets.
    mutating func writeBlock(input: UnsafePointer<UInt8>, start: Int, end: Int, isFinal: Bool,
                             writer: inout DeflateBitWriter) {
        defer {
            symbolCount = 0
            literalFrequencies.update(repeating: 0, count: 288)
            distanceFrequencies.update(repeating: 0, count: 32)
        }
        literalFrequencies[256] = 1
        DeflateHuffmanEncoder.lengths(frequencies: literalFrequencies, count: 286, limit: 15, into: literalLengths)
        DeflateHuffmanEncoder.lengths(frequencies: distanceFrequencies, count: 30, limit: 15, into: distanceLengths)

        var literalCount = 286
        while literalCount > 257 && literalLengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = 30
        while distanceCount > 1 && distanceLengths[distanceCount - 1] == 0 { distanceCount -= 1 }

        // Run-length code the two length lists as one sequence.
        var sequence = [UInt8](repeating: 0, count: literalCount + distanceCount)
        for s in 0..<literalCount { sequence[s] = literalLengths[s] }
        for s in 0..<distanceCount { sequence[literalCount + s] = distanceLengths[s] }
        var runSymbols: [UInt8] = []
        var runExtras: [UInt8] = []
        runSymbols.reserveCapacity(sequence.count)
        runExtras.reserveCapacity(sequence.count)
        Self.runLengthEncode(sequence, symbols: &runSymbols, extras: &runExtras)
        var clFrequencies = [UInt32](repeating: 0, count: 19)
        for s in runSymbols { clFrequencies[Int(s)] += 1 }
        var clLengths = [UInt8](repeating: 0, count: 19)
        var clCodes = [UInt16](repeating: 0, count: 19)
        clFrequencies.withUnsafeBufferPointer { f in
            clLengths.withUnsafeMutableBufferPointer { l in
                DeflateHuffmanEncoder.lengths(frequencies: f.baseAddress!, count: 19, limit: 7, into: l.baseAddress!)
            }
        }
        clLengths.withUnsafeBufferPointer { l in
            clCodes.withUnsafeMutableBufferPointer { c in
                DeflateHuffmanEncoder.codes(lengths: l.baseAddress!, count: 19, into: c.baseAddress!)
            }
        }
        var clCount = 19
        while clCount > 4 && clLengths[DeflateFormat.codeLengthOrder[clCount - 1]] == 0 { clCount -= 1 }

        // Sizes of the three candidate encodings, in bits.
        var headerBits = 5 + 5 + 4 + 3 * clCount
        for s in 0..<19 { headerBits += Int(clFrequencies[s]) * Int(clLengths[s]) }
        headerBits += 2 * Int(clFrequencies[16]) + 3 * Int(clFrequencies[17]) + 7 * Int(clFrequencies[18])
        var dynamicBits = 3 + headerBits
        var fixedBits = 3
        let fixedLengths = DeflateFormat.fixedLiteralLengthLengths
        for s in 0..<286 {
            let f = Int(literalFrequencies[s])
            dynamicBits += f * Int(literalLengths[s])
            fixedBits += f * Int(fixedLengths[s])
        }
        var extraBits = 0
        for k in 0..<29 { extraBits += Int(literalFrequencies[257 + k]) * Int(DeflateFormat.lengthExtraBits[k]) }
        for s in 0..<30 {
            let f = Int(distanceFrequencies[s])
            dynamicBits += f * Int(distanceLengths[s])
            fixedBits += f * 5
            extraBits += f * Int(DeflateFormat.distanceExtraBits[s])
        }
        dynamicBits += extraBits
        fixedBits += extraBits
        let storedBits = Self.storedBits(byteCount: end - start, pendingBits: writer.bitCount)

        if storedBits <= dynamicBits && storedBits <= fixedBits {
            Self.writeStored(input: input, start: start, end: end, isFinal: isFinal, writer: &writer)
            return
        }
        writer.reserve(min(dynamicBits, fixedBits) / 8 + 64)
        let finalBit: UInt32 = isFinal ? 1 : 0
        if fixedBits <= dynamicBits {
            writer.write(finalBit | 1 << 1, 3)
            DeflateFixedCodes.shared.withTables { litCodes, litLengths, distCodes, distLengths in
                writeSymbols(litCodes, litLengths, distCodes, distLengths, &writer)
            }
            return
        }
        DeflateHuffmanEncoder.codes(lengths: literalLengths, count: 286, into: literalCodes)
        DeflateHuffmanEncoder.codes(lengths: distanceLengths, count: 30, into: distanceCodes)
        writer.write(finalBit | 2 << 1, 3)
        writer.write(UInt32(literalCount - 257), 5)
        writer.write(UInt32(distanceCount - 1), 5)
        writer.write(UInt32(clCount - 4), 4)
        for i in 0..<clCount { writer.write(UInt32(clLengths[DeflateFormat.codeLengthOrder[i]]), 3) }
        for (i, s) in runSymbols.enumerated() {
            let sym = Int(s)
            writer.write(UInt32(clCodes[sym]), Int(clLengths[sym]))
            switch sym {
            case 16: writer.write(UInt32(runExtras[i]), 2)
            case 17: writer.write(UInt32(runExtras[i]), 3)
            case 18: writer.write(UInt32(runExtras[i]), 7)
            default: break
            }
        }
        writeSymbols(literalCodes, literalLengths, distanceCodes, distanceLengths, &writer)
    }

    /// Writes every collected symbol, then the end-of-block code.
    private func writeSymbols(_ litCodes: UnsafePointer<UInt16>, _ litLengths: UnsafePointer<UInt8>,
                              _ distCodes: UnsafePointer<UInt16>, _ distLengths: UnsafePointer<UInt8>,
                              _ writer: inout DeflateBitWriter) {
        DeflateFormat.lengthBase.withUnsafeBufferPointer { lengthBase in
        DeflateFormat.lengthExtraBits.withUnsafeBufferPointer { lengthExtra in
        DeflateFormat.distanceBase.withUnsafeBufferPointer { distanceBase in
        DeflateFormat.distanceExtraBits.withUnsafeBufferPointer { distanceExtra in
            for i in 0..<symbolCount {
                let s = symbols[i]
                let distance = Int(s &>> 16)
                if distance == 0 {
                    let b = Int(s)
                    writer.write(UInt32(litCodes[b]), Int(litLengths[b]))
                    continue
                }
                let length = Int(s & 0xFFFF)
                let k = Int(lengthIndex[length])
                let ls = 257 &+ k
                let lcl = Int(litLengths[ls])
                writer.write(UInt32(litCodes[ls]) | UInt32(length &- Int(lengthBase[k])) &<< UInt32(lcl),
                             lcl &+ Int(lengthExtra[k]))
                let ds = Self.distanceSymbol(distance)
                let dcl = Int(distLengths[ds])
                writer.write(UInt32(distCodes[ds]) | UInt32(distance &- Int(distanceBase[ds])) &<< UInt32(dcl),
                             dcl &+ Int(distanceExtra[ds]))
            }
            writer.write(UInt32(litCodes[256]), Int(litLengths[256]))
        }}}}
    }

    /// Run-length codes a sequence of code lengths with symbols 16 (repeat the
    /// previous length 3-6 times), 17 (3-10 zeros) and 18 (11-138 zeros).
    static func runLengthEncode(_ lengths: [UInt8], symbols: inout [UInt8], extras: inout [UInt8]) {
        var i = 0
        let n = lengths.count
        while i < n {
            let v = lengths[i]
            var run = 1
            while i + run < n && lengths[i + run] == v { run += 1 }
            i += run
            if v == 0 {
                while run >= 11 {
                    let t = min(run, 138)
                    symbols.append(18); extras.append(UInt8(t - 11))
                    run -= t
                }
                if run >= 3 {
                    symbols.append(17); extras.append(UInt8(run - 3))
                    run = 0
                }
            } else {
                symbols.append(v); extras.append(0)
                run -= 1
                while run >= 3 {
                    let t = min(run, 6)
                    symbols.append(16); extras.append(UInt8(t - 3))
                    run -= t
                }
            }
            while run > 0 {
                symbols.append(v); extras.append(0)
                run -= 1
            }
        }
    }

    // MARK: - Stored blocks

    /// Bits that stored blocks for `byteCount` bytes take when `pendingBits`
    /// bits of the current byte are already used.
    static func storedBits(byteCount: Int, pendingBits: Int) -> Int {
        let chunks = max(1, (byteCount + DeflateFormat.maxStoredBlock - 1) / DeflateFormat.maxStoredBlock)
        let firstPadding = (8 - (pendingBits + 3) & 7) & 7
        return chunks * (3 + 32) + firstPadding + (chunks - 1) * 5 + 8 * byteCount
    }

    /// Writes `input[start..<end]` as stored blocks of at most 65535 bytes.
    static func writeStored(input: UnsafePointer<UInt8>?, start: Int, end: Int, isFinal: Bool,
                            writer: inout DeflateBitWriter) {
        var position = start
        repeat {
            let length = min(end - position, DeflateFormat.maxStoredBlock)
            let last = position + length == end
            writer.reserve(length + 16)
            writer.write(isFinal && last ? 1 : 0, 3)
            writer.alignToByte()
            writer.writeByte(UInt8(length & 0xFF))
            writer.writeByte(UInt8(length >> 8))
            writer.writeByte(UInt8(~length & 0xFF))
            writer.writeByte(UInt8((~length >> 8) & 0xFF))
            if length > 0, let input { writer.writeBytes(input + position, count: length) }
            position += length
        } while position < end
    }
}

/// Bit-reversed codes of the fixed Huffman code, built once.
final class DeflateFixedCodes: Sendable {
    static let shared = DeflateFixedCodes()
    private let literalCodes: [UInt16]
    private let distanceCodes: [UInt16]

    private init() {
        var lit = [UInt16](repeating: 0, count: 288)
        DeflateFormat.fixedLiteralLengthLengths.withUnsafeBufferPointer { l in
            lit.withUnsafeMutableBufferPointer { c in
                DeflateHuffmanEncoder.codes(lengths: l.baseAddress!, count: 288, into: c.baseAddress!)
            }
        }
        var dist = [UInt16](repeating: 0, count: 32)
        DeflateFormat.fixedDistanceLengths.withUnsafeBufferPointer { l in
            dist.withUnsafeMutableBufferPointer { c in
                DeflateHuffmanEncoder.codes(lengths: l.baseAddress!, count: 32, into: c.baseAddress!)
            }
        }
        literalCodes = lit
        distanceCodes = dist
    }

    func withTables<R>(_ body: (UnsafePointer<UInt16>, UnsafePointer<UInt8>,
                                UnsafePointer<UInt16>, UnsafePointer<UInt8>) -> R) -> R {
        literalCodes.withUnsafeBufferPointer { lc in
        DeflateFormat.fixedLiteralLengthLengths.withUnsafeBufferPointer { ll in
        distanceCodes.withUnsafeBufferPointer { dc in
        DeflateFormat.fixedDistanceLengths.withUnsafeBufferPointer { dl in
            body(lc.baseAddress!, ll.baseAddress!, dc.baseAddress!, dl.baseAddress!)
        }}}}
    }
}
