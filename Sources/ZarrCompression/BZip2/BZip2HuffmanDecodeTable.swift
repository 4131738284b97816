// Decoding of bzip2's Huffman codes. Each block carries 2 to 6 code tables,
// each as a code length (1...20) per symbol; codes are canonical: assigned in
// order of length, then of symbol, counting up from zero.

/// The decode tables of one block's Huffman codes, in memory allocated once.
///
/// A code of up to `fastBits` bits is found with one lookup of the next
/// `fastBits` input bits (entry = symbol << 5 | length; 0 means "longer").
/// Longer codes are found by length: the canonical codes of length L are the
/// integers `first[L] ..< first[L] + count[L]`, in symbol order in `sorted`.
final class BZip2HuffmanDecodeTables {
    static let fastBits = 10
    private static let fastSize = 1 << fastBits
    private static let lengths = BZip2Format.maxCodeLength + 1

    private let fast: UnsafeMutablePointer<UInt16>
    private let first: UnsafeMutablePointer<Int32>
    private let limit: UnsafeMutablePointer<Int32>
    private let offset: UnsafeMutablePointer<Int32>
    private let sorted: UnsafeMutablePointer<UInt16>

    init() {
        let tables = BZip2Format.maxTables
        fast = .allocate(capacity: tables * Self.fastSize)
        first = .allocate(capacity: tables * Self.lengths)
        limit = .allocate(capacity: tables * Self.lengths)
        offset = .allocate(capacity: tables * Self.lengths)
        sorted = .allocate(capacity: tables * BZip2Format.maxAlphabetSize)
    }

    deinit {
        fast.deallocate()
        first.deallocate()
        limit.deallocate()
        offset.deallocate()
        sorted.deallocate()
    }

    /// Builds table `table` from `alphabetSize` code lengths, each already checked to be 1...20.
    /// Throws when the lengths over-subscribe the code space (no prefix code has them);
    /// an incomplete code is accepted, and its unused codes fail when met.
    func build(table: Int, lengths codeLengths: UnsafePointer<UInt8>, alphabetSize: Int) throws {
        assert(table >= 0 && table < BZip2Format.maxTables && alphabetSize <= BZip2Format.maxAlphabetSize)
        var counts = [Int32](repeating: 0, count: Self.lengths)
        for s in 0..<alphabetSize { counts[Int(codeLengths[s])] += 1 }
        // Kraft: the codes of each length must fit in what shorter lengths leave.
        var room = 1
        for length in 1...BZip2Format.maxCodeLength {
            room = room * 2 - Int(counts[length])
            guard room >= 0 else { throw CompressionError("bzip2: Huffman code lengths over-subscribe the code space") }
        }
        let f = first + table * Self.lengths
        let l = limit + table * Self.lengths
        let o = offset + table * Self.lengths
        var code: Int32 = 0
        var index: Int32 = 0
        f[0] = 0; l[0] = 0; o[0] = 0
        for length in 1...BZip2Format.maxCodeLength {
            f[length] = code
            l[length] = code + counts[length]
            o[length] = index
            index += counts[length]
            code = (code + counts[length]) << 1
        }
        // Symbols in canonical order (by length, then symbol).
        let s = sorted + table * BZip2Format.maxAlphabetSize
        var next = [Int32](repeating: 0, count: Self.lengths)
        for length in 1...BZip2Format.maxCodeLength { next[length] = o[length] }
        for symbol in 0..<alphabetSize {
            let length = Int(codeLengths[symbol])
            s[Int(next[length])] = UInt16(symbol)
            next[length] += 1
        }
        // The one-lookup table for codes of up to fastBits bits.
        let t = fast + table * Self.fastSize
        t.initialize(repeating: 0, count: Self.fastSize)
        for length in 1...Self.fastBits where counts[length] > 0 {
            for k in 0..<Int(counts[length]) {
                let symbol = Int(s[Int(o[length]) + k])
                let code = Int(f[length]) + k
                let shift = Self.fastBits - length
                let entry = UInt16(symbol << 5 | length)
                let start = code << shift
                (t + start).initialize(repeating: entry, count: 1 << shift)
            }
        }
    }

    /// Decodes one symbol of table `table`; nil for a code the table does not have.
    /// Needs 20 available bits in `reader` (after `refill`).
    @inline(__always)
    func decode(table: Int, _ reader: inout BZip2BitReader) -> Int? {
        assert(reader.bitsAvailable >= BZip2Format.maxCodeLength)
        let entry = Int(fast[table &* Self.fastSize &+ reader.peek(Self.fastBits)])
        if entry != 0 {
            reader.consume(entry & 31)
            return entry &>> 5
        }
        return decodeLong(table: table, &reader)
    }

    private func decodeLong(table: Int, _ reader: inout BZip2BitReader) -> Int? {
        let bits = reader.peek(BZip2Format.maxCodeLength)
        let base = table &* Self.lengths
        for length in (Self.fastBits + 1)...BZip2Format.maxCodeLength {
            let code = Int32(truncatingIfNeeded: bits &>> (BZip2Format.maxCodeLength &- length))
            if code < limit[base &+ length] {
                // Not a code of a shorter length, so code >= first[length].
                assert(code >= first[base &+ length])
                reader.consume(length)
                let index = offset[base &+ length] &+ (code &- first[base &+ length])
                return Int(sorted[table &* BZip2Format.maxAlphabetSize &+ Int(index)])
            }
        }
        return nil
    }
}
