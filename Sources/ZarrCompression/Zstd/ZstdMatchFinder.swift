// LZ77 match finding for the Zstandard encoder.
//
// Three strategies, picked by level:
// * fast (negative levels): one hash table of recent positions; the step
//   between probes grows while nothing matches, and starts above one byte
//   (more so at lower levels).
// * double-fast (1-4): a table keyed by 8 bytes for long matches and one
//   keyed by 5 bytes for short ones; the long candidate one byte further is
//   also tried before settling for a short match.
// * lazy hash chains (5 and up): every position is linked to the previous
//   one with the same hash; up to `searchDepth` candidates are compared, and
//   before taking a match the next one or two positions are tried for a
//   better one (greedy at 5, lazy at 6-7, lazy2 from 8).
// All strategies first try the most recent offset (a "repeat" match costs
// almost nothing to code). Offsets are turned into the format's offset
// values, with the exact repeat-offset rules of the decoder, by `emit`.

/// Tuning of one compression level.
struct ZstdLevelParameters {
    enum Strategy { case fast, doubleFast, lazy }
    var strategy: Strategy
    var hashLog: Int
    var shortHashLog = 0
    var chainLog = 0
    var searchDepth = 0
    var lazyDepth = 0
    var windowLog: Int
    /// Probing step grows by one every 2^skipLog misses.
    var skipLog = 8
    /// Smallest step between probes (above 1 for negative levels).
    var minStep = 1
    var targetLength = 0

    static func forLevel(_ level: Int) -> ZstdLevelParameters {
        // Level 0 means "default" (3), as in the reference library.
        switch level == 0 ? 3 : level {
        case ..<0:
            return ZstdLevelParameters(strategy: .fast, hashLog: 15, windowLog: 19, skipLog: 8, minStep: 1 + min(-level, 16))
        case 1:
            return ZstdLevelParameters(strategy: .doubleFast, hashLog: 16, shortHashLog: 14, windowLog: 20, skipLog: 8)
        case 2:
            return ZstdLevelParameters(strategy: .doubleFast, hashLog: 16, shortHashLog: 15, windowLog: 21, skipLog: 8)
        case 3:
            return ZstdLevelParameters(strategy: .doubleFast, hashLog: 17, shortHashLog: 16, windowLog: 21, skipLog: 8)
        case 4:
            return ZstdLevelParameters(strategy: .doubleFast, hashLog: 18, shortHashLog: 17, windowLog: 22, skipLog: 8)
        case 5:
            return ZstdLevelParameters(strategy: .lazy, hashLog: 17, chainLog: 17, searchDepth: 6, lazyDepth: 0, windowLog: 22, targetLength: 64)
        case 6:
            return ZstdLevelParameters(strategy: .lazy, hashLog: 17, chainLog: 17, searchDepth: 8, lazyDepth: 1, windowLog: 22, targetLength: 96)
        case 7:
            return ZstdLevelParameters(strategy: .lazy, hashLog: 18, chainLog: 18, searchDepth: 16, lazyDepth: 1, windowLog: 23, targetLength: 128)
        case 8:
            return ZstdLevelParameters(strategy: .lazy, hashLog: 18, chainLog: 18, searchDepth: 24, lazyDepth: 2, windowLog: 23, targetLength: 192)
        case 9:
            return ZstdLevelParameters(strategy: .lazy, hashLog: 18, chainLog: 19, searchDepth: 32, lazyDepth: 2, windowLog: 23, targetLength: 256)
        default:
            let depth = level >= 16 ? 256 : (level >= 12 ? 128 : 64)
            return ZstdLevelParameters(strategy: .lazy, hashLog: 19, chainLog: 20, searchDepth: depth, lazyDepth: 2, windowLog: 24, targetLength: 512)
        }
    }
}

/// Hash and chain tables, kept by an encoder context between calls.
final class ZstdMatchTables {
    private(set) var main = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var short = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var chain = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private var mainCapacity = 1, shortCapacity = 1, chainCapacity = 1

    /// Makes each table hold at least the given number of entries.
    func reserve(main m: Int, short s: Int, chain c: Int) {
        if m > mainCapacity { main.deallocate(); main = .allocate(capacity: m); mainCapacity = m }
        if s > shortCapacity { short.deallocate(); short = .allocate(capacity: s); shortCapacity = s }
        if c > chainCapacity { chain.deallocate(); chain = .allocate(capacity: c); chainCapacity = c }
    }

    /// Memory held by the tables.
    var byteCount: Int { (mainCapacity + shortCapacity + chainCapacity) * 4 }

    deinit { main.deallocate(); short.deallocate(); chain.deallocate() }
}

/// Finds matches in an input and collects the sequences of each block.
struct ZstdMatchFinder {
    let params: ZstdLevelParameters
    let base: UnsafePointer<UInt8>
    let inputSize: Int
    let hashLog: Int
    let shortHashLog: Int
    let chainLog: Int
    let table: UnsafeMutablePointer<UInt32>
    let shortTable: UnsafeMutablePointer<UInt32>
    let chain: UnsafeMutablePointer<UInt32>
    let maxDistance: Int
    /// Next position not yet inserted into the hash chains.
    var nextToUpdate = 0
    /// Repeat offsets as the decoder will see them.
    var rep0 = 1, rep1 = 4, rep2 = 8

    /// Sets up for `count` bytes at `base`, using (and clearing) the
    /// context's tables.
    init(params: ZstdLevelParameters, base: UnsafePointer<UInt8>, count: Int, tables: ZstdMatchTables) {
        self.params = params
        self.base = base
        inputSize = count
        // No point in tables much larger than the input.
        let inputLog = max(8, Int.bitWidth - max(count, 1).leadingZeroBitCount)
        hashLog = min(params.hashLog, inputLog + 1)
        shortHashLog = min(params.shortHashLog, inputLog + 1)
        chainLog = min(params.chainLog, inputLog)
        let shortSize = params.strategy == .doubleFast ? 1 << shortHashLog : 1
        let chainSize = params.strategy == .lazy ? 1 << chainLog : 1
        tables.reserve(main: 1 << hashLog, short: shortSize, chain: chainSize)
        table = tables.main
        table.update(repeating: 0, count: 1 << hashLog)
        shortTable = tables.short
        shortTable.update(repeating: 0, count: shortSize)
        chain = tables.chain
        maxDistance = 1 << params.windowLog
    }

    // MARK: - Primitives

    @inline(__always) func read32(_ p: Int) -> UInt32 {
        UnsafeRawPointer(base + p).loadUnaligned(as: UInt32.self)
    }
    @inline(__always) func read64(_ p: Int) -> UInt64 {
        UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
    }
    @inline(__always) static func hash8(_ v: UInt64, _ log: Int) -> Int {
        Int(truncatingIfNeeded: (v &* 0xCF1B_BCDC_B7A5_6463) &>> UInt64(64 &- log))
    }
    /// Hash of the low 5 bytes of `v`: they are moved to the top of the word
    /// and multiplied by a 40-bit odd constant, so every one of them reaches
    /// the top `log` bits. (A constant shifted left by 24 as well would leave
    /// only 2 bytes in the result: a short table of almost useless candidates.)
    @inline(__always) static func hash5(_ v: UInt64, _ log: Int) -> Int {
        Int(truncatingIfNeeded: ((v &<< 24) &* 0xCF_1BBC_DCBB) &>> UInt64(64 &- log))
    }
    @inline(__always) static func hash4(_ v: UInt32, _ log: Int) -> Int {
        Int(truncatingIfNeeded: (v &* 0x9E37_79B1) &>> UInt32(32 &- log))
    }

    /// Length of the common prefix of positions `a` and `b` (b < a), not
    /// running past `limit`.
    @inline(__always)
    func matchLength(_ a: Int, _ b: Int, _ limit: Int) -> Int {
        var n = 0
        let maxN = limit &- a
        while n &+ 8 <= maxN {
            let x = read64(a &+ n) ^ read64(b &+ n)
            if x != 0 { return n &+ (x.littleEndian.trailingZeroBitCount &>> 3) }
            n &+= 8
        }
        while n < maxN && base[a &+ n] == base[b &+ n] { n &+= 1 }
        return n
    }

    // MARK: - Emitting sequences

    /// Records literals `anchor..<pos` followed by a match of `length` at
    /// distance `offset`, translating the offset into an offset value.
    @inline(__always)
    mutating func emit(_ store: inout ZstdSequenceStore, anchor: Int, pos: Int, offset: Int, length: Int) {
        let ll = pos &- anchor
        if ll > 0 {
            (store.literals + store.literalCount).update(from: base + anchor, count: ll)
            store.literalCount &+= ll
        }
        var value: Int
        if ll > 0 {
            if offset == rep0 { value = 1 }
            else if offset == rep1 { value = 2; rep1 = rep0; rep0 = offset }
            else if offset == rep2 { value = 3; rep2 = rep1; rep1 = rep0; rep0 = offset }
            else { value = offset &+ 3; rep2 = rep1; rep1 = rep0; rep0 = offset }
        } else {
            if offset == rep1 { value = 1; rep1 = rep0; rep0 = offset }
            else if offset == rep2 { value = 2; rep2 = rep1; rep1 = rep0; rep0 = offset }
            else if offset == rep0 &- 1 { value = 3; rep2 = rep1; rep1 = rep0; rep0 = offset }
            else { value = offset &+ 3; rep2 = rep1; rep1 = rep0; rep0 = offset }
        }
        let i = store.count
        store.literalLengths[i] = UInt32(truncatingIfNeeded: ll)
        store.matchLengths[i] = UInt32(truncatingIfNeeded: length)
        store.offsetValues[i] = UInt32(truncatingIfNeeded: value)
        store.count = i &+ 1
    }

    /// Moves the literals after the last match into the store.
    @inline(__always)
    func finishBlock(_ store: inout ZstdSequenceStore, anchor: Int, end: Int) {
        let n = end - anchor
        if n > 0 {
            (store.literals + store.literalCount).update(from: base + anchor, count: n)
            store.literalCount += n
        }
    }

    // MARK: - Driver

    /// Collects the sequences of block `start..<end` into `store`.
    mutating func findMatches(start: Int, end: Int, into store: inout ZstdSequenceStore) {
        store.count = 0
        store.literalCount = 0
        switch params.strategy {
        case .fast: fast(start: start, end: end, into: &store)
        case .doubleFast: doubleFast(start: start, end: end, into: &store)
        case .lazy: lazy(start: start, end: end, into: &store)
        }
    }

    // MARK: - Fast

    mutating func fast(start: Int, end: Int, into store: inout ZstdSequenceStore) {
        let hLog = hashLog
        var anchor = start
        var ip = start == 0 ? 1 : start
        let ilimit = end &- 8
        let skipLog = params.skipLog
        let minStep = params.minStep
        let maxDist = maxDistance
        while ip < ilimit {
            // Repeat offset one byte ahead.
            let r = ip &+ 1
            if rep0 <= r && read32(r) == read32(r &- rep0) {
                let h = ZstdMatchFinder.hash5(read64(ip), hLog)
                table[h] = UInt32(truncatingIfNeeded: ip)
                let length = 4 &+ matchLength(r &+ 4, r &+ 4 &- rep0, end)
                emit(&store, anchor: anchor, pos: r, offset: rep0, length: length)
                ip = r &+ length
                anchor = ip
                afterMatchFast(&ip, &anchor, ilimit, end, &store)
                continue
            }
            let h = ZstdMatchFinder.hash5(read64(ip), hLog)
            let candidate = Int(table[h])
            table[h] = UInt32(truncatingIfNeeded: ip)
            if candidate < ip && ip &- candidate <= maxDist && read32(candidate) == read32(ip) {
                var m = ip, c = candidate
                var length = 4 &+ matchLength(ip &+ 4, candidate &+ 4, end)
                while m > anchor && c > 0 && base[m &- 1] == base[c &- 1] { m &-= 1; c &-= 1; length &+= 1 }
                emit(&store, anchor: anchor, pos: m, offset: m &- c, length: length)
                ip = m &+ length
                anchor = ip
                if ip < ilimit { table[ZstdMatchFinder.hash5(read64(ip &- 2), hLog)] = UInt32(truncatingIfNeeded: ip &- 2) }
                afterMatchFast(&ip, &anchor, ilimit, end, &store)
                continue
            }
            ip &+= minStep &+ ((ip &- anchor) &>> skipLog)
        }
        finishBlock(&store, anchor: anchor, end: end)
    }

    /// After a match: take immediate repeats of the second offset.
    @inline(__always)
    mutating func afterMatchFast(_ ip: inout Int, _ anchor: inout Int, _ ilimit: Int, _ end: Int, _ store: inout ZstdSequenceStore) {
        while ip < ilimit && rep1 <= ip && read32(ip) == read32(ip &- rep1) {
            let length = 4 &+ matchLength(ip &+ 4, ip &+ 4 &- rep1, end)
            table[ZstdMatchFinder.hash5(read64(ip), hashLog)] = UInt32(truncatingIfNeeded: ip)
            emit(&store, anchor: anchor, pos: ip, offset: rep1, length: length)
            ip &+= length
            anchor = ip
        }
    }

    // MARK: - Double fast

    mutating func doubleFast(start: Int, end: Int, into store: inout ZstdSequenceStore) {
        let lLog = hashLog, sLog = shortHashLog
        var anchor = start
        var ip = start == 0 ? 1 : start
        let ilimit = end &- 8
        let skipLog = params.skipLog
        let maxDist = maxDistance
        guard ip < ilimit else { return finishBlock(&store, anchor: anchor, end: end) }
        // The long-table candidate of `ip` and its first 8 bytes are loaded one
        // position ahead, while the previous position is being checked, so their
        // cache misses overlap that work. (Every table entry is a position
        // before the current one, so the early read stays inside the input.)
        var candL = Int(table[ZstdMatchFinder.hash8(read64(ip), lLog)])
        var candLBytes = read64(candL)
        while ip < ilimit {
            let v = read64(ip)
            let hL = ZstdMatchFinder.hash8(v, lLog)
            let hS = ZstdMatchFinder.hash5(v, sLog)
            let candS = Int(shortTable[hS])
            table[hL] = UInt32(truncatingIfNeeded: ip)
            shortTable[hS] = UInt32(truncatingIfNeeded: ip)
            // The next position to probe when nothing matches here; its
            // candidate is read now (at a clamped position near the end, where
            // it is not used).
            let next = ip &+ 1 &+ ((ip &- anchor) &>> skipLog)
            let nextCandL = Int(table[ZstdMatchFinder.hash8(read64(min(next, ilimit &- 1)), lLog)])
            let nextCandLBytes = read64(nextCandL)

            var matchPos = -1, matchCand = 0, length = 0
            let r = ip &+ 1
            if rep0 <= r && read32(r) == read32(r &- rep0) {
                length = 4 &+ matchLength(r &+ 4, r &+ 4 &- rep0, end)
                emit(&store, anchor: anchor, pos: r, offset: rep0, length: length)
                let matchStart = r
                ip = r &+ length
                anchor = ip
                afterMatchDouble(matchStart, &ip, &anchor, ilimit, end, &store)
                if ip < ilimit { reloadCandidate(ip, &candL, &candLBytes) }
                continue
            }
            if candL < ip && ip &- candL <= maxDist && candLBytes == v {
                matchPos = ip; matchCand = candL
                length = 8 &+ matchLength(ip &+ 8, candL &+ 8, end)
            } else if candS < ip && ip &- candS <= maxDist && read32(candS) == UInt32(truncatingIfNeeded: v) {
                // Try a long match one byte further before the short one.
                let ip1 = ip &+ 1
                let v1 = read64(ip1)
                let hL1 = ZstdMatchFinder.hash8(v1, lLog)
                let candL1 = Int(table[hL1])
                table[hL1] = UInt32(truncatingIfNeeded: ip1)
                if candL1 < ip1 && ip1 &- candL1 <= maxDist && read64(candL1) == v1 {
                    matchPos = ip1; matchCand = candL1
                    length = 8 &+ matchLength(ip1 &+ 8, candL1 &+ 8, end)
                } else {
                    matchPos = ip; matchCand = candS
                    length = 4 &+ matchLength(ip &+ 4, candS &+ 4, end)
                }
            } else {
                ip = next
                candL = nextCandL
                candLBytes = nextCandLBytes
                continue
            }
            var m = matchPos, c = matchCand
            while m > anchor && c > 0 && base[m &- 1] == base[c &- 1] { m &-= 1; c &-= 1; length &+= 1 }
            emit(&store, anchor: anchor, pos: m, offset: m &- c, length: length)
            ip = m &+ length
            anchor = ip
            afterMatchDouble(m, &ip, &anchor, ilimit, end, &store)
            if ip < ilimit { reloadCandidate(ip, &candL, &candLBytes) }
        }
        finishBlock(&store, anchor: anchor, end: end)
    }

    /// Looks up the long-table candidate of `ip` (< ilimit) and its first 8 bytes.
    @inline(__always)
    func reloadCandidate(_ ip: Int, _ cand: inout Int, _ bytes: inout UInt64) {
        cand = Int(table[ZstdMatchFinder.hash8(read64(ip), hashLog)])
        bytes = read64(cand)
    }

    /// After a match: index a few of its positions, then take immediate
    /// repeats of the second offset.
    @inline(__always)
    mutating func afterMatchDouble(_ matchStart: Int, _ ip: inout Int, _ anchor: inout Int, _ ilimit: Int, _ end: Int,
                                   _ store: inout ZstdSequenceStore) {
        guard ip < ilimit else { return }
        let lLog = hashLog, sLog = shortHashLog
        let p0 = matchStart &+ 2
        if p0 < ip {
            let v0 = read64(p0)
            table[ZstdMatchFinder.hash8(v0, lLog)] = UInt32(truncatingIfNeeded: p0)
            shortTable[ZstdMatchFinder.hash5(v0, sLog)] = UInt32(truncatingIfNeeded: p0)
        }
        let p1 = ip &- 2
        let v1 = read64(p1)
        table[ZstdMatchFinder.hash8(v1, lLog)] = UInt32(truncatingIfNeeded: p1)
        shortTable[ZstdMatchFinder.hash5(read64(ip &- 1), sLog)] = UInt32(truncatingIfNeeded: ip &- 1)
        while ip < ilimit && rep1 <= ip && read32(ip) == read32(ip &- rep1) {
            let length = 4 &+ matchLength(ip &+ 4, ip &+ 4 &- rep1, end)
            let v = read64(ip)
            table[ZstdMatchFinder.hash8(v, lLog)] = UInt32(truncatingIfNeeded: ip)
            shortTable[ZstdMatchFinder.hash5(v, sLog)] = UInt32(truncatingIfNeeded: ip)
            emit(&store, anchor: anchor, pos: ip, offset: rep1, length: length)
            ip &+= length
            anchor = ip
        }
    }

    // MARK: - Lazy hash chains

    /// Links every position before `target` into the chains.
    @inline(__always)
    mutating func insert(upTo target: Int) {
        let hLog = hashLog
        let mask = (1 << chainLog) &- 1
        var p = nextToUpdate
        while p < target {
            let h = ZstdMatchFinder.hash5(read64(p), hLog)
            chain[p & mask] = table[h]
            table[h] = UInt32(truncatingIfNeeded: p)
            p &+= 1
        }
        nextToUpdate = max(nextToUpdate, target)
    }

    /// Best match at `ip` among repeat offsets and chain candidates.
    @inline(__always)
    mutating func search(_ ip: Int, _ end: Int) -> (length: Int, offset: Int) {
        insert(upTo: ip)
        var bestLength = 3
        var bestOffset = 0
        // Repeat offsets first.
        let head = read32(ip)
        var k = 0
        while k < 3 {
            let r = k == 0 ? rep0 : (k == 1 ? rep1 : rep2)
            k &+= 1
            if r <= ip && head == read32(ip &- r) {
                let l = 4 &+ matchLength(ip &+ 4, ip &+ 4 &- r, end)
                if l > bestLength { bestLength = l; bestOffset = r }
            }
        }
        let mask = (1 << chainLog) &- 1
        let minPos = max(0, ip &- min(maxDistance, mask))
        var candidate = Int(table[ZstdMatchFinder.hash5(read64(ip), hashLog)])
        var depth = params.searchDepth
        let target = params.targetLength
        while depth > 0 && candidate >= minPos && candidate < ip {
            depth &-= 1
            // Cheap filter: the byte that would extend the best match.
            if bestLength < end &- ip && base[candidate &+ bestLength] == base[ip &+ bestLength] && read32(candidate) == read32(ip) {
                let l = 4 &+ matchLength(ip &+ 4, candidate &+ 4, end)
                if l > bestLength {
                    bestLength = l
                    bestOffset = ip &- candidate
                    if l >= target { break }
                }
            }
            let next = Int(chain[candidate & mask])
            if next >= candidate { break }
            candidate = next
        }
        return (bestOffset == 0 ? 0 : bestLength, bestOffset)
    }

    /// Rough value of a match: bytes saved minus the offset's cost.
    @inline(__always)
    static func gain(_ length: Int, _ offset: Int) -> Int {
        length &* 4 &- (Int.bitWidth &- UInt(offset &+ 1).leadingZeroBitCount)
    }

    mutating func lazy(start: Int, end: Int, into store: inout ZstdSequenceStore) {
        var anchor = start
        var ip = start == 0 ? 1 : start
        let ilimit = end &- 8
        let lazyDepth = params.lazyDepth
        if nextToUpdate < start { nextToUpdate = start }
        while ip < ilimit {
            var (length, offset) = search(ip, end)
            if length == 0 {
                ip &+= 1 &+ ((ip &- anchor) &>> 8)
                continue
            }
            var pos = ip
            // Look one or two bytes ahead for something better.
            var step = 0
            while step < lazyDepth && pos &+ 1 < ilimit {
                let (l2, o2) = search(pos &+ 1, end)
                if l2 > 0 && ZstdMatchFinder.gain(l2, o2) > ZstdMatchFinder.gain(length, offset) &+ 4 {
                    pos &+= 1; length = l2; offset = o2
                    step = 0
                    continue
                }
                step &+= 1
                if step < lazyDepth && pos &+ 2 < ilimit {
                    let (l3, o3) = search(pos &+ 2, end)
                    if l3 > 0 && ZstdMatchFinder.gain(l3, o3) > ZstdMatchFinder.gain(length, offset) &+ 7 {
                        pos &+= 2; length = l3; offset = o3
                        step = 0
                        continue
                    }
                }
                break
            }
            // Extend backwards over literals that match too.
            var c = pos &- offset
            while pos > anchor && c > 0 && base[pos &- 1] == base[c &- 1] { pos &-= 1; c &-= 1; length &+= 1 }
            emit(&store, anchor: anchor, pos: pos, offset: offset, length: length)
            ip = pos &+ length
            anchor = ip
            // Immediate repeats of the second offset.
            while ip < ilimit && rep1 <= ip && read32(ip) == read32(ip &- rep1) {
                let l = 4 &+ matchLength(ip &+ 4, ip &+ 4 &- rep1, end)
                emit(&store, anchor: anchor, pos: ip, offset: rep1, length: l)
                ip &+= l
                anchor = ip
            }
        }
        finishBlock(&store, anchor: anchor, end: end)
    }
}
