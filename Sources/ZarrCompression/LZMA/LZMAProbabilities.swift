// The adaptive bit models of LZMA (lzma-specification.txt, "the probability
// model"): every binary decision has an 11-bit probability of a 0, starting at
// one half and moved 1/32 of the way toward each coded bit. All of them live in
// one array of UInt16; this file names where each group starts.

/// Offsets of the probability groups in the one array, and its setup.
enum LZMAProbabilities {
    /// One half, the initial probability of every model.
    static let half: UInt16 = 1024
    /// Probabilities are 11-bit fixed point.
    static let modelBits: UInt32 = 11
    /// Each coded bit moves its probability by 1/2^moveBits of the distance to the end.
    static let moveBits: UInt32 = 5

    /// Number of coder states (which of literal, match, rep, short rep came lately).
    static let states = 12
    /// Largest number of position states (pb = 4).
    static let maxPositionStates = 16

    static let isMatch = 0
    static let isRep = isMatch + states * maxPositionStates
    static let isRepG0 = isRep + states
    static let isRepG1 = isRepG0 + states
    static let isRepG2 = isRepG1 + states
    static let isRep0Long = isRepG2 + states
    /// Four 6-bit trees of distance slots, by length state (lengths 2, 3, 4, 5+).
    static let distanceSlot = isRep0Long + states * maxPositionStates
    /// Reverse trees of the low distance bits of slots 4...13.
    static let distanceSpecial = distanceSlot + 4 * 64
    /// The 4-bit reverse tree of the lowest bits of long distances.
    static let align = distanceSpecial + 114
    /// The length coder of matches.
    static let matchLength = align + 16
    /// The length coder of repeated matches.
    static let repLength = matchLength + LengthLayout.size
    /// The literal coders, 0x300 probabilities each, 1 << (lc + lp) of them.
    static let literal = repLength + LengthLayout.size

    /// Size of the array for lc + lp = `literalBits`.
    static func count(literalBits: Int) -> Int { literal + 0x300 << literalBits }

    /// Offsets inside a length coder: two choice bits, then 3-bit trees of lengths 2...9 and
    /// 10...17 per position state, then one 8-bit tree of lengths 18...273.
    enum LengthLayout {
        static let choice = 0
        static let choice2 = 1
        static let low = 2
        static let mid = low + maxPositionStates * 8
        static let high = mid + maxPositionStates * 8
        static let size = high + 256
        /// Lengths coded by the low and mid trees each.
        static let lowSymbols = 8
        /// Lengths coded by the high tree.
        static let highSymbols = 256
    }

    /// Sets the first `count` probabilities to one half.
    static func reset(_ probabilities: UnsafeMutablePointer<UInt16>, count: Int) {
        probabilities.update(repeating: half, count: count)
    }
}

/// The shortest and longest match LZMA codes.
enum LZMALength {
    static let min = 2
    static let max = 273
}

/// The coder state: 0...6 after a literal, 7...11 after a match or rep, as the
/// specification's state machine moves it.
enum LZMAStateMachine {
    /// States below this one saw a literal last.
    static let literalStates = 7

    @inline(__always) static func afterLiteral(_ s: Int) -> Int { s < 4 ? 0 : (s < 10 ? s - 3 : s - 6) }
    @inline(__always) static func afterMatch(_ s: Int) -> Int { s < literalStates ? 7 : 10 }
    @inline(__always) static func afterRep(_ s: Int) -> Int { s < literalStates ? 8 : 11 }
    @inline(__always) static func afterShortRep(_ s: Int) -> Int { s < literalStates ? 9 : 11 }

    /// The length state that picks the distance slot tree: lengths 2, 3, 4 and 5 or more.
    @inline(__always) static func lengthState(_ length: Int) -> Int { length < 6 ? length - 2 : 3 }
}
