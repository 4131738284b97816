// Suffix sorting by induced sorting (SA-IS, Nong, Zhang and Chan 2009), in
// linear time whatever the text: the suffixes are classed S (smaller than the
// next suffix) or L (larger); the leftmost S suffixes of each S run (LMS) are
// sorted first, by sorting their substrings with two induction passes, naming
// them and recursing on the names when two are equal; the order of every
// other suffix is then induced from theirs. The end of the text is a virtual
// sentinel smaller than every symbol.
//
// bzip2 needs the order of the rotations of a block: the encoder sorts the
// suffixes of the block written twice, whose first n suffixes begin with the
// n rotations (see BZip2BlockSorter).

enum BZip2SuffixSort {
    /// Fills `sa[0..<n]` with the suffix array of `text[0..<n]` (symbols in 0..<alphabetSize).
    /// `sa` must hold n entries; n must be below 2^31.
    static func sort<T: FixedWidthInteger>(_ text: UnsafePointer<T>, count n: Int, alphabetSize k: Int,
                                            into sa: UnsafeMutablePointer<Int32>) {
        assert(n < Int(Int32.max))
        if n == 0 { return }
        if n == 1 { sa[0] = 0; return }
        // Types: 1 = S, 0 = L. The last suffix is L (the sentinel after it is smaller).
        let isS = UnsafeMutablePointer<Bool>.allocate(capacity: n)
        defer { isS.deallocate() }
        isS[n - 1] = false
        var i = n - 2
        while i >= 0 {
            let a = text[i], b = text[i + 1]
            isS[i] = a < b || (a == b && isS[i + 1])
            i -= 1
        }
        @inline(__always) func isLMS(_ p: Int) -> Bool { p > 0 && isS[p] && !isS[p - 1] }

        let bucket = UnsafeMutablePointer<Int32>.allocate(capacity: k)
        let counts = UnsafeMutablePointer<Int32>.allocate(capacity: k)
        defer { bucket.deallocate(); counts.deallocate() }
        counts.initialize(repeating: 0, count: k)
        for p in 0..<n { counts[Int(text[p])] += 1 }
        func bucketStarts() {
            var sum: Int32 = 0
            for c in 0..<k { bucket[c] = sum; sum += counts[c] }
        }
        func bucketEnds() {
            var sum: Int32 = 0
            for c in 0..<k { sum += counts[c]; bucket[c] = sum }
        }
        func induce() {
            // L suffixes, left to right; the sentinel's predecessor (the last suffix) first.
            bucketStarts()
            let last = Int(text[n - 1])
            sa[Int(bucket[last])] = Int32(n - 1)
            bucket[last] += 1
            for r in 0..<n {
                let j = Int(sa[r]) - 1
                if j >= 0 && !isS[j] {
                    let c = Int(text[j])
                    sa[Int(bucket[c])] = Int32(j)
                    bucket[c] += 1
                }
            }
            // S suffixes, right to left.
            bucketEnds()
            var r = n - 1
            while r >= 0 {
                let j = Int(sa[r]) - 1
                if j >= 0 && isS[j] {
                    let c = Int(text[j])
                    bucket[c] -= 1
                    sa[Int(bucket[c])] = Int32(j)
                }
                r -= 1
            }
        }

        // MARK: Sort the LMS substrings
        sa.initialize(repeating: -1, count: n)
        bucketEnds()
        for p in 1..<n where isLMS(p) {
            let c = Int(text[p])
            bucket[c] -= 1
            sa[Int(bucket[c])] = Int32(p)
        }
        induce()

        // MARK: Name them
        var lmsCount = 0
        for r in 0..<n where isLMS(Int(sa[r])) {
            sa[lmsCount] = sa[r]
            lmsCount += 1
        }
        if lmsCount == 0 {
            // No S suffix at all (a non-increasing text): the induction above already
            // placed every suffix from the sentinel.
            return
        }
        (sa + lmsCount).initialize(repeating: -1, count: n - lmsCount)
        var names: Int32 = 0
        var previous = -1
        for r in 0..<lmsCount {
            let p = Int(sa[r])
            var differ = previous < 0
            if !differ {
                var d = 0
                while true {
                    if p + d >= n || previous + d >= n || text[p + d] != text[previous + d]
                        || isS[p + d] != isS[previous + d] { differ = true; break }
                    if d > 0 && (isLMS(p + d) || isLMS(previous + d)) { break }
                    d += 1
                }
            }
            if differ { names += 1; previous = p }
            sa[lmsCount + p / 2] = names - 1
        }
        // The names in text order, packed at the end of sa.
        var w = n - 1
        var r = n - 1
        while r >= lmsCount {
            if sa[r] >= 0 { sa[w] = sa[r]; w -= 1 }
            r -= 1
        }
        let reduced = sa + (n - lmsCount)

        // MARK: Sort the LMS suffixes
        if Int(names) < lmsCount {
            sort(UnsafePointer(reduced), count: lmsCount, alphabetSize: Int(names), into: sa)
        } else {
            for q in 0..<lmsCount { sa[Int(reduced[q])] = Int32(q) }
        }
        // Reduced positions back to text positions.
        var q = 0
        for p in 1..<n where isLMS(p) { reduced[q] = Int32(p); q += 1 }
        for t in 0..<lmsCount { sa[t] = reduced[Int(sa[t])] }

        // MARK: Induce every suffix from the sorted LMS suffixes
        (sa + lmsCount).initialize(repeating: -1, count: n - lmsCount)
        bucketEnds()
        var t = lmsCount - 1
        while t >= 0 {
            let p = Int(sa[t])
            sa[t] = -1
            let c = Int(text[p])
            bucket[c] -= 1
            sa[Int(bucket[c])] = Int32(p)
            t -= 1
        }
        induce()
    }
}
