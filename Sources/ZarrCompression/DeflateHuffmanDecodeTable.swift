// Table-driven decoding of the canonical Huffman codes of RFC 1951 §3.2.2.
//
// A code is decoded by indexing a table with the next `rootBits` bits of the
// stream (deflate packs Huffman codes starting with their most significant bit,
// so the table is indexed with bit-reversed codes). Codes no longer than
// `rootBits` fill every slot whose low bits equal them; longer codes share a
// root slot with the other codes of the same prefix, and that slot points to a
// sub-table indexed by the bits after the root.

/// One decoding table for a literal/length, distance or code-length code.
///
/// Entries are packed `UInt32`s:
/// - bits 0...4: how many bits the code occupies (for a sub-table link: the
///   root bits to drop before indexing the sub-table);
/// - bits 5...7: the entry kind (`literal`, `lengthOrDistance`, `endOfBlock`,
///   `subTable`, `invalid`);
/// - bits 8...11: number of extra bits that follow (for a link: the sub-table's
///   index width);
/// - bits 16...31: the value (literal byte, base length, base distance,
///   code-length symbol, or a link's sub-table offset).
///
/// The storage is allocated once and reused for every block of a stream.
/// Instances used as shared constants (the fixed codes) are never rebuilt
/// after initialisation, which is what makes the `Sendable` claim true.
final class DeflateHuffmanDecodeTable: @unchecked Sendable {
    /// What the symbols of the code stand for.
    enum Alphabet {
        case literalLength, distance, codeLength
    }

    static let kindMask: UInt32 = 0xE0
    static let literal: UInt32 = 0 << 5
    static let lengthOrDistance: UInt32 = 1 << 5
    static let endOfBlock: UInt32 = 2 << 5
    static let subTable: UInt32 = 3 << 5
    static let invalid: UInt32 = 4 << 5

    let alphabet: Alphabet
    let rootBits: Int
    private(set) var entries: UnsafeMutablePointer<UInt32>
    private(set) var capacity: Int

    init(alphabet: Alphabet) {
        self.alphabet = alphabet
        switch alphabet {
        case .literalLength: rootBits = 10
        case .distance: rootBits = 8
        case .codeLength: rootBits = 7
        }
        capacity = 1 << rootBits + 1024
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Self.invalid, count: capacity)
    }

    /// A table for a fixed code, built at once. The fixed code lengths are valid.
    convenience init(fixed lengths: [UInt8], alphabet: Alphabet) {
        self.init(alphabet: alphabet)
        try? build(lengths: lengths)
    }

    deinit { entries.deallocate() }

    /// Builds the table for `lengths`.
    func build(lengths: [UInt8]) throws {
        try lengths.withUnsafeBufferPointer { try build(lengths: $0) }
    }

    /// Builds the table for the code whose symbol `s` has code length
    /// `lengths[s]` (0 = unused), rejecting over-subscribed codes and
    /// incomplete ones (except a single code of length 1, which RFC 1951
    /// permits for a one-symbol alphabet, and an empty distance code).
    func build(lengths: UnsafeBufferPointer<UInt8>) throws {
        let name: String
        switch alphabet {
        case .literalLength: name = "literal/length"
        case .distance: name = "distance"
        case .codeLength: name = "code-length"
        }
        let maxLength = alphabet == .codeLength ? 7 : 15
        var counts = [Int](repeating: 0, count: 16)
        for l in lengths {
            guard Int(l) <= maxLength else {
                throw CompressionError("inflate: \(name) code length \(l) exceeds \(maxLength)")
            }
            counts[Int(l)] += 1
        }
        counts[0] = 0
        var left = 1
        var used = 0
        for l in 1...15 {
            left = (left << 1) - counts[l]
            used += counts[l]
            if left < 0 {
                throw CompressionError("inflate: over-subscribed \(name) code lengths")
            }
        }
        let rootSize = 1 << rootBits
        if left > 0 {
            if used == 0 && alphabet == .distance {
                // A block with literals only may declare no distance codes.
                entries.update(repeating: Self.invalid, count: rootSize)
                return
            }
            guard used == 1 && counts[1] == 1 && alphabet != .codeLength else {
                throw CompressionError("inflate: incomplete \(name) code lengths")
            }
            entries.update(repeating: Self.invalid, count: rootSize)
        }

        // Symbols sorted by (length, symbol) get consecutive canonical codes.
        var offsets = [Int](repeating: 0, count: 17)
        for l in 1...15 { offsets[l + 1] = offsets[l] + counts[l] }
        var sorted = [Int](repeating: 0, count: used)
        for (s, l) in lengths.enumerated() where l != 0 {
            sorted[offsets[Int(l)]] = s
            offsets[Int(l)] += 1
        }
        var codes = [UInt32](repeating: 0, count: used)
        var code: UInt32 = 0
        var previousLength = 0
        for i in 0..<used {
            let l = Int(lengths[sorted[i]])
            code <<= UInt32(l - previousLength)
            previousLength = l
            codes[i] = DeflateFormat.reverseBits(code, l)
            code += 1
        }

        // Size the storage: the root table plus one sub-table per prefix of
        // long codes, as wide as the longest code under that prefix.
        let rootMask = UInt32(rootSize - 1)
        var total = rootSize
        var i = 0
        while i < used {
            let l = Int(lengths[sorted[i]])
            if l <= rootBits { i += 1; continue }
            let prefix = codes[i] & rootMask
            var j = i
            while j + 1 < used && codes[j + 1] & rootMask == prefix { j += 1 }
            total += 1 << (Int(lengths[sorted[j]]) - rootBits)
            i = j + 1
        }
        if total > capacity {
            entries.deallocate()
            capacity = total
            entries = .allocate(capacity: capacity)
            entries.initialize(repeating: Self.invalid, count: capacity)
        }

        // Fill.
        var next = rootSize
        i = 0
        while i < used {
            let s = sorted[i]
            let l = Int(lengths[s])
            if l <= rootBits {
                let e = entry(symbol: s, bits: l)
                var k = Int(codes[i])
                while k < rootSize { entries[k] = e; k += 1 << l }
                i += 1
                continue
            }
            let prefix = codes[i] & rootMask
            var j = i
            while j + 1 < used && codes[j + 1] & rootMask == prefix { j += 1 }
            let subBits = Int(lengths[sorted[j]]) - rootBits
            entries[Int(prefix)] = UInt32(next) << 16 | UInt32(subBits) << 8 | Self.subTable | UInt32(rootBits)
            let subSize = 1 << subBits
            for m in i...j {
                let sl = Int(lengths[sorted[m]]) - rootBits
                let e = entry(symbol: sorted[m], bits: sl)
                var k = Int(codes[m] >> UInt32(rootBits))
                while k < subSize { entries[next + k] = e; k += 1 << sl }
            }
            next += subSize
            i = j + 1
        }
    }

    /// The packed entry of symbol `s` whose code occupies `bits` bits.
    private func entry(symbol s: Int, bits: Int) -> UInt32 {
        let b = UInt32(bits)
        switch alphabet {
        case .codeLength:
            return UInt32(s) << 16 | Self.literal | b
        case .literalLength:
            if s < 256 { return UInt32(s) << 16 | Self.literal | b }
            if s == 256 { return Self.endOfBlock | b }
            if s < 286 {
                let k = s - 257
                return UInt32(DeflateFormat.lengthBase[k]) << 16
                    | UInt32(DeflateFormat.lengthExtraBits[k]) << 8 | Self.lengthOrDistance | b
            }
            return Self.invalid | b
        case .distance:
            if s < 30 {
                return UInt32(DeflateFormat.distanceBase[s]) << 16
                    | UInt32(DeflateFormat.distanceExtraBits[s]) << 8 | Self.lengthOrDistance | b
            }
            return Self.invalid | b
        }
    }

    /// The decoding tables of the fixed Huffman code (RFC 1951 §3.2.6).
    static let fixedLiteralLength = DeflateHuffmanDecodeTable(
        fixed: DeflateFormat.fixedLiteralLengthLengths, alphabet: .literalLength)
    static let fixedDistance = DeflateHuffmanDecodeTable(
        fixed: DeflateFormat.fixedDistanceLengths, alphabet: .distance)
}
