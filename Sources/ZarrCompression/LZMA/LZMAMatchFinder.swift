// The encoder's match finder: hash chains over 4-byte prefixes, plus direct
// tables of the last position of each 2-byte and (hashed) 3-byte prefix, so that
// short matches close by are found too (liblzma's "hc4" design); or, for the
// optimal parser, binary trees in place of the chains ("bt4", LZMABinaryTree.swift).
// The whole input is in memory and is the window; positions are stored + 1 (0: none).

import Foundation

/// Matches found at one position: lengths strictly increasing, with their distances
/// (stored as distance - 1, as LZMA codes them).
struct LZMAMatches: ~Copyable {
    /// Room for every strictly increasing length 2...273.
    static let capacity = LZMALength.max
    let lengths: UnsafeMutablePointer<Int32>
    let distances: UnsafeMutablePointer<Int32>
    var count = 0

    init() {
        lengths = .allocate(capacity: Self.capacity)
        distances = .allocate(capacity: Self.capacity)
    }

    deinit {
        lengths.deallocate()
        distances.deallocate()
    }

    /// The longest match's length (0 when there is none).
    var longestLength: Int { count > 0 ? Int(lengths[count - 1]) : 0 }
    /// The longest match's distance - 1.
    var longestDistance: Int { count > 0 ? Int(distances[count - 1]) : 0 }
}

/// Hash chain match finder over an in-memory input (at most 2^32 - 2 bytes).
struct LZMAMatchFinder: ~Copyable {
    let data: UnsafePointer<UInt8>
    let count: Int
    let dictionarySize: Int
    let niceLength: Int
    let depth: Int
    private let hashBits: Int
    private let head2: UnsafeMutablePointer<UInt32>
    private let head3: UnsafeMutablePointer<UInt32>
    private let head4: UnsafeMutablePointer<UInt32>
    /// Hash chains: the previous position of each position's 4-byte hash; or, with `tree`,
    /// the two children of each position (modulo `cyclicSize`) in its hash's binary tree.
    let chain: UnsafeMutablePointer<UInt32>
    /// Whether `chain` holds binary trees.
    let tree: Bool
    /// Tree nodes are kept for the last `cyclicSize` positions (more than the dictionary).
    let cyclicSize: Int

    /// A finder over `count` bytes at `data`.
    init(_ data: UnsafePointer<UInt8>, count: Int, options: LZMAEncoderOptions) {
        assert(count < Int(UInt32.max))
        self.data = data
        self.count = count
        dictionarySize = options.dictionarySize
        niceLength = min(options.niceLength, LZMALength.max)
        depth = max(1, options.depth)
        let window = max(1, min(count, options.dictionarySize))
        hashBits = min(22, max(12, Int.bitWidth - window.leadingZeroBitCount))
        head2 = .allocate(capacity: 1 << 16)
        head3 = .allocate(capacity: 1 << 16)
        head4 = .allocate(capacity: 1 << hashBits)
        tree = options.optimal
        cyclicSize = max(1, min(count, options.dictionarySize + 1))
        chain = .allocate(capacity: tree ? 2 * cyclicSize : max(1, count))
        head2.initialize(repeating: 0, count: 1 << 16)
        head3.initialize(repeating: 0, count: 1 << 16)
        head4.initialize(repeating: 0, count: 1 << hashBits)
    }

    deinit {
        head2.deallocate()
        head3.deallocate()
        head4.deallocate()
        chain.deallocate()
    }

    @inline(__always)
    private func load32(_ pos: Int) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(data + pos).loadUnaligned(as: UInt32.self))
    }

    /// Inserts `pos` into the tables; returns the previous heads (2-, 3- and 4-byte).
    @inline(__always)
    private func insert(_ pos: Int) -> (UInt32, UInt32, UInt32) {
        let word = load32(pos)
        let h2 = Int(word & 0xFFFF)
        let h3 = Int(((word & 0xFF_FFFF) &* 0x9E37_79B1) >> 16)
        let h4 = Int((word &* 0x9E37_79B1) >> UInt32(32 - hashBits))
        let stamp = UInt32(truncatingIfNeeded: pos &+ 1)
        let previous = (head2[h2], head3[h3], head4[h4])
        head2[h2] = stamp
        head3[h3] = stamp
        head4[h4] = stamp
        if !tree { chain[pos] = previous.2 }
        return previous
    }

    /// Length of the common prefix of `a` and `b`, known to agree on the first `from`
    /// bytes, up to `limit`.
    @inline(__always)
    static func commonLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, from: Int, limit: Int) -> Int {
        var n = from
        while n &+ 8 <= limit {
            let x = UnsafeRawPointer(a + n).loadUnaligned(as: UInt64.self)
                ^ UnsafeRawPointer(b + n).loadUnaligned(as: UInt64.self)
            if x != 0 { return n &+ UInt64(littleEndian: x).trailingZeroBitCount &>> 3 }
            n &+= 8
        }
        while n < limit && a[n] == b[n] { n &+= 1 }
        return n
    }

    /// Inserts `pos` and lists its matches (at most `min(273, count - pos)` long) in `matches`.
    /// Positions must be visited in order, each once (by `find` or `skip`).
    func find(at pos: Int, into matches: inout LZMAMatches) {
        matches.count = 0
        let available = min(count &- pos, LZMALength.max)
        guard available >= 4 else { return }
        let (c2, c3, c4) = insert(pos)
        let here = data + pos
        let nice = min(niceLength, available)
        var best = 1
        @inline(__always) func add(_ length: Int, _ distance: Int) {
            matches.lengths[matches.count] = Int32(truncatingIfNeeded: length)
            matches.distances[matches.count] = Int32(truncatingIfNeeded: distance &- 1)
            matches.count &+= 1
            best = length
        }
        let d2 = pos &+ 1 &- Int(c2)
        if c2 != 0 && d2 <= dictionarySize {
            add(Self.commonLength(here, here - d2, from: 2, limit: available), d2)
        }
        let d3 = pos &+ 1 &- Int(c3)
        if c3 != 0 && d3 != d2 && d3 <= dictionarySize {
            let length = Self.commonLength(here, here - d3, from: 0, limit: available)
            if length >= 3 && length > best { add(length, d3) }
        }
        if tree {
            treeInsert(pos, candidate: c4, best: best, nice: nice, available: available,
                       matches: (matches.lengths, matches.distances), found: &matches.count)
            // The tree compares at most `nice` bytes; a match that long is followed to its end.
            let last = matches.count &- 1
            if last >= 0 && Int(matches.lengths[last]) == nice && nice < available {
                let distance = Int(matches.distances[last]) &+ 1
                matches.lengths[last] = Int32(truncatingIfNeeded:
                    Self.commonLength(here, here - distance, from: nice, limit: available))
            }
            return
        }
        if best >= nice { return }
        var candidate = c4
        var steps = depth
        while candidate != 0 && steps > 0 {
            let position = Int(candidate) &- 1
            let distance = pos &- position
            if distance > dictionarySize { break }
            let there = data + position
            if there[best] == here[best] {
                let length = Self.commonLength(here, there, from: 0, limit: available)
                if length > best {
                    add(length, distance)
                    if length >= nice { break }
                }
            }
            candidate = chain[position]
            steps &-= 1
        }
    }

    /// Inserts `pos` without searching.
    @inline(__always)
    func skip(at pos: Int) {
        let available = min(count &- pos, LZMALength.max)
        guard available >= 4 else { return }
        let heads = insert(pos)
        if tree {
            var none = 0
            treeInsert(pos, candidate: heads.2, best: LZMALength.max, nice: min(niceLength, available),
                       available: available, matches: nil, found: &none)
        }
    }
}
