import XCTest
@testable import ZarrCompression

/// Corrupt blocks must throw or decode within the output; never trap, hang
/// or allocate more than the caller's size.
final class LZ4HostileInputTests: XCTestCase {
    private func streams() throws -> [(String, [UInt8], Int)] {
        let text = LZ4TestSupport.text(5000, seed: 21)
        return [
            ("text hc9", try LZ4TestSupport.vector("exact/text_8000.hc9.lz4"), 8000),
            ("u16 fast1", try LZ4TestSupport.vector("exact/u16_8000.fast1.lz4"), 8000),
            ("f32 hc12", try LZ4TestSupport.vector("exact/f32_8000.hc12.lz4"), 8000),
            ("text fast17", try LZ4TestSupport.vector("exact/text_8000.fast17.lz4"), 8000),
            ("ours hc5", LZ4TestSupport.compressHC(text, level: 5), text.count),
        ]
    }

    func testRandomCorruptions() throws {
        var g = TestRandom(seed: 2027)
        var decoded = 0, failed = 0
        for (name, stream, size) in try streams() {
            for round in 0..<620 {
                var corrupt = stream
                for _ in 0..<(1 + g.below(4)) {
                    let i = g.below(corrupt.count)
                    // Bit flips, and now and then a whole byte (255 lengths, zero offsets).
                    corrupt[i] = round % 5 == 0 ? [0, 255, 0x0F, 0xF0][g.below(4)] : corrupt[i] ^ UInt8(1) << UInt8(g.below(8))
                }
                do {
                    let out = try LZ4TestSupport.decompress(corrupt, decodedSize: size)
                    XCTAssertEqual(out.count, size, name)
                    decoded += 1
                } catch let error as CompressionError {
                    XCTAssertTrue(error.message.hasPrefix("lz4: "), error.message)
                    failed += 1
                }
                // A roomier buffer: the decoder stays inside it too.
                _ = try? LZ4TestSupport.decodeBlock(corrupt, capacity: size + 333)
            }
        }
        XCTAssertGreaterThan(failed, 2000)
        XCTAssertEqual(decoded + failed, 3100)
    }

    func testTruncations() throws {
        var cuts = 0
        for (name, stream, size) in try streams() {
            for cut in stride(from: 0, to: stream.count, by: max(1, stream.count / 250)) {
                XCTAssertThrowsError(try LZ4TestSupport.decompress(Array(stream[..<cut]), decodedSize: size),
                                     "\(name) cut at \(cut)")
                cuts += 1
            }
        }
        XCTAssertGreaterThan(cuts, 1000)
    }

    func testRandomGarbage() {
        var g = TestRandom(seed: 99)
        for n in 0..<1500 {
            let junk = TestRandom.bytes(1 + n % 200, seed: g.next())
            _ = try? LZ4TestSupport.decodeBlock(junk, capacity: g.below(2000))
            _ = try? LZ4TestSupport.decompress(junk, decodedSize: g.below(5000))
        }
    }

    // MARK: - Named cases

    private func expect(_ block: [UInt8], capacity: Int = 100, _ fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try LZ4TestSupport.decodeBlock(block, capacity: capacity), line: line) { error in
            XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
        }
    }

    func testMatchOffsets() {
        expect([0x10, 65, 0, 0, 0x00], "match offset 0")
        expect([0x10, 65, 2, 0, 0x00], "offset 2 reaches before the start of the output (1 bytes decoded)")
        expect([0x00, 1, 0, 0x00], "offset 1 reaches before the start")
        // The same far from the end, on the fast path.
        let tail = [UInt8](repeating: 0x00, count: 100)
        expect([0x40, 1, 2, 3, 4, 0, 0] + tail, capacity: 1000, "match offset 0")
        expect([0x40, 1, 2, 3, 4, 5, 0] + tail, capacity: 1000, "offset 5 reaches before the start")
    }

    func testLengthsRunningPastTheBuffers() {
        expect([0x50, 1, 2, 3], "literal run of 5 bytes runs past the end of the input")
        expect([0xF0, 40] + [UInt8](repeating: 1, count: 50), "literal run of 55 bytes runs past the end of the input")
        expect([0x50, 1, 2, 3, 4, 5], capacity: 4, "literal run of 5 bytes runs past the end of the output")
        expect([0x1F, 7, 1, 0, 200, 0x00], capacity: 100, "match of 219 bytes runs past the end of the output")
        // Past the output while on the fast path.
        expect([0x1F, 7, 1, 0, 255, 255, 10] + [UInt8](repeating: 0, count: 60), capacity: 200,
               "match of 539 bytes runs past the end of the output")
        expect([0x10, 7, 1, 0], "block ends after a match")
        expect([0x10, 7, 1], "block ends inside a match offset")
        expect([0xF0, 255, 255], "block ends inside a literal length")
        expect([0x1F, 7, 1, 0, 255], "block ends inside a match length")
    }

    /// Length fields made of many 255 bytes: their sums stay exact (no
    /// overflow), and they are refused for running past the buffers.
    func testLongContinuationLengths() {
        let manyFF = [UInt8](repeating: 255, count: 3_000_000)
        expect([0xF0] + manyFF + [0], "literal run of 765000015 bytes runs past the end of the input")
        expect([0x1F, 7, 1, 0] + manyFF + [254, 0x00], capacity: 1 << 20, "match of 765000273 bytes runs past")
    }

    /// A declared size no block of this length can reach is refused before anything is allocated.
    func testImpossibleDecodedSizeIsRefusedUpFront() {
        XCTAssertThrowsError(try LZ4TestSupport.decompress([0x00], decodedSize: Int.max)) { error in
            XCTAssertTrue("\(error)".contains("cannot decode to"), "\(error)")
        }
        XCTAssertThrowsError(try LZ4TestSupport.decompress([0x1F, 7, 1, 0, 255, 0], decodedSize: 1 << 40))
        // The largest size the bound allows is still attempted (and fails on the content).
        XCTAssertThrowsError(try LZ4TestSupport.decompress([0x1F, 7, 1, 0, 255, 0], decodedSize: 6 * 255 + 64)) { error in
            XCTAssertTrue("\(error)".contains("block ends after a match"), "\(error)")
        }
    }
}
