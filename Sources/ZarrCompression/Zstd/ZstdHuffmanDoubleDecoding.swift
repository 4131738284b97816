// Double-symbol Huffman decoding for large literal sections.
//
// The single-symbol table maps the next `maxBits` bits to one symbol. The
// pair table maps the next `pairLog` (= 11) bits to one or two symbols: the
// first symbol's code is a prefix of the index; if the code of the symbol
// that follows it also lies entirely inside the index (the two lengths sum
// to at most `pairLog`), the entry yields both. Codes are prefix-free, so
// the bits of the index past the two codes never influence the result, and
// an entry is correct whatever those bits are.
//
// Every index of the table is equally likely to be looked up (a code of n
// bits owns 2^(pairLog - n) indices and occurs with probability ~2^-n), so
// the share of pair entries is the expected share of lookups that yield two
// symbols. The table is only built for sections large enough to amortise
// it, and only used when that share makes it pay.
//
// Entry = symbol1 | symbol2 << 8 | bits consumed << 16 | symbols << 24.
// The loops store both symbol bytes unconditionally and advance by the
// count, so a single-symbol entry writes one byte past its symbol, which
// the next symbol overwrites.

/// A leaner view of a backward bit stream for the Huffman fast loops.
///
/// `bits` holds the 8 bytes at `ip` shifted left by the bits already
/// consumed, so the next bits are at the top (a peek is one shift and a
/// skip another); the lowest bit of the loaded word is replaced by a
/// sentinel 1, so the number of consumed bits is `bits.trailingZeroBitCount`
/// and needs no register. After a reload at most 7 bits are consumed and
/// the sentinel sits at bit <= 7; bits above it are stream bits, so 56 bits
/// can be read before a peek would run into it. The loops read at most
/// 5 * 11 = 55 bits per reload and peek 11 bits only with <= 51 consumed
/// since the reload (62 from the top at most, above the sentinel).
/// Only used while the caller guarantees `ip` stays inside the stream.
struct ZstdHuffmanFastBits {
    var ip: UnsafePointer<UInt8>
    var bits: UInt64

    /// Takes over `r`, which must have at least 8 bytes before its window.
    @inline(__always)
    init(_ r: inout ZstdBackwardBitReader) {
        r.reload()  // now consumed <= 7
        ip = r.ptr
        bits = (r.container | 1) &<< UInt64(truncatingIfNeeded: r.consumed)
    }

    @inline(__always)
    mutating func reload() {
        let c = bits.trailingZeroBitCount
        // At most 7 + 55 = 62 bits consumed since the last reload: the
        // sentinel is still in the word and ip moves back <= 7 bytes.
        assert(c <= 62)
        ip -= c &>> 3
        let v = UInt64(littleEndian: UnsafeRawPointer(ip).loadUnaligned(as: UInt64.self))
        bits = (v | 1) &<< UInt64(truncatingIfNeeded: c & 7)
    }

    @inline(__always)
    func peek11() -> Int { Int(truncatingIfNeeded: bits &>> 53) }

    /// Consumes the bit count in the low byte of `n`.
    @inline(__always)
    mutating func skip(_ n: UInt32) { bits = bits &<< UInt64(truncatingIfNeeded: n & 0xFF) }

    /// Hands the position back to `r` (consumed bits < 64 here).
    @inline(__always)
    func store(_ r: inout ZstdBackwardBitReader) {
        r.ptr = ip
        r.container = UInt64(littleEndian: UnsafeRawPointer(ip).loadUnaligned(as: UInt64.self))
        r.consumed = bits.trailingZeroBitCount
    }
}

enum ZstdHuffmanPairState {
    case notBuilt, useful, notUseful
}

extension ZstdHuffmanTable {
    static let pairLog = 11
    static let pairTableCapacity = 1 << pairLog
    /// Sections shorter than this are decoded one symbol per lookup.
    static let pairMinimumOutput = 4096
    /// Pair entries needed (out of 2^pairLog) for the pair loop to pay.
    static let pairMinimumShare = pairTableCapacity / 6

    /// Whether to decode `outCount` literals with the pair table; builds it
    /// the first time a section of the current tree asks.
    @inline(__always)
    mutating func usePairs(outCount: Int) -> Bool {
        if outCount < ZstdHuffmanTable.pairMinimumOutput { return false }
        if pairState == .notBuilt { buildPairs() }
        return pairState == .useful
    }

    mutating func buildPairs() {
        let log = ZstdHuffmanTable.pairLog
        let shift = log - maxBits  // maxBits <= 11 == pairLog
        let mask = (1 << log) - 1
        let single = entries
        var pairCount = 0
        for i in 0..<(1 << log) {
            let e1 = single[i >> shift]
            let n1 = Int(e1 >> 8)
            let e2 = single[((i << n1) & mask) >> shift]
            let n2 = Int(e2 >> 8)
            let s1 = UInt32(e1 & 0xFF)
            if n1 + n2 <= log {
                pairs[i] = s1 | UInt32(e2 & 0xFF) << 8 | UInt32(n1 + n2) << 16 | 2 << 24
                pairCount += 1
            } else {
                pairs[i] = s1 | UInt32(n1) << 16 | 1 << 24
            }
        }
        assert(pairCount >= ZstdHuffmanTable.pairMinimumShare)
        pairState = pairCount >= ZstdHuffmanTable.pairMinimumShare ? .useful : .notUseful
    }

    @inline(__always)
    static func put(_ op: UnsafeMutablePointer<UInt8>, _ e: UInt32) {
        UnsafeMutableRawPointer(op).storeBytes(of: UInt16(truncatingIfNeeded: e), as: UInt16.self)
    }

    /// One-stream layout with the pair table.
    func decodeStreamPairs(_ src: UnsafePointer<UInt8>, size: Int, into out: UnsafeMutablePointer<UInt8>, outCount: Int) throws {
        var bits = try ZstdBackwardBitReader(src, count: size)
        let table = pairs
        let log = ZstdHuffmanTable.pairLog
        var op = out
        let end = out + outCount
        // Bounds: after a full reload at most 7 bits are consumed; a lookup
        // consumes at most pairLog = 11 bits, so before the 5th lookup at
        // most 7 + 44 = 51 are, and its 11-bit peek stays inside the 64-bit
        // container. Five lookups write at most 10 bytes (2 per store, the
        // pointer advancing <= 2), so `end - op >= 10` keeps every store
        // inside the output.
        while bits.hasFullReload && end - op >= 10 {
            bits.reload()
            assert(bits.consumed <= 7 && op + 10 <= end)
            for _ in 0..<5 {
                let e = table[bits.peek(log)]
                ZstdHuffmanTable.put(op, e)
                bits.skip(Int((e >> 16) & 0xFF))
                op += Int(e >> 24)
            }
        }
        try ZstdHuffmanTable.finish(&bits, entries, maxBits, op, end)
    }

    /// Four-stream layout with the pair table; the caller checked the size.
    func decodeFourStreamsPairs(_ src: UnsafePointer<UInt8>, size: Int, into out: UnsafeMutablePointer<UInt8>, outCount: Int) throws {
        let layout = try ZstdFourStreamLayout(src, size: size, outCount: outCount)
        let (p1, p2, p3, p4) = layout.starts
        let segment = layout.segment
        var (b1, b2, b3, b4) = layout.readers
        let table = pairs
        var o1 = out, o2 = out + segment, o3 = out + 2 * segment, o4 = out + 3 * segment
        let e1 = o2, e2 = o3, e3 = o4, e4 = out + outCount
        // Bounds, per stream (a store past a segment's end would clobber
        // the start of the next one, so each segment is checked): an
        // iteration reloads, then does 5 lookups of <= 11 bits (<= 55 bits;
        // see ZstdHuffmanFastBits for why that fits) and writes <= 10 bytes.
        // A reload moves the pointer back by <= 7 bytes (<= 62 bits were
        // consumed), so `n` iterations with n <= room/7 never move it before
        // the stream's start, and n <= space/10 keeps the stores in the
        // segment. `n` is computed for all four streams up front, so the
        // inner loop runs without checks.
        if b1.hasFullReload && b2.hasFullReload && b3.hasFullReload && b4.hasFullReload {
            var f1 = ZstdHuffmanFastBits(&b1), f2 = ZstdHuffmanFastBits(&b2)
            var f3 = ZstdHuffmanFastBits(&b3), f4 = ZstdHuffmanFastBits(&b4)
            while true {
                var n = min(f1.ip - p1, f2.ip - p2, f3.ip - p3, f4.ip - p4) / 7
                n = min(n, min(e1 - o1, e2 - o2, e3 - o3, e4 - o4) / 10)
                if n <= 0 { break }
                repeat {
                    f1.reload(); f2.reload(); f3.reload(); f4.reload()
                    assert(f1.ip >= p1 && f2.ip >= p2 && f3.ip >= p3 && f4.ip >= p4)
                    assert(o1 + 10 <= e1 && o2 + 10 <= e2 && o3 + 10 <= e3 && o4 + 10 <= e4)
                    for _ in 0..<5 {
                        let x1 = table[f1.peek11()]
                        let x2 = table[f2.peek11()]
                        let x3 = table[f3.peek11()]
                        let x4 = table[f4.peek11()]
                        ZstdHuffmanTable.put(o1, x1); ZstdHuffmanTable.put(o2, x2)
                        ZstdHuffmanTable.put(o3, x3); ZstdHuffmanTable.put(o4, x4)
                        f1.skip(x1 >> 16); f2.skip(x2 >> 16); f3.skip(x3 >> 16); f4.skip(x4 >> 16)
                        o1 += Int(x1 >> 24); o2 += Int(x2 >> 24); o3 += Int(x3 >> 24); o4 += Int(x4 >> 24)
                    }
                    n &-= 1
                } while n > 0
            }
            f1.store(&b1); f2.store(&b2); f3.store(&b3); f4.store(&b4)
        }
        try ZstdHuffmanTable.finish(&b1, entries, maxBits, o1, e1)
        try ZstdHuffmanTable.finish(&b2, entries, maxBits, o2, e2)
        try ZstdHuffmanTable.finish(&b3, entries, maxBits, o3, e3)
        try ZstdHuffmanTable.finish(&b4, entries, maxBits, o4, e4)
    }
}
