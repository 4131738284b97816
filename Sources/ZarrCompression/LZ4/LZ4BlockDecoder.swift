// Decoding one LZ4 block (the sequence layout is described in LZ4Format.swift).
//
// Two loops. The fast loop runs while at least `fastInputMargin` bytes of
// input and `fastOutputMargin` bytes of output are left at the start of a
// sequence: literals and matches are then copied in whole 8- or 16-byte
// strides that may run up to 15 bytes past their end (later sequences
// overwrite that), which the margins keep inside both buffers. Matches whose
// length fits the token (up to 18 bytes), the most common, are copied with
// a fixed set of copies; runs longer than 48 bytes go to memcpy. When a
// sequence does not fit those margins (a long run near an end, or the last
// literal run), the fast loop hands that sequence, from its token, to the
// careful loop, which copies exactly and checks every length before use.
//
// What is accepted: any series of sequences whose last one is a literal run
// ending exactly at the end of the input, whose offsets are 1...(bytes
// decoded so far) and whose lengths stay inside both buffers. The encoder
// rules (5 trailing literals, no match in the last 12 bytes) are not
// enforced. Bytes of `output` past the decoded size may be overwritten.

enum LZ4BlockDecoder {
    /// Input bytes the fast loop needs at a token: a token, up to 14
    /// literals read as 16 bytes, and the 2-byte offset.
    static let fastInputMargin = 32
    /// Output bytes the fast loop needs at a token: 16 bytes for the short
    /// literal copy (at most 14 literals), then `matchRoom`.
    static let fastOutputMargin = 64
    /// The room a stride copy needs past its end.
    static let strideSlack = 16
    /// Output room the fast loop keeps after a literal run: a match whose
    /// length fits its nibble (at most 18 bytes) is copied without a check
    /// (writing at most 18 + 15 bytes).
    static let matchRoom = 36

    /// Decodes the block `src[0..<count]` into `dst[0..<capacity]`; returns
    /// the decoded size.
    static func decode(_ src: UnsafePointer<UInt8>, count: Int,
                       into dst: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        guard count > 0 else { throw CompressionError("lz4: empty block (even an empty input encodes to one byte)") }
        var ip = src
        let iend = src + count
        var op = dst
        let oend = dst + capacity

        // MARK: Fast loop

        // The loop runs while ip <= inputLimit and op <= outputLimit (both margins left).
        let fastLoop = count >= fastInputMargin && capacity >= fastOutputMargin
        let inputLimit = fastLoop ? iend - fastInputMargin : src
        let outputLimit = fastLoop ? oend - fastOutputMargin : dst
        fast: while fastLoop && ip <= inputLimit && op <= outputLimit {
            let sequenceStart = (ip, op)
            let token = Int(ip.pointee)
            ip += 1
            var literalCount = token >> 4
            if literalCount == LZ4Format.nibbleMax {
                literalCount &+= try readLength(&ip, iend, "literal")
                // Also sends the last literal run (which ends at iend) to the careful loop.
                guard literalCount <= iend - ip - strideSlack && literalCount <= oend - op - matchRoom else {
                    (ip, op) = sequenceStart
                    break fast
                }
                copyRun(op, ip, literalCount, readEnd: iend, writeEnd: oend)
            } else {
                // At most 14 literals: the margins leave >= 31 input and >= 64 output bytes.
                StrideCopy.copy16(op, ip, writeEnd: oend, readEnd: iend)
            }
            ip += literalCount
            op += literalCount

            // Both literal paths leave >= 16 input bytes (the offset is there) and >= matchRoom output bytes.
            assert(iend - ip >= 2 && oend - op >= matchRoom)
            let offset = Int(UInt16(littleEndian: UnsafeRawPointer(ip).loadUnaligned(as: UInt16.self)))
            ip += 2
            try checkOffset(offset, decoded: op - dst)
            let matchNibble = token & 0x0F
            if matchNibble != LZ4Format.nibbleMax {
                // At most 18 bytes: matchRoom covers every copy below without a check.
                let matchLength = matchNibble &+ LZ4Format.minMatch
                copyShortMatch(op, offset: offset, length: matchLength, writeEnd: oend)
                op += matchLength
                continue
            }
            let matchLength = try readLength(&ip, iend, "match") &+ (LZ4Format.nibbleMax + LZ4Format.minMatch)
            guard matchLength <= oend - op - strideSlack else {
                (ip, op) = sequenceStart
                break fast
            }
            copyMatch(op, offset: offset, length: matchLength, writeEnd: oend)
            op += matchLength
        }

        // MARK: Careful loop

        while true {
            guard ip < iend else {
                throw CompressionError("lz4: block ends after a match (its last sequence must be a literal run)")
            }
            let token = Int(ip.pointee)
            ip += 1
            var literalCount = token >> 4
            if literalCount == LZ4Format.nibbleMax { literalCount += try readLength(&ip, iend, "literal") }
            guard literalCount <= iend - ip else {
                throw CompressionError("lz4: literal run of \(literalCount) bytes runs past the end of the input")
            }
            guard literalCount <= oend - op else {
                throw CompressionError(
                    "lz4: literal run of \(literalCount) bytes runs past the end of the output (\(capacity) bytes)")
            }
            op.update(from: ip, count: literalCount)
            ip += literalCount
            op += literalCount
            if ip == iend { return op - dst }

            guard iend - ip >= 2 else { throw CompressionError("lz4: block ends inside a match offset") }
            let offset = Int(ip[0]) | Int(ip[1]) << 8
            ip += 2
            try checkOffset(offset, decoded: op - dst)
            var matchLength = token & 0x0F
            if matchLength == LZ4Format.nibbleMax { matchLength += try readLength(&ip, iend, "match") }
            matchLength += LZ4Format.minMatch
            guard matchLength <= oend - op else {
                throw CompressionError(
                    "lz4: match of \(matchLength) bytes runs past the end of the output (\(capacity) bytes)")
            }
            let match = UnsafePointer(op - offset)
            if offset >= matchLength {
                op.update(from: match, count: matchLength)
            } else {
                // Overlapping: each byte may be one this match has just written.
                for k in 0..<matchLength { op[k] = match[k] }
            }
            op += matchLength
        }
    }

    // MARK: - Fields

    /// Reads the length bytes that follow a nibble of 15 and returns their
    /// sum. The sum cannot overflow: it is at most 255 times the input size,
    /// and adding the nibble and the minimum match keeps it far below Int.max.
    @inline(__always)
    private static func readLength(_ ip: inout UnsafePointer<UInt8>, _ iend: UnsafePointer<UInt8>,
                                   _ what: StaticString) throws -> Int {
        var total = 0
        while true {
            guard ip < iend else { throw CompressionError("lz4: block ends inside a \(what) length") }
            let byte = Int(ip.pointee)
            ip += 1
            total &+= byte
            if byte != 255 { return total }
        }
    }

    /// Checks 1 <= offset <= decoded (one unsigned comparison: offset 0 wraps around).
    @inline(__always)
    private static func checkOffset(_ offset: Int, decoded: Int) throws {
        guard UInt(bitPattern: offset &- 1) < UInt(bitPattern: decoded) else { throw offsetError(offset, decoded: decoded) }
    }

    private static func offsetError(_ offset: Int, decoded: Int) -> CompressionError {
        offset == 0
            ? CompressionError("lz4: match offset 0")
            : CompressionError("lz4: match offset \(offset) reaches before the start of the output (\(decoded) bytes decoded)")
    }

    // MARK: - Stride copies

    /// Copies 8 bytes (the source may be output written just before `d`).
    @inline(__always)
    private static func copy8(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>,
                              writeEnd: UnsafeMutablePointer<UInt8>) {
        assert(d + 8 <= writeEnd && s + 8 <= d)
        UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(s).loadUnaligned(as: UInt64.self), as: UInt64.self)
    }

    /// Copies 2 bytes.
    @inline(__always)
    private static func copy2(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>) {
        UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(s).loadUnaligned(as: UInt16.self), as: UInt16.self)
    }

    /// Runs longer than this are copied by the C library's memcpy (exactly);
    /// shorter ones in strides.
    static let memcpyThreshold = 48

    /// Copies `n` (>= 1) non-overlapping bytes: long runs with memcpy, short
    /// ones in 16-byte strides, so up to 15 bytes past `d + n` are written
    /// and past `s + n` read.
    @inline(__always)
    private static func copyRun(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, _ n: Int,
                                readEnd: UnsafePointer<UInt8>, writeEnd: UnsafeMutablePointer<UInt8>) {
        if n > memcpyThreshold {
            d.update(from: s, count: n)
        } else {
            StrideCopy.wildCopy(d, s, n, writeEnd: writeEnd, readEnd: readEnd)
        }
    }

    /// Byte k (k < 8) is the smallest multiple of k that is at least 8: the
    /// distance back from which 8-byte strides repeat a period of k.
    private static let patternStrides: UInt64 = 0x0E0C_0A08_0908_0800

    /// Copies a match of at most 18 bytes (a length that fits its nibble):
    /// for offsets of 8 and more with a fixed set of copies, no loop and no
    /// branch on the length (16 + 2 or 8 + 8 + 2 bytes; the last 2-byte copy
    /// only reads bytes the first copy wrote when the offset is below 18, so
    /// the common case never waits on a store it partly overlaps). Writes at
    /// most 33 bytes; the caller guarantees `op + matchRoom <= writeEnd`.
    @inline(__always)
    private static func copyShortMatch(_ op: UnsafeMutablePointer<UInt8>, offset: Int, length: Int,
                                       writeEnd: UnsafeMutablePointer<UInt8>) {
        assert(length <= LZ4Format.nibbleMax - 1 + LZ4Format.minMatch && op + matchRoom <= writeEnd)
        let match = UnsafePointer(op - offset)
        if offset >= 16 {
            StrideCopy.copy16(op, match, writeEnd: writeEnd, readEnd: UnsafePointer(op))
            copy2(op + 16, match + 16)
        } else if offset >= 8 {
            copy8(op, match, writeEnd: writeEnd)
            copy8(op + 8, match + 8, writeEnd: writeEnd)
            copy2(op + 16, match + 16)
        } else {
            copyMatch(op, offset: offset, length: length, writeEnd: writeEnd)
        }
    }

    /// Copies a match of `length` bytes from `offset` back to `op`, in
    /// strides that may write up to 15 bytes past `op + length`. The caller
    /// guarantees `op + length + 16 <= writeEnd` and `1 <= offset <= op - start`.
    @inline(__always)
    private static func copyMatch(_ op: UnsafeMutablePointer<UInt8>, offset: Int, length: Int,
                                  writeEnd: UnsafeMutablePointer<UInt8>) {
        assert(offset >= 1 && length >= LZ4Format.minMatch && op + length + strideSlack <= writeEnd)
        let end = op + length
        var d = op
        if offset >= length && length > memcpyThreshold {
            // No overlap: one memcpy.
            op.update(from: op - offset, count: length)
        } else if offset >= 16 {
            // Each 16-byte load ends at or before the store it feeds starts.
            var s = UnsafePointer(op - offset)
            repeat {
                StrideCopy.copy16(d, s, writeEnd: writeEnd, readEnd: UnsafePointer(d))
                d += 16
                s += 16
            } while d < end
        } else if offset >= 8 {
            var s = UnsafePointer(op - offset)
            repeat {
                copy8(d, s, writeEnd: writeEnd)
                d += 8
                s += 8
            } while d < end
        } else if offset == 1 || offset == 2 || offset == 4 {
            // A period that divides 8: build it once in a register and store it.
            let raw = UnsafeRawPointer(op - offset)
            let word: UInt64
            switch offset {
            case 1: word = UInt64(raw.load(as: UInt8.self)) &* 0x0101_0101_0101_0101
            case 2: word = UInt64(raw.loadUnaligned(as: UInt16.self)) &* 0x0001_0001_0001_0001
            default: word = UInt64(raw.loadUnaligned(as: UInt32.self)) &* 0x0000_0001_0000_0001
            }
            let pattern = SIMD2<UInt64>(word, word)
            repeat {
                assert(d + 16 <= writeEnd)
                UnsafeMutableRawPointer(d).storeBytes(of: pattern, as: SIMD2<UInt64>.self)
                d += 16
            } while d < end
        } else {
            // Offsets 3, 5, 6, 7: the first 8 bytes from the period repeated
            // in a register, then 8-byte strides from a multiple of the
            // period at least 8 back.
            let bits = UInt64(offset * 8)
            let period = LZ4Format.read64(UnsafePointer(op - offset)) & ((1 << bits) - 1)
            let first = period | period << bits | period << (2 * bits)
            UnsafeMutableRawPointer(d).storeBytes(of: first.littleEndian, as: UInt64.self)
            d += 8
            let stride = Int(truncatingIfNeeded: patternStrides >> UInt64(offset * 8)) & 0xFF
            var s = UnsafePointer(d - stride)
            while d < end {
                copy8(d, s, writeEnd: writeEnd)
                d += 8
                s += 8
            }
        }
    }
}
