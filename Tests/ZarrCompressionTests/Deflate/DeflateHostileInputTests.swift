import XCTest
@testable import ZarrCompression

/// Corrupt input must throw or decode; it must never trap, hang or allocate
/// what a header claims.
final class DeflateHostileInputTests: XCTestCase {
    private func streams() throws -> [(String, [UInt8])] {
        [
            ("text.l9.raw", Array(try DeflateTestSupport.vector("text_fixed.raw"))),
            ("smooth.l6.raw", try DeflateTestSupport.vector("smooth_u16.l6.raw")),
            ("long.l1.raw", try DeflateTestSupport.vector("long_matches.l1.raw")),
            ("ours", Deflate.compress(DeflateTestSupport.text(6000, seed: 2), level: 6)),
            ("stored", Deflate.compress(DeflateTestSupport.text(3000, seed: 2), level: 0)),
        ]
    }

    func testRandomBitFlips() throws {
        var g = TestRandom(seed: 2024)
        var decoded = 0, failed = 0
        for (_, stream) in try streams() {
            for _ in 0..<600 {
                var corrupt = stream
                for _ in 0..<Int.random(in: 1...4, using: &g) {
                    let i = Int.random(in: 0..<corrupt.count, using: &g)
                    corrupt[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &g)
                }
                do {
                    _ = try Deflate.decompress(corrupt, maxOutputSize: 1 << 22)
                    decoded += 1
                } catch is CompressionError {
                    failed += 1
                }
            }
        }
        XCTAssertGreaterThan(failed, 0)
        XCTAssertEqual(decoded + failed, 3000)
    }

    func testTruncations() throws {
        for (name, stream) in try streams() {
            for cut in stride(from: 0, to: stream.count - 1, by: max(1, stream.count / 300)) {
                XCTAssertThrowsError(try Deflate.decompress(Array(stream[..<cut])), "\(name) cut at \(cut)")
            }
        }
        let gz = try DeflateTestSupport.vector("headers.gz")
        for cut in 0..<gz.count where cut % 7 == 0 || cut < 80 {
            XCTAssertThrowsError(try Gzip.decompress(Array(gz[..<cut])), "gzip cut at \(cut)")
        }
        let zz = try DeflateTestSupport.vector("text_fixed.raw")
        _ = zz
    }

    func testRandomGarbage() {
        var g = TestRandom(seed: 99)
        for n in 0..<1500 {
            let junk = TestRandom.bytes(n % 300, seed: g.next())
            _ = try? Deflate.decompress(junk, maxOutputSize: 1 << 20)
            _ = try? Zlib.decompress([0x78, 0x9C] + junk, maxOutputSize: 1 << 20)
            _ = try? Gzip.decompress([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255] + junk, maxOutputSize: 1 << 20)
        }
    }

    func testFlippedWrappers() throws {
        var g = TestRandom(seed: 7)
        let gz = try DeflateTestSupport.vector("headers.gz")
        let zz = try DeflateTestSupport.vector("smooth_u16.zz")
        for _ in 0..<500 {
            var a = gz, b = zz
            a[Int.random(in: 0..<a.count, using: &g)] ^= UInt8.random(in: 1...255, using: &g)
            b[Int.random(in: 0..<b.count, using: &g)] ^= UInt8.random(in: 1...255, using: &g)
            _ = try? Gzip.decompress(a)
            _ = try? Zlib.decompress(b)
        }
    }

    func testSpecificMalformedStreams() {
        func expect(_ bytes: [UInt8], _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(try Deflate.decompress(bytes), line: line) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
            }
        }
        expect([0x07], "invalid block type")
        expect([], "truncated")
        expect([0x01, 0x05, 0x00, 0x00, 0x00], "does not match")
        expect([0x01, 0x05, 0x00, 0xFA, 0xFF, 1, 2], "truncated")
        // Fixed block, literal 'a', then a match of distance 1 too early: 0x4b 0x04 is 'a'.
        // A fixed block whose first symbol is a length code with distance 1.
        expect([0x03, 0x02], "too far back")
        // Dynamic block with HLIT 287 (5 bits = 30).
        expect([0x05 | (30 << 3), 0x00, 0x00], "too many")
    }

    func testGzipHeaderClaimingHugeSizeDoesNotAllocateIt() throws {
        var gz = try DeflateTestSupport.vector("one.gz")
        // ISIZE = 0xFFFFFFFF: the hint is capped by the input size, and decoding
        // then fails on the length check, not on memory.
        for k in 1...4 { gz[gz.count - k] = 0xFF }
        XCTAssertThrowsError(try Gzip.decompress(gz))
        XCTAssertLessThan(Deflate.initialCapacity(inputCount: gz.count, expectedSize: Int(UInt32.max),
                                                  maxOutputSize: 1 << 40), 64 * 1024)
        XCTAssertLessThan(Deflate.initialCapacity(inputCount: 10, expectedSize: Int.max, maxOutputSize: Int.max),
                          20_000)
    }

    /// An output that fits the decoder's first (64-byte) buffer once slipped past the ceiling,
    /// because only growing the buffer checked it (found by the inflate fuzz target).
    func testSmallOutputAboveTheCeilingIsRefused() throws {
        let text = Array("eleven byte".utf8)
        for level in [0, 6] {
            let raw = Deflate.compress(text, level: level)
            XCTAssertEqual(try Deflate.decompress(raw, maxOutputSize: text.count), text)
            XCTAssertThrowsError(try Deflate.decompress(raw, maxOutputSize: text.count - 1))
            XCTAssertThrowsError(try Zlib.decompress(Zlib.compress(text, level: level), maxOutputSize: 5))
            XCTAssertThrowsError(try Gzip.decompress(Gzip.compress(text, level: level), maxOutputSize: 5))
        }
    }
}
