// What LZMA symbols cost, for the optimal parser: a bit coded with probability p
// of a 0 costs -log2(p) bits; prices are in 1/16 bit. Bits are priced from the
// live probabilities; lengths and distances, which take many bits, come from
// tables rebuilt from the probabilities every so many symbols (as liblzma does).

import Foundation

/// Bit prices and the length and distance price tables.
struct LZMAPrices: ~Copyable {
    /// The price of one bit at equal probability.
    static let oneBit: UInt32 = 16
    /// Price of a 0 bit whose probability of 0 is `i * 16 + 8` (of 2048), by `i`.
    private static let bitTable: [UInt32] = (0..<128).map { i in
        UInt32((-log2((Double(i) * 16 + 8) / 2048) * 16).rounded())
    }
    /// Coded symbols between two rebuilds of the tables.
    static let refreshInterval = 128

    private let bits: UnsafeMutablePointer<UInt32>
    /// Lengths 2...273 of the match (0) and rep (1) length coders, by position state.
    private let lengths: UnsafeMutablePointer<UInt32>
    /// Distance slots by length state (4 x 64), direct bits included.
    private let slots: UnsafeMutablePointer<UInt32>
    /// Whole prices of distances 0..<128 by length state (4 x 128).
    private let small: UnsafeMutablePointer<UInt32>
    /// The 4-bit align tree's prices.
    private let align: UnsafeMutablePointer<UInt32>
    private let positionStates: Int

    init(properties: LZMAProperties) {
        positionStates = 1 << properties.pb
        bits = .allocate(capacity: 128)
        for i in 0..<128 { bits[i] = Self.bitTable[i] }
        lengths = .allocate(capacity: 2 * LZMAProbabilities.maxPositionStates * Self.lengthSpan)
        lengths.initialize(repeating: 0, count: 2 * LZMAProbabilities.maxPositionStates * Self.lengthSpan)
        slots = .allocate(capacity: 4 * 64)
        slots.initialize(repeating: 0, count: 4 * 64)
        small = .allocate(capacity: 4 * 128)
        small.initialize(repeating: 0, count: 4 * 128)
        align = .allocate(capacity: 16)
        align.initialize(repeating: 0, count: 16)
    }

    deinit {
        bits.deallocate()
        lengths.deallocate()
        slots.deallocate()
        small.deallocate()
        align.deallocate()
    }

    private static let lengthSpan = LZMALength.max - LZMALength.min + 1

    // MARK: - Bits

    /// The price of coding `b` with the probability at `p`.
    @inline(__always)
    func bit(_ p: UnsafePointer<UInt16>, _ b: Int) -> UInt32 {
        let probability = Int(p.pointee)
        return bits[(b == 0 ? probability : 2048 &- probability) &>> 4]
    }

    /// The price of `symbol` in a `bitCount`-bit tree, highest bit first.
    @inline(__always)
    func tree(_ tree: UnsafePointer<UInt16>, bits bitCount: Int, _ symbol: Int) -> UInt32 {
        var price: UInt32 = 0
        var m = 1
        var i = bitCount
        while i > 0 {
            i &-= 1
            let b = (symbol &>> i) & 1
            price &+= bit(tree + m, b)
            m = m &<< 1 | b
        }
        return price
    }

    /// The price of `symbol` in a reverse tree, lowest bit first.
    @inline(__always)
    func reverseTree(_ tree: UnsafePointer<UInt16>, bits bitCount: Int, _ symbol: Int) -> UInt32 {
        var price: UInt32 = 0
        var m = 1
        for i in 0..<bitCount {
            let b = (symbol &>> i) & 1
            price &+= bit(tree + m, b)
            m = m &<< 1 | b
        }
        return price
    }

    // MARK: - Tables

    /// Rebuilds the length and distance tables from `probabilities`.
    func refresh(_ probabilities: UnsafePointer<UInt16>) {
        typealias P = LZMAProbabilities
        typealias L = P.LengthLayout
        for (k, coder) in [P.matchLength, P.repLength].enumerated() {
            let c = probabilities + coder
            let low = bit(c + L.choice, 0)
            let mid = bit(c + L.choice, 1) &+ bit(c + L.choice2, 0)
            let high = bit(c + L.choice, 1) &+ bit(c + L.choice2, 1)
            var highPrices = [UInt32](repeating: 0, count: L.highSymbols)
            for s in 0..<L.highSymbols { highPrices[s] = high &+ tree(c + L.high, bits: 8, s) }
            for posState in 0..<positionStates {
                let row = lengths + (k &* P.maxPositionStates &+ posState) &* Self.lengthSpan
                for s in 0..<L.lowSymbols {
                    row[s] = low &+ tree(c + L.low + posState &* 8, bits: 3, s)
                    row[s &+ L.lowSymbols] = mid &+ tree(c + L.mid + posState &* 8, bits: 3, s)
                }
                for s in 0..<(Self.lengthSpan - 2 * L.lowSymbols) { row[s &+ 2 * L.lowSymbols] = highPrices[s] }
            }
        }
        for lengthState in 0..<4 {
            let slotTree = probabilities + P.distanceSlot + lengthState &<< 6
            for slot in 0..<64 {
                var price = tree(slotTree, bits: 6, slot)
                if slot >= 14 { price &+= UInt32(slot &>> 1 &- 1 &- 4) &* Self.oneBit }
                slots[lengthState &<< 6 &+ slot] = price
            }
            for distance in 0..<128 {
                let slot = Self.slot(distance)
                var price = slots[lengthState &<< 6 &+ slot]
                if slot >= 4 {
                    let directBits = slot &>> 1 &- 1
                    let base = (2 | slot & 1) &<< directBits
                    price &+= reverseTree(probabilities + P.distanceSpecial + (base &- slot &- 1),
                                          bits: directBits, distance &- base)
                }
                small[lengthState &<< 7 &+ distance] = price
            }
        }
        for i in 0..<16 { align[i] = reverseTree(probabilities + P.align, bits: 4, i) }
    }

    /// The distance slot of `distance` (distance - 1 as coded).
    @inline(__always)
    static func slot(_ distance: Int) -> Int {
        guard distance >= 4 else { return distance }
        let top = Int.bitWidth &- 1 &- distance.leadingZeroBitCount
        return top &<< 1 | (distance &>> (top &- 1)) & 1
    }

    /// The price of a match length (`rep`: of the rep length coder) at `posState`.
    @inline(__always)
    func length(_ length: Int, posState: Int, rep: Bool) -> UInt32 {
        assert(length >= LZMALength.min && length <= LZMALength.max)
        let row = (rep ? LZMAProbabilities.maxPositionStates : 0) &+ posState
        return lengths[row &* Self.lengthSpan &+ length &- LZMALength.min]
    }

    /// The price of distance `distance` (minus 1) for a match of `length` bytes.
    @inline(__always)
    func distance(_ distance: Int, length: Int) -> UInt32 {
        let lengthState = LZMAStateMachine.lengthState(length)
        if distance < 128 { return small[lengthState &<< 7 &+ distance] }
        return slots[lengthState &<< 6 &+ Self.slot(distance)] &+ align[distance & 15]
    }
}
