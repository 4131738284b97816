// The deflate decoder (RFC 1951 §3.2): a sequence of stored, fixed-Huffman and
// dynamic-Huffman blocks, the last one flagged BFINAL.
//
// Bits are kept in a 64-bit buffer, least significant bit first, refilled by
// loading eight input bytes at once while at least eight remain. Past the end
// of the input the refill supplies zero bytes and counts them; consuming one
// of them means the stream was truncated, which is reported as soon as the
// count shows it (so hostile input cannot loop) and checked exactly at the end.

/// Decoder state for one or more consecutive deflate streams writing into one
/// output buffer.
struct Inflater {
    let input: UnsafePointer<UInt8>
    let inputCount: Int
    /// Next input byte to load into the bit buffer.
    var position: Int
    var bitBuffer: UInt64 = 0
    /// Valid bits in `bitBuffer` (bits above it may hold not-yet-counted input).
    var bitCount: Int = 0
    /// Zero bytes supplied after the end of the input.
    var overrun: Int = 0
    var out: InflateOutput
    /// Output index where the current stream began; distances cannot reach before it.
    var streamStart: Int = 0

    private var dynamicLiteralLength: DeflateHuffmanDecodeTable?
    private var dynamicDistance: DeflateHuffmanDecodeTable?
    private var codeLengthTable: DeflateHuffmanDecodeTable?

    init(input: UnsafePointer<UInt8>, count: Int, position: Int, output: InflateOutput) {
        self.input = input
        self.inputCount = count
        self.position = position
        self.out = output
    }

    static func truncated() -> CompressionError {
        CompressionError("inflate: truncated input (the deflate stream ends before its final block does)")
    }

    // MARK: - Bits

    /// Tops the bit buffer up to at least 56 bits.
    @inline(__always)
    mutating func refill() throws {
        if position &+ 8 <= inputCount {
            // The 8-byte load stays inside the input; bitCount <= 63 keeps the
            // shift below 64 and makes the byte step (63 - bitCount) / 8 exact.
            assert(position >= 0 && bitCount >= 0 && bitCount <= 63)
            let word = UInt64(littleEndian: UnsafeRawPointer(input + position).loadUnaligned(as: UInt64.self))
            bitBuffer |= word &<< UInt64(bitCount)
            position &+= (63 &- bitCount) &>> 3
            bitCount |= 56
        } else {
            try refillSlowly()
        }
    }

    /// Byte-at-a-time refill near the end of the input.
    @inline(never)
    mutating func refillSlowly() throws {
        while bitCount <= 56 {
            if position < inputCount {
                bitBuffer |= UInt64(input[position]) &<< UInt64(bitCount)
                position &+= 1
            } else {
                overrun &+= 1
                if overrun > 8 { throw Self.truncated() }
            }
            bitCount &+= 8
        }
    }

    /// Removes and returns the next `n` (≤ 32) bits.
    @inline(__always)
    mutating func bits(_ n: Int) throws -> Int {
        if bitCount < n { try refill() }
        let v = Int(truncatingIfNeeded: bitBuffer & ((1 &<< UInt64(n)) &- 1))
        bitBuffer &>>= UInt64(n)
        bitCount &-= n
        return v
    }

    /// Byte offset just past the last bit consumed, after checking that no
    /// bit beyond the input was consumed.
    func consumedByteCount() throws -> Int {
        let consumedBits = (position + overrun) * 8 - bitCount
        guard consumedBits <= inputCount * 8 else { throw Self.truncated() }
        return (consumedBits + 7) / 8
    }

    // MARK: - Streams and blocks

    /// Decodes one complete deflate stream starting at `position`; returns the
    /// input offset just past its last (byte-padded) block.
    mutating func inflateStream() throws -> Int {
        bitBuffer = 0
        bitCount = 0
        overrun = 0
        streamStart = out.count
        while true {
            let header = try bits(3)
            let isFinal = header & 1 != 0
            switch header >> 1 {
            case 0:
                try storedBlock()
            case 1:
                try huffmanBlock(DeflateHuffmanDecodeTable.fixedLiteralLength, DeflateHuffmanDecodeTable.fixedDistance)
            case 2:
                let (lit, dist) = try readDynamicTables()
                try huffmanBlock(lit, dist)
            default:
                throw CompressionError("inflate: invalid block type 3")
            }
            if isFinal { break }
        }
        let end = try consumedByteCount()
        // Leave the reader exactly at the byte after the stream.
        position = end
        bitBuffer = 0
        bitCount = 0
        overrun = 0
        return end
    }

    /// A stored block: LEN, NLEN (its complement), then LEN raw bytes.
    mutating func storedBlock() throws {
        let drop = bitCount & 7
        bitBuffer &>>= UInt64(drop)
        bitCount -= drop
        let length = try bits(16)
        let complement = try bits(16)
        guard length == ~complement & 0xFFFF else {
            throw CompressionError("inflate: stored block length \(length) does not match its complement \(complement)")
        }
        // Give back the whole bytes still held in the bit buffer.
        let held = bitCount / 8 - overrun
        guard held >= 0 else { throw Self.truncated() }
        // The held bytes were loaded from the input, so stepping back over
        // them stays inside it.
        assert(bitCount % 8 == 0 && held <= position)
        position -= held
        bitBuffer = 0
        bitCount = 0
        overrun = 0
        guard length <= inputCount - position else { throw Self.truncated() }
        let needed = out.count + length
        if needed > out.capacity { try out.grow(toAtLeast: needed) }
        // Exact copy: output [count, needed) <= capacity, input [position, position + length) <= inputCount.
        assert(needed <= out.capacity && position + length <= inputCount)
        (out.base + out.count).update(from: input + position, count: length)
        out.count = needed
        position += length
    }

    /// Reads the code definitions of a dynamic block (RFC 1951 §3.2.7).
    mutating func readDynamicTables() throws -> (DeflateHuffmanDecodeTable, DeflateHuffmanDecodeTable) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw CompressionError("inflate: too many length or distance symbols (HLIT \(literalCount), HDIST \(distanceCount))")
        }
        let lit = dynamicLiteralLength ?? DeflateHuffmanDecodeTable(alphabet: .literalLength)
        let dist = dynamicDistance ?? DeflateHuffmanDecodeTable(alphabet: .distance)
        dynamicLiteralLength = lit
        dynamicDistance = dist
        let clTable = codeLengthTable ?? DeflateHuffmanDecodeTable(alphabet: .codeLength)
        codeLengthTable = clTable
        // Both length lists live on the stack (19 + at most 316 bytes).
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19 + 286 + 30) { scratch in
            let clLengths = UnsafeMutableBufferPointer(rebasing: scratch[0..<19])
            clLengths.update(repeating: 0)
            for i in 0..<codeLengthCount {
                clLengths[DeflateFormat.codeLengthOrder[i]] = UInt8(try bits(3))
            }
            try clTable.build(lengths: UnsafeBufferPointer(clLengths))

            let total = literalCount + distanceCount
            // total <= 316 and the scratch holds 19 + 316 bytes.
            let lengths = scratch.baseAddress! + 19
            var i = 0
            let cl = clTable.entries
            while i < total {
                if bitCount < 16 { try refill() }
                let e = cl[Int(truncatingIfNeeded: bitBuffer & 0x7F)]
                let n = Int(e & 31)
                bitBuffer &>>= UInt64(n)
                bitCount -= n
                let symbol = Int(e >> 16)
                if symbol < 16 {
                    lengths[i] = UInt8(symbol)
                    i += 1
                    continue
                }
                var value: UInt8 = 0
                var repeatCount: Int
                switch symbol {
                case 16:
                    guard i > 0 else {
                        throw CompressionError("inflate: bad code lengths (repeat code 16 with no previous length)")
                    }
                    value = lengths[i - 1]
                    repeatCount = 3 + (try bits(2))
                case 17:
                    repeatCount = 3 + (try bits(3))
                default:
                    repeatCount = 11 + (try bits(7))
                }
                guard repeatCount <= total - i else {
                    throw CompressionError("inflate: bad code lengths (a repeat runs past the \(total) declared lengths)")
                }
                (lengths + i).update(repeating: value, count: repeatCount)
                i += repeatCount
            }
            guard lengths[256] != 0 else {
                throw CompressionError("inflate: bad code lengths (no code for end-of-block)")
            }
            try lit.build(lengths: UnsafeBufferPointer(start: lengths, count: literalCount))
            try dist.build(lengths: UnsafeBufferPointer(start: lengths + literalCount, count: distanceCount))
        }
        return (lit, dist)
    }

    // MARK: - Fast-loop bounds

    /// The most bytes `copyMatch` stores past the end of a match. Each of its
    /// 8-byte stores starts at an offset k < length (the loops stop once
    /// k >= length), so the last one ends at most at length - 1 + 8.
    static let matchOvershoot = 7

    /// Output room, in bytes from `op`, that one pass of the fast loop needs.
    ///
    /// A pass decodes at most three symbols and writes one of:
    /// - three literals from the root table (3 bytes);
    /// - zero, one or two root-table literals, then one more symbol (from the
    ///   root table or a sub-table): a literal, or a match of at most 258 bytes
    ///   that `copyMatch` copies with up to `matchOvershoot` bytes of overshoot.
    ///
    /// The worst case is two literals and a 258-byte match, whose last store
    /// ends 2 + 258 + 7 = 267 bytes after `op`. (The bound was once 258 + 8 =
    /// 266, which left out the literals: on valid input, one byte was written
    /// past the buffer; issue 8, `Tests/.../Vectors/regressions`.)
    static let fastOutputMargin = 2 + DeflateFormat.maxMatch + matchOvershoot

    /// Input room, in bytes from `ip`, that one pass of the fast loop needs. A
    /// pass loads the bit buffer at most twice, 8 bytes each time, and a load
    /// advances `ip` by at most 7 bytes, so the second load ends at or before
    /// ip + 7 + 8 = ip + 15 <= ip + 16.
    static let fastInputMargin = 16

    /// Bits a length code with its extra bits and a distance code with its
    /// extra bits take at most: 15 + 5 + 15 + 13.
    static let matchBits = 48

    // MARK: - Huffman-coded data

    /// Decodes literals and matches until the end-of-block code.
    ///
    /// The bit buffer, bit count, input position and output count live in
    /// locals here (so they stay in registers) and are written back to `self`
    /// around the rare slow calls and on every exit.
    mutating func huffmanBlock(_ literalTable: DeflateHuffmanDecodeTable, _ distanceTable: DeflateHuffmanDecodeTable) throws {
        let lit = literalTable.entries
        let dist = distanceTable.entries
        let litMask = UInt64(1 << literalTable.rootBits - 1)
        let distMask = UInt64(1 << distanceTable.rootBits - 1)
        let kindMask = DeflateHuffmanDecodeTable.kindMask
        let subTable = DeflateHuffmanDecodeTable.subTable
        let lengthKind = DeflateHuffmanDecodeTable.lengthOrDistance
        let input = self.input
        let inputCount = self.inputCount
        let fastInputEnd = inputCount &- 8
        // Three root-table literals fit in the 56 bits a refill guarantees.
        assert(3 * literalTable.rootBits <= 56 && literalTable.rootBits <= 10)

        var bb = bitBuffer
        var bc = bitCount
        var ip = position
        var base = out.base
        var capacity = out.capacity
        var op = out.count
        defer {
            bitBuffer = bb
            bitCount = bc
            position = ip
            out.count = op
        }

        // The fast loop runs while a whole pass fits: ip + fastInputMargin <=
        // inputCount (so it never reads past the input, nor needs the
        // zero-byte overrun) and op + fastOutputMargin <= capacity.
        let fastInputLimit = inputCount &- Self.fastInputMargin
        var fastOutputLimit = capacity &- Self.fastOutputMargin

        while true {
            while ip <= fastInputLimit && op <= fastOutputLimit {
                assert(op + Self.fastOutputMargin <= capacity && ip + Self.fastInputMargin <= inputCount)
                // Refill to at least 56 bits (first load of the pass).
                assert(ip + 8 <= inputCount && bc >= 0 && bc <= 63)
                bb |= UInt64(littleEndian: UnsafeRawPointer(input + ip).loadUnaligned(as: UInt64.self)) &<< UInt64(bc)
                ip &+= (63 &- bc) &>> 3
                bc |= 56
                var e = lit[Int(truncatingIfNeeded: bb & litMask)]
                if e & kindMask == 0 {
                    // A run of literals whose codes fit the root table: each
                    // takes at most rootBits (<= 10) bits, so three take at
                    // most 30 of the 56.
                    bb &>>= UInt64(e & 31)
                    bc &-= Int(e & 31)
                    assert(op + 1 <= capacity)
                    base[op] = UInt8(truncatingIfNeeded: e >> 16)
                    e = lit[Int(truncatingIfNeeded: bb & litMask)]
                    if e & kindMask == 0 {
                        bb &>>= UInt64(e & 31)
                        bc &-= Int(e & 31)
                        assert(op + 2 <= capacity)
                        base[op &+ 1] = UInt8(truncatingIfNeeded: e >> 16)
                        e = lit[Int(truncatingIfNeeded: bb & litMask)]
                        if e & kindMask == 0 {
                            bb &>>= UInt64(e & 31)
                            bc &-= Int(e & 31)
                            assert(op + 3 <= capacity)
                            base[op &+ 2] = UInt8(truncatingIfNeeded: e >> 16)
                            op &+= 3
                            continue
                        }
                        op &+= 2
                    } else {
                        op &+= 1
                    }
                    // At most 20 bits went to literals, so at least 36 remain;
                    // top up (the second load of the pass, inside
                    // fastInputMargin). Refilling only adds bits above `bc`, so
                    // the entry `e` looked up from the low bits stays valid.
                    if bc < Self.matchBits {
                        assert(ip + 8 <= inputCount && bc >= 36)
                        bb |= UInt64(littleEndian: UnsafeRawPointer(input + ip).loadUnaligned(as: UInt64.self)) &<< UInt64(bc)
                        ip &+= (63 &- bc) &>> 3
                        bc |= 56
                    }
                }
                // Now at least 48 bits are held: enough for a length code with
                // its extra bits and a distance code with its extra bits.
                assert(bc >= Self.matchBits)
                if e & kindMask == subTable {
                    bb &>>= UInt64(e & 31)
                    bc &-= Int(e & 31)
                    e = lit[Int(e >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< UInt64((e >> 8) & 15)) &- 1))]
                }
                bb &>>= UInt64(e & 31)
                bc &-= Int(e & 31)
                let kind = e & kindMask
                if kind == 0 {
                    // At most two literals were written before this one.
                    assert(op + 1 <= capacity)
                    base[op] = UInt8(truncatingIfNeeded: e >> 16)
                    op &+= 1
                    continue
                }
                guard kind == lengthKind else {
                    if kind == DeflateHuffmanDecodeTable.endOfBlock { return }
                    throw CompressionError("inflate: invalid literal/length code")
                }
                var extra = UInt64((e >> 8) & 15)
                let length = Int(e >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< extra) &- 1))
                bb &>>= extra
                bc &-= Int(extra)

                var d = dist[Int(truncatingIfNeeded: bb & distMask)]
                if d & kindMask == subTable {
                    bb &>>= UInt64(d & 31)
                    bc &-= Int(d & 31)
                    d = dist[Int(d >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< UInt64((d >> 8) & 15)) &- 1))]
                }
                bb &>>= UInt64(d & 31)
                bc &-= Int(d & 31)
                guard d & kindMask == lengthKind else {
                    throw CompressionError("inflate: invalid distance code")
                }
                extra = UInt64((d >> 8) & 15)
                let distance = Int(d >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< extra) &- 1))
                bb &>>= extra
                bc &-= Int(extra)
                // The 48 bits sufficed: nothing was taken from beyond `bc`.
                assert(bc >= 0)
                guard distance <= op &- streamStart else {
                    throw CompressionError("inflate: distance \(distance) too far back (only \(op - streamStart) bytes decoded)")
                }
                // At most two literals came before the match in this pass, so
                // op + length + matchOvershoot <= (pass start) + fastOutputMargin <= capacity.
                assert(length >= DeflateFormat.minMatch && length <= DeflateFormat.maxMatch)
                assert(op + length + Self.matchOvershoot <= capacity)
                Self.copyMatch(base + op, distance: distance, length: length, room: capacity &- op)
                op &+= length
            }

            // Careful path, one symbol at a time, near the end of the input or
            // of the output storage.
            if bc < Self.matchBits {
                if ip <= fastInputEnd {
                    assert(ip + 8 <= inputCount && bc >= 0 && bc <= 63)
                    let word = UInt64(littleEndian: UnsafeRawPointer(input + ip).loadUnaligned(as: UInt64.self))
                    bb |= word &<< UInt64(bc)
                    ip &+= (63 &- bc) &>> 3
                    bc |= 56
                } else {
                    bitBuffer = bb; bitCount = bc; position = ip
                    try refillSlowly()
                    bb = bitBuffer; bc = bitCount; ip = position
                }
            }
            assert(bc >= Self.matchBits)
            var e = lit[Int(truncatingIfNeeded: bb & litMask)]
            if e & kindMask == subTable {
                bb &>>= UInt64(e & 31)
                bc &-= Int(e & 31)
                e = lit[Int(e >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< UInt64((e >> 8) & 15)) &- 1))]
            }
            bb &>>= UInt64(e & 31)
            bc &-= Int(e & 31)
            let kind = e & kindMask
            if kind == 0 {
                // Literal byte.
                if op >= capacity {
                    out.count = op
                    try out.grow(toAtLeast: op + 1)
                    base = out.base
                    capacity = out.capacity
                    fastOutputLimit = capacity &- Self.fastOutputMargin
                }
                assert(op + 1 <= capacity)
                base[op] = UInt8(truncatingIfNeeded: e >> 16)
                op &+= 1
                // At least 48 - 15 = 33 bits remain: enough for a second
                // literal whose code fits the root table, without a refill.
                let e2 = lit[Int(truncatingIfNeeded: bb & litMask)]
                if e2 & kindMask == 0 && op < capacity {
                    bb &>>= UInt64(e2 & 31)
                    bc &-= Int(e2 & 31)
                    assert(op + 1 <= capacity && bc >= 0)
                    base[op] = UInt8(truncatingIfNeeded: e2 >> 16)
                    op &+= 1
                }
                continue
            }
            guard kind == lengthKind else {
                if kind == DeflateHuffmanDecodeTable.endOfBlock { return }
                throw CompressionError("inflate: invalid literal/length code")
            }
            var extra = UInt64((e >> 8) & 15)
            let length = Int(e >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< extra) &- 1))
            bb &>>= extra
            bc &-= Int(extra)

            var d = dist[Int(truncatingIfNeeded: bb & distMask)]
            if d & kindMask == subTable {
                bb &>>= UInt64(d & 31)
                bc &-= Int(d & 31)
                d = dist[Int(d >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< UInt64((d >> 8) & 15)) &- 1))]
            }
            bb &>>= UInt64(d & 31)
            bc &-= Int(d & 31)
            guard d & kindMask == lengthKind else {
                throw CompressionError("inflate: invalid distance code")
            }
            extra = UInt64((d >> 8) & 15)
            let distance = Int(d >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< extra) &- 1))
            bb &>>= extra
            bc &-= Int(extra)
            assert(bc >= 0)

            guard distance <= op &- streamStart else {
                throw CompressionError("inflate: distance \(distance) too far back (only \(op - streamStart) bytes decoded)")
            }
            assert(length >= DeflateFormat.minMatch && length <= DeflateFormat.maxMatch)
            let end = op &+ length
            if end &+ Self.matchOvershoot > capacity {
                if end > capacity {
                    out.count = op
                    try out.grow(toAtLeast: end)
                    base = out.base
                    capacity = out.capacity
                    fastOutputLimit = capacity &- Self.fastOutputMargin
                }
                if end &+ Self.matchOvershoot > capacity {
                    // Too close to the end of the storage for 8-byte stores:
                    // an exact copy, end <= capacity.
                    assert(end <= capacity)
                    let dst = base + op
                    let src = dst - distance
                    for k in 0..<length { dst[k] = src[k] }
                    op = end
                    continue
                }
            }
            assert(end + Self.matchOvershoot <= capacity)
            Self.copyMatch(base + op, distance: distance, length: length, room: capacity &- op)
            op = end
        }
    }

    /// Copies a match of `length` (>= 1) bytes from `distance` (>= 1) bytes
    /// back. Writes up to `matchOvershoot` bytes past the end of the match:
    /// the caller guarantees `room`, the bytes writable at `dst`, is at least
    /// `length + matchOvershoot` (`room` is only checked, in debug builds).
    @inline(__always)
    static func copyMatch(_ dst: UnsafeMutablePointer<UInt8>, distance: Int, length: Int, room: Int) {
        assert(length >= 1 && distance >= 1 && length + matchOvershoot <= room)
        let d = UnsafeMutableRawPointer(dst)
        if distance >= 8 {
            // Every 8-byte chunk read is already complete before it is read
            // (it ends at k + 8 - distance <= k). Stores start at k < length.
            let s = UnsafeRawPointer(dst - distance)
            var k = 0
            repeat {
                assert(k < length && k + 8 <= room)
                d.storeBytes(of: s.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
                k &+= 8
            } while k < length
        } else if distance == 1 {
            // Exact: `length` bytes.
            dst.update(repeating: dst[-1], count: length)
        } else {
            // Short period: lay down the first bytes one by one, then copy
            // 8 bytes at a time from a multiple of the period at least 8 back.
            // The last store starts at some k < length and writes 8 bytes, so
            // it may end up to 7 bytes past the match (for example distance 3,
            // length 258: the last store is at 257).
            let step = distance * ((8 + distance - 1) / distance)
            let first = min(length, step)
            var k = 0
            while k < first { dst[k] = dst[k &- distance]; k &+= 1 }
            while k < length {
                assert(k - step >= 0 && k + 8 <= room)
                d.storeBytes(of: d.loadUnaligned(fromByteOffset: k &- step, as: UInt64.self), toByteOffset: k, as: UInt64.self)
                k &+= 8
            }
        }
    }
}
