import XCTest
@testable import ZarrCompression

/// The double-symbol Huffman loops against the single-symbol ones: same
/// output on valid streams, and no trap on corrupted ones.
final class ZstdHuffmanPairTests: XCTestCase {
    /// Literals with a geometric-ish distribution of the given skew.
    static func skewed(_ n: Int, alphabet: Int, skew: Double, rng: inout TestRandom) -> [UInt8] {
        (0..<n).map { _ in
            var s = 0
            while s < alphabet - 1 && Double(rng.below(1000)) / 1000 < skew { s += 1 }
            return UInt8(s)
        }
    }

    /// Encodes `lit` with our Huffman encoder; returns (tree + streams).
    static func encode(_ lit: [UInt8], fourStreams: Bool) -> (tree: [UInt8], streams: [UInt8])? {
        var counts = [Int](repeating: 0, count: 256)
        for b in lit { counts[Int(b)] += 1 }
        guard counts.filter({ $0 > 0 }).count >= 2 else { return nil }
        var enc = ZstdHuffmanEncoder()
        counts.withUnsafeBufferPointer { enc.build(counts: $0.baseAddress!) }
        let scratch = ZstdEncoderScratch()
        var tree = [UInt8](repeating: 0, count: 512)
        guard let treeSize = tree.withUnsafeMutableBufferPointer({ enc.writeDescription(to: $0.baseAddress!, scratch: scratch) })
        else { return nil }
        var out = [UInt8](repeating: 0, count: lit.count * 2 + 64)
        guard let size = lit.withUnsafeBufferPointer({ l in
            out.withUnsafeMutableBufferPointer { enc.writeStreams(l.baseAddress!, count: lit.count, fourStreams: fourStreams, to: $0.baseAddress!) }
        }) else { return nil }
        return (Array(tree.prefix(treeSize)), Array(out.prefix(size)))
    }

    /// Decodes with a fresh table; `pairs` forces the pair table or the single one.
    static func decode(tree: [UInt8], streams: [UInt8], count: Int, fourStreams: Bool, pairs: Bool) throws -> [UInt8] {
        var table = ZstdHuffmanTable()
        let scratch = ZstdDecoderScratch()
        defer { table.deallocate(); scratch.deallocate() }
        _ = try tree.withUnsafeBufferPointer { try table.readDescription($0.baseAddress!, count: tree.count, scratch: scratch) }
        if pairs { table.buildPairs() }
        var out = [UInt8](repeating: 0, count: count + ZstdDecoderState.slack)
        try streams.withUnsafeBufferPointer { s in
            try out.withUnsafeMutableBufferPointer { o in
                switch (fourStreams, pairs) {
                case (true, true):
                    guard s.count >= 10 else { throw CompressionError("short") }
                    try table.decodeFourStreamsPairs(s.baseAddress!, size: s.count, into: o.baseAddress!, outCount: count)
                case (false, true):
                    try table.decodeStreamPairs(s.baseAddress!, size: s.count, into: o.baseAddress!, outCount: count)
                case (true, false):
                    table.pairState = .notUseful
                    try table.decodeFourStreams(s.baseAddress!, size: s.count, into: o.baseAddress!, outCount: count)
                case (false, false):
                    table.pairState = .notUseful
                    try table.decodeStream(s.baseAddress!, size: s.count, into: o.baseAddress!, outCount: count)
                }
            }
        }
        return Array(out.prefix(count))
    }

    func testPairLoopsMatchSingleLoops() throws {
        var rng = TestRandom(seed: 4242)
        var checked = 0
        for round in 0..<60 {
            let n = [300, 1000, 4096, 5000, 40000, 131072][round % 6]
            let alphabet = [2, 3, 17, 64, 200, 256][(round / 6) % 6]
            let skew = [0.3, 0.6, 0.9, 0.97][round % 4]
            let lit = ZstdHuffmanPairTests.skewed(n, alphabet: alphabet, skew: skew, rng: &rng)
            for four in [true, false] where !(four && n < 256) {
                guard let (tree, streams) = ZstdHuffmanPairTests.encode(lit, fourStreams: four) else { continue }
                let a = try ZstdHuffmanPairTests.decode(tree: tree, streams: streams, count: n, fourStreams: four, pairs: true)
                let b = try ZstdHuffmanPairTests.decode(tree: tree, streams: streams, count: n, fourStreams: four, pairs: false)
                XCTAssertEqual(a, lit, "pairs n=\(n) alphabet=\(alphabet) skew=\(skew) four=\(four)")
                XCTAssertEqual(b, lit, "single n=\(n) alphabet=\(alphabet) skew=\(skew) four=\(four)")
                checked += 1

                // Corruptions and truncations: decode or throw, never trap.
                for _ in 0..<20 {
                    var bad = streams
                    if rng.below(3) == 0 {
                        bad = Array(bad.prefix(rng.below(bad.count)))
                    } else {
                        for _ in 0..<(1 + rng.below(4)) {
                            bad[rng.below(bad.count)] = UInt8(truncatingIfNeeded: rng.next() as UInt64)
                        }
                    }
                    let count = rng.below(4) == 0 ? n + rng.below(64) - 32 : n
                    guard count >= 1 else { continue }
                    _ = try? ZstdHuffmanPairTests.decode(tree: tree, streams: bad, count: count, fourStreams: four, pairs: true)
                    _ = try? ZstdHuffmanPairTests.decode(tree: tree, streams: bad, count: count, fourStreams: four, pairs: false)
                }
            }
        }
        XCTAssertGreaterThan(checked, 80)
    }

    /// The pair count computed from the weights matches the built table.
    func testPairEstimateMatchesTable() throws {
        var rng = TestRandom(seed: 99)
        for round in 0..<40 {
            let lit = ZstdHuffmanPairTests.skewed(5000, alphabet: 1 + rng.below(255) + 1, skew: [0.2, 0.5, 0.8, 0.95][round % 4], rng: &rng)
            guard let (tree, _) = ZstdHuffmanPairTests.encode(lit, fourStreams: true) else { continue }
            var table = ZstdHuffmanTable()
            let scratch = ZstdDecoderScratch()
            defer { table.deallocate(); scratch.deallocate() }
            _ = try tree.withUnsafeBufferPointer { try table.readDescription($0.baseAddress!, count: tree.count, scratch: scratch) }
            let predictedUseful = table.pairState == .notBuilt
            table.buildPairs()
            XCTAssertEqual(predictedUseful, table.pairState == .useful)
        }
    }
}
