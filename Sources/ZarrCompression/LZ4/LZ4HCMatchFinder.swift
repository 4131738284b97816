// The match finder of the high-compression LZ4 encoder: hash chains over a
// 64 KiB window, as in lz4hc.
//
// `head` maps a hash of 4 bytes (15 bits) to the latest position with that
// hash; `chain[p & 0xFFFF]` holds how far back the previous position with
// the same hash is (0 when there is none in reach). Every position is
// inserted once, in order, before a search from a later position. A search
// walks the chain of its position up to `attempts` candidates and keeps the
// longest match; the "wider" search also lets a match grow backward, down to
// a low limit, which is how the parser finds a match overlapping the end of
// the previous one that covers more bytes in total.

struct LZ4HCMatchFinder {
    /// A match: `length` bytes at `start` equal those at `reference`.
    struct Match {
        var start: Int
        var reference: Int
        var length: Int
        var end: Int { start + length }
        var offset: Int { start - reference }

        /// Drops the first `n` bytes.
        mutating func trimFront(_ n: Int) {
            start += n
            reference += n
            length -= n
        }
    }

    static let hashLog = 15
    static let windowMask = 0xFFFF

    let src: UnsafePointer<UInt8>
    /// Latest position + 1 per hash (0: none).
    private let head: UnsafeMutablePointer<UInt32>
    private let chain: UnsafeMutablePointer<UInt16>
    /// The first position not inserted yet.
    private var nextToInsert = 0

    /// A finder over `src`, on the tables of `context` (valid while the caller holds it).
    init(_ src: UnsafePointer<UInt8>, context: LZ4EncoderContext) {
        self.src = src
        (head, chain) = context.hashChainTables(headCount: 1 << LZ4HCMatchFinder.hashLog,
                                                chainCount: LZ4HCMatchFinder.windowMask + 1)
        head.initialize(repeating: 0, count: 1 << LZ4HCMatchFinder.hashLog)
        // Only slots of inserted positions are ever read, so the chain needs no initial value.
    }

    @inline(__always)
    private func hash(_ position: Int) -> Int {
        Int(truncatingIfNeeded: (LZ4Format.read32(src + position) &* 2_654_435_761) >> (32 - LZ4HCMatchFinder.hashLog))
    }

    /// Inserts every position before `target` (each needs 4 readable bytes).
    @inline(__always)
    private mutating func insert(upTo target: Int) {
        var p = nextToInsert
        while p < target {
            let h = hash(p)
            let previous = Int(head[h]) - 1
            let distance = previous < 0 ? 0 : p - previous
            chain[p & LZ4HCMatchFinder.windowMask] = distance > LZ4Format.maxOffset ? 0 : UInt16(truncatingIfNeeded: distance)
            head[h] = UInt32(truncatingIfNeeded: p + 1)
            p += 1
        }
        nextToInsert = max(nextToInsert, target)
    }

    /// The longest match at `position` ending by `limit`, if one of at least 4 bytes exists.
    @inline(__always)
    mutating func longestMatch(at position: Int, limit: Int, attempts: Int) -> Match? {
        widerMatch(at: position, lowLimit: position, highLimit: limit, longerThan: LZ4Format.minMatch - 1,
                   attempts: attempts)
    }

    /// The longest match longer than `longest` that contains the 4 bytes at
    /// `position`, may start as early as `lowLimit` and ends by `highLimit`;
    /// nil when there is none. The bytes in `lowLimit..<lowLimit + longest + 1`
    /// must lie before `highLimit` (they do for every call: `longest` is the
    /// length of a match in that range, or 3 from `position` itself).
    mutating func widerMatch(at position: Int, lowLimit: Int, highLimit: Int, longerThan longest: Int,
                             attempts: Int) -> Match? {
        assert(lowLimit <= position && lowLimit + longest < highLimit && position + LZ4Format.minMatch <= highLimit)
        insert(upTo: position)
        let lookBack = position - lowLimit
        let ip = src + position
        let ipLimit = src + highLimit
        let pattern = LZ4Format.read32(ip)
        let lowest = max(0, position - LZ4Format.maxOffset)
        var best: Match?
        var bestLength = longest
        var candidate = Int(head[hash(position)]) - 1
        var left = attempts
        while candidate >= lowest && left > 0 {
            left -= 1
            // A longer match must agree on the byte after the current best one
            // (compared with the last byte of it, two at once); when that byte
            // lies before the input start, fall through to the full check.
            let probe = candidate - lookBack + bestLength - 1
            // Candidates at or after `position` (after a search went back) are only passed through.
            if candidate < position && (probe < 0 || read16(lowLimit + bestLength - 1) == read16(probe)) {
                if LZ4Format.read32(src + candidate) == pattern {
                    var back = 0
                    let maxBack = min(lookBack, candidate)
                    while back < maxBack && ip[-back - 1] == src[candidate - back - 1] { back += 1 }
                    let length = LZ4Format.minMatch + back
                        + LZ4Format.commonLength(ip + LZ4Format.minMatch, src + candidate + LZ4Format.minMatch,
                                                 limit: ipLimit)
                    if length > bestLength {
                        bestLength = length
                        best = Match(start: position - back, reference: candidate - back, length: length)
                        // Spanning the whole allowed range, no later candidate can beat it.
                        if position - back == lowLimit && position - back + length == highLimit { break }
                    }
                }
            }
            let step = Int(chain[candidate & LZ4HCMatchFinder.windowMask])
            if step == 0 { break }
            candidate -= step
        }
        return best
    }

    @inline(__always)
    private func read16(_ position: Int) -> UInt16 {
        UnsafeRawPointer(src + position).loadUnaligned(as: UInt16.self)
    }
}
