// Huffman-coded literals, encoder side (RFC 8878 §4.2).
//
// Code lengths come from a classic Huffman tree, limited to 11 bits by
// moving overlong codes to the limit and then re-balancing the Kraft sum.
// Codes are assigned canonically the way the decoder fills its table. The
// tree is described by weights, either as 4-bit nibbles (at most 128
// weights) or FSE-compressed with two interleaved states, whichever is
// smaller.

struct ZstdHuffmanEncoder {
    static let maxCodeBits = 11

    /// Code length per symbol (0 = absent).
    var lengths = [UInt8](repeating: 0, count: 256)
    /// Code value per symbol (its `lengths[s]` low bits).
    var codes = [UInt16](repeating: 0, count: 256)
    var maxBits = 0
    /// Highest symbol present.
    var lastSymbol = 0

    // MARK: - Code lengths

    /// Builds length-limited codes for `counts` (at least two symbols present).
    mutating func build(counts: UnsafePointer<Int>) {
        // Sort present symbols by (count, symbol) via packed keys.
        var keys = [UInt64]()
        keys.reserveCapacity(256)
        for s in 0..<256 where counts[s] > 0 { keys.append(UInt64(counts[s]) << 8 | UInt64(s)) }
        keys.sort()
        let symbols = keys.map { Int($0 & 255) }
        let n = symbols.count
        for s in 0..<256 { lengths[s] = 0; codes[s] = 0 }
        lastSymbol = 0
        for s in symbols where s > lastSymbol { lastSymbol = s }

        // Two-queue Huffman: leaves 0..<n (ascending weight), internal nodes
        // n..<2n-1 created in nondecreasing weight order.
        var weight = [Int](repeating: 0, count: 2 * n)
        var parent = [Int](repeating: 0, count: 2 * n)
        for i in 0..<n { weight[i] = counts[symbols[i]] }
        var leaf = 0
        var node = n
        var next = n
        func pick() -> Int {
            if leaf < n && (node >= next || weight[leaf] <= weight[node]) { leaf += 1; return leaf - 1 }
            node += 1
            return node - 1
        }
        while next < 2 * n - 1 {
            let a = pick(), b = pick()
            weight[next] = weight[a] + weight[b]
            parent[a] = next; parent[b] = next
            next += 1
        }
        var depth = [Int](repeating: 0, count: 2 * n)
        if 2 * n - 2 >= 0 { depth[2 * n - 2] = 0 }
        var i = 2 * n - 3
        while i >= 0 { depth[i] = depth[parent[i]] + 1; i -= 1 }

        // Count codes per length, clamp to the limit, repair the Kraft sum.
        let limit = ZstdHuffmanEncoder.maxCodeBits
        var perLength = [Int](repeating: 0, count: 64)
        for i in 0..<n { perLength[min(depth[i], limit)] += 1 }
        var kraft = 0
        for len in 1...limit { kraft += perLength[len] << (limit - len) }
        while kraft > 1 << limit {
            perLength[limit] -= 1
            for len in stride(from: limit - 1, through: 1, by: -1) where perLength[len] > 0 {
                perLength[len] -= 1
                perLength[len + 1] += 2
                break
            }
            kraft -= 1
        }
        // Most frequent symbols get the shortest codes.
        var k = n - 1
        maxBits = 0
        for len in 1...limit {
            for _ in 0..<perLength[len] {
                lengths[symbols[k]] = UInt8(len)
                maxBits = len
                k -= 1
            }
        }
        assignCodes()
    }

    /// Canonical codes, mirroring the decoder's table layout.
    mutating func assignCodes() {
        var rankCount = [Int](repeating: 0, count: 16)
        for s in 0...lastSymbol where lengths[s] > 0 { rankCount[maxBits + 1 - Int(lengths[s])] += 1 }
        var rankStart = [Int](repeating: 0, count: 16)
        var next = 0
        for w in 1...maxBits {
            rankStart[w] = next
            next += rankCount[w] << (w - 1)
        }
        for s in 0...lastSymbol where lengths[s] > 0 {
            let w = maxBits + 1 - Int(lengths[s])
            codes[s] = UInt16(rankStart[w] >> (w - 1))
            rankStart[w] += 1 << (w - 1)
        }
    }

    /// Estimated payload bytes for `counts`.
    func payloadSize(counts: UnsafePointer<Int>) -> Int {
        var bits = 0
        for s in 0...lastSymbol { bits += counts[s] * Int(lengths[s]) }
        return (bits + 7) >> 3
    }

    // MARK: - Tree description

    /// Writes the weights; returns the size, or nil if they cannot be
    /// described (more than 128 weights and FSE does not fit).
    func writeDescription(to dst: UnsafeMutablePointer<UInt8>, scratch: ZstdEncoderScratch) -> Int? {
        let count = lastSymbol  // the last symbol's weight is implied
        let weights = scratch.huffWeights
        for s in 0..<count { weights[s] = lengths[s] == 0 ? 0 : UInt8(maxBits + 1 - Int(lengths[s])) }
        var best: Int? = nil
        if let size = writeFSEWeights(weights, count: count, to: dst + 1, scratch: scratch), size < 128 {
            dst[0] = UInt8(size)
            best = 1 + size
        }
        if count <= 128 {
            let direct = 1 + (count + 1) / 2
            if best == nil || direct < best! {
                dst[0] = UInt8(127 + count)
                for i in stride(from: 0, to: count, by: 2) {
                    let hi = weights[i]
                    let lo = i + 1 < count ? weights[i + 1] : 0
                    dst[1 + i / 2] = hi << 4 | lo
                }
                best = direct
            }
        }
        return best
    }

    /// FSE-compresses the weights with two interleaved states; returns the
    /// size or nil when not worthwhile or not decodable as intended.
    func writeFSEWeights(_ weights: UnsafeMutablePointer<UInt8>, count: Int, to dst: UnsafeMutablePointer<UInt8>,
                         scratch: ZstdEncoderScratch) -> Int? {
        guard count >= 2 else { return nil }
        let counts = scratch.counts
        for s in 0..<16 { counts[s] = 0 }
        var maxCount = 0
        for i in 0..<count { counts[Int(weights[i])] += 1 }
        var present = 0
        for s in 0...ZstdHuffmanEncoder.maxCodeBits where counts[s] > 0 { present += 1; maxCount = max(maxCount, counts[s]) }
        guard present > 1, maxCount > 1 else { return nil }
        var table = scratch.fseWeights
        let log = min(6, ZstdFSEEncodingTable.chooseTableLog(total: count, present: present, maxLog: 6))
        guard table.normalize(counts: counts, symbolCount: ZstdHuffmanEncoder.maxCodeBits + 1, total: count, tableLog: log) else { return nil }
        table.buildEncodingTable(cells: scratch.cells, cumul: scratch.cumul)
        let headerSize = table.writeDescription(to: dst)
        var w = ZstdBitWriter(dst + headerSize)
        var s1: Int, s2: Int
        var i = count
        if count & 1 != 0 {
            s1 = table.initialState(Int(weights[i - 1]))
            s2 = table.initialState(Int(weights[i - 2]))
            i -= 2
            table.encode(&s1, Int(weights[i - 1]), &w)
            i -= 1
            w.flush()
        } else {
            s2 = table.initialState(Int(weights[i - 1]))
            s1 = table.initialState(Int(weights[i - 2]))
            i -= 2
        }
        while i > 0 {
            table.encode(&s2, Int(weights[i - 1]), &w)
            table.encode(&s1, Int(weights[i - 2]), &w)
            w.flush()
            i -= 2
        }
        table.flushState(s2, &w)
        table.flushState(s1, &w)
        let size = headerSize + w.closeStream()
        guard size < 128 else { return nil }
        // The decoder stops when a state update runs past the stream; make
        // sure that happens exactly after the last weight.
        let decoded = scratch.decodeCheck
        guard let n = try? ZstdHuffmanTable.decodeFSEWeights(UnsafePointer(dst), count: size, into: decoded.weights, scratch: decoded),
              n == count else { return nil }
        for k in 0..<count where decoded.weights[k] != weights[k] { return nil }
        return size
    }

    // MARK: - Streams

    /// Writes one stream of `count` literals; returns its size.
    @inline(__always)
    func writeStream(_ src: UnsafePointer<UInt8>, count: Int, to dst: UnsafeMutablePointer<UInt8>,
                     codes: UnsafePointer<UInt16>, lengths: UnsafePointer<UInt8>) -> Int {
        var w = ZstdBitWriter(dst)
        var i = count
        // Decoder reads literals first to last, so write them last to first.
        while i >= 4 {
            var s = Int(src[i - 1]); w.add(UInt64(codes[s]), Int(lengths[s]))
            s = Int(src[i - 2]); w.add(UInt64(codes[s]), Int(lengths[s]))
            s = Int(src[i - 3]); w.add(UInt64(codes[s]), Int(lengths[s]))
            s = Int(src[i - 4]); w.add(UInt64(codes[s]), Int(lengths[s]))
            w.flush()
            i -= 4
        }
        while i > 0 {
            let s = Int(src[i - 1]); w.add(UInt64(codes[s]), Int(lengths[s]))
            i -= 1
        }
        return w.closeStream()
    }

    /// Writes the literals as one stream or as four with a jump table;
    /// returns the size or nil if a stream is too large for the jump table.
    func writeStreams(_ src: UnsafePointer<UInt8>, count: Int, fourStreams: Bool, to dst: UnsafeMutablePointer<UInt8>) -> Int? {
        codes.withUnsafeBufferPointer { c in
            lengths.withUnsafeBufferPointer { l in
                let cp = c.baseAddress!, lp = l.baseAddress!
                if !fourStreams { return writeStream(src, count: count, to: dst, codes: cp, lengths: lp) }
                let segment = (count + 3) / 4
                var p = dst + 6
                var sizes = [0, 0, 0]
                for k in 0..<4 {
                    let start = k * segment
                    let n = k == 3 ? count - 3 * segment : segment
                    let size = writeStream(src + start, count: n, to: p, codes: cp, lengths: lp)
                    if k < 3 {
                        if size > 0xFFFF { return nil }
                        sizes[k] = size
                    }
                    p += size
                }
                for k in 0..<3 {
                    dst[2 * k] = UInt8(sizes[k] & 255)
                    dst[2 * k + 1] = UInt8(sizes[k] >> 8)
                }
                return p - dst
            }
        }
    }
}
