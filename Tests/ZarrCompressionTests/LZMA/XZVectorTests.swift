import XCTest
@testable import ZarrCompression

/// Files written by liblzma (Scripts/make_xz_vectors.py) decode bit-exactly.
final class XZVectorTests: XCTestCase {
    func testEveryVectorDecodes() throws {
        let entries = try XZTestSupport.manifest()
        XCTAssertGreaterThan(entries.count, 400)
        var kinds = Set<String>()
        for entry in entries {
            let file = try XZTestSupport.vector(entry.file)
            let decoded = entry.isAlone ? try XZTestSupport.decompressAlone(file) : try XZTestSupport.decompress(file)
            XCTAssertEqual(decoded.count, entry.size, entry.file)
            XCTAssertEqual(CRC32.checksum(decoded), entry.crc32, entry.file)
            if entry.size <= 1000 {
                XCTAssertEqual(decoded, try XZTestSupport.vector(entry.input + ".bin"), entry.file)
            }
            kinds.insert(entry.kind)
        }
        XCTAssertTrue(kinds.isSuperset(of: ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p6e",
                                            "none", "crc32", "crc64", "sha256", "delta2", "delta4", "alone0", "alone6",
                                            "alonesized", "streams", "blocks"]), "\(kinds.sorted())")
    }

    /// The output bound holds exactly: one byte less than the decoded size throws.
    func testMaxOutputSizeIsExact() throws {
        for name in ["text_5000.p6.xz", "records_3145728.p1.xz", "text_5000.blocks.xz", "text_5000.streams.xz"] {
            let file = try XZTestSupport.vector(name)
            let size = try XZTestSupport.decompress(file).count
            XCTAssertEqual(try XZTestSupport.decompress(file, maxOutputSize: size).count, size, name)
            XCTAssertThrowsError(try XZTestSupport.decompress(file, maxOutputSize: size - 1), name)
        }
        for name in ["text_5000.alone6.lzma", "text_5000.alonesized.lzma"] {
            let file = try XZTestSupport.vector(name)
            XCTAssertEqual(try XZTestSupport.decompressAlone(file, maxOutputSize: 5000).count, 5000, name)
            XCTAssertThrowsError(try XZTestSupport.decompressAlone(file, maxOutputSize: 4999), name)
        }
    }
}
