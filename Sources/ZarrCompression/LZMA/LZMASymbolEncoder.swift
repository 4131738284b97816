// Writing LZMA symbols (the decoder's symbols in reverse, lzma-specification.txt):
// literals (plain or matched against the byte at the last distance), matches
// (length, distance slot, distance bits), rep matches and short reps, with the
// same probabilities, state machine and last four distances as the decoder.

/// The LZMA coder state on the encoding side, and the symbol writers.
struct LZMASymbolEncoder: ~Copyable {
    /// The adaptive probabilities (LZMAProbabilities names the groups).
    let probabilities: UnsafeMutablePointer<UInt16>
    let properties: LZMAProperties
    var rc: LZMARangeEncoder
    /// The coder state (0...11).
    private(set) var state = 0
    /// The last four distances - 1, most recent first.
    private(set) var reps = (0, 0, 0, 0)

    init(properties: LZMAProperties, outputCapacity: Int) {
        let count = LZMAProbabilities.count(literalBits: properties.lc + properties.lp)
        probabilities = .allocate(capacity: count)
        self.properties = properties
        rc = LZMARangeEncoder(capacity: outputCapacity)
        resetState()
    }

    deinit { probabilities.deallocate() }

    /// Resets the probabilities, state and distances (as an LZMA2 state reset does).
    mutating func resetState() {
        LZMAProbabilities.reset(probabilities, count: LZMAProbabilities.count(literalBits: properties.lc + properties.lp))
        state = 0
        reps = (0, 0, 0, 0)
    }

    /// Rep distance `index` (0...3), minus 1.
    @inline(__always)
    func rep(_ index: Int) -> Int {
        switch index {
        case 0: return reps.0
        case 1: return reps.1
        case 2: return reps.2
        default: return reps.3
        }
    }

    // MARK: - Symbols

    /// Encodes the literal at `pos` of `data` (positions count from the dictionary start).
    @inline(__always)
    mutating func literal(_ data: UnsafePointer<UInt8>, at pos: Int) {
        typealias P = LZMAProbabilities
        let posState = pos & (1 << properties.pb - 1)
        rc.bit(probabilities + P.isMatch + state &<< 4 + posState, 0)
        let coder = literalCoder(data, at: pos)
        let symbol = Int(data[pos]) | 0x100
        if state < LZMAStateMachine.literalStates {
            rc.tree(coder, bits: 8, Int(data[pos]))
        } else {
            // Matched literal: while the bits agree with the byte at the last distance, the
            // coder of that bit's value is used.
            var matchByte = Int(data[pos &- reps.0 &- 1])
            var offset = 0x100
            var m = 1
            for i in (0..<8).reversed() {
                let b = (symbol &>> i) & 1
                matchByte &<<= 1
                let matchBit = matchByte & offset
                rc.bit(coder + offset + matchBit + m, b)
                m = m &<< 1 | b
                offset &= b != 0 ? matchBit : ~matchBit
            }
        }
        state = LZMAStateMachine.afterLiteral(state)
    }

    /// The literal coder of position `pos` of `data` (picked by the previous byte and the position).
    @inline(__always)
    func literalCoder(_ data: UnsafePointer<UInt8>, at pos: Int) -> UnsafeMutablePointer<UInt16> {
        let previous = pos > 0 ? Int(data[pos &- 1]) : 0
        let literalState = ((pos & (1 << properties.lp - 1)) &<< properties.lc) &+ (previous &>> (8 &- properties.lc))
        return probabilities + LZMAProbabilities.literal + 0x300 &* literalState
    }

    /// Encodes a planned symbol at `pos` of `data`: a literal (`distance` -1), else `length` bytes
    /// at `distance` + 1, as a short rep or rep match when a rep distance equals it.
    @inline(__always)
    mutating func code(length: Int, distance: Int, _ data: UnsafePointer<UInt8>, at pos: Int) {
        if distance < 0 || (length == 1 && distance != reps.0) {
            literal(data, at: pos)
        } else if distance == reps.0 {
            repMatch(index: 0, length: length, at: pos)
        } else if distance == reps.1 {
            repMatch(index: 1, length: length, at: pos)
        } else if distance == reps.2 {
            repMatch(index: 2, length: length, at: pos)
        } else if distance == reps.3 {
            repMatch(index: 3, length: length, at: pos)
        } else {
            match(length: length, distance: distance, at: pos)
        }
    }

    /// Encodes a match of `length` bytes at distance `distance` + 1, at position `pos`.
    @inline(__always)
    mutating func match(length: Int, distance: Int, at pos: Int) {
        typealias P = LZMAProbabilities
        let posState = pos & (1 << properties.pb - 1)
        rc.bit(probabilities + P.isMatch + state &<< 4 + posState, 1)
        rc.bit(probabilities + P.isRep + state, 0)
        encodeLength(probabilities + P.matchLength, length, posState)
        let slotTree = probabilities + P.distanceSlot + LZMAStateMachine.lengthState(length) &<< 6
        if distance < 4 {
            rc.tree(slotTree, bits: 6, distance)
        } else {
            let slot = LZMAPrices.slot(distance)
            rc.tree(slotTree, bits: 6, slot)
            let directBits = slot &>> 1 &- 1
            let base = (2 | slot & 1) &<< directBits
            let reduced = distance &- base
            if slot < 14 {
                rc.reverseTree(probabilities + P.distanceSpecial + (base &- slot &- 1), bits: directBits, reduced)
            } else {
                rc.direct(reduced &>> 4, count: directBits &- 4)
                rc.reverseTree(probabilities + P.align, bits: 4, reduced & 15)
            }
        }
        reps = (distance, reps.0, reps.1, reps.2)
        state = LZMAStateMachine.afterMatch(state)
    }

    /// Encodes a match at rep distance `index` (0...3) of `length` bytes (1: a short rep).
    @inline(__always)
    mutating func repMatch(index: Int, length: Int, at pos: Int) {
        typealias P = LZMAProbabilities
        let posState = pos & (1 << properties.pb - 1)
        rc.bit(probabilities + P.isMatch + state &<< 4 + posState, 1)
        rc.bit(probabilities + P.isRep + state, 1)
        if index == 0 {
            rc.bit(probabilities + P.isRepG0 + state, 0)
            rc.bit(probabilities + P.isRep0Long + state &<< 4 + posState, length == 1 ? 0 : 1)
        } else {
            rc.bit(probabilities + P.isRepG0 + state, 1)
            if index == 1 {
                rc.bit(probabilities + P.isRepG1 + state, 0)
                reps = (reps.1, reps.0, reps.2, reps.3)
            } else {
                rc.bit(probabilities + P.isRepG1 + state, 1)
                rc.bit(probabilities + P.isRepG2 + state, index == 2 ? 0 : 1)
                reps = index == 2 ? (reps.2, reps.0, reps.1, reps.3) : (reps.3, reps.0, reps.1, reps.2)
            }
        }
        if length == 1 {
            state = LZMAStateMachine.afterShortRep(state)
        } else {
            encodeLength(probabilities + P.repLength, length, posState)
            state = LZMAStateMachine.afterRep(state)
        }
    }

    @inline(__always)
    private mutating func encodeLength(_ coder: UnsafeMutablePointer<UInt16>, _ length: Int, _ posState: Int) {
        typealias L = LZMAProbabilities.LengthLayout
        let l = length &- LZMALength.min
        if l < L.lowSymbols {
            rc.bit(coder + L.choice, 0)
            rc.tree(coder + L.low + posState &* 8, bits: 3, l)
        } else if l < 2 * L.lowSymbols {
            rc.bit(coder + L.choice, 1)
            rc.bit(coder + L.choice2, 0)
            rc.tree(coder + L.mid + posState &* 8, bits: 3, l &- L.lowSymbols)
        } else {
            rc.bit(coder + L.choice, 1)
            rc.bit(coder + L.choice2, 1)
            rc.tree(coder + L.high, bits: 8, l &- 2 * L.lowSymbols)
        }
    }
}
