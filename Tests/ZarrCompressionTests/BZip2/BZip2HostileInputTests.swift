import XCTest
@testable import ZarrCompression

/// Corrupt streams must throw or decode within the bound; never trap, hang or
/// allocate more than the declared block size and the output bound allow.
final class BZip2HostileInputTests: XCTestCase {
    private func streams() throws -> [(String, [UInt8])] {
        let text = TestRandom.text(4000, seed: 31, words: ["zarr", "chunk", "of", "the"], newlineOneIn: 8)
        var g = TestRandom(seed: 5)
        let noisy = (0..<3000).map { i in UInt8(truncatingIfNeeded: 128 + Int(40 * sin(Double(i) / 17)) + g.below(9)) }
        return [
            ("libbz2 edges.9", try BZip2TestSupport.vector("edges.9.bz2")),
            ("libbz2 period7.1", try BZip2TestSupport.vector("period7.1.bz2")),
            ("libbz2 multi", Array(try BZip2TestSupport.vector("short.1.bz2") + BZip2TestSupport.vector("edges.2.bz2"))),
            ("ours text", BZip2TestSupport.compress(text, level: 1)),
            ("ours noisy", BZip2TestSupport.compress(noisy, level: 9)),
        ]
    }

    func testRandomCorruptions() throws {
        var g = TestRandom(seed: 2028)
        var decoded = 0, failed = 0
        for (name, stream) in try streams() {
            for round in 0..<620 {
                var corrupt = stream
                for _ in 0..<(1 + g.below(3)) {
                    // Past the 4-byte header now and then, so most rounds reach the blocks.
                    let i = round % 7 == 0 ? g.below(corrupt.count) : 4 + g.below(corrupt.count - 4)
                    corrupt[i] = round % 5 == 0 ? [0, 255, 0x0F, 0xF0][g.below(4)] : corrupt[i] ^ UInt8(1) << UInt8(g.below(8))
                }
                do {
                    let out = try BZip2TestSupport.decompress(corrupt, maxOutputSize: 20_000)
                    XCTAssertLessThanOrEqual(out.count, 20_000, name)
                    decoded += 1
                } catch let error as CompressionError {
                    XCTAssertTrue(error.message.hasPrefix("bzip2: "), error.message)
                    failed += 1
                }
                _ = try? BZip2TestSupport.decompress(corrupt, capacity: 700)
            }
        }
        // Every block carries a CRC, so almost every corruption is caught.
        XCTAssertGreaterThan(failed, 3000)
        XCTAssertEqual(decoded + failed, 3100)
    }

    func testTruncations() throws {
        var cuts = 0
        // A cut just after the first of two streams leaves a whole stream and a partial
        // "BZh" header, which is ignored as trailing bytes.
        let first = try BZip2TestSupport.vector("short.1.bz2").count
        for (name, stream) in try streams() {
            for cut in 1..<stream.count where !(name == "libbz2 multi" && cut >= first && cut < first + 4) {
                XCTAssertThrowsError(try BZip2TestSupport.decompress(Array(stream[..<cut])), "\(name) cut at \(cut)")
                cuts += 1
            }
        }
        XCTAssertGreaterThan(cuts, 3000)
    }

    func testRandomGarbageAfterAHeader() {
        var g = TestRandom(seed: 77)
        for n in 0..<1500 {
            let junk = Array("BZh\(1 + n % 9)".utf8) + Array("1AY&SY".utf8) + TestRandom.bytes(n % 300, seed: g.next())
            XCTAssertThrowsError(try BZip2TestSupport.decompress(junk, maxOutputSize: 50_000))
        }
    }

    // MARK: - Named cases, on a hand-built block

    /// A level-1 stream of one block decoding to "a": one byte in use ("a", or "a" and "b"),
    /// two tables of lengths (RUNA 2, RUNB 1, EOB 2), so RUNA = 10, RUNB = 0, EOB = 11; the
    /// arguments change any part.
    private func craft(level: UInt8 = 0x31, twoBytes: Bool = false, origin: UInt32 = 0, tableCount: UInt32 = 2, selectors: [Int] = [0],
                       lengths: [Int] = [2, 1, 2], symbols: [(UInt32, Int)] = [(0b10, 2), (0b11, 2)],
                       crc: UInt32? = nil, streamCRC: UInt32? = nil) -> [UInt8] {
        let blockCRC = crc ?? CRC32BZip2.checksum(Array("a".utf8))
        var w = BZip2BitWriter(initialCapacity: 4096)
        w.reserve(4000)
        for byte in [0x42, 0x5A, 0x68, level] { w.write(UInt32(byte), 8) }
        w.write48(BZip2Format.blockMagic)
        w.write(blockCRC, 32)
        w.write(0, 1)
        w.write(origin, 24)
        w.write(0x8000 >> 6, 16)  // 'a' = 0x61: range 6, byte 1 of it
        w.write(twoBytes ? 0x8000 >> 1 | 0x8000 >> 2 : 0x8000 >> 1, 16)
        w.write(tableCount, 3)
        w.write(UInt32(selectors.count), 15)
        for position in selectors { w.write(((1 << UInt32(position)) - 1) << 1, position + 1) }
        for _ in 0..<max(2, Int(tableCount)) {
            var length = lengths[0]
            w.write(UInt32(length & 31), 5)
            for target in lengths {
                while length < target { w.write(0b10, 2); length += 1 }
                while length > target { w.write(0b11, 2); length -= 1 }
                w.write(0, 1)
            }
        }
        for (code, bits) in symbols { w.write(code, bits) }
        w.write48(BZip2Format.endMagic)
        w.write(streamCRC ?? blockCRC, 32)
        return w.finish()
    }

    private func assertThrows(_ stream: [UInt8], _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try BZip2TestSupport.decompress(stream), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(fragment), "expected '\(fragment)' in: \(error)", file: file, line: line)
        }
    }

    func testTheHandBuiltBlockDecodes() throws {
        XCTAssertEqual(try BZip2TestSupport.decompress(craft()), Array("a".utf8))
        // RUNB RUNA: a run of 2 + 2 = 4... (weights 1, 2: RUNB = 2, RUNA = 2) gives "aaaa" then a count byte
        // would be needed; a run of 3 (RUNA RUNA) is "aaa".
        let three = Array("aaa".utf8)
        XCTAssertEqual(try BZip2TestSupport.decompress(craft(symbols: [(0b10, 2), (0b10, 2), (0b11, 2)],
                                                             crc: CRC32BZip2.checksum(three))), three)
    }

    func testBlockSizeDigitOutside1To9() {
        assertThrows(craft(level: 0x30), "no BZh1-9 header")
        assertThrows(craft(level: 0x3A), "no BZh1-9 header")
    }

    func testOriginPastTheBlock() {
        assertThrows(craft(origin: 1), "origin pointer 1 outside a block of 1 bytes")
        assertThrows(craft(origin: 0xFF_FFFF), "origin pointer")
    }

    func testBadHuffmanLengths() {
        assertThrows(craft(lengths: [0, 1, 2]), "code length 0 outside 1...20")
        assertThrows(craft(lengths: [2, 21, 2]), "code length 21 outside 1...20")
        assertThrows(craft(lengths: [1, 1, 1]), "over-subscribe")
        // An incomplete code: the unused code 11 is not in the table.
        assertThrows(craft(lengths: [2, 2, 2], symbols: [(0b00, 2), (0b11, 2)]), "not in its table")
    }

    func testTableCountsAndSelectors() {
        assertThrows(craft(tableCount: 1), "1 Huffman tables")
        assertThrows(craft(tableCount: 7), "7 Huffman tables")
        assertThrows(craft(selectors: [2]), "names table 3 of 2")
        assertThrows(craft(selectors: []), "no selectors")
        // 51 symbols need a second selector (two bytes in use: RUNA 00, RUNB 01, position 1 10, EOB 11).
        let alternating = Array(repeating: (UInt32(0b10), 2), count: 50) + [(0b11, 2)]
        // 50 symbols fit one selector: that block decodes to its end (and fails only its made-up CRC).
        assertThrows(craft(twoBytes: true, lengths: [2, 2, 2, 2], symbols: [(0b00, 2)] + alternating.dropFirst(2)), "block CRC mismatch")
        assertThrows(craft(twoBytes: true, lengths: [2, 2, 2, 2], symbols: [(0b00, 2)] + alternating), "past its 1 selectors")
    }

    func testCRCMismatches() {
        assertThrows(craft(crc: 0x1234_5678, streamCRC: 0x1234_5678), "block CRC mismatch")
        assertThrows(craft(streamCRC: 0xDEAD_BEEF), "stream CRC mismatch")
    }

    func testHugeRunLengths() {
        // 40 RUNB digits: a run of about 2^41.
        assertThrows(craft(symbols: Array(repeating: (0, 1), count: 40) + [(0b11, 2)]), "a run longer than the block")
        // 17 RUNB digits: 2^18 - 2 bytes, more than the 100,000 of a level-1 block.
        assertThrows(craft(symbols: Array(repeating: (0, 1), count: 17) + [(0b11, 2)]), "more than 100000 bytes")
        // The same run at level 9 fits the block, but not a 1000-byte output bound.
        let stream = craft(level: 0x39, symbols: Array(repeating: (0, 1), count: 10) + [(0b11, 2)])
        XCTAssertThrowsError(try BZip2TestSupport.decompress(stream, maxOutputSize: 1000)) { error in
            XCTAssertTrue("\(error)".contains("more than 1255 bytes"), "\(error)")
        }
    }

    func testBadMagics() {
        var stream = craft()
        stream[5] ^= 1
        assertThrows(stream, "bad block magic")
    }
}
