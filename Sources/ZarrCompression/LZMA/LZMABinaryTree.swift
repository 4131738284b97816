// The binary-tree search of the match finder (liblzma's "bt4"): the positions
// sharing a 4-byte hash form a binary search tree ordered by the strings that
// start there, newest at the root. Inserting a position walks down from the
// root, comparing strings: every node passed is a match candidate, and the
// walk splits the tree into the nodes below and above the new string, which
// become the new root's two subtrees. The common lengths with the nearest lower
// and upper bounds so far are known, so each comparison starts past the
// smaller of them. A node whose string matches for `nice` bytes is replaced by
// the new one (taking its children), which keeps the tree shallow on
// repetitive data.

extension LZMAMatchFinder {
    /// Inserts `pos` (its hash's previous root `candidate`, stored + 1) into the tree, and
    /// appends to `matches` (`found` of them so far) each candidate longer than `best` (and than the one before).
    @inline(__always)
    func treeInsert(_ pos: Int, candidate root: UInt32, best: Int, nice: Int, available: Int,
                    matches: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>)?, found: inout Int) {
        assert(tree && nice <= available && available <= count - pos)
        let here = data + pos
        let node = 2 &* (pos % cyclicSize)
        // The child slots where the next node below (left) and above (right) the new string goes.
        var lower = node
        var upper = node &+ 1
        var lowerLength = 0
        var upperLength = 0
        var longest = best
        var candidate = root
        var steps = depth
        while true {
            let position = Int(candidate) &- 1
            guard candidate != 0 && steps > 0 && pos &- position <= dictionarySize else {
                chain[lower] = 0
                chain[upper] = 0
                return
            }
            steps &-= 1
            let there = data + position
            let pair = 2 &* (position % cyclicSize)
            var length = min(lowerLength, upperLength)
            if there[length] == here[length] {
                length = Self.commonLength(here, there, from: length &+ 1, limit: nice)
                if length > longest {
                    longest = length
                    if let (lengths, distances) = matches {
                        lengths[found] = Int32(truncatingIfNeeded: length)
                        distances[found] = Int32(truncatingIfNeeded: pos &- position &- 1)
                        found &+= 1
                    }
                }
                if length >= nice {
                    chain[lower] = chain[pair]
                    chain[upper] = chain[pair &+ 1]
                    return
                }
            }
            if there[length] < here[length] {
                chain[lower] = candidate
                lower = pair &+ 1
                candidate = chain[lower]
                lowerLength = length
            } else {
                chain[upper] = candidate
                upper = pair
                candidate = chain[upper]
                upperLength = length
            }
        }
    }
}
