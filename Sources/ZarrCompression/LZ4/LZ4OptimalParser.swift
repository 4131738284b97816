// The price-based parse of high-compression levels 10...12 (our own take on
// lz4hc's optimal mode, with its search depths and "good enough" lengths).
//
// Every offset costs the same 2 bytes in LZ4, so at each position only the
// longest match matters: all its shorter prefixes are also on offer. From a
// position with a match, the parser prices every position up to the end of
// the furthest match seen (at most 4096 ahead): reaching a position costs
// either one more literal (a literal run pays an extra length byte at 15,
// 270, ... literals) or a sequence (token, offset, length bytes, and the
// literals before it). Each position keeps its cheapest arrival; positions
// whose successor is no dearer are not searched. The cheapest path to the
// furthest match end is then written, and the parse goes on from there. A
// match longer than the level's "good enough" length is taken at once.

enum LZ4OptimalParser {
    static let minLevel = 10
    /// The most positions priced at once.
    static let window = 1 << 12
    /// Positions past the furthest match end that are priced as literals.
    private static let trailing = 3

    private struct Settings {
        let attempts: Int
        /// A match longer than this is written without pricing alternatives.
        let goodEnough: Int
        /// Search more positions (level 12).
        let thorough: Bool
    }

    private static func settings(_ level: Int) -> Settings {
        switch level {
        case ...10: Settings(attempts: 96, goodEnough: 64, thorough: false)
        case 11: Settings(attempts: 512, goodEnough: 128, thorough: false)
        default: Settings(attempts: 16384, goodEnough: window - 1, thorough: true)
        }
    }

    /// The cheapest known way to reach one position of the window.
    private struct Node {
        var price: Int
        /// The literals right before this position (0 when a match ends here).
        var literalCount: Int
        /// The match ending here (0 when the last byte is a literal).
        var matchLength: Int
        var offset: Int

        static let unreached = Node(price: Int.max, literalCount: 0, matchLength: 0, offset: 0)

        /// The price before the literal run that leads here.
        var priceBeforeLiterals: Int { price - LZ4OptimalParser.literalsPrice(literalCount) }
    }

    /// The bytes `n` literals cost beyond the sequence's token.
    @inline(__always)
    static func literalsPrice(_ n: Int) -> Int { n + LZ4Format.extraLengthBytes(n) }

    /// The bytes of a sequence with `literals` literals and a match of `length`.
    @inline(__always)
    private static func sequencePrice(literals: Int, length: Int) -> Int {
        1 + literalsPrice(literals) + 2 + LZ4Format.extraLengthBytes(length - LZ4Format.minMatch)
    }

    /// Parses and writes `src[0..<count]`; false when the block does not fit the writer.
    static func encode(_ src: UnsafePointer<UInt8>, count n: Int, finder: inout LZ4HCMatchFinder,
                       writer: inout LZ4BlockWriter, level: Int, context: LZ4EncoderContext) -> Bool {
        let settings = settings(level)
        var anchor = 0
        func emit(start: Int, length: Int, offset: Int) -> Bool {
            guard writer.sequence(literals: src + anchor, literalCount: start - anchor,
                                  offset: offset, matchLength: length) else { return false }
            anchor = start + length
            return true
        }
        guard n >= LZ4Format.minCompressibleInput else { return writer.lastLiterals(src, count: n) }

        let nodeCount = window + trailing + 1
        let nodes = context.priceNodeMemory(byteCount: nodeCount * MemoryLayout<Node>.stride)
            .bindMemory(to: Node.self, capacity: nodeCount)
        // The chosen path, gathered backward: (start, length, offset) relative to `ip`.
        var path: [(Int, Int, Int)] = []
        let searchLimit = n - LZ4Format.matchStartLimit
        let matchEnd = n - LZ4Format.lastLiterals
        var ip = 0
        while ip <= searchLimit {
            guard let first = finder.longestMatch(at: ip, limit: matchEnd, attempts: settings.attempts) else {
                ip += 1
                continue
            }
            if first.length > settings.goodEnough {
                guard emit(start: ip, length: first.length, offset: first.offset) else { return false }
                ip = first.end
                continue
            }

            // Seed: literals up to 3 bytes in, then every length of the first match.
            let pending = ip - anchor
            var filled = -1
            func reach(_ upTo: Int) {
                while filled < upTo {
                    filled += 1
                    nodes[filled] = .unreached
                }
            }
            var furthest = first.length
            reach(furthest + trailing)
            for r in 0..<LZ4Format.minMatch {
                nodes[r] = Node(price: literalsPrice(pending + r), literalCount: pending + r, matchLength: 0, offset: 0)
            }
            for length in LZ4Format.minMatch...first.length {
                nodes[length] = Node(price: sequencePrice(literals: pending, length: length), literalCount: 0,
                                     matchLength: length, offset: first.offset)
            }
            func priceTrailingLiterals() {
                let base = nodes[furthest]
                for k in 1...trailing {
                    let price = base.priceBeforeLiterals + literalsPrice(base.literalCount + k)
                    if price < nodes[furthest + k].price {
                        nodes[furthest + k] = Node(price: price, literalCount: base.literalCount + k,
                                                   matchLength: 0, offset: 0)
                    }
                }
            }
            priceTrailingLiterals()

            // Price the positions inside the window; a long match found on the way ends it early.
            var end = furthest
            var forced: LZ4HCMatchFinder.Match?
            var cur = 1
            while cur < furthest && ip + cur <= searchLimit {
                defer { cur += 1 }
                let here = nodes[cur]
                if nodes[cur + 1].price <= here.price
                    && (!settings.thorough || nodes[cur + LZ4Format.minMatch].price < here.price + 3) { continue }
                guard let m = finder.longestMatch(at: ip + cur, limit: matchEnd, attempts: settings.attempts) else {
                    continue
                }
                if m.length > settings.goodEnough || cur + m.length >= window {
                    forced = m
                    end = cur
                    break
                }
                for k in 1..<LZ4Format.minMatch {
                    let price = here.priceBeforeLiterals + literalsPrice(here.literalCount + k)
                    if price < nodes[cur + k].price {
                        nodes[cur + k] = Node(price: price, literalCount: here.literalCount + k, matchLength: 0, offset: 0)
                    }
                }
                reach(cur + m.length + trailing)
                for length in LZ4Format.minMatch...m.length {
                    let price = here.priceBeforeLiterals + sequencePrice(literals: here.literalCount, length: length)
                    if price <= nodes[cur + length].price {
                        nodes[cur + length] = Node(price: price, literalCount: 0, matchLength: length, offset: m.offset)
                    }
                }
                if cur + m.length > furthest {
                    furthest = cur + m.length
                    priceTrailingLiterals()
                }
                end = furthest
            }

            // Walk back from the end and write the matches of the cheapest path in order.
            path.removeAll(keepingCapacity: true)
            var pos = end
            while pos > 0 {
                let node = nodes[pos]
                if node.matchLength == 0 {
                    pos -= 1
                } else {
                    pos -= node.matchLength
                    path.append((pos, node.matchLength, node.offset))
                }
            }
            for (start, length, offset) in path.reversed() {
                guard emit(start: ip + start, length: length, offset: offset) else { return false }
            }
            if let forced {
                guard emit(start: forced.start, length: forced.length, offset: forced.offset) else { return false }
                ip = forced.end
            } else {
                ip += end
            }
        }
        return writer.lastLiterals(src + anchor, count: n - anchor)
    }
}
