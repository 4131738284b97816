// The high-compression LZ4 encoder (LZ4_compress_HC): hash-chain matches and
// lz4hc's lookahead parse.
//
// Levels, as in lz4hc: 1...9 walk up to 2, 2, 4, 8, 16, 32, 64, 128, 256
// chain candidates per search (levels 1 and 2 are the same). Levels 10...12
// use the price-based parse of LZ4OptimalParser with deeper searches.
//
// The lookahead parse keeps up to three matches in view. Having a match M1,
// it searches near the end of M1 for a match M2 that may start earlier (down
// to M1's start) and covers more. If none is found, M1 is written. If M2
// starts less than 3 bytes after M1, M2 replaces M1. Otherwise it looks for
// M3 near the end of M2 in the same way and decides: without M3, write M1
// (cut where M2 starts) and M2; when M3 starts too close to M1's end for M2
// to be worth a sequence of its own, M2 is dropped; else M1 is written (cut
// so that M2 keeps at least a whole match) and the window moves on. When two
// matches overlap, the earlier one is cut back to at most 18 bytes (what its
// token holds without an extra length byte) before the later one starts.

enum LZ4HCEncoder {
    static let defaultLevel = 9
    static let maxLevel = 12
    /// Chain candidates per search for levels 0...9 (0 is never used).
    private static let attemptsByLevel = [2, 2, 2, 4, 8, 16, 32, 64, 128, 256]
    /// Match-length nibble 14 plus the 4 implied bytes: the longest match
    /// whose length needs no extra byte.
    private static let shortMatchMax = LZ4Format.nibbleMax - 1 + LZ4Format.minMatch

    /// The level used for `level` (below 1: the default; above 12: 12).
    static func effectiveLevel(_ level: Int) -> Int { level < 1 ? defaultLevel : min(level, maxLevel) }

    /// Compresses `src[0..<count]` into `dst[0..<capacity]`; returns the block
    /// size, or 0 when it does not fit.
    static func compress(_ src: UnsafePointer<UInt8>, count: Int, into dst: UnsafeMutablePointer<UInt8>,
                         capacity: Int, level: Int, context: LZ4EncoderContext) -> Int {
        guard count <= LZ4Format.maxInputSize else { return 0 }
        var writer = LZ4BlockWriter(dst, capacity: capacity)
        var finder = LZ4HCMatchFinder(src, context: context)
        let level = effectiveLevel(level)
        let fits = level >= LZ4OptimalParser.minLevel
            ? LZ4OptimalParser.encode(src, count: count, finder: &finder, writer: &writer, level: level, context: context)
            : lookahead(src, count: count, finder: &finder, writer: &writer, attempts: attemptsByLevel[level])
        return fits ? writer.count : 0
    }

    // MARK: - Lookahead parse

    /// Returns false when the block does not fit the writer.
    private static func lookahead(_ src: UnsafePointer<UInt8>, count n: Int, finder: inout LZ4HCMatchFinder,
                                  writer: inout LZ4BlockWriter, attempts: Int) -> Bool {
        typealias Match = LZ4HCMatchFinder.Match
        var anchor = 0
        /// Writes the literals before `m` and `m`. A match cut below 4 bytes
        /// (possible when a longer match starts where the next one does) is
        /// not written: its bytes stay literals of the next sequence.
        func emit(_ m: Match) -> Bool {
            guard m.length >= LZ4Format.minMatch else { return true }
            guard writer.sequence(literals: src + anchor, literalCount: m.start - anchor,
                                  offset: m.offset, matchLength: m.length) else { return false }
            anchor = m.end
            return true
        }
        if n >= LZ4Format.minCompressibleInput {
            // Searches start at most at `searchLimit`; matches end by `matchEnd`.
            let searchLimit = n - LZ4Format.matchStartLimit
            let matchEnd = n - LZ4Format.lastLiterals
            var ip = 0
            parse: while ip <= searchLimit {
                guard var m1 = finder.longestMatch(at: ip, limit: matchEnd, attempts: attempts) else {
                    ip += 1
                    continue
                }
                // The first match found at this step, to fall back on if later ones squeeze it out.
                var fallback = m1
                second: while true {
                    guard m1.end <= searchLimit,
                          var m2 = finder.widerMatch(at: m1.end - 2, lowLimit: m1.start, highLimit: matchEnd,
                                                     longerThan: m1.length, attempts: attempts)
                    else {
                        guard emit(m1) else { return false }
                        ip = m1.end
                        continue parse
                    }
                    if fallback.start < m1.start && m2.start < m1.start + fallback.length { m1 = fallback }
                    if m2.start - m1.start < 3 {
                        m1 = m2
                        continue second
                    }
                    third: while true {
                        // Here m1.start + 3 <= m2.start and m2 is longer than m1.
                        if m2.start - m1.start < shortMatchMax {
                            var kept = min(m1.length, shortMatchMax)
                            if m1.start + kept > m2.end - LZ4Format.minMatch {
                                kept = m2.start - m1.start + m2.length - LZ4Format.minMatch
                            }
                            let overlap = kept - (m2.start - m1.start)
                            if overlap > 0 { m2.trimFront(overlap) }
                        }
                        guard m2.end <= searchLimit,
                              let m3 = finder.widerMatch(at: m2.end - 3, lowLimit: m2.start, highLimit: matchEnd,
                                                         longerThan: m2.length, attempts: attempts)
                        else {
                            if m2.start < m1.end { m1.length = m2.start - m1.start }
                            guard emit(m1), emit(m2) else { return false }
                            ip = m2.end
                            continue parse
                        }
                        if m3.start < m1.end + 3 {
                            if m3.start >= m1.end {
                                // M1 and M3 leave no room for M2: write M1, M3 becomes the match in hand.
                                if m2.start < m1.end {
                                    m2.trimFront(m1.end - m2.start)
                                    if m2.length < LZ4Format.minMatch { m2 = m3 }
                                }
                                guard emit(m1) else { return false }
                                m1 = m3
                                fallback = m2
                                continue second
                            }
                            m2 = m3
                            continue third
                        }
                        // Three ascending matches: write M1, cut so that M2 keeps a full match.
                        if m2.start < m1.end {
                            if m2.start - m1.start < shortMatchMax {
                                m1.length = min(m1.length, shortMatchMax)
                                if m1.end > m2.end - LZ4Format.minMatch {
                                    m1.length = m2.start - m1.start + m2.length - LZ4Format.minMatch
                                }
                                let overlap = m1.end - m2.start
                                if overlap > 0 { m2.trimFront(overlap) }
                            } else {
                                m1.length = m2.start - m1.start
                            }
                        }
                        guard emit(m1) else { return false }
                        m1 = m2
                        m2 = m3
                    }
                }
            }
        }
        return writer.lastLiterals(src + anchor, count: n - anchor)
    }
}
