import XCTest
@testable import ZarrCompression

/// Our encoder's streams decode back (here; BZip2InteropExportTests has libbz2 decode them).
final class BZip2EncoderTests: XCTestCase {
    func testRoundTripsAtLevels1And9() throws {
        for (name, input) in BZip2TestSupport.roundTripInputs() {
            for level in [1, 9] {
                let stream = BZip2TestSupport.compress(input, level: level)
                XCTAssertEqual(Array(stream.prefix(4)), Array("BZh\(level)".utf8), name)
                XCTAssertEqual(try BZip2TestSupport.decompress(stream), input, "\(name) level \(level)")
            }
        }
    }

    func testEveryLevelRoundTrips() throws {
        let input = TestRandom.text(300_000, seed: 5, words: ["a", "bb", "ccc", "dddd"], newlineOneIn: 5)
        for level in 1...9 {
            let stream = BZip2TestSupport.compress(input, level: level)
            XCTAssertEqual(try BZip2TestSupport.decompress(stream), input, "level \(level)")
        }
    }

    func testEmptyInputIsTheFourteenByteStream() {
        XCTAssertEqual(BZip2TestSupport.compress([], level: 9),
                       [0x42, 0x5A, 0x68, 0x39, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90, 0, 0, 0, 0])
    }

    func testRandomisedBlocksRoundTrip() throws {
        let input = TestRandom.text(150_000, seed: 6, words: ["x", "yy"], newlineOneIn: 3)
        let stream = input.withUnsafeBufferPointer { BZip2Encoder.compress($0.baseAddress!, count: $0.count, level: 1, randomise: true) }
        XCTAssertEqual(try BZip2TestSupport.decompress(stream), input)
    }

    func testSuffixSortMatchesNaiveOrder() {
        var g = TestRandom(seed: 12)
        for trial in 0..<300 {
            let n = 1 + g.below(200)
            let k = 1 + g.below(trial % 3 == 0 ? 2 : 6)
            let text = (0..<n).map { _ in UInt8(g.below(k)) }
            var sa = [Int32](repeating: 0, count: n)
            text.withUnsafeBufferPointer { t in
                sa.withUnsafeMutableBufferPointer { BZip2SuffixSort.sort(t.baseAddress!, count: n, alphabetSize: 256, into: $0.baseAddress!) }
            }
            let naive = (0..<n).sorted { text[$0...].lexicographicallyPrecedes(text[$1...]) }
            XCTAssertEqual(sa.map(Int.init), naive, "trial \(trial)")
        }
    }
}
