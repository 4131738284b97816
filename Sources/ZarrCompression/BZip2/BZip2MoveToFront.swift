// The stage between the Burrows-Wheeler transform and Huffman coding: each
// byte of the transform's output becomes its position in a move-to-front list
// of the bytes in use, and each run of position 0 becomes its length written
// in bijective base 2 with the digits RUNA (1) and RUNB (2), least
// significant first. Position p > 0 is symbol p + 1; the block ends with
// symbol (bytes in use) + 1.

/// The symbols of one block and how often each occurs.
struct BZip2Symbols {
    /// Symbols written to the caller's buffer.
    var count = 0
    /// The number of distinct bytes in the block.
    var bytesInUse = 0
    /// Which bytes occur (for the block header's map).
    var used = [Bool](repeating: false, count: 256)
    /// Occurrences of each symbol 0..<bytesInUse + 2.
    var frequencies = [Int32](repeating: 0, count: BZip2Format.maxAlphabetSize)

    var alphabetSize: Int { bytesInUse + 2 }
}

enum BZip2MoveToFront {
    /// Codes the transform output `bwt[0..<n]` into `symbols` (room for n + 1 entries).
    static func encode(_ bwt: UnsafePointer<UInt8>, count n: Int, into symbols: UnsafeMutablePointer<UInt16>) -> BZip2Symbols {
        var result = BZip2Symbols()
        var rank = [UInt8](repeating: 0, count: 256)
        for i in 0..<n { result.used[Int(bwt[i])] = true }
        for b in 0..<256 where result.used[b] {
            rank[b] = UInt8(result.bytesInUse)
            result.bytesInUse += 1
        }
        var list = [UInt8](repeating: 0, count: 256)
        for i in 0..<256 { list[i] = UInt8(truncatingIfNeeded: i) }
        var written = 0
        var zeros = 0
        list.withUnsafeMutableBufferPointer { listBuffer in
            result.frequencies.withUnsafeMutableBufferPointer { freqBuffer in
                let mtf = listBuffer.baseAddress.unsafelyUnwrapped
                let freq = freqBuffer.baseAddress.unsafelyUnwrapped
                @inline(__always) func flushZeros() {
                    // Length z as digits RUNA = 1, RUNB = 2 of weight 1, 2, 4, ...
                    var z = zeros &- 1
                    while true {
                        let digit = z & 1
                        symbols[written] = UInt16(digit)
                        freq[digit] &+= 1
                        written &+= 1
                        if z < 2 { break }
                        z = (z &- 2) &>> 1
                    }
                    zeros = 0
                }
                for i in 0..<n {
                    let c = rank[Int(bwt[i])]
                    if mtf[0] == c { zeros &+= 1; continue }
                    if zeros > 0 { flushZeros() }
                    // Find c, shifting the entries before it one place back.
                    var previous = mtf[0]
                    var p = 1
                    while true {
                        let here = mtf[p]
                        mtf[p] = previous
                        if here == c { break }
                        previous = here
                        p &+= 1
                    }
                    mtf[0] = c
                    symbols[written] = UInt16(p &+ 1)
                    freq[p &+ 1] &+= 1
                    written &+= 1
                }
                if zeros > 0 { flushZeros() }
                let endOfBlock = result.bytesInUse &+ 1
                symbols[written] = UInt16(endOfBlock)
                freq[endOfBlock] &+= 1
                written &+= 1
            }
        }
        result.count = written
        return result
    }
}
