import XCTest
@testable import ZarrCompression

/// CRC-64 (ECMA-182, reflected, as xz uses it).
final class CRC64Tests: XCTestCase {
    func testStandardVectors() {
        XCTAssertEqual(CRC64.checksum([UInt8]()), 0)
        // The check value of CRC-64/XZ.
        XCTAssertEqual(CRC64.checksum(Array("123456789".utf8)), 0x995D_C9BB_DF19_39FA)
    }

    /// The sliced kernel agrees with a bit-at-a-time reference, whole or piece by piece.
    func testAgainstBitwiseReference() {
        func reference(_ data: [UInt8]) -> UInt64 {
            var crc = UInt64.max
            for byte in data {
                crc ^= UInt64(byte)
                for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xC96C_5795_D787_0F42 : crc >> 1 }
            }
            return ~crc
        }
        for n in [1, 7, 8, 9, 63, 64, 65, 1000, 4099] {
            let data = TestRandom.bytes(n, seed: UInt64(n))
            XCTAssertEqual(CRC64.checksum(data), reference(data), "\(n)")
            let split = n / 3
            let first = CRC64.checksum(Array(data[..<split]))
            XCTAssertEqual(CRC64.checksum(Array(data[split...]), initial: first), reference(data), "\(n) in two")
        }
    }

    /// The CRC-64 liblzma stored after a block (check type 4) is the CRC of its input.
    func testMatchesLiblzmaChecks() throws {
        let file = try XZTestSupport.vector("text_5000.crc64.xz")
        let input = try XZTestSupport.decompress(file)
        let stored = file[(file.count - 12 - 12 - 8)...].prefix(8)
        let value = stored.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
        XCTAssertEqual(CRC64.checksum(input), value)
    }
}
