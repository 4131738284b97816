// Construction of the length-limited canonical Huffman codes a dynamic
// deflate block declares (RFC 1951 §3.2.2 and §3.2.7).
//
// Code lengths come from the package-merge algorithm (Larmore and Hirschberg,
// 1990), which yields optimal lengths under a maximum length: 15 bits for the
// literal/length and distance codes, 7 for the code-length code.

/// Builds code lengths and canonical codes from symbol frequencies.
enum DeflateHuffmanEncoder {
    /// Optimal code lengths for `frequencies`, none longer than `limit`.
    ///
    /// Symbols of frequency 0 get length 0. When fewer than two symbols occur,
    /// symbols are added so that exactly two get length 1, because some
    /// decoders reject a code that is not complete.
    static func lengths(frequencies: UnsafePointer<UInt32>, count: Int, limit: Int,
                        into lengths: UnsafeMutablePointer<UInt8>) {
        lengths.update(repeating: 0, count: count)
        // Leaves as `weight << 16 | symbol`, sorted: by weight, then symbol.
        var leaves: [UInt64] = []
        leaves.reserveCapacity(count + 2)
        for s in 0..<count where frequencies[s] != 0 {
            leaves.append(UInt64(frequencies[s]) << 16 | UInt64(s))
        }
        var filler = 0
        while leaves.count < 2 {
            if !leaves.contains(where: { Int($0 & 0xFFFF) == filler }) { leaves.append(1 << 16 | UInt64(filler)) }
            filler += 1
        }
        leaves.sort()
        let n = leaves.count
        if plainLengths(leaves, limit: limit, into: lengths) { return }

        // Lists of items, level 0 the deepest (the leaves alone); each next
        // level merges the leaves with pairs ("packages") of the level below.
        // An item is `weight << 1 | isPackage`, so on equal weights a leaf
        // sorts first. All levels live in one buffer of `limit` rows.
        let rowCapacity = 2 * n
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: limit * rowCapacity) { items in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: limit) { rowCounts in
            let all = items.baseAddress!
            for i in 0..<n { all[i] = (leaves[i] >> 16) << 1 }
            rowCounts[0] = n
            for level in 1..<limit {
                let below = all + (level - 1) * rowCapacity
                let row = all + level * rowCapacity
                let packageCount = rowCounts[level - 1] / 2
                var li = 0, pi = 0, k = 0
                while li < n || pi < packageCount {
                    let leaf = li < n ? (leaves[li] >> 16) << 1 : UInt64.max
                    let package = pi < packageCount
                        ? (((below[2 * pi] >> 1) + (below[2 * pi + 1] >> 1)) << 1) | 1 : UInt64.max
                    if leaf <= package {
                        row[k] = leaf
                        li += 1
                    } else {
                        row[k] = package
                        pi += 1
                    }
                    k += 1
                }
                rowCounts[level] = k
            }

            // Take the 2n-2 lightest items of the top list; every package
            // taken at one level means two items taken from the level below.
            // Each time a leaf is taken its code gets one bit longer; leaves
            // are taken in weight order, so at each level a prefix of them.
            var take = 2 * n - 2
            var level = limit - 1
            while take > 0 && level >= 0 {
                let row = all + level * rowCapacity
                var leafCount = 0
                for i in 0..<min(take, rowCounts[level]) where row[i] & 1 == 0 { leafCount += 1 }
                for j in 0..<leafCount { lengths[Int(leaves[j] & 0xFFFF)] += 1 }
                take = 2 * (min(take, rowCounts[level]) - leafCount)
                level -= 1
            }
        }
        }
    }

    /// Unrestricted Huffman code lengths by the two-queue method (leaves
    /// sorted by weight, internal nodes created in weight order). Writes them
    /// and returns true if none exceeds `limit`; returns false otherwise.
    private static func plainLengths(_ leaves: [UInt64], limit: Int,
                                     into lengths: UnsafeMutablePointer<UInt8>) -> Bool {
        let n = leaves.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * n) { scratch in
            let nodeWeight = scratch.baseAddress!          // n - 1 internal nodes
            let nodeParent = nodeWeight + n                // parent of each internal node
            let leafParent = nodeParent + n                // parent of each leaf
            var li = 0, ni = 0
            for k in 0..<(n - 1) {
                var sum = 0
                for _ in 0..<2 {
                    let leafWeight = li < n ? Int(leaves[li] >> 16) : Int.max
                    if li < n && (ni >= k || leafWeight <= nodeWeight[ni]) {
                        sum += leafWeight
                        leafParent[li] = k
                        li += 1
                    } else {
                        sum += nodeWeight[ni]
                        nodeParent[ni] = k
                        ni += 1
                    }
                }
                nodeWeight[k] = sum
            }
            // Depths: the root is the last node; parents come after children.
            let depth = nodeWeight  // reuse: weights are no longer needed
            depth[n - 2] = 0
            var k = n - 3
            while k >= 0 { depth[k] = depth[nodeParent[k]] + 1; k -= 1 }
            for i in 0..<n where depth[leafParent[i]] + 1 > limit { return false }
            for i in 0..<n { lengths[Int(leaves[i] & 0xFFFF)] = UInt8(depth[leafParent[i]] + 1) }
            return true
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
