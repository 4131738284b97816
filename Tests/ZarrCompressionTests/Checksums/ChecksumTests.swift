import XCTest
@testable import ZarrCompression

final class ChecksumTests: XCTestCase {
    func testKnownValues() {
        let check = Array("123456789".utf8)
        XCTAssertEqual(CRC32.checksum(check), 0xCBF4_3926)
        XCTAssertEqual(Adler32.checksum(check), 0x091E_01DE)
        XCTAssertEqual(CRC32.checksum([UInt8]()), 0)
        XCTAssertEqual(Adler32.checksum([UInt8]()), 1)
        XCTAssertEqual(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)), 0x414F_A339)
        XCTAssertEqual(Adler32.checksum(Array("Wikipedia".utf8)), 0x11E6_0398)
    }

    func testIncrementalEqualsWhole() {
        let data = TestRandom.bytes(100_003, seed: 5)
        for split in [0, 1, 15, 16, 17, 5552, 50_000, 100_003] {
            let a = Array(data[..<split]), b = Array(data[split...])
            XCTAssertEqual(CRC32.checksum(b, initial: CRC32.checksum(a)), CRC32.checksum(data))
            XCTAssertEqual(Adler32.checksum(b, initial: Adler32.checksum(a)), Adler32.checksum(data))
        }
    }

    /// Checksums computed by zlib for the vector files.
    func testAgainstZlibVectors() throws {
        let text = String(decoding: try DeflateTestSupport.vector("checksums.txt"), as: UTF8.self)
        var checked = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3 else { continue }
            let name = String(parts[0])
            let data = name == "ones" ? [UInt8](repeating: 0xFF, count: 100_000)
                : try DeflateTestSupport.vector(name + ".bin")
            XCTAssertEqual(CRC32.checksum(data), UInt32(parts[1], radix: 16), "CRC-32 of \(name)")
            XCTAssertEqual(Adler32.checksum(data), UInt32(parts[2], radix: 16), "Adler-32 of \(name)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 10)
    }
}
