// The Burrows-Wheeler transform of one block as bzip2 defines it: the
// cyclic rotations of the block sorted, and the last byte of each. The block
// is written twice and its suffixes sorted (BZip2SuffixSort); a suffix that
// starts in the first copy begins with a whole rotation, so those suffixes, in
// suffix order, are the rotations in sorted order. Rotations that are equal
// (a block with a period) may come out in any order: their last bytes are
// equal too, and the decoder restores the block from any of them.

enum BZip2BlockSorter {
    /// Writes the transform of `block[0..<n]` to `output[0..<n]` and returns the row of the
    /// unrotated block. `doubled` holds 2n bytes and `suffixes` 2n entries of scratch.
    static func transform(_ block: UnsafePointer<UInt8>, count n: Int, doubled: UnsafeMutablePointer<UInt8>,
                          suffixes: UnsafeMutablePointer<Int32>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        assert(n > 0)
        doubled.update(from: block, count: n)
        (doubled + n).update(from: block, count: n)
        BZip2SuffixSort.sort(UnsafePointer(doubled), count: 2 * n, alphabetSize: 256, into: suffixes)
        var row = 0
        var origin = 0
        for r in 0..<(2 * n) {
            let p = Int(suffixes[r])
            guard p < n else { continue }
            if p == 0 { origin = row }
            output[row] = block[p == 0 ? n - 1 : p - 1]
            row += 1
        }
        assert(row == n)
        return origin
    }
}
