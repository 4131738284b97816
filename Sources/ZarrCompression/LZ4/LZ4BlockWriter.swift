// Writing the sequences of an LZ4 block (layout in LZ4Format.swift), shared
// by the fast and the high-compression encoders.
//
// Every sequence is checked against the end of the output before it is
// written, together with the 6 bytes that must still follow it (a token and
// the 5 literals the encoders always leave at the end). The encoders only
// emit matches that end at least 5 bytes before the end of the input, so a
// block that fits passes every check: "does not fit" is decided exactly.

struct LZ4BlockWriter {
    /// The next byte to write.
    private(set) var op: UnsafeMutablePointer<UInt8>
    let start: UnsafeMutablePointer<UInt8>
    let end: UnsafeMutablePointer<UInt8>

    /// The bytes that follow every sequence: the last run's token and its 5 literals.
    static let tailReserve = 1 + LZ4Format.lastLiterals

    init(_ dst: UnsafeMutablePointer<UInt8>, capacity: Int) {
        op = dst
        start = dst
        end = dst + capacity
    }

    /// The bytes written so far.
    var count: Int { op - start }

    /// Writes one sequence: `literalCount` literals from `literals`, then a
    /// match of `matchLength` (>= 4) bytes `offset` (1...65535) back. Returns
    /// false, writing nothing, when it and the tail reserve do not fit.
    @inline(__always)
    mutating func sequence(literals: UnsafePointer<UInt8>, literalCount: Int, offset: Int, matchLength: Int) -> Bool {
        assert(literalCount >= 0 && offset >= 1 && offset <= LZ4Format.maxOffset && matchLength >= LZ4Format.minMatch)
        let matchCode = matchLength - LZ4Format.minMatch
        let needed = 1 + LZ4Format.extraLengthBytes(literalCount) + literalCount + 2
            + LZ4Format.extraLengthBytes(matchCode) + LZ4BlockWriter.tailReserve
        guard needed <= end - op else { return false }
        let token = op
        op += 1
        let literalNibble = writeLength(literalCount)
        // The reserve (>= 8 bytes after the literals) covers the 8-byte strides' overrun.
        copyLiterals(literals, literalCount)
        UnsafeMutableRawPointer(op).storeBytes(of: UInt16(truncatingIfNeeded: offset).littleEndian, as: UInt16.self)
        op += 2
        let matchNibble = writeLength(matchCode)
        token.pointee = UInt8(truncatingIfNeeded: literalNibble << 4 | matchNibble)
        return true
    }

    /// Writes the final literal run; false, writing nothing, when it does not fit.
    mutating func lastLiterals(_ literals: UnsafePointer<UInt8>, count literalCount: Int) -> Bool {
        guard 1 + LZ4Format.extraLengthBytes(literalCount) + literalCount <= end - op else { return false }
        let token = op
        op += 1
        token.pointee = UInt8(truncatingIfNeeded: writeLength(literalCount) << 4)
        op.update(from: literals, count: literalCount)
        op += literalCount
        return true
    }

    /// Writes the bytes of a length beyond its nibble and returns the nibble.
    @inline(__always)
    private mutating func writeLength(_ n: Int) -> Int {
        guard n >= LZ4Format.nibbleMax else { return n }
        var rest = n - LZ4Format.nibbleMax
        if rest >= 255 {
            let full = rest / 255
            op.initialize(repeating: 255, count: full)
            op += full
            rest -= full * 255
        }
        op.pointee = UInt8(truncatingIfNeeded: rest)
        op += 1
        return LZ4Format.nibbleMax
    }

    /// Copies literals in 8-byte strides: up to 7 bytes past the run are
    /// written (the reserve covers them) and read (a match of >= 4 bytes and
    /// the 5 last literals follow every run but the last in the input).
    @inline(__always)
    private mutating func copyLiterals(_ s: UnsafePointer<UInt8>, _ n: Int) {
        let stop = op + n
        assert(n == 0 || stop + 7 <= end)
        var d = op
        var s = s
        while d < stop {
            UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(s).loadUnaligned(as: UInt64.self), as: UInt64.self)
            d += 8
            s += 8
        }
        op = stop
    }
}
