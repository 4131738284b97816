import XCTest
@testable import ZarrCompression

/// Blocks written by liblz4 (Scripts/make_lz4_vectors.py) decode bit-exactly.
final class LZ4VectorTests: XCTestCase {
    func testEveryVectorDecodes() throws {
        let entries = try LZ4TestSupport.manifest()
        XCTAssertGreaterThan(entries.count, 600)
        var modes = Set<String>()
        for entry in entries {
            let block = try LZ4TestSupport.vector(entry.file)
            let decoded = try LZ4TestSupport.decompress(block, decodedSize: entry.size)
            XCTAssertEqual(decoded.count, entry.size, entry.file)
            XCTAssertEqual(CRC32.checksum(decoded), entry.crc32, entry.file)
            XCTAssertEqual(Adler32.checksum(decoded), entry.adler32, entry.file)
            if entry.size <= 1000 {
                XCTAssertEqual(decoded, try LZ4TestSupport.vector(entry.input + ".bin"), entry.file)
            }
            // A larger output buffer decodes the same bytes.
            if entry.size <= 70000 {
                XCTAssertEqual(try LZ4TestSupport.decodeBlock(block, capacity: entry.size + 100), decoded, entry.file)
            }
            modes.insert(entry.mode)
        }
        XCTAssertEqual(modes, ["fast1", "fast4", "fast17", "hc1", "hc5", "hc9", "hc12"])
    }

    /// Our fast encoder follows liblz4's LZ4_compress_fast step by step, so on
    /// the same input it writes the same block.
    func testFastEncoderMatchesLiblz4ByteForByte() throws {
        let blocks = try LZ4TestSupport.exactBlocks()
        var compared = 0
        for (name, mode, input, block) in blocks where mode.hasPrefix("fast") {
            let acceleration = Int(mode.dropFirst(4)) ?? 1
            XCTAssertEqual(LZ4TestSupport.compress(input, acceleration: acceleration), block, "\(name).\(mode)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 80)
    }

    /// The high-compression encoder writes blocks as small as LZ4_compress_HC's,
    /// within 3% over all the inputs at each level (often the very same block).
    func testHCEncoderSizesMatchLiblz4() throws {
        var ours: [String: Int] = [:], theirs: [String: Int] = [:], identical: [String: Int] = [:]
        for (_, mode, input, block) in try LZ4TestSupport.exactBlocks() where mode.hasPrefix("hc") {
            let level = Int(mode.dropFirst(2)) ?? 9
            let mine = LZ4TestSupport.compressHC(input, level: level)
            XCTAssertEqual(try LZ4TestSupport.decompress(mine, decodedSize: input.count), input)
            ours[mode, default: 0] += mine.count
            theirs[mode, default: 0] += block.count
            identical[mode, default: 0] += mine == block ? 1 : 0
        }
        XCTAssertEqual(ours.count, 4)
        for (mode, size) in ours {
            let reference = theirs[mode] ?? 0
            XCTAssertLessThanOrEqual(Double(size), Double(reference) * 1.03,
                                     "\(mode): \(size) bytes vs liblz4 \(reference), \(identical[mode] ?? 0) identical")
        }
    }
}
