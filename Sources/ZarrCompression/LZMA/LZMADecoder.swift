// LZMA symbol decoding (lzma-specification.txt, "the LZMA decoder"): each symbol
// is a literal (plain, or "matched" against the byte at the last distance after
// a match), a match (length, distance slot and distance bits), a rep match at one
// of the four last distances, or a short rep (one byte at the last distance).
// LZMA2 chunks and .lzma files drive this decoder; the output is its dictionary.

import Foundation

/// An LZMA decoder: the probabilities, the state and the four last distances.
struct LZMADecoder: ~Copyable {
    /// What an end-of-payload marker (a match of distance 2^32 - 1) means here.
    enum EndMarker {
        /// An error (LZMA2 chunks have exact sizes).
        case forbidden
        /// Allowed right at the known size (.lzma with a size).
        case optional
        /// The only way to end (.lzma without a size).
        case required
    }

    private let probabilities: UnsafeMutablePointer<UInt16>
    private(set) var properties: LZMAProperties
    private var state = 0
    private var rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0
    /// The output position where the dictionary (and the LZMA position count) starts.
    private(set) var dictionaryStart = 0
    /// Matches may reach at most this far back.
    let dictionarySize: Int
    private let family: String

    /// A decoder with fresh state; `dictionarySize` bounds match distances.
    init(properties: LZMAProperties, dictionarySize: Int, family: String) {
        let count = LZMAProbabilities.count(literalBits: LZMAProperties.maxLiteralBits)
        probabilities = .allocate(capacity: count)
        self.properties = properties
        self.dictionarySize = max(1, dictionarySize)
        self.family = family
        resetState(properties: properties)
    }

    deinit { probabilities.deallocate() }

    /// Resets the probabilities, state and distances (an LZMA2 state reset), with new properties.
    mutating func resetState(properties: LZMAProperties) {
        self.properties = properties
        LZMAProbabilities.reset(probabilities, count: LZMAProbabilities.count(literalBits: properties.lc + properties.lp))
        state = 0
        rep0 = 0; rep1 = 0; rep2 = 0; rep3 = 0
    }

    /// Starts a new dictionary at output position `position` (nothing before it may be referenced).
    mutating func resetDictionary(at position: Int) { dictionaryStart = position }

    // MARK: - Decoding

    /// Decodes symbols into `output` until it holds `limit` bytes (or the end marker, as
    /// `endMarker` allows). Returns whether an end marker ended the data.
    ///
    /// `output` must have room for `limit` bytes unless it may grow (it grows only up to
    /// `limit`). Throws for a distance before the dictionary, a symbol past `limit`, or a
    /// marker where none may be.
    mutating func decode(_ rc: inout LZMARangeDecoder, into output: inout LZMAOutput, limit: Int,
                         endMarker: EndMarker) throws -> Bool {
        typealias P = LZMAProbabilities
        typealias S = LZMAStateMachine
        let probs = probabilities
        let lc = properties.lc
        let lpMask = (1 << properties.lp) - 1
        let pbMask = (1 << properties.pb) - 1
        let dictStart = dictionaryStart
        let dictSize = dictionarySize
        var state = self.state
        var rep0 = self.rep0, rep1 = self.rep1, rep2 = self.rep2, rep3 = self.rep3
        var out = output.base
        var capacity = output.capacity
        var pos = output.count
        defer {
            self.state = state
            self.rep0 = rep0; self.rep1 = rep1; self.rep2 = rep2; self.rep3 = rep3
        }

        while true {
            // Past the end of the input the range coder reads zeros, which decode as literals
            // forever: stop at once instead of filling the output limit.
            guard !rc.overran else {
                output.count = pos
                throw CompressionError("\(family): data is cut short")
            }
            if pos >= limit {
                switch endMarker {
                case .forbidden:
                    output.count = pos
                    return false
                case .optional where rc.isFinished:
                    output.count = pos
                    return false
                default: break
                }
            }
            if pos &+ LZMALength.max > capacity && capacity < limit {
                output.count = pos
                try output.reserve(min(limit, pos + LZMALength.max))
                out = output.base
                capacity = output.capacity
            }
            let rel = pos &- dictStart
            let posState = rel & pbMask
            if rc.bit(probs + P.isMatch + state &<< 4 + posState) == 0 {
                guard pos < limit else { throw CompressionError("\(family): data continues past its end (\(limit) bytes)") }
                let previous = rel > 0 ? Int(out[pos &- 1]) : 0
                let coder = probs + P.literal + 0x300 &* (((rel & lpMask) &<< lc) &+ (previous &>> (8 &- lc)))
                var symbol = 1
                if state < S.literalStates {
                    repeat { symbol = symbol &<< 1 | rc.bit(coder + symbol) } while symbol < 0x100
                } else {
                    guard rep0 < rel else { throw distanceError(rep0, rel) }
                    var matchByte = Int(out[pos &- rep0 &- 1])
                    var offset = 0x100
                    repeat {
                        matchByte &<<= 1
                        let matchBit = matchByte & offset
                        let b = rc.bit(coder + offset + matchBit + symbol)
                        symbol = symbol &<< 1 | b
                        offset &= b != 0 ? matchBit : ~matchBit
                    } while symbol < 0x100
                }
                out[pos] = UInt8(truncatingIfNeeded: symbol)
                pos &+= 1
                state = S.afterLiteral(state)
                continue
            }

            var len: Int
            if rc.bit(probs + P.isRep + state) == 0 {
                len = rc.length(probs + P.matchLength, posState: posState)
                let slot = rc.tree(probs + P.distanceSlot + S.lengthState(len) &<< 6, bits: 6)
                var distance = slot
                if slot >= 4 {
                    let directBits = slot &>> 1 &- 1
                    distance = (2 | slot & 1) &<< directBits
                    if slot < 14 {
                        distance &+= rc.reverseTree(probs + P.distanceSpecial + (distance &- slot &- 1), bits: directBits)
                    } else {
                        distance &+= rc.direct(directBits &- 4) &<< 4
                        distance &+= rc.reverseTree(probs + P.align, bits: 4)
                    }
                }
                if distance == 0xFFFF_FFFF {
                    guard endMarker != .forbidden else {
                        throw CompressionError("\(family): an end marker inside data of known size")
                    }
                    guard endMarker == .required || pos == limit else {
                        throw CompressionError("\(family): an end marker before the declared size")
                    }
                    output.count = pos
                    return true
                }
                rep3 = rep2; rep2 = rep1; rep1 = rep0; rep0 = distance
                state = S.afterMatch(state)
            } else {
                guard rel > 0 else { throw CompressionError("\(family): a repeated match before any data") }
                if rc.bit(probs + P.isRepG0 + state) == 0 {
                    if rc.bit(probs + P.isRep0Long + state &<< 4 + posState) == 0 {
                        guard pos < limit else { throw CompressionError("\(family): data continues past its end (\(limit) bytes)") }
                        guard rep0 < rel && rep0 < dictSize else { throw distanceError(rep0, rel) }
                        out[pos] = out[pos &- rep0 &- 1]
                        pos &+= 1
                        state = S.afterShortRep(state)
                        continue
                    }
                } else {
                    let distance: Int
                    if rc.bit(probs + P.isRepG1 + state) == 0 {
                        distance = rep1
                    } else {
                        if rc.bit(probs + P.isRepG2 + state) == 0 {
                            distance = rep2
                        } else {
                            distance = rep3
                            rep3 = rep2
                        }
                        rep2 = rep1
                    }
                    rep1 = rep0
                    rep0 = distance
                }
                len = rc.length(probs + P.repLength, posState: posState)
                state = S.afterRep(state)
            }

            guard rep0 < rel && rep0 < dictSize else { throw distanceError(rep0, rel) }
            guard len <= limit &- pos else {
                throw CompressionError("\(family): a match of \(len) bytes runs past the end of the data")
            }
            // Bound: pos + len <= limit <= capacity (reserved above).
            assert(pos + len <= capacity)
            let from = out + (pos &- rep0 &- 1)
            let to = out + pos
            if rep0 &+ 1 >= len {
                to.update(from: from, count: len)
            } else {
                for i in 0..<len { to[i] = from[i] }
            }
            pos &+= len
        }
    }

    private func distanceError(_ distance: Int, _ available: Int) -> CompressionError {
        CompressionError("\(family): match distance \(distance + 1) reaches before the dictionary "
            + "(\(min(available, dictionarySize)) bytes available)")
    }
}
