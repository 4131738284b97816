// The deflate encoder's LZ77 stage: finding earlier occurrences of the bytes
// at each position (RFC 1951 §4 describes the hash-chain approach) and turning
// the input into literals and (length, distance) matches, block by block.

/// Compresses a whole input buffer into a raw deflate stream.
///
/// Two hash tables index the positions seen so far. `head` hashes the first
/// four bytes of each position and `previous` links each position to the one
/// before it with the same hash, forming chains that are walked newest first;
/// `head3` hashes the first three bytes and keeps only the latest position,
/// the one candidate for a 3-byte match (those pay only when near). Chains of
/// 4-byte hashes hold far fewer candidates that share just three bytes, so a
/// walk of the same depth reaches further back for the matches that count.
/// Positions are stored as `Int32` offsets from `base`, which moves forward on
/// inputs beyond 1 GiB so the offsets never overflow.
struct Deflater {
    static let hashBits = 15
    static let windowMask = DeflateFormat.windowSize - 1
    static let empty = Int32.min
    static let rebaseThreshold = 1 << 30
    /// A 3-byte match further back than this rarely pays for its distance code.
    static let tooFar = 4096
    /// Lazy levels give up a pending match for a longer one at the next byte
    /// only when the gain, four points per byte of length less one point per
    /// doubling of the distance, exceeds this: the switch costs a literal, and
    /// on noisy data a literal costs about as much as two bytes of match.
    static let switchMargin = 8

    let input: UnsafePointer<UInt8>
    let count: Int
    let parameters: DeflateLevel
    let head: UnsafeMutablePointer<Int32>
    let head3: UnsafeMutablePointer<Int32>
    let previous: UnsafeMutablePointer<Int32>
    var base = 0
    var blocks = DeflateBlockEncoder()
    /// Input offset where the block being collected starts.
    var blockStart = 0

    init(input: UnsafePointer<UInt8>, count: Int, level: Int) {
        self.input = input
        self.count = count
        parameters = DeflateLevel.forLevel(level)
        head = .allocate(capacity: 1 << Self.hashBits)
        head.initialize(repeating: Self.empty, count: 1 << Self.hashBits)
        head3 = .allocate(capacity: 1 << Self.hashBits)
        head3.initialize(repeating: Self.empty, count: 1 << Self.hashBits)
        previous = .allocate(capacity: DeflateFormat.windowSize)
        previous.initialize(repeating: Self.empty, count: DeflateFormat.windowSize)
    }

    func deallocate() {
        head.deallocate()
        head3.deallocate()
        previous.deallocate()
        blocks.deallocate()
    }

    /// Compresses `input` at `level` (clamped to 0...9) into `writer`.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, into writer: inout DeflateBitWriter) {
        let level = min(max(level, 0), 9)
        guard let raw = input.baseAddress, input.count > 0 else {
            if level == 0 {
                DeflateBlockEncoder.writeStored(input: nil, start: 0, end: 0, isFinal: true, writer: &writer)
            } else {
                // A final fixed-Huffman block holding only end-of-block.
                writer.write(1 | 1 << 1, 3)
                writer.write(0, 7)
            }
            return
        }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        if level == 0 {
            DeflateBlockEncoder.writeStored(input: bytes, start: 0, end: input.count, isFinal: true, writer: &writer)
            return
        }
        var deflater = Deflater(input: bytes, count: input.count, level: level)
        defer { deflater.deallocate() }
        if deflater.parameters.lazy {
            deflater.parseLazily(&writer)
        } else {
            deflater.parseGreedily(&writer)
        }
        deflater.blocks.writeBlock(input: bytes, start: deflater.blockStart, end: input.count,
                                   isFinal: true, writer: &writer)
    }

    // MARK: - Hashing

    /// Records position `p` (which needs 4 readable bytes) in both tables and
    /// returns the previous position with the same 4-byte hash and the latest
    /// with the same 3-byte hash (each below `base` if none).
    @inline(__always)
    mutating func insert(_ p: Int) -> (chain: Int, three: Int) {
        let word = word(at: p)
        let h4 = Self.chainHash(word)
        let h3 = Self.threeByteHash(word)
        let offset = Int32(truncatingIfNeeded: p &- base)
        let old = head[h4]
        previous[p & Self.windowMask] = old
        head[h4] = offset
        let old3 = head3[h3]
        head3[h3] = offset
        return (base &+ Int(old), base &+ Int(old3))
    }

    /// Records position `p` (which needs 4 readable bytes) in the 4-byte
    /// chains only, for the positions inside a match: one table write instead
    /// of two, where the 3-byte table, consulted only when a chain finds
    /// nothing, gains little.
    @inline(__always)
    mutating func insertIntoChain(_ p: Int) {
        let h4 = Self.chainHash(word(at: p))
        previous[p & Self.windowMask] = head[h4]
        head[h4] = Int32(truncatingIfNeeded: p &- base)
    }

    /// The 4 bytes at `p`, little-endian.
    @inline(__always)
    func word(at p: Int) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(input + p).loadUnaligned(as: UInt32.self))
    }

    /// Slot of a 4-byte word in `head`.
    @inline(__always)
    static func chainHash(_ word: UInt32) -> Int {
        Int((word &* 0x9E37_79B1) &>> UInt32(32 - hashBits))
    }

    /// Slot of the word's first 3 bytes in `head3`.
    @inline(__always)
    static func threeByteHash(_ word: UInt32) -> Int {
        Int(((word & 0xFF_FFFF) &* 0x9E37_79B1) &>> UInt32(32 - hashBits))
    }

    /// Moves `base` forward so that offsets of recent positions stay small;
    /// entries older than the window become empty.
    mutating func rebase(at p: Int) {
        let delta = p - base - 2 * DeflateFormat.windowSize
        guard delta > 0 else { return }
        func shift(_ table: UnsafeMutablePointer<Int32>, _ n: Int) {
            for i in 0..<n {
                let v = Int(table[i]) - delta
                table[i] = v < 0 ? Self.empty : Int32(v)
            }
        }
        shift(head, 1 << Self.hashBits)
        shift(head3, 1 << Self.hashBits)
        shift(previous, DeflateFormat.windowSize)
        base += delta
    }

    // MARK: - Matching

    /// Number of equal leading bytes of `a` and `b`, at most `limit`
    /// (both must have `limit` readable bytes).
    @inline(__always)
    static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ limit: Int) -> Int {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        var n = 0
        while n &+ 8 <= limit {
            let x = ra.loadUnaligned(fromByteOffset: n, as: UInt64.self)
                ^ rb.loadUnaligned(fromByteOffset: n, as: UInt64.self)
            if x != 0 {
                return n &+ (UInt64(littleEndian: x).trailingZeroBitCount &>> 3)
            }
            n &+= 8
        }
        while n < limit && a[n] == b[n] { n &+= 1 }
        return n
    }

    /// The longest match for position `p` (which needs 4 readable bytes)
    /// longer than `mustBeat`: at most `chainLimit` candidates of the 4-byte
    /// chain from `chain`, else the 3-byte candidate `three` when it is near;
    /// (0, 0) if none.
    @inline(__always)
    func longestMatch(at p: Int, chain candidate: Int, three: Int, mustBeat: Int,
                      chainLimit: Int) -> (length: Int, distance: Int) {
        let limit = min(DeflateFormat.maxMatch, count &- p)
        if mustBeat >= limit { return (0, 0) }
        let nice = min(parameters.niceLength, limit)
        let low = max(p &- DeflateFormat.windowSize, 0)
        let scan = input + p
        let scanRaw = UnsafeRawPointer(scan)
        let scanStart = scanRaw.loadUnaligned(as: UInt32.self)
        var best = mustBeat
        var bestDistance = 0
        var scanEnd = scanRaw.loadUnaligned(fromByteOffset: best &- 1, as: UInt16.self)
        var cand = candidate
        var chain = chainLimit
        while cand >= low && chain > 0 {
            let m = UnsafeRawPointer(input + cand)
            if m.loadUnaligned(fromByteOffset: best &- 1, as: UInt16.self) == scanEnd
                && m.loadUnaligned(as: UInt32.self) == scanStart {
                let length = Self.matchLength(scan, input + cand, limit)
                if length > best {
                    best = length
                    bestDistance = p &- cand
                    if length >= nice { break }
                    scanEnd = scanRaw.loadUnaligned(fromByteOffset: best &- 1, as: UInt16.self)
                }
            }
            let next = base &+ Int(previous[cand & Self.windowMask])
            if next >= cand { break }
            cand = next
            chain &-= 1
        }
        // Only when the chain had no match of 4 bytes or more: the latest place
        // sharing the first 3 bytes, if near. (Positions inside matches are not
        // in this table, so its entry can be older than the chain's.)
        if best < 3 && p &- three <= Self.tooFar {
            let m = UnsafeRawPointer(input + three)
            if (m.loadUnaligned(as: UInt32.self) ^ scanStart) & 0xFF_FFFF == 0 {
                best = Self.matchLength(scan, input + three, limit)
                bestDistance = p &- three
            }
        }
        return best > mustBeat ? (best, bestDistance) : (0, 0)
    }

    /// Whether a match of `length` at `distance` starting one byte later is
    /// worth a literal more than the pending match (see `switchMargin`).
    @inline(__always)
    static func pays(_ length: Int, _ distance: Int, over pendingLength: Int, _ pendingDistance: Int) -> Bool {
        // log2(pendingDistance) - log2(distance), from the leading zeros.
        let distanceBits = distance.leadingZeroBitCount &- pendingDistance.leadingZeroBitCount
        return 4 &* (length &- pendingLength) &+ distanceBits > switchMargin
    }

    // MARK: - Emitting symbols

    @inline(__always)
    mutating func emitLiteral(at p: Int, _ writer: inout DeflateBitWriter) {
        blocks.addLiteral(input[p])
        if blocks.isFull { flushBlock(end: p &+ 1, &writer) }
    }

    @inline(__always)
    mutating func emitMatch(at p: Int, length: Int, distance: Int, _ writer: inout DeflateBitWriter) {
        blocks.addMatch(length: length, distance: distance)
        if blocks.isFull { flushBlock(end: p &+ length, &writer) }
    }

    @inline(never)
    mutating func flushBlock(end: Int, _ writer: inout DeflateBitWriter) {
        blocks.writeBlock(input: input, start: blockStart, end: end, isFinal: false, writer: &writer)
        blockStart = end
    }

    // MARK: - Parsing

    /// Levels 1-3: take the longest match at each position at once.
    mutating func parseGreedily(_ writer: inout DeflateBitWriter) {
        let lastHashable = count - 4
        let maxChain = parameters.maxChain
        let maxInsert = parameters.maxLazy
        var p = 0
        while p < count {
            if p <= lastHashable {
                if p &- base >= Self.rebaseThreshold { rebase(at: p) }
                let candidates = insert(p)
                let (length, distance) = longestMatch(at: p, chain: candidates.chain, three: candidates.three,
                                                      mustBeat: 2, chainLimit: maxChain)
                if length >= 3 {
                    emitMatch(at: p, length: length, distance: distance, &writer)
                    let stop = p &+ length
                    if length <= maxInsert {
                        var k = p &+ 1
                        let insertStop = min(stop, lastHashable &+ 1)
                        while k < insertStop { insertIntoChain(k); k &+= 1 }
                    }
                    p = stop
                    continue
                }
            }
            emitLiteral(at: p, &writer)
            p &+= 1
        }
    }

    /// Levels 4-9: keep each match pending for one byte and prefer a longer
    /// match starting at the next byte when it pays for the extra literal.
    mutating func parseLazily(_ writer: inout DeflateBitWriter) {
        let lastHashable = count - 4
        let maxChain = parameters.maxChain
        let maxLazy = parameters.maxLazy
        let goodLength = parameters.goodLength
        var p = 0
        var pending = false
        var pendingLength = 0
        var pendingDistance = 0
        while p < count {
            var length = 0
            var distance = 0
            if p <= lastHashable {
                if p &- base >= Self.rebaseThreshold { rebase(at: p) }
                let candidates = insert(p)
                if pendingLength < maxLazy {
                    let chain = pendingLength >= goodLength ? maxChain >> 2 : maxChain
                    (length, distance) = longestMatch(at: p, chain: candidates.chain, three: candidates.three,
                                                      mustBeat: max(pendingLength, 2), chainLimit: chain)
                }
            }
            if pendingLength >= 3 && (length <= pendingLength
                                      || !Self.pays(length, distance, over: pendingLength, pendingDistance)) {
                // The pending match at p - 1 wins.
                let start = p &- 1
                emitMatch(at: start, length: pendingLength, distance: pendingDistance, &writer)
                let stop = start &+ pendingLength
                var k = p &+ 1
                let insertStop = min(stop, lastHashable &+ 1)
                while k < insertStop { insertIntoChain(k); k &+= 1 }
                p = stop
                pending = false
                pendingLength = 0
            } else {
                if pending { emitLiteral(at: p &- 1, &writer) }
                pending = true
                pendingLength = length
                pendingDistance = distance
                p &+= 1
            }
        }
        if pending { emitLiteral(at: count &- 1, &writer) }
    }
}
