// Sequences section of a compressed block and its execution
// (RFC 8878 §3.1.1.3.2 and §3.1.1.4).
//
// Header: the number of sequences (1 to 3 bytes), a byte of compression
// modes for literal lengths, offsets and match lengths, then the table
// descriptions in that order. The FSE bitstream that follows is read
// backward: initial states LL, OF, ML; then per sequence the extra bits of
// the offset, match length and literal length, and (except after the last
// sequence) the state updates LL, ML, OF.
//
// Sequences are executed as they are decoded: copy `literalLength`
// literals, then copy `matchLength` bytes from `offset` bytes back. Each
// sequence is bounds-checked once; the copies themselves then run on raw
// pointers, in 16-byte strides when the buffers have room for the overrun.

extension ZstdDecoderState {
    /// Decodes and executes the sequences section `src[0..<count]`.
    ///
    /// Writes from `op`; `frameStart` is the first byte of the frame's
    /// output (no match may reach before it), `blockEnd` the limit for this
    /// block's output and `writeEnd` the end of writable memory (at least
    /// `blockEnd`, plus slack when the buffer has it). Returns the new
    /// output position.
    mutating func decodeSequences(
        _ src: UnsafePointer<UInt8>, count: Int, literals: ZstdLiterals,
        frameStart: UnsafeMutablePointer<UInt8>, op: UnsafeMutablePointer<UInt8>,
        blockEnd: UnsafeMutablePointer<UInt8>, writeEnd: UnsafeMutablePointer<UInt8>
    ) throws -> UnsafeMutablePointer<UInt8> {
        guard count >= 1 else { throw CompressionError("zstd: missing sequences section header") }
        var p = src
        let end = src + count
        var nbSeq = Int(p[0])
        if nbSeq == 0 {
            p += 1
        } else if nbSeq < 128 {
            p += 1
        } else if nbSeq < 255 {
            guard count >= 2 else { throw CompressionError("zstd: truncated sequences header") }
            nbSeq = ((nbSeq - 128) << 8) + Int(p[1])
            p += 2
        } else {
            guard count >= 3 else { throw CompressionError("zstd: truncated sequences header") }
            nbSeq = Int(p[1]) + (Int(p[2]) << 8) + 0x7F00
            p += 3
        }
        if nbSeq == 0 {
            // Only literals.
            guard p == end else { throw CompressionError("zstd: data after an empty sequences section") }
            return try ZstdDecoderState.copyTrailingLiterals(literals.start, literals.count, op: op, blockEnd: blockEnd)
        }
        guard p < end else { throw CompressionError("zstd: missing sequence compression modes") }
        let modes = Int(p[0])
        p += 1
        guard modes & 3 == 0 else { throw CompressionError("zstd: reserved bits set in sequence compression modes") }
        p += try literalLength.setUp(mode: modes >> 6, p, count: end - p, scratch: scratch)
        p += try offset.setUp(mode: (modes >> 4) & 3, p, count: end - p, scratch: scratch)
        p += try matchLength.setUp(mode: (modes >> 2) & 3, p, count: end - p, scratch: scratch)
        guard p < end else { throw CompressionError("zstd: missing sequences bitstream") }

        var bits = try ZstdBackwardBitReader(p, count: end - p)
        var reps = (rep0, rep1, rep2)
        let result = try ZstdDecoderState.execute(
            bits: &bits, nbSeq: nbSeq, tables: sequenceTables,
            ll: (literalLength.bias, literalLength.activeLog), of: (offset.bias, offset.activeLog),
            ml: (matchLength.bias, matchLength.activeLog), reps: &reps, literals: literals,
            frameStart: frameStart, op: op, blockEnd: blockEnd, writeEnd: writeEnd)
        (rep0, rep1, rep2) = reps
        return result
    }

    /// Copies the literals left after the last sequence.
    @inline(__always)
    static func copyTrailingLiterals(
        _ lit: UnsafePointer<UInt8>, _ n: Int, op: UnsafeMutablePointer<UInt8>, blockEnd: UnsafeMutablePointer<UInt8>
    ) throws -> UnsafeMutablePointer<UInt8> {
        guard n <= blockEnd - op else {
            throw CompressionError("zstd: block output exceeds its limit (block maximum or declared content size)")
        }
        op.update(from: lit, count: n)
        return op + n
    }

    // MARK: - Hot loop

    /// Decodes and executes `nbSeq` sequences. `tables` holds the three
    /// slots; `ll`, `of` and `ml` give each slot's bias (where it starts in
    /// `tables`) and the log of its active table.
    static func execute(
        bits: inout ZstdBackwardBitReader, nbSeq: Int, tables: UnsafePointer<ZstdSeqEntry>,
        ll llSlot: (bias: Int, log: Int), of ofSlot: (bias: Int, log: Int), ml mlSlot: (bias: Int, log: Int),
        reps: inout (Int, Int, Int), literals: ZstdLiterals,
        frameStart: UnsafeMutablePointer<UInt8>, op opStart: UnsafeMutablePointer<UInt8>,
        blockEnd: UnsafeMutablePointer<UInt8>, writeEnd: UnsafeMutablePointer<UInt8>
    ) throws -> UnsafeMutablePointer<UInt8> {
        var br = bits
        // States are indices into `tables`: a slot's bias plus the state
        // within its table (cells' nextBase carry the bias too).
        var llState = llSlot.bias &+ Int(br.read(llSlot.log))
        var ofState = ofSlot.bias &+ Int(br.read(ofSlot.log))
        var mlState = mlSlot.bias &+ Int(br.read(mlSlot.log))
        var (r0, r1, r2) = reps
        var op = opStart
        var lit = literals.start
        let litEnd = literals.start + literals.count
        let litReadLimit = literals.readLimit
        // Fast-path limits. A sequence takes the fast path when its output
        // ends at or before `fastOutEnd` and its literals end at or before
        // `fastLitEnd`. Both limits lie inside the hard limits (`blockEnd`,
        // `litEnd`) and at least 32 bytes before the end of memory we may
        // write (`writeEnd`) or read (`readLimit`), so the 16-byte strides
        // below, which overrun an exact copy by at most 31 bytes, stay in
        // bounds. Sequences that fail this test take the careful path, which
        // checks the hard limits and copies exactly.
        let fastOutEnd = min(blockEnd, writeEnd - 32)
        let fastLitEnd = min(litEnd, litReadLimit - 32)
        assert(opStart <= blockEnd && blockEnd <= writeEnd && litEnd <= litReadLimit)
        // Match sources are read from the output: memory up to writeEnd.
        let matchReadEnd = UnsafePointer(writeEnd)

        var remainingSeq = nbSeq
        while remainingSeq > 0 {
            remainingSeq &-= 1
            br.reload()
            // States stay inside their slot's table of 2^log cells: the
            // initial states are log-bit reads, and every FSE cell has
            // nextBase + 2^nbBits <= 2^log, plus the bias
            // (ZstdFSE.buildDecodingTable; RLE tables have log 0, one cell).
            assert(ofState >= ofSlot.bias && ofState < ofSlot.bias + 1 << ofSlot.log
                && mlState >= mlSlot.bias && mlState < mlSlot.bias + 1 << mlSlot.log
                && llState >= llSlot.bias && llState < llSlot.bias + 1 << llSlot.log)
            let ofE = tables[ofState]
            let mlE = tables[mlState]
            let llE = tables[llState]
            // Extra bits: offset, match length, literal length.
            let ofBits = Int(ofE.extraBits)
            let mlBits = Int(mlE.extraBits)
            let llBits = Int(llE.extraBits)
            let offsetValue = Int(ofE.baseValue) &+ Int(truncatingIfNeeded: br.read(ofBits))
            // Lengths without extra bits (most codes of short lengths) skip the read.
            var ml = Int(mlE.baseValue)
            if mlBits > 0 { ml &+= Int(truncatingIfNeeded: br.readNonZero(mlBits)) }
            if ofBits &+ mlBits &+ llBits > 30 { br.reload() }
            var ll = Int(llE.baseValue)
            if llBits > 0 { ll &+= Int(truncatingIfNeeded: br.readNonZero(llBits)) }
            if remainingSeq > 0 {
                llState = Int(llE.nextBase) &+ Int(truncatingIfNeeded: br.read(Int(llE.nbBits)))
                mlState = Int(mlE.nextBase) &+ Int(truncatingIfNeeded: br.read(Int(mlE.nbBits)))
                ofState = Int(ofE.nextBase) &+ Int(truncatingIfNeeded: br.read(Int(ofE.nbBits)))
            }

            // Resolve the offset (repeat offsets per RFC 8878 §3.1.1.5).
            var off: Int
            if ofBits > 1 {
                off = offsetValue &- 3
                r2 = r1; r1 = r0; r0 = off
            } else {
                let index = offsetValue &- (ll == 0 ? 0 : 1)  // 0...3
                switch index {
                case 0:
                    off = r0
                case 1:
                    off = r1; r1 = r0; r0 = off
                case 2:
                    off = r2; r2 = r1; r1 = r0; r0 = off
                default:
                    off = r0 &- 1; r2 = r1; r1 = r0; r0 = off
                }
            }

            // ll, ml >= 0 (baseline + extra bits), so total >= ll >= 0.
            let total = ll &+ ml
            let matchStart = op + ll
            if _fastPath(total <= fastOutEnd - op && ll <= fastLitEnd - lit) {
                // Bounds: op + ll + ml <= fastOutEnd <= writeEnd - 32 and
                // lit + ll <= fastLitEnd <= readLimit - 32; the offset check
                // below keeps every match source at or after frameStart.
                guard UInt(bitPattern: off &- 1) < UInt(bitPattern: matchStart - frameStart) else {
                    throw CompressionError("zstd: match offset \(off) reaches before the start of the frame")
                }
                assert(ll >= 0 && ml >= 0 && op + total + 32 <= writeEnd && lit + ll + 32 <= litReadLimit)
                assert(off >= 1 && matchStart - off >= frameStart)
                // Literals: one 16-byte store covers most sequences of
                // measured data (short literal runs); stores reach
                // op + max(16, ll + 15) <= op + ll + 32 <= writeEnd, loads
                // lit + ll + 32 at most.
                StrideCopy.copy16(op, lit, writeEnd: writeEnd, readEnd: litReadLimit)
                if ll > 16 { StrideCopy.wildCopy(op + 16, lit + 16, ll &- 16, writeEnd: writeEnd, readEnd: litReadLimit) }
                lit += ll
                // 1 <= off (checked above): the negation cannot overflow.
                let src = UnsafePointer(matchStart.advanced(by: 0 &- off))
                if off >= 16 {
                    // Stores reach matchStart + max(16, ml + 15) <=
                    // op + total + 32 <= writeEnd; loads lie before the
                    // stores' end. Reads of bytes an earlier store of this
                    // copy wrote see them, since off >= 16 = stride. (One
                    // store for short matches, not two: measured 6-8%
                    // faster on noisy data, where most matches are short.)
                    StrideCopy.copy16(matchStart, src, writeEnd: writeEnd, readEnd: matchReadEnd)
                    if ml > 16 { StrideCopy.wildCopy(matchStart + 16, src + 16, ml &- 16, writeEnd: writeEnd, readEnd: matchReadEnd) }
                } else if off == 1 {
                    // Splat: stores reach matchStart + ml + 15 <= writeEnd.
                    let v = SIMD16<UInt8>(repeating: src.pointee)
                    var d = UnsafeMutableRawPointer(matchStart)
                    let e = UnsafeMutableRawPointer(matchStart + ml)
                    repeat {
                        assert(d + 16 <= UnsafeMutableRawPointer(writeEnd))
                        d.storeBytes(of: v, as: SIMD16<UInt8>.self)
                        d += 16
                    } while d < e
                } else {
                    // Short period (2...15): grow the valid periodic run by
                    // doubling. Invariant: [src, d) holds correct output and
                    // dist = d - src is a multiple of off. copy16(d, d - dist)
                    // makes [d, d + dist) correct (its first dist bytes come
                    // from valid bytes; the rest of the 16 is overwritten
                    // later). Steps end once dist >= 16; the bytes advanced
                    // sum to dist - off < 16, so stores reach below
                    // matchStart + 32 <= op + total + 32 <= writeEnd. Then a
                    // plain 16-byte-stride copy at distance dist >= 16.
                    // (dist >= 1: `advanced(by: 0 &- dist)` skips the
                    // overflow check that `d - dist` would make.)
                    var d = matchStart
                    var dist = off
                    repeat {
                        assert(d - dist >= frameStart && d + 16 <= matchStart + 32)
                        StrideCopy.copy16(d, UnsafePointer(d.advanced(by: 0 &- dist)), writeEnd: writeEnd, readEnd: matchReadEnd)
                        d += dist
                        dist &+= dist
                    } while dist < 16
                    let done = d - matchStart
                    if ml > done {
                        // Stores reach matchStart + ml + 15 <= writeEnd.
                        StrideCopy.wildCopy(d, UnsafePointer(d.advanced(by: 0 &- dist)), ml &- done, writeEnd: writeEnd, readEnd: matchReadEnd)
                    }
                }
            } else {
                // Careful path near the ends: hard limits, exact copies.
                guard ll <= litEnd - lit, total <= blockEnd - op else {
                    if ll > litEnd - lit {
                        throw CompressionError("zstd: sequence needs more literals than the block has")
                    }
                    throw CompressionError("zstd: block output exceeds its limit (block maximum or declared content size)")
                }
                guard UInt(bitPattern: off &- 1) < UInt(bitPattern: matchStart - frameStart) else {
                    throw CompressionError("zstd: match offset \(off) reaches before the start of the frame")
                }
                // Exact copies: [op, op + total) <= blockEnd, [lit, lit + ll) <= litEnd.
                assert(op + total <= blockEnd && lit + ll <= litEnd && matchStart - off >= frameStart)
                op.update(from: lit, count: ll)
                lit += ll
                if off >= ml {
                    matchStart.update(from: matchStart - off, count: ml)
                } else {
                    var i = 0
                    let src = matchStart - off
                    while i < ml { matchStart[i] = src[i]; i &+= 1 }
                }
            }
            op += total
        }
        guard br.isExactlyFinished() else {
            throw CompressionError("zstd: sequences bitstream is corrupt (bits left over or missing)")
        }
        reps = (r0, r1, r2)
        bits = br
        return try copyTrailingLiterals(lit, litEnd - lit, op: op, blockEnd: blockEnd)
    }
}
