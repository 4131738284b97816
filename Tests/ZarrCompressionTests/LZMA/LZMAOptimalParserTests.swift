import XCTest
@testable import ZarrCompression

/// The optimal parser of presets 4-9: its output decodes back on every kind of input, it
/// survives the state resets of stored LZMA2 chunks, and it beats the fast parse.
final class LZMAOptimalParserTests: XCTestCase {
    /// Inputs of the kinds that stress a parser: empty, 1 byte, repetitive, incompressible, noisy.
    private static func inputs() -> [(String, [UInt8])] {
        [
            ("empty", []),
            ("one byte", [42]),
            ("zeros", [UInt8](repeating: 0, count: 20_000)),
            ("period 3", (0..<20_000).map { UInt8(truncatingIfNeeded: $0 % 3 &* 70) }),
            ("text", XZTestSupport.text(20_000, seed: 5)),
            ("random", TestRandom.bytes(20_000, seed: 6)),
            ("noisy field", XZTestSupport.smoothField(10_000, seed: 7)),
        ]
    }

    func testRoundTripsAtPresets4To9() throws {
        for (name, data) in Self.inputs() {
            for preset in 4...9 {
                let packed = XZTestSupport.compress(data, preset: preset)
                XCTAssertEqual(try XZTestSupport.decompress(packed, maxOutputSize: data.count), data, "\(name) p\(preset)")
            }
            let alone = XZTestSupport.compressAlone(data, preset: 6)
            XCTAssertEqual(try XZTestSupport.decompressAlone(alone, maxOutputSize: data.count), data, "\(name) alone")
        }
    }

    /// Several LZMA2 chunks, stored ones among them (their state reset lands inside a plan).
    func testManyChunksWithStoredOnes() throws {
        let field = XZTestSupport.smoothField(150_000, seed: 8)
        let random = TestRandom.bytes(140_000, seed: 9)
        let mixed = Array(random.prefix(70_000)) + field.prefix(100_000) + random.suffix(70_000) + field.suffix(50_000)
        for data in [field, mixed] {
            let packed = XZTestSupport.compress(data, preset: 6)
            XCTAssertEqual(try XZTestSupport.decompress(packed), data, "\(data.count) bytes")
        }
    }

    /// Pricing pays: preset 6 is smaller than the fast parse at preset 3 on noisy data and text.
    func testSmallerThanTheFastParse() {
        for data in [XZTestSupport.smoothField(30_000, seed: 10), XZTestSupport.text(60_000, seed: 11)] {
            XCTAssertLessThan(XZTestSupport.compress(data, preset: 6).count, XZTestSupport.compress(data, preset: 3).count)
        }
    }
}
