// The Huffman stage of the bzip2 encoder, chosen as bzip2 chooses it: 2 to 6
// tables by the number of symbols; first tables that each cover a slice of
// the alphabet holding an equal share of the symbols; then four rounds of
// picking, for each group of 50 symbols, the table that codes it in the
// fewest bits and rebuilding each table from the groups that picked it.
// Code lengths are limited to 17 bits by flattening the frequencies until the
// tree is shallow enough; codes are canonical (by length, then symbol).

/// The tables and selectors of one block.
struct BZip2HuffmanPlan {
    var tableCount = 0
    /// Code lengths, `maxAlphabetSize` per table.
    var lengths = [UInt8](repeating: 0, count: BZip2Format.maxTables * BZip2Format.maxAlphabetSize)
    /// One table per group of 50 symbols.
    var selectors: [UInt8] = []
}

enum BZip2HuffmanEncoder {
    static let refinementRounds = 4

    /// The table count bzip2 uses for `symbolCount` symbols.
    static func tableCount(forSymbols symbolCount: Int) -> Int {
        switch symbolCount {
        case ..<200: return 2
        case ..<600: return 3
        case ..<1200: return 4
        case ..<2400: return 5
        default: return 6
        }
    }

    /// Chooses the tables and selectors for `symbols[0..<stats.count]`.
    static func plan(_ symbols: UnsafePointer<UInt16>, _ stats: BZip2Symbols) -> BZip2HuffmanPlan {
        let n = stats.count
        let alphabet = stats.alphabetSize
        let stride = BZip2Format.maxAlphabetSize
        var plan = BZip2HuffmanPlan()
        let tables = tableCount(forSymbols: n)
        plan.tableCount = tables
        // Initial tables: table t is cheap (0) on its slice of the alphabet, dear (15) elsewhere.
        var remaining = n
        var start = 0
        var part = tables
        while part > 0 {
            let target = remaining / part
            var end = start - 1
            var covered = 0
            while covered < target && end < alphabet - 1 {
                end += 1
                covered += Int(stats.frequencies[end])
            }
            if end > start && part != tables && part != 1 && (tables - part) % 2 == 1 {
                covered -= Int(stats.frequencies[end])
                end -= 1
            }
            for s in 0..<alphabet { plan.lengths[(part - 1) * stride + s] = s >= start && s <= end ? 0 : 15 }
            part -= 1
            start = end + 1
            remaining -= covered
        }
        let groups = (n + BZip2Format.groupSize - 1) / BZip2Format.groupSize
        plan.selectors = [UInt8](repeating: 0, count: groups)
        var frequencies = [Int32](repeating: 0, count: tables * stride)
        // Costs of all tables per symbol, 16 bits per table: tables 0-3 in one word, 4-5 in another
        // (a group costs at most 50 * 17 bits, far below 2^16).
        var packed = [UInt64](repeating: 0, count: 2 * stride)
        for _ in 0..<refinementRounds {
            for s in 0..<alphabet {
                var low: UInt64 = 0, high: UInt64 = 0
                for t in 0..<tables {
                    let cost = UInt64(plan.lengths[t * stride + s])
                    if t < 4 { low |= cost << (16 * UInt64(t)) } else { high |= cost << (16 * UInt64(t - 4)) }
                }
                packed[2 * s] = low
                packed[2 * s + 1] = high
            }
            for i in 0..<frequencies.count { frequencies[i] = 0 }
            packed.withUnsafeBufferPointer { costBuffer in
                frequencies.withUnsafeMutableBufferPointer { freqBuffer in
                    let cost = costBuffer.baseAddress.unsafelyUnwrapped
                    let freq = freqBuffer.baseAddress.unsafelyUnwrapped
                    for g in 0..<groups {
                        let from = g * BZip2Format.groupSize
                        let to = min(n, from + BZip2Format.groupSize)
                        var low: UInt64 = 0, high: UInt64 = 0
                        for i in from..<to {
                            let s = Int(symbols[i])
                            low &+= cost[2 &* s]
                            high &+= cost[2 &* s &+ 1]
                        }
                        var best = 0
                        var bestCost = UInt64.max
                        for t in 0..<tables {
                            let c = t < 4 ? (low >> (16 * UInt64(t))) & 0xFFFF : (high >> (16 * UInt64(t - 4))) & 0xFFFF
                            if c < bestCost { bestCost = c; best = t }
                        }
                        plan.selectors[g] = UInt8(best)
                        let row = freq + best * stride
                        for i in from..<to { row[Int(symbols[i])] &+= 1 }
                    }
                }
            }
            for t in 0..<tables {
                frequencies.withUnsafeBufferPointer { f in
                    plan.lengths.withUnsafeMutableBufferPointer { l in
                        codeLengths(f.baseAddress.unsafelyUnwrapped + t * stride, count: alphabet,
                                    maxLength: BZip2Format.maxEncodeCodeLength, into: l.baseAddress.unsafelyUnwrapped + t * stride)
                    }
                }
            }
        }
        return plan
    }

    /// Huffman code lengths for `count` symbols (2...258) of the given frequencies, none longer than
    /// `maxLength`; every symbol gets a code (a frequency of 0 counts as 1).
    static func codeLengths(_ frequencies: UnsafePointer<Int32>, count: Int, maxLength: Int,
                            into lengths: UnsafeMutablePointer<UInt8>) {
        assert(count >= 2 && count <= BZip2Format.maxAlphabetSize)
        var weights = (0..<count).map { max(Int(frequencies[$0]), 1) }
        // Nodes 0..<count are leaves, then internal nodes in the order they are made.
        var parent = [Int](repeating: 0, count: 2 * count)
        var weight = [Int](repeating: 0, count: 2 * count)
        var depth = [Int](repeating: 0, count: 2 * count)
        while true {
            let leaves = (0..<count).sorted { (weights[$0], $0) < (weights[$1], $1) }
            for s in 0..<count { weight[s] = weights[s] }
            // Two queues: leaves by weight, internal nodes (made in nondecreasing weight order).
            var leaf = 0
            var inner = count
            var made = count
            func smallest() -> Int {
                if leaf < count && (inner >= made || weight[leaves[leaf]] <= weight[inner]) {
                    leaf += 1
                    return leaves[leaf - 1]
                }
                inner += 1
                return inner - 1
            }
            while made < 2 * count - 1 {
                let a = smallest(), b = smallest()
                weight[made] = weight[a] + weight[b]
                parent[a] = made
                parent[b] = made
                made += 1
            }
            let root = 2 * count - 2
            depth[root] = 0
            var deepest = 0
            var node = root - 1
            while node >= 0 {
                depth[node] = depth[parent[node]] + 1
                if node < count { deepest = max(deepest, depth[node]) }
                node -= 1
            }
            if deepest <= maxLength {
                for s in 0..<count { lengths[s] = UInt8(depth[s]) }
                return
            }
            for s in 0..<count { weights[s] = 1 + weights[s] / 2 }
        }
    }

    /// Canonical codes for `lengths[0..<count]` (by length, then symbol), into `codes`.
    static func assignCodes(_ lengths: UnsafePointer<UInt8>, count: Int, into codes: UnsafeMutablePointer<UInt32>) {
        var next: UInt32 = 0
        for length in 1...BZip2Format.maxCodeLength {
            for s in 0..<count where Int(lengths[s]) == length {
                codes[s] = next
                next += 1
            }
            next <<= 1
        }
    }
}
