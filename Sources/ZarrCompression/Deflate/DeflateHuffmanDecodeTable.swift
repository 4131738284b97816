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

    /// Symbols the alphabet can hold in a table (the fixed literal/length
    /// code defines 288, the fixed distance code 32).
    static let maxSymbols = 288
    /// `entry(symbol: s, bits: 0)` for every symbol, so the build only ORs in
    /// the code length.
    private let symbolEntries: UnsafeMutablePointer<UInt32>
    /// Build scratch, allocated once: 16 counts, 17 offsets, then the
    /// symbols sorted by code length and their bit-reversed codes.
    private let scratch: UnsafeMutablePointer<Int32>

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
        symbolEntries = .allocate(capacity: Self.maxSymbols)
        scratch = .allocate(capacity: 16 + 17 + 2 * Self.maxSymbols)
        scratch.initialize(repeating: 0, count: 16 + 17 + 2 * Self.maxSymbols)
        for s in 0..<Self.maxSymbols {
            (symbolEntries + s).initialize(to: entry(symbol: s, bits: 0))
        }
    }

    /// A table for a fixed code, built at once. The fixed code lengths are valid.
    convenience init(fixed lengths: [UInt8], alphabet: Alphabet) {
        self.init(alphabet: alphabet)
        try? build(lengths: lengths)
    }

    deinit {
        entries.deallocate()
        symbolEntries.deallocate()
        scratch.deallocate()
    }

    /// Builds the table for `lengths`.
    func build(lengths: [UInt8]) throws {
        try lengths.withUnsafeBufferPointer { try build(lengths: $0) }
    }

    private var name: String {
        switch alphabet {
        case .literalLength: return "literal/length"
        case .distance: return "distance"
        case .codeLength: return "code-length"
        }
    }

    /// `code` (at most 15 bits) with its low `length` bits in reverse order.
    @inline(__always)
    static func reversed(_ code: UInt32, _ length: Int) -> UInt32 {
        var x = code
        x = (x & 0x5555) << 1 | (x >> 1) & 0x5555
        x = (x & 0x3333) << 2 | (x >> 2) & 0x3333
        x = (x & 0x0F0F) << 4 | (x >> 4) & 0x0F0F
        x = (x & 0x00FF) << 8 | (x >> 8) & 0x00FF
        return x >> UInt32(16 &- length)
    }

    /// Builds the table for the code whose symbol `s` has code length
    /// `lengths[s]` (0 = unused), rejecting over-subscribed codes and
    /// incomplete ones (except a single code of length 1, which RFC 1951
    /// permits for a one-symbol alphabet, and an empty distance code).
    ///
    /// No entry is cleared first: a complete code writes every root slot and
    /// every slot of each sub-table it links, and the two incomplete cases
    /// reset the root table explicitly.
    func build(lengths: UnsafeBufferPointer<UInt8>) throws {
        let n = lengths.count
        precondition(n <= Self.maxSymbols)
        guard let lp = lengths.baseAddress else {
            if alphabet == .distance { entries.update(repeating: Self.invalid, count: 1 << rootBits); return }
            throw CompressionError("inflate: incomplete \(name) code lengths")
        }
        let maxLength = alphabet == .codeLength ? 7 : 15
        let counts = scratch
        let offsets = scratch + 16
        let sorted = scratch + 33
        let codes = scratch + 33 + Self.maxSymbols
        counts.update(repeating: 0, count: 16)
        var longest = 0
        for s in 0..<n {
            let l = Int(lp[s])
            longest = max(longest, l)
            counts[l & 15] &+= 1  // (a length above 15 is rejected just below)
        }
        guard longest <= maxLength else {
            throw CompressionError("inflate: \(name) code length \(longest) exceeds \(maxLength)")
        }
        counts[0] = 0
        var left = 1
        var used = 0
        for l in 1...15 {
            left = (left << 1) &- Int(counts[l])
            used &+= Int(counts[l])
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
        offsets[1] = 0
        for l in 1...15 { offsets[l + 1] = offsets[l] &+ counts[l] }
        for s in 0..<n {
            let l = Int(lp[s])
            if l != 0 {
                sorted[Int(offsets[l])] = Int32(s)
                offsets[l] &+= 1
            }
        }
        var code: UInt32 = 0
        var previousLength = 0
        for i in 0..<used {
            let l = Int(lp[Int(sorted[i])])
            code <<= UInt32(l &- previousLength)
            previousLength = l
            codes[i] = Int32(Self.reversed(code, l))
            code &+= 1
        }

        // Size the storage: the root table plus one sub-table per prefix of
        // long codes, as wide as the longest code under that prefix.
        let rootMask = Int32(rootSize - 1)
        let firstLong = longest > rootBits ? used &- (rootBits &+ 1...15).reduce(0) { $0 &+ Int(counts[$1]) } : used
        if firstLong < used {
            var total = rootSize
            var i = firstLong
            while i < used {
                let prefix = codes[i] & rootMask
                var j = i
                while j + 1 < used && codes[j + 1] & rootMask == prefix { j += 1 }
                total += 1 << (Int(lp[Int(sorted[j])]) - rootBits)
                i = j + 1
            }
            if total > capacity {
                entries.deallocate()
                capacity = total
                entries = .allocate(capacity: capacity)
                entries.initialize(repeating: Self.invalid, count: capacity)
            }
        }

        // Fill the root table with the short codes: a code of length l owns
        // every slot whose low l bits equal it.
        let table = entries
        for i in 0..<firstLong {
            let s = Int(sorted[i])
            let l = Int(lp[s])
            let e = symbolEntries[s] | UInt32(l)
            var k = Int(codes[i])
            let step = 1 << l
            while k < rootSize { table[k] = e; k &+= step }
        }
        // Then the long codes, grouped by root prefix into sub-tables.
        var next = rootSize
        var i = firstLong
        while i < used {
            let prefix = codes[i] & rootMask
            var j = i
            while j + 1 < used && codes[j + 1] & rootMask == prefix { j += 1 }
            let subBits = Int(lp[Int(sorted[j])]) - rootBits
            table[Int(prefix)] = UInt32(next) << 16 | UInt32(subBits) << 8 | Self.subTable | UInt32(rootBits)
            let subSize = 1 << subBits
            for m in i...j {
                let s = Int(sorted[m])
                let sl = Int(lp[s]) - rootBits
                let e = symbolEntries[s] | UInt32(sl)
                var k = Int(codes[m] >> Int32(rootBits))
                while k < subSize { table[next + k] = e; k &+= 1 << sl }
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
