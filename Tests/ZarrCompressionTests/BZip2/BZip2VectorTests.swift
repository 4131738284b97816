import XCTest
@testable import ZarrCompression

/// Streams written by libbz2 (Scripts/make_bzip2_vectors.py) decode bit-exactly.
final class BZip2VectorTests: XCTestCase {
    func testEveryVectorDecodes() throws {
        let entries = try BZip2TestSupport.manifest()
        XCTAssertGreaterThan(entries.count, 70)
        var levels = Set<String>()
        for entry in entries {
            let stream = try BZip2TestSupport.vector(entry.file)
            let decoded = try BZip2TestSupport.decompress(stream)
            XCTAssertEqual(decoded.count, entry.size, entry.file)
            XCTAssertEqual(CRC32.checksum(decoded), entry.crc32, entry.file)
            XCTAssertEqual(Adler32.checksum(decoded), entry.adler32, entry.file)
            if entry.size <= 4096, entry.input != "text" {
                XCTAssertEqual(decoded, try BZip2TestSupport.vector(entry.input + ".bin"), entry.file)
            }
            levels.insert(String(entry.file.split(separator: ".")[1]))
            // Into a buffer of exactly the decoded size, and bounded by it (the smaller vectors:
            // the large ones take long in debug builds).
            guard entry.size <= 300_000 else { continue }
            XCTAssertEqual(try BZip2TestSupport.decompress(stream, capacity: entry.size), decoded, entry.file)
            XCTAssertEqual(try BZip2TestSupport.decompress(stream, maxOutputSize: entry.size).count, entry.size, entry.file)
            if entry.size > 0 {
                XCTAssertThrowsError(try BZip2TestSupport.decompress(stream, maxOutputSize: entry.size - 1), entry.file)
                XCTAssertThrowsError(try BZip2TestSupport.decompress(stream, capacity: entry.size - 1), entry.file)
            }
        }
        XCTAssertTrue(entries.contains { $0.file == "randomised.1.bz2" })
        XCTAssertEqual(levels, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "multi"])
    }

    func testEmptyInputDecodesToNothing() throws {
        XCTAssertEqual(try BZip2TestSupport.decompress([]), [])
    }

    func testTrailingBytesAfterAStreamAreIgnored() throws {
        let stream = try BZip2TestSupport.vector("short.9.bz2")
        let expected = try BZip2TestSupport.vector("short.bin")
        XCTAssertEqual(try BZip2TestSupport.decompress(stream + [0, 0, 0]), expected)
        XCTAssertEqual(try BZip2TestSupport.decompress(stream + Array("garbage".utf8)), expected)
    }

    func testCRC32BZip2CheckValue() {
        // The catalogue check value of CRC-32/BZIP2 ("123456789").
        XCTAssertEqual(CRC32BZip2.checksum(Array("123456789".utf8)), 0xFC89_1918)
        let data = TestRandom.bytes(1000, seed: 3)
        let split = CRC32BZip2.checksum(Array(data[300...]), initial: CRC32BZip2.checksum(Array(data[..<300])))
        XCTAssertEqual(split, CRC32BZip2.checksum(data))
    }
}
