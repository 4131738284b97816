// The LZMA encoder's "normal" parse (liblzma's presets 4-9, the LZMA SDK's
// optimum search in spirit): from the current position it prices every way to
// reach each of the next positions, a node per position holding the cheapest
// price, how it was reached and the coder state and rep distances there. Steps
// tried from each node: a literal, a short rep, rep matches of every length,
// matches of every length, and the sequences literal + rep0, rep + literal +
// rep0 and match + literal + rep0. The search ends where no step reaches beyond
// the node in hand, or at a match of nice length; the cheapest path to the end
// node is then planned as symbols.

/// Cheapest-path search over the next positions, planning LZMA symbols.
struct LZMAOptimalParser: ~Copyable {
    /// A search stops adding nodes this far from its start.
    static let maxSpan = 2048
    private static let nodeCapacity = maxSpan + 2 * LZMALength.max + 2
    private static let infinity = UInt32.max

    /// One position of the search. The step into it from node `previous` is `steps` (1...3)
    /// symbols: (length, distance - 1), the distance -1 for a literal.
    private struct Node {
        var price: UInt32 = LZMAOptimalParser.infinity
        var previous: Int32 = 0
        var steps: Int32 = 1
        var symbols: ((Int32, Int32), (Int32, Int32), (Int32, Int32)) = ((1, -1), (0, 0), (0, 0))
        var state = 0
        var reps = (0, 0, 0, 0)
    }

    private let data: UnsafePointer<UInt8>
    private let count: Int
    private let niceLength: Int
    private let pbMask: Int
    private let nodes: UnsafeMutablePointer<Node>
    private var prices: LZMAPrices
    /// The last node of the search so far.
    private var end = 0
    private var symbolsSinceRefresh = LZMAPrices.refreshInterval
    private var current = LZMAMatches()
    private var lookahead = LZMAMatches()
    private var hasLookahead = false
    /// The planned symbols (length, distance - 1 or -1 for a literal), in order.
    let plan: UnsafeMutablePointer<(length: Int32, distance: Int32)>
    /// How many symbols `plan` holds.
    private(set) var planned = 0

    init(_ data: UnsafePointer<UInt8>, count: Int, options: LZMAEncoderOptions) {
        self.data = data
        self.count = count
        niceLength = min(LZMALength.max, max(LZMALength.min, options.niceLength))
        pbMask = 1 << options.properties.pb - 1
        nodes = .allocate(capacity: Self.nodeCapacity)
        nodes.initialize(repeating: Node(), count: Self.nodeCapacity)
        prices = LZMAPrices(properties: options.properties)
        plan = .allocate(capacity: Self.nodeCapacity)
    }

    deinit {
        nodes.deallocate()
        plan.deallocate()
    }

    // MARK: - Symbol prices

    @inline(__always)
    private func isMatch(_ symbols: borrowing LZMASymbolEncoder, _ state: Int, _ posState: Int, _ b: Int) -> UInt32 {
        prices.bit(symbols.probabilities + LZMAProbabilities.isMatch + state &<< 4 + posState, b)
    }

    /// The price of the literal at `pos` in `state` (matched against the byte at `rep0` after a match).
    @inline(__always)
    private func literal(_ symbols: borrowing LZMASymbolEncoder, at pos: Int, state: Int, rep0: Int) -> UInt32 {
        let coder = symbols.literalCoder(data, at: pos)
        let symbol = Int(data[pos]) | 0x100
        guard state >= LZMAStateMachine.literalStates else { return prices.tree(coder, bits: 8, Int(data[pos])) }
        var price: UInt32 = 0
        var matchByte = Int(data[pos &- rep0 &- 1])
        var offset = 0x100
        var m = 1
        for i in (0..<8).reversed() {
            let b = (symbol &>> i) & 1
            matchByte &<<= 1
            let matchBit = matchByte & offset
            price &+= prices.bit(coder + offset + matchBit + m, b)
            m = m &<< 1 | b
            offset &= b != 0 ? matchBit : ~matchBit
        }
        return price
    }

    /// The price of choosing rep `index` (a long one, or a short rep when `short`), flags only.
    @inline(__always)
    private func repFlags(_ symbols: borrowing LZMASymbolEncoder, index: Int, state: Int, posState: Int,
                          short: Bool = false) -> UInt32 {
        typealias P = LZMAProbabilities
        let p = symbols.probabilities
        var price = isMatch(symbols, state, posState, 1) &+ prices.bit(p + P.isRep + state, 1)
        if index == 0 {
            price &+= prices.bit(p + P.isRepG0 + state, 0)
            price &+= prices.bit(p + P.isRep0Long + state &<< 4 + posState, short ? 0 : 1)
        } else {
            price &+= prices.bit(p + P.isRepG0 + state, 1)
            if index == 1 {
                price &+= prices.bit(p + P.isRepG1 + state, 0)
            } else {
                price &+= prices.bit(p + P.isRepG1 + state, 1) &+ prices.bit(p + P.isRepG2 + state, index == 2 ? 0 : 1)
            }
        }
        return price
    }

    /// The price of a rep0 match of `length` at `pos` in `state`.
    @inline(__always)
    private func rep0Price(_ symbols: borrowing LZMASymbolEncoder, length: Int, at pos: Int, state: Int) -> UInt32 {
        let posState = pos & pbMask
        return repFlags(symbols, index: 0, state: state, posState: posState)
            &+ prices.length(length, posState: posState, rep: true)
    }

    // MARK: - Search

    /// Puts the matches of `pos` in `current`.
    @inline(__always)
    private mutating func matches(at pos: Int, _ finder: borrowing LZMAMatchFinder) {
        if hasLookahead {
            swap(&current, &lookahead)
            hasLookahead = false
        } else {
            finder.find(at: pos, into: &current)
        }
    }

    /// Sets node `n`'s state and reps: those of its previous node after its step.
    @inline(__always)
    private func arrive(_ n: Int) {
        let node = nodes[n]
        let from = nodes[Int(node.previous)]
        var state = from.state
        var reps = from.reps
        let steps = Int(node.steps)
        Self.apply(node.symbols.0, state: &state, reps: &reps)
        if steps > 1 { Self.apply(node.symbols.1, state: &state, reps: &reps) }
        if steps > 2 { Self.apply(node.symbols.2, state: &state, reps: &reps) }
        nodes[n].state = state
        nodes[n].reps = reps
    }

    /// How a symbol moves the state and reps, as `LZMASymbolEncoder.code` codes it.
    @inline(__always)
    private static func apply(_ symbol: (Int32, Int32), state: inout Int, reps: inout (Int, Int, Int, Int)) {
        let (length, distance) = (Int(symbol.0), Int(symbol.1))
        if distance < 0 {
            state = LZMAStateMachine.afterLiteral(state)
        } else if length == 1 {
            state = LZMAStateMachine.afterShortRep(state)
        } else if distance == reps.0 {
            state = LZMAStateMachine.afterRep(state)
        } else if distance == reps.1 {
            reps = (reps.1, reps.0, reps.2, reps.3)
            state = LZMAStateMachine.afterRep(state)
        } else if distance == reps.2 {
            reps = (reps.2, reps.0, reps.1, reps.3)
            state = LZMAStateMachine.afterRep(state)
        } else if distance == reps.3 {
            reps = (reps.3, reps.0, reps.1, reps.2)
            state = LZMAStateMachine.afterRep(state)
        } else {
            reps = (distance, reps.0, reps.1, reps.2)
            state = LZMAStateMachine.afterMatch(state)
        }
    }

    /// Rep `i` of `reps`.
    @inline(__always)
    static func rep(_ reps: (Int, Int, Int, Int), _ i: Int) -> Int {
        switch i {
        case 0: return reps.0
        case 1: return reps.1
        case 2: return reps.2
        default: return reps.3
        }
    }

    /// Offers node `n` the step `symbols` (`steps` of them) from node `from` at `price`.
    @inline(__always)
    private mutating func offer(_ n: Int, price: UInt32, from: Int, steps: Int = 1,
                                _ symbols: ((Int32, Int32), (Int32, Int32), (Int32, Int32))) {
        assert(n < Self.nodeCapacity)
        while end < n {
            end &+= 1
            nodes[end].price = Self.infinity
        }
        guard price < nodes[n].price else { return }
        nodes[n].price = price
        nodes[n].previous = Int32(truncatingIfNeeded: from)
        nodes[n].steps = Int32(truncatingIfNeeded: steps)
        nodes[n].symbols = symbols
    }

    @inline(__always)
    private static func symbol(_ length: Int, _ distance: Int) -> (Int32, Int32) {
        (Int32(truncatingIfNeeded: length), Int32(truncatingIfNeeded: distance))
    }

    private static let none: (Int32, Int32) = (0, 0)
    private static let literalSymbol: (Int32, Int32) = (1, -1)

    /// Plans the symbols from `pos` (the coder in `symbols`' state) into `plan`. Every
    /// position the plan covers has been visited in `finder`, and no more.
    mutating func plan(at pos: Int, symbols: borrowing LZMASymbolEncoder, finder: borrowing LZMAMatchFinder) {
        if symbolsSinceRefresh >= LZMAPrices.refreshInterval {
            prices.refresh(symbols.probabilities)
            symbolsSinceRefresh = 0
        }
        matches(at: pos, finder)
        let available = min(count &- pos, LZMALength.max)
        guard available >= 2 else { return planOne(1, -1) }
        let here = data + pos

        // A rep or a match of nice length is taken at once.
        var longestRep = 0
        var repDistance = 0
        for i in 0..<4 {
            let distance = symbols.rep(i)
            guard distance < pos else { continue }
            let length = LZMAMatchFinder.commonLength(here, here - distance - 1, from: 0, limit: available)
            if length > longestRep {
                longestRep = length
                repDistance = distance
            }
        }
        if longestRep >= niceLength {
            skip(from: pos &+ 1, to: pos &+ longestRep, finder)
            return planOne(longestRep, repDistance)
        }
        if current.longestLength >= niceLength {
            let length = current.longestLength
            skip(from: pos &+ 1, to: pos &+ length, finder)
            return planOne(length, current.longestDistance)
        }

        // Forward over the nodes.
        nodes[0].state = symbols.state
        nodes[0].reps = symbols.reps
        nodes[0].price = 0
        end = 0
        step(from: 0, at: pos, symbols)
        var cur = 0
        while true {
            cur &+= 1
            if cur >= end { break }
            matches(at: pos &+ cur, finder)
            if current.longestLength >= niceLength || cur >= Self.maxSpan {
                swap(&current, &lookahead)
                hasLookahead = true
                break
            }
            arrive(cur)
            step(from: cur, at: pos &+ cur, symbols)
        }
        backtrack(cur)
    }

    /// Plans one symbol.
    @inline(__always)
    private mutating func planOne(_ length: Int, _ distance: Int) {
        plan[0] = (Int32(truncatingIfNeeded: length), Int32(truncatingIfNeeded: distance))
        planned = 1
        symbolsSinceRefresh &+= 1
    }

    /// Plans the symbols of the cheapest path to node `last`.
    private mutating func backtrack(_ last: Int) {
        var total = 0
        var n = last
        while n > 0 {
            total &+= Int(nodes[n].steps)
            n = Int(nodes[n].previous)
        }
        assert(total <= Self.nodeCapacity)
        planned = total
        symbolsSinceRefresh &+= total
        n = last
        var k = total
        while n > 0 {
            let node = nodes[n]
            let steps = Int(node.steps)
            if steps > 2 { plan[k &- 1] = node.symbols.2 }
            if steps > 1 { plan[k &- steps &+ 1] = node.symbols.1 }
            plan[k &- steps] = node.symbols.0
            k &-= steps
            n = Int(node.previous)
        }
    }

    /// Inserts positions `from..<to` into the finder without searching.
    @inline(__always)
    private func skip(from: Int, to: Int, _ finder: borrowing LZMAMatchFinder) {
        var p = from
        while p < to {
            finder.skip(at: p)
            p &+= 1
        }
    }

    /// Offers every step from node `from` (at `pos`, its state set, its matches in `current`).
    @inline(__always)
    private mutating func step(from: Int, at pos: Int, _ symbols: borrowing LZMASymbolEncoder) {
        let node = nodes[from]
        let state = node.state
        let reps = node.reps
        let price = node.price
        let posState = pos & pbMask
        let here = data + pos
        let rep0 = reps.0
        let hasRep0 = rep0 < pos
        let matchByte = hasRep0 ? here[-rep0 - 1] : ~here[0]

        let literalPrice = price &+ isMatch(symbols, state, posState, 0)
            &+ literal(symbols, at: pos, state: state, rep0: rep0)
        offer(from &+ 1, price: literalPrice, from: from, (Self.literalSymbol, Self.none, Self.none))
        if matchByte == here[0] {
            offer(from &+ 1, price: price &+ repFlags(symbols, index: 0, state: state, posState: posState, short: true),
                  from: from, (Self.symbol(1, rep0), Self.none, Self.none))
        }
        let available = min(count &- pos, LZMALength.max)
        guard available >= 2 else { return }
        let limit = min(available, niceLength)

        // Literal + rep0.
        if hasRep0 && matchByte != here[0] && available >= 3 {
            let next = here + 1
            let length = LZMAMatchFinder.commonLength(next, next - rep0 - 1, from: 0, limit: min(available &- 1, niceLength))
            if length >= 2 {
                let cost = literalPrice &+ rep0Price(symbols, length: length, at: pos &+ 1,
                                                     state: LZMAStateMachine.afterLiteral(state))
                offer(from &+ 1 &+ length, price: cost, from: from, steps: 2,
                      (Self.literalSymbol, Self.symbol(length, rep0), Self.none))
            }
        }

        // Rep matches, and rep + literal + rep0.
        for i in 0..<4 {
            let distance = Self.rep(reps, i)
            guard distance < pos else { continue }
            let length = LZMAMatchFinder.commonLength(here, here - distance - 1, from: 0, limit: limit)
            guard length >= 2 else { continue }
            let flags = price &+ repFlags(symbols, index: i, state: state, posState: posState)
            for l in 2...length {
                offer(from &+ l, price: flags &+ prices.length(l, posState: posState, rep: true),
                      from: from, (Self.symbol(l, distance), Self.none, Self.none))
            }
            offerLiteralRep(from: from, at: pos, length: length, distance: distance,
                            price: flags &+ prices.length(length, posState: posState, rep: true),
                            state: LZMAStateMachine.afterRep(state), symbols)
        }

        // Matches, and match + literal + rep0.
        guard current.count > 0 else { return }
        let base = price &+ isMatch(symbols, state, posState, 1)
            &+ prices.bit(symbols.probabilities + LZMAProbabilities.isRep + state, 0)
        let longest = min(current.longestLength, limit)
        var k = 0
        var l = 2
        while l <= longest {
            while Int(current.lengths[k]) < l { k &+= 1 }
            let distance = Int(current.distances[k])
            let cost = base &+ prices.length(l, posState: posState, rep: false) &+ prices.distance(distance, length: l)
            offer(from &+ l, price: cost, from: from, (Self.symbol(l, distance), Self.none, Self.none))
            if l == Int(current.lengths[k]) || l == longest {
                offerLiteralRep(from: from, at: pos, length: l, distance: distance, price: cost,
                                state: LZMAStateMachine.afterMatch(state), symbols)
            }
            l &+= 1
        }
    }

    /// Offers (`length` at `distance`, costing `price` and leaving `state`) + literal + rep0
    /// at the same distance, when that rep is at least 2 long.
    @inline(__always)
    private mutating func offerLiteralRep(from: Int, at pos: Int, length: Int, distance: Int, price: UInt32,
                                          state: Int, _ symbols: borrowing LZMASymbolEncoder) {
        let literalPos = pos &+ length
        let limit = min(count &- literalPos &- 1, niceLength)
        guard limit >= 2 else { return }
        let next = data + literalPos + 1
        let length3 = LZMAMatchFinder.commonLength(next, next - distance - 1, from: 0, limit: limit)
        guard length3 >= 2 else { return }
        let cost = price &+ isMatch(symbols, state, literalPos & pbMask, 0)
            &+ literal(symbols, at: literalPos, state: state, rep0: distance)
            &+ rep0Price(symbols, length: length3, at: literalPos &+ 1, state: LZMAStateMachine.afterLiteral(state))
        offer(from &+ length &+ 1 &+ length3, price: cost, from: from, steps: 3,
              (Self.symbol(length, distance), Self.literalSymbol, Self.symbol(length3, distance)))
    }
}
