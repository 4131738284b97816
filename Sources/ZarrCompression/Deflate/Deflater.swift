// The deflate encoder's LZ77 stage: finding earlier occurrences of the bytes
// at each position (RFC 1951 §4 describes the hash-chain approach) and turning
// the input into literals and (length, distance) matches, block by block.

/// Compresses a whole input buffer into a raw deflate stream.
///
/// Positions are indexed by a hash of their first three bytes: `head` holds
/// the latest position of each hash and `previous` links each position to the
/// one before it with the same hash, forming chains that are walked newest
/// first. Positions are stored as `Int32` offsets from `base`, which moves
/// forward on inputs beyond 1 GiB so the offsets never overflow.
struct Deflater {
    static let hashBits = 15
    static let windowMask = DeflateFormat.windowSize - 1
    static let empty = Int32.min
    static let rebaseThreshold = 1 << 30
    /// A 3-byte match further back than this rarely pays for its distance code.
    static let tooFar = 4096

    let input: UnsafePointer<UInt8>
    let count: Int
    let parameters: DeflateLevel
    let head: UnsafeMutablePointer<Int32>
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
        previous = .allocate(capacity: DeflateFormat.windowSize)
        previous.initialize(repeating: Self.empty, count: DeflateFormat.windowSize)
    }

    func deallocate() {
        head.deallocate()
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

    /// Records position `p` (which needs 4 readable bytes) in its hash chain
    /// and returns the previous position with the same hash (negative if none).
    @inline(__always)
    mutating func insert(_ p: Int) -> Int {
        let word = UnsafeRawPointer(input + p).loadUnaligned(as: UInt32.self)
        let h = Int(((UInt32(littleEndian: word) & 0xFF_FFFF) &* 0x9E37_79B1) &>> UInt32(32 - Self.hashBits))
        let old = head[h]
        previous[p & Self.windowMask] = old
        head[h] = Int32(truncatingIfNeeded: p &- base)
        return base &+ Int(old)
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

    /// The longest match for position `p` longer than `mustBeat`, walking at
    /// most `chainLimit` candidates from `candidate`; (0, 0) if none.
    @inline(__always)
    func longestMatch(at p: Int, candidate: Int, mustBeat: Int, chainLimit: Int) -> (length: Int, distance: Int) {
        let limit = min(DeflateFormat.maxMatch, count &- p)
        if mustBeat >= limit { return (0, 0) }
        let nice = min(parameters.niceLength, limit)
        let low = max(p &- DeflateFormat.windowSize, 0)
        let scan = input + p
        let scanRaw = UnsafeRawPointer(scan)
        let scanStart = scanRaw.loadUnaligned(as: UInt16.self)
        var best = mustBeat
        var bestDistance = 0
        var scanEnd = scanRaw.loadUnaligned(fromByteOffset: best &- 1, as: UInt16.self)
        var cand = candidate
        var chain = chainLimit
        while cand >= low && chain > 0 {
            let m = UnsafeRawPointer(input + cand)
            if m.loadUnaligned(fromByteOffset: best &- 1, as: UInt16.self) == scanEnd
                && m.loadUnaligned(as: UInt16.self) == scanStart {
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
        return best > mustBeat ? (best, bestDistance) : (0, 0)
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
                let candidate = insert(p)
                var (length, distance) = longestMatch(at: p, candidate: candidate, mustBeat: 2, chainLimit: maxChain)
                if length == 3 && distance > Self.tooFar { length = 0 }
                if length >= 3 {
                    emitMatch(at: p, length: length, distance: distance, &writer)
                    let stop = p &+ length
                    if length <= maxInsert {
                        var k = p &+ 1
                        let insertStop = min(stop, lastHashable &+ 1)
                        while k < insertStop { _ = insert(k); k &+= 1 }
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
    /// match starting at the next byte.
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
                let candidate = insert(p)
                if pendingLength < maxLazy {
                    let chain = pendingLength >= goodLength ? maxChain >> 2 : maxChain
                    (length, distance) = longestMatch(at: p, candidate: candidate,
                                                      mustBeat: max(pendingLength, 2), chainLimit: chain)
                    if length == 3 && distance > Self.tooFar { length = 0 }
                }
            }
            if pendingLength >= 3 && length <= pendingLength {
                // The pending match at p - 1 wins.
                let start = p &- 1
                emitMatch(at: start, length: pendingLength, distance: pendingDistance, &writer)
                let stop = start &+ pendingLength
                var k = p &+ 1
                let insertStop = min(stop, lastHashable &+ 1)
                while k < insertStop { _ = insert(k); k &+= 1 }
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
