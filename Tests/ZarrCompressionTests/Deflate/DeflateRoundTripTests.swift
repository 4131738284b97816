import XCTest
@testable import ZarrCompression

/// Our compressor's output at every level must decode back to the input.
final class DeflateRoundTripTests: XCTestCase {
    private static let sizes = [0, 1, 2, 3, 257, 65535, 65536, 65537]

    private static func shapes(_ n: Int) -> [(String, [UInt8])] {
        [
            ("zeros", [UInt8](repeating: 0, count: n)),
            ("random", TestRandom.bytes(n, seed: UInt64(n) + 1)),
            ("smooth", DeflateTestSupport.smoothUInt16(n)),
            ("text", DeflateTestSupport.text(n, seed: UInt64(n))),
        ]
    }

    private func check(_ data: [UInt8], level: Int, _ label: String) throws {
        let raw = Deflate.compress(data, level: level)
        XCTAssertEqual(try Deflate.decompress(raw, expectedSize: data.count), data, "raw \(label) level \(level)")
        // Incompressible data grows by no more than stored-block headers
        // (one per block of symbols, or per 65535 bytes).
        let blocks = data.count / min(DeflateBlockEncoder.maxSymbols, 65535) + 2
        XCTAssertLessThanOrEqual(raw.count, data.count + 5 * blocks, "\(label) level \(level)")
        // The wrappers add only headers and checksums: a few levels suffice.
        guard [0, 1, 6, 9].contains(level) else { return }
        let zz = Zlib.compress(data, level: level)
        XCTAssertEqual(try Zlib.decompress(zz), data, "zlib \(label) level \(level)")
        let gz = Gzip.compress(data, level: level)
        XCTAssertEqual(try Gzip.decompress(gz), data, "gzip \(label) level \(level)")
    }

    func testAllSizesShapesAndLevels() throws {
        for n in Self.sizes {
            for (name, data) in Self.shapes(n) {
                for level in 0...9 {
                    try check(data, level: level, "\(name) n=\(n)")
                }
            }
        }
    }

    func testOneMegabyte() throws {
        let n = 1 << 20
        for (name, data) in Self.shapes(n) {
            for level in [0, 1, 5, 9] {
                let raw = Deflate.compress(data, level: level)
                XCTAssertEqual(try Deflate.decompress(raw), data, "\(name) 1 MiB level \(level)")
            }
        }
    }

    func testLevelsOutsideRangeAreClamped() throws {
        let data = DeflateTestSupport.text(5000, seed: 3)
        XCTAssertEqual(Deflate.compress(data, level: -4), Deflate.compress(data, level: 0))
        XCTAssertEqual(Deflate.compress(data, level: 42), Deflate.compress(data, level: 9))
    }

    func testCompressionActuallyCompresses() {
        let text = DeflateTestSupport.text(100_000, seed: 9)
        let zeros = [UInt8](repeating: 0, count: 100_000)
        for level in 1...9 {
            XCTAssertLessThan(Deflate.compress(text, level: level).count, 45_000, "level \(level)")
            XCTAssertLessThan(Deflate.compress(zeros, level: level).count, level < 4 ? 500 : 120, "level \(level)")
        }
        XCTAssertLessThanOrEqual(Deflate.compress(text, level: 9).count, Deflate.compress(text, level: 1).count)
    }

    func testEmptyInputEncodings() {
        XCTAssertEqual(Deflate.compress([UInt8](), level: 0), [0x01, 0x00, 0x00, 0xFF, 0xFF])
        XCTAssertEqual(Deflate.compress([UInt8](), level: 6), [0x03, 0x00])
    }

    func testCodeLengthsAreLimited() throws {
        // Fibonacci-like frequencies force an unlimited Huffman code past 15 bits.
        var data: [UInt8] = []
        var a = 1, b = 1
        for symbol in 0..<22 {
            data += [UInt8](repeating: UInt8(symbol * 9), count: a)
            (a, b) = (b, a + b)
        }
        var g = TestRandom(seed: 77)
        data.shuffle(using: &g)
        for level in [1, 6, 9] {
            XCTAssertEqual(try Deflate.decompress(Deflate.compress(data, level: level)), data)
        }
        var lengths = [UInt8](repeating: 0, count: 30)
        var frequencies = [UInt32](repeating: 0, count: 30)
        a = 1; b = 1
        for s in 0..<30 { frequencies[s] = UInt32(a); (a, b) = (b, a + b) }
        frequencies.withUnsafeBufferPointer { f in
            lengths.withUnsafeMutableBufferPointer { l in
                DeflateHuffmanEncoder.lengths(frequencies: f.baseAddress!, count: 30, limit: 15, into: l.baseAddress!)
            }
        }
        XCTAssertEqual(lengths.max(), 15)
        let kraft = lengths.reduce(0) { $0 + (1 << (15 - Int($1))) }
        XCTAssertEqual(kraft, 1 << 15)
    }
}
