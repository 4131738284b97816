// The LZMA encoder's parse: liblzma's "fast" mode in spirit. At each position it
// weighs the longest match against the rep distances (a rep match almost as long
// is cheaper to code), prefers a slightly shorter match at a much smaller
// distance, and looks one byte ahead: when the next position starts a clearly
// better match, or a rep match covering most of this one, it codes a literal now.

/// Encodes an input as LZMA symbols, a range of positions at a time.
struct LZMAEncoder: ~Copyable {
    private let data: UnsafePointer<UInt8>
    private let count: Int
    private let niceLength: Int
    var symbols: LZMASymbolEncoder
    private let finder: LZMAMatchFinder
    private var current = LZMAMatches()
    private var lookahead = LZMAMatches()
    /// Whether `lookahead` holds the matches of `position` (found while parsing the one before).
    private var hasLookahead = false
    /// The next position to encode.
    private(set) var position = 0
    /// The optimal parser, when the options ask for it.
    private var optimal: LZMAOptimalParser?
    /// The next of the optimal parser's planned symbols to code.
    private var nextPlanned = 0

    /// An encoder over `count` bytes at `data` (at most 2^32 - 2).
    init(_ data: UnsafePointer<UInt8>, count: Int, options: LZMAEncoderOptions, outputCapacity: Int) {
        self.data = data
        self.count = count
        niceLength = min(LZMALength.max, max(LZMALength.min, options.niceLength))
        symbols = LZMASymbolEncoder(properties: options.properties, outputCapacity: outputCapacity)
        finder = LZMAMatchFinder(data, count: count, options: options)
        optimal = options.optimal ? LZMAOptimalParser(data, count: count, options: options) : nil
    }

    /// Encodes symbols until position `end` (or at most 272 bytes past it, the last match)
    /// or until the range coder holds `packedLimit` bytes.
    mutating func encode(until end: Int, packedLimit: Int) {
        let stop = min(end, count)
        if optimal != nil {
            encodePlanned(until: stop, packedLimit: packedLimit)
            return
        }
        while position < stop && symbols.rc.pendingSize < packedLimit {
            position &+= step()
        }
    }

    /// `encode` with the optimal parser: codes its planned symbols, planning more when they run out.
    private mutating func encodePlanned(until stop: Int, packedLimit: Int) {
        while position < stop && symbols.rc.pendingSize < packedLimit {
            guard var parser = optimal.take() else { return }
            if nextPlanned >= parser.planned {
                parser.plan(at: position, symbols: symbols, finder: finder)
                nextPlanned = 0
            }
            let (length, distance) = parser.plan[nextPlanned]
            nextPlanned &+= 1
            optimal = consume parser
            symbols.code(length: Int(length), distance: Int(distance), data, at: position)
            position &+= Int(length)
        }
    }

    // MARK: - Parse

    /// Whether distance `big` is so much larger than `small` that a match one byte shorter at
    /// `small` is the better buy.
    @inline(__always)
    private static func muchFarther(_ small: Int, _ big: Int) -> Bool { big &>> 7 > small }

    /// Inserts positions `from..<to` into the match finder without searching.
    @inline(__always)
    private func skip(from: Int, to: Int) {
        var p = from
        while p < to {
            finder.skip(at: p)
            p &+= 1
        }
    }

    /// Codes one symbol at `position`; returns the bytes it covers.
    @inline(__always)
    private mutating func step() -> Int {
        let pos = position
        let available = min(count &- pos, LZMALength.max)
        if hasLookahead {
            swap(&current, &lookahead)
            hasLookahead = false
        } else {
            finder.find(at: pos, into: &current)
        }
        guard available >= 2 else {
            symbols.literal(data, at: pos)
            return 1
        }
        let here = data + pos

        // The longest rep match; one of nice length is taken at once.
        var repLength = 0
        var repIndex = 0
        for i in 0..<4 {
            let distance = symbols.rep(i) &+ 1
            guard distance <= pos else { continue }
            let there = here - distance
            guard there[0] == here[0] && there[1] == here[1] else { continue }
            let length = LZMAMatchFinder.commonLength(here, there, from: 2, limit: available)
            if length >= niceLength {
                symbols.repMatch(index: i, length: length, at: pos)
                skip(from: pos &+ 1, to: pos &+ length)
                return length
            }
            if length > repLength {
                repLength = length
                repIndex = i
            }
        }

        var mainLength = current.longestLength
        var mainDistance = current.longestDistance
        if mainLength >= niceLength {
            symbols.match(length: mainLength, distance: mainDistance, at: pos)
            skip(from: pos &+ 1, to: pos &+ mainLength)
            return mainLength
        }
        if mainLength >= 2 {
            var n = current.count
            while n > 1 && mainLength == Int(current.lengths[n &- 2]) &+ 1
                && Self.muchFarther(Int(current.distances[n &- 2]), mainDistance) {
                n &-= 1
                mainLength = Int(current.lengths[n &- 1])
                mainDistance = Int(current.distances[n &- 1])
            }
            if mainLength == 2 && mainDistance >= 0x80 { mainLength = 1 }
        }
        if repLength >= 2 && (repLength &+ 1 >= mainLength
            || (repLength &+ 2 >= mainLength && mainDistance >= 1 << 9)
            || (repLength &+ 3 >= mainLength && mainDistance >= 1 << 15)) {
            symbols.repMatch(index: repIndex, length: repLength, at: pos)
            skip(from: pos &+ 1, to: pos &+ repLength)
            return repLength
        }
        if mainLength < 2 || available <= 2 {
            symbols.literal(data, at: pos)
            return 1
        }

        // One byte ahead: a literal now if the next position does clearly better.
        finder.find(at: pos &+ 1, into: &lookahead)
        hasLookahead = true
        let nextLength = lookahead.longestLength
        let nextDistance = lookahead.longestDistance
        if nextLength >= 2 && ((nextLength >= mainLength && nextDistance < mainDistance)
            || (nextLength == mainLength &+ 1 && !Self.muchFarther(mainDistance, nextDistance))
            || nextLength > mainLength &+ 1
            || (nextLength &+ 1 >= mainLength && mainLength >= 3 && Self.muchFarther(nextDistance, mainDistance))) {
            symbols.literal(data, at: pos)
            return 1
        }
        let limit = max(mainLength &- 1, 2)
        let next = here + 1
        for i in 0..<4 {
            let distance = symbols.rep(i) &+ 1
            guard distance <= pos &+ 1 else { continue }
            if LZMAMatchFinder.commonLength(next, next - distance, from: 0, limit: limit) == limit {
                symbols.literal(data, at: pos)
                return 1
            }
        }
        symbols.match(length: mainLength, distance: mainDistance, at: pos)
        hasLookahead = false
        skip(from: pos &+ 2, to: pos &+ mainLength)
        return mainLength
    }

    // MARK: - .lzma

    /// The LZMA data of a .lzma file holding `input` (its size in the header, no end marker).
    static func encodeAlone(_ input: UnsafeRawBufferPointer, options: LZMAEncoderOptions) -> [UInt8] {
        var empty: UInt8 = 0
        return withUnsafePointer(to: &empty) { emptyInput in
            let data = input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput
            var encoder = LZMAEncoder(data, count: input.count, options: options, outputCapacity: input.count / 2 + 64)
            encoder.encode(until: input.count, packedLimit: Int.max)
            encoder.symbols.rc.flush()
            return encoder.symbols.rc.bytes
        }
    }
}
