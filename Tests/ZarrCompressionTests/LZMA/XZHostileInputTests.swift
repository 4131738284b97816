import Foundation
import XCTest
@testable import ZarrCompression

/// Corrupt .xz and .lzma files must throw or decode within the bound; never trap, hang
/// or allocate more than the caller's maximum.
final class XZHostileInputTests: XCTestCase {
    private func streams() throws -> [(String, [UInt8], Bool)] {
        let text = XZTestSupport.text(6000, seed: 5)
        return [
            ("text p6", try XZTestSupport.vector("text_5000.p6.xz"), false),
            ("u16 delta2", try XZTestSupport.vector("u16_5000.delta2.xz"), false),
            ("f32 sha256", try XZTestSupport.vector("f32_5000.sha256.xz"), false),
            ("text blocks", try XZTestSupport.vector("text_5000.blocks.xz"), false),
            ("alone", try XZTestSupport.vector("text_5000.alone6.lzma"), true),
            ("ours p1", XZTestSupport.compress(text, preset: 1, check: .crc32), false),
        ]
    }

    private func decode(_ data: [UInt8], alone: Bool, max: Int) throws -> [UInt8] {
        alone ? try XZTestSupport.decompressAlone(data, maxOutputSize: max) : try XZTestSupport.decompress(data, maxOutputSize: max)
    }

    /// A .lzma header (unknown size) followed by a few zero bytes: past the input the range coder
    /// would read zeros and decode literals up to the output limit; it must stop at the input's end.
    func testZerosAfterTheHeaderDoNotDecodeToTheLimit() {
        let header: [UInt8] = [0x5D, 0x00, 0x00, 0x10, 0x00] + [UInt8](repeating: 0xFF, count: 8)
        for tail in [[UInt8](repeating: 0, count: 5), [UInt8](repeating: 0, count: 40)] {
            let start = Date()
            XCTAssertThrowsError(try XZTestSupport.decompressAlone(header + tail, maxOutputSize: 1 << 30))
            XCTAssertLessThan(Date().timeIntervalSince(start), 0.5, "stopped at the end of the input")
        }
        // With a declared size: no allocation of the declared size before decoding.
        var sized: [UInt8] = [0x5D, 0x00, 0x00, 0x10, 0x00]
        withUnsafeBytes(of: UInt64(1 << 29).littleEndian) { sized += $0 }
        XCTAssertThrowsError(try XZTestSupport.decompressAlone(sized + [UInt8](repeating: 0, count: 5), maxOutputSize: 1 << 30))
    }

    func testRandomCorruptions() throws {
        var g = TestRandom(seed: 2031)
        var decoded = 0, failed = 0
        for (name, stream, alone) in try streams() {
            for round in 0..<520 {
                var corrupt = stream
                for _ in 0..<(1 + g.below(4)) {
                    let i = g.below(corrupt.count)
                    corrupt[i] = round % 5 == 0 ? [0, 255, 0x80, 0x7F][g.below(4)] : corrupt[i] ^ UInt8(1) << UInt8(g.below(8))
                }
                do {
                    let out = try decode(corrupt, alone: alone, max: 8000)
                    XCTAssertLessThanOrEqual(out.count, 8000, name)
                    decoded += 1
                } catch let error as CompressionError {
                    XCTAssertTrue(error.message.hasPrefix(alone ? "lzma: " : "xz: "), error.message)
                    failed += 1
                }
            }
        }
        XCTAssertEqual(decoded + failed, 3120)
        // The checks catch what the format does not (.lzma has none, so some decode).
        XCTAssertGreaterThan(failed, 2800)
    }

    func testTruncations() throws {
        var cuts = 0
        for (name, stream, alone) in try streams() {
            for cut in stride(from: 0, to: stream.count, by: max(1, stream.count / 200)) {
                XCTAssertThrowsError(try decode(Array(stream[..<cut]), alone: alone, max: 8000), "\(name) cut at \(cut)")
                cuts += 1
            }
        }
        XCTAssertGreaterThan(cuts, 1000)
    }

    func testRandomGarbage() {
        var g = TestRandom(seed: 77)
        let header = XZFormat.headerMagic + [0, 1, 0x69, 0x22, 0xDE, 0x36]
        for n in 0..<1500 {
            let junk = TestRandom.bytes(1 + n % 300, seed: g.next())
            _ = try? XZTestSupport.decompress(header + junk, maxOutputSize: g.below(5000))
            _ = try? XZTestSupport.decompressAlone([0x5D, 0, 0, 1, 0] + junk, maxOutputSize: g.below(5000))
        }
    }

    // MARK: - Named cases

    private func expect(_ data: [UInt8], alone: Bool = false, max: Int = 1 << 20, _ fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try decode(data, alone: alone, max: max), line: line) { error in
            XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
        }
    }

    /// A stream of one block with `header` (its CRC recomputed) and `data`, check none.
    private func stream(blockHeader body: [UInt8], data: [UInt8], size: Int = 0, records: [XZIndexRecord]? = nil) -> [UInt8] {
        var header = body
        header += [UInt8](repeating: 0, count: XZFormat.padding(header.count + 4))
        header[0] = UInt8((header.count + 4) / 4 - 1)
        XZFormat.append32(CRC32.checksum(header), to: &header)
        var out = XZFormat.headerMagic + [0, 0]
        XZFormat.append32(CRC32.checksum([0, 0]), to: &out)
        out += header + data + [UInt8](repeating: 0, count: XZFormat.padding(data.count))
        let index = XZIndex.encoded(records ?? [XZIndexRecord(unpaddedSize: UInt64(header.count + data.count), uncompressedSize: UInt64(size))])
        out += index
        var footer: [UInt8] = []
        XZFormat.append32(UInt32(index.count / 4 - 1), to: &footer)
        footer += [0, 0]
        XZFormat.append32(CRC32.checksum(footer), to: &out)
        return out + footer + XZFormat.footerMagic
    }

    func testFilterChains() {
        expect(stream(blockHeader: [0, 0, 0x21, 1, 41], data: [0]), "dictionary size byte 41 is above 40")
        expect(stream(blockHeader: [0, 0, 0x04, 0], data: [0]), "BCJ) filter 4 is not supported")
        expect(stream(blockHeader: [0, 0, 0x0A, 0], data: [0]), "filter 10 is not supported")
        expect(stream(blockHeader: [0, 0, 0x33, 1, 0], data: [0]), "unknown filter id 51")
        expect(stream(blockHeader: [0, 1, 0x21, 1, 16, 0x21, 1, 16], data: [0]), "LZMA2 must be the last filter")
        expect(stream(blockHeader: [0, 0, 0x03, 1, 0], data: [0]), "delta filter cannot end")
        expect(stream(blockHeader: [0, 4, 0x21, 1, 16], data: [0]), "reserved flags")
        // The largest dictionary is accepted and costs nothing (the output is the dictionary).
        XCTAssertEqual(try XZTestSupport.decompress(stream(blockHeader: [0, 0, 0x21, 1, 40], data: [0])), [])
    }

    func testLZMA2Chunks() {
        let lzma2: [UInt8] = [0, 0, 0x21, 1, 16]
        // Sizes past the input.
        expect(stream(blockHeader: lzma2, data: [0xE0, 0xFF, 0xFF, 0xFF, 0xFF, 0x5D, 0, 0, 0, 0, 0, 0]), "runs past the input")
        expect(stream(blockHeader: lzma2, data: [0x01, 0xFF, 0xFF, 1, 2, 3, 0]), "runs past the input")
        // Chunk sizes past the maximum output.
        expect(stream(blockHeader: lzma2, data: [0x01, 0x00, 0x09] + [UInt8](repeating: 7, count: 10) + [0]), max: 5,
               "exceeds the maximum of 5 bytes")
        // lc + lp > 4 in the properties byte; properties above 224.
        expect(stream(blockHeader: lzma2, data: [0xE0, 0, 0, 0, 4, 4 * 9 + 1, 0, 0, 0, 0, 0, 0]), "lc 1 + lp 4 above 4")
        expect(stream(blockHeader: lzma2, data: [0xE0, 0, 0, 0, 4, 225, 0, 0, 0, 0, 0, 0]), "out of range")
        expect(stream(blockHeader: lzma2, data: [0x80, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0]), "does not reset the dictionary")
        expect(stream(blockHeader: lzma2, data: [0x01, 0, 0, 7, 0xA0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0]), "needs new properties")
        expect(stream(blockHeader: lzma2, data: [0x01, 0, 0, 7, 0x03, 0]), "invalid LZMA2 control byte 3")
        expect(stream(blockHeader: [0, 0x40, 4, 0x21, 1, 16], data: [0x01, 0, 0, 7]), "ends without its end byte")
        // Declared sizes in the block header that the data does not have.
        let declared: [UInt8] = [0, 0x80, 5, 0x21, 1, 16]
        expect(stream(blockHeader: declared, data: [0x01, 0, 1, 7, 7, 0]), "its header says 5")
        expect(stream(blockHeader: [0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x21, 1, 16], data: [0]), max: 1000,
               "exceeds the maximum output of 1000 bytes")
    }

    func testIndexAndChecks() throws {
        let lzma2: [UInt8] = [0, 0, 0x21, 1, 16]
        let good = stream(blockHeader: lzma2, data: [0x01, 0, 1, 7, 7, 0], size: 2)
        XCTAssertEqual(try XZTestSupport.decompress(good), [7, 7])
        expect(stream(blockHeader: lzma2, data: [0x01, 0, 1, 7, 7, 0], records: [XZIndexRecord(unpaddedSize: 18, uncompressedSize: 3)]),
               "index record 0")
        expect(stream(blockHeader: lzma2, data: [0x01, 0, 1, 7, 7, 0], records: []), "index lists 0 blocks")
        var crc = try XZTestSupport.vector("text_5000.crc32.xz")
        crc[crc.count - 12 - 12 - 1] ^= 1
        expect(crc, "crc32 check mismatch")
        var sha = try XZTestSupport.vector("text_5000.sha256.xz")
        sha[sha.count - 12 - 12 - 1] ^= 1
        expect(sha, "sha256 check mismatch")
        var unknownCheck = try XZTestSupport.vector("text_5000.crc32.xz")
        unknownCheck[7] = 2
        unknownCheck.replaceSubrange(8..<12, with: withUnsafeBytes(of: CRC32.checksum([0, 2]).littleEndian, Array.init))
        expect(unknownCheck, "check type 2 is not supported")
        expect(good + [0, 0, 0], "stream padding of 3 bytes")
        expect(good + [1, 2, 3, 4], "data after a stream is not a stream")
        expect([], "empty input")
    }

    func testAloneHeaders() {
        expect([0x5D, 0, 0, 1], alone: true, "needs 13 bytes")
        expect([9 * 5 * 5] + [UInt8](repeating: 0, count: 20), alone: true, "out of range")
        // A declared size above the maximum is refused before any allocation.
        expect([0x5D, 0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 0], alone: true, max: 1 << 20,
               "above the maximum")
        // No end marker within the maximum output.
        let noMarker: [UInt8] = [0x5D, 0, 0, 1, 0] + [UInt8](repeating: 0xFF, count: 8) + [0, 0x41, 0xFE, 0xF3, 0x9C] + [UInt8](repeating: 0x55, count: 200)
        XCTAssertThrowsError(try XZTestSupport.decompressAlone(noMarker, maxOutputSize: 50))
    }
}
