import XCTest
@testable import ZarrCompression

/// The match finder's hashes: every byte they are meant to cover must reach the table index.
final class ZstdMatchFinderTests: XCTestCase {
    func testHash5DependsOnEachOfTheLowFiveBytesOnly() {
        var rng = SystemRandomNumberGenerator()
        let log = 16
        for byte in 0..<8 {
            var changed = 0
            let samples = 2000
            for _ in 0..<samples {
                let v = UInt64.random(in: .min ... .max, using: &rng)
                let w = v ^ (UInt64(UInt8.random(in: 1...255, using: &rng)) << UInt64(8 * byte))
                if ZstdMatchFinder.hash5(v, log) != ZstdMatchFinder.hash5(w, log) { changed += 1 }
            }
            if byte < 5 {
                // A 16-bit index: two different keys collide with odds near 1/65536.
                XCTAssertGreaterThan(changed, samples * 99 / 100, "byte \(byte) barely changes the hash")
            } else {
                XCTAssertEqual(changed, 0, "byte \(byte) lies outside the 5 hashed bytes")
            }
        }
    }

    func testHash5SpreadsKeysThatShareTheirLowBytes() {
        // Keys alike in their first two bytes (as neighbouring 16-bit samples often are) must
        // still spread over the table.
        var rng = SystemRandomNumberGenerator()
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let v = 0x3A7F | (UInt64.random(in: 0..<(1 << 24), using: &rng) << 16)
            seen.insert(ZstdMatchFinder.hash5(v, 16))
        }
        XCTAssertGreaterThan(seen.count, 900)
    }

    func testHash8AndHash4SpreadKeys() {
        var rng = SystemRandomNumberGenerator()
        var long = Set<Int>(), short = Set<Int>()
        for _ in 0..<1000 {
            let v = UInt64.random(in: .min ... .max, using: &rng) << 16 | 0x3A7F
            long.insert(ZstdMatchFinder.hash8(v, 16))
            short.insert(ZstdMatchFinder.hash4(UInt32(truncatingIfNeeded: v), 16))
        }
        XCTAssertGreaterThan(long.count, 900)
        XCTAssertGreaterThan(short.count, 900)
    }
}
