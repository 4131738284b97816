// Construction of the length-limited canonical Huffman codes a dynamic
// deflate block declares (RFC 1951 §3.2.2 and §3.2.7).
//
// Code lengths come from the package-merge algorithm (Larmore and Hirschberg,
// 1990), which yields optimal lengths under a maximum length: 15 bits for the
// literal/length and distance codes, 7 for the code-length code.

/// Builds code lengths and canonical codes from symbol frequencies.
enum HuffmanEncoder {
    /// Optimal code lengths for `frequencies`, none longer than `limit`.
    ///
    /// Symbols of frequency 0 get length 0. When fewer than two symbols occur,
    /// symbols are added so that exactly two get length 1, because some
    /// decoders reject a code that is not complete.
    static func lengths(frequencies: UnsafePointer<UInt32>, count: Int, limit: Int,
                        into lengths: UnsafeMutablePointer<UInt8>) {
        lengths.update(repeating: 0, count: count)
        // Leaves sorted by weight (stable, by symbol among equals).
        var leaves: [(weight: UInt64, symbol: Int)] = []
        leaves.reserveCapacity(count)
        for s in 0..<count where frequencies[s] != 0 {
            leaves.append((UInt64(frequencies[s]), s))
        }
        if leaves.count < 2 {
            var s = 0
            while leaves.count < 2 {
                if !leaves.contains(where: { $0.symbol == s }) { leaves.append((1, s)) }
                s += 1
            }
        }
        leaves.sort { $0.weight != $1.weight ? $0.weight < $1.weight : $0.symbol < $1.symbol }
        let n = leaves.count

        // Level 0 is the deepest list (the leaves alone); each next level
        // merges the leaves with pairs ("packages") of the level below. An
        // item's weight is kept with a flag telling leaf from package.
        var levels: [[(weight: UInt64, isPackage: Bool)]] = []
        levels.reserveCapacity(limit)
        levels.append(leaves.map { ($0.weight, false) })
        for _ in 1..<limit {
            let below = levels[levels.count - 1]
            var merged: [(weight: UInt64, isPackage: Bool)] = []
            merged.reserveCapacity(n + below.count / 2)
            var li = 0
            var pi = 0
            let packageCount = below.count / 2
            while li < n || pi < packageCount {
                let packageWeight = pi < packageCount ? below[2 * pi].weight + below[2 * pi + 1].weight : UInt64.max
                if li < n && leaves[li].weight <= packageWeight {
                    merged.append((leaves[li].weight, false))
                    li += 1
                } else {
                    merged.append((packageWeight, true))
                    pi += 1
                }
            }
            levels.append(merged)
        }

        // Take the 2n-2 lightest items of the top list; every package taken
        // at one level means two items taken from the level below. Each time
        // a leaf is taken its code gets one bit longer; leaves are taken in
        // weight order, so at each level a prefix of `leaves` is taken.
        var take = 2 * n - 2
        for level in stride(from: limit - 1, through: 0, by: -1) {
            var leafCount = 0
            var packageCount = 0
            let list = levels[level]
            for i in 0..<min(take, list.count) {
                if list[i].isPackage { packageCount += 1 } else { leafCount += 1 }
            }
            for j in 0..<leafCount { lengths[leaves[j].symbol] += 1 }
            take = 2 * packageCount
            if take == 0 { break }
        }
    }

    /// Canonical codes for `lengths` (RFC 1951 §3.2.2), bit-reversed so they
    /// can be written into the LSB-first bit stream directly.
    static func codes(lengths: UnsafePointer<UInt8>, count: Int, into codes: UnsafeMutablePointer<UInt16>) {
        var lengthCounts = [Int](repeating: 0, count: 16)
        for s in 0..<count { lengthCounts[Int(lengths[s])] += 1 }
        lengthCounts[0] = 0
        var next = [UInt32](repeating: 0, count: 16)
        var code: UInt32 = 0
        for l in 1...15 {
            code = (code + UInt32(lengthCounts[l - 1])) << 1
            next[l] = code
        }
        for s in 0..<count {
            let l = Int(lengths[s])
            if l == 0 { codes[s] = 0; continue }
            codes[s] = UInt16(DeflateFormat.reverseBits(next[l], l))
            next[l] += 1
        }
    }
}
