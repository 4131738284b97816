import XCTest
@testable import ZarrCompression

/// BloscLZ on its own: round trips at every level and both split settings,
/// hand-made streams for each token kind, and c-blosc's edge rules.
final class BloscLZTests: XCTestCase {
    private func compress(_ data: [UInt8], level: Int, split: Bool, capacity: Int? = nil) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: capacity ?? data.count)
        let n = data.withUnsafeBytes { i in out.withUnsafeMutableBytes { BloscLZ.compress(i, level: level, splitBlock: split, into: $0) } }
        return n == 0 ? nil : Array(out.prefix(n))
    }

    private func decompress(_ stream: [UInt8], capacity: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: capacity)
        let n = try stream.withUnsafeBytes { i in try out.withUnsafeMutableBytes { try BloscLZ.decompress(i, into: $0) } }
        return Array(out.prefix(n))
    }

    func testRoundTrips() throws {
        let inputs: [(String, [UInt8])] = [
            ("smooth", BloscTestSupport.shuffled(BloscTestSupport.payload("smooth", size: 70_000, typesize: 2, seed: 1), 2)),
            ("noisy", BloscTestSupport.shuffled(BloscTestSupport.payload("noisy", size: 40_000, typesize: 4, seed: 2), 4)),
            ("field", BloscTestSupport.shuffled(BloscTestSupport.field(20_000, typesize: 2), 2)),
            ("zeros", [UInt8](repeating: 0, count: 100_000)),
            ("runs", (0..<30_000).map { UInt8(($0 / 700) & 3) }),
            ("period3", (0..<20_000).map { UInt8($0 % 3) }),
            ("far", TestRandom.bytes(9000, seed: 3) + TestRandom.bytes(9000, seed: 3) + [UInt8](repeating: 7, count: 20)),
            ("text", TestRandom.text(50_000, seed: 4, words: ["blosc", "lz", "block", "chunk", "a"], newlineOneIn: 9)),
        ]
        var compressed = 0
        for (name, data) in inputs {
            for level in 1...9 {
                for split in [false, true] {
                    guard let stream = compress(data, level: level, split: split) else { continue }
                    XCTAssertLessThan(stream.count, data.count, "\(name) l\(level)")
                    XCTAssertEqual(try decompress(stream, capacity: data.count), data, "\(name) l\(level) split \(split)")
                    compressed += 1
                }
            }
        }
        XCTAssertGreaterThan(compressed, 100)
    }

    func testGivesUpOnRandomAndShortInput() {
        XCTAssertNil(compress(TestRandom.bytes(50_000, seed: 5), level: 5, split: true))
        XCTAssertNil(compress([UInt8](repeating: 0, count: 15), level: 9, split: false, capacity: 100))
        // Too little room: c-blosc needs 66 output bytes to start.
        XCTAssertNil(compress([UInt8](repeating: 0, count: 1000), level: 9, split: false, capacity: 65))
    }

    func testHandMadeTokens() throws {
        // Literal run of 3 (with the marker bits in the first byte), a short
        // match (length 3 + 2, distance 3), a long match (7 + 2 + 2 extra...).
        let stream: [UInt8] = [0x22, 1, 2, 3, (3 << 5) | 0, 2, (7 << 5) | 0, 4, 0, 0, 9]
        // 1 2 3 | 5 bytes from 3 back: 1 2 3 1 2 | 7 + 4 + 2 = 13 bytes from 1 back | literal 9
        let expected: [UInt8] = [1, 2, 3, 1, 2, 3, 1, 2] + [UInt8](repeating: 2, count: 13) + [9]
        XCTAssertEqual(try decompress(stream, capacity: 100), expected)
        // A far match: distance 8192 + 0x0102 (needs that much output first).
        let prefix = TestRandom.bytes(8192 + 0x0102, seed: 6)
        var far: [UInt8] = []
        var i = 0
        while i < prefix.count {
            let run = min(32, prefix.count - i)
            far.append(UInt8(run - 1))
            far += prefix[i..<(i + run)]
            i += run
        }
        far += [(1 << 5) | 31, 255, 0x01, 0x02, 0, 0xEE]
        let decoded = try decompress(far, capacity: prefix.count + 100)
        XCTAssertEqual(Array(decoded.prefix(prefix.count)), prefix)
        XCTAssertEqual(Array(decoded[prefix.count..<(prefix.count + 3)]), Array(prefix[0..<3]))
        XCTAssertEqual(decoded.last, 0xEE)
    }

    /// As in c-blosc, a far match whose distance bytes end the input is dropped.
    func testFinalFarMatchIsDropped() throws {
        let prefix = [UInt8](repeating: 4, count: 8300)
        var stream: [UInt8] = []
        for start in stride(from: 0, to: prefix.count, by: 32) {
            let run = min(32, prefix.count - start)
            stream.append(UInt8(run - 1))
            stream += prefix[start..<(start + run)]
        }
        stream += [(1 << 5) | 31, 255, 0, 0]
        XCTAssertEqual(try decompress(stream, capacity: 9000).count, prefix.count)
    }

    func testMalformedStreams() {
        func expect(_ stream: [UInt8], capacity: Int, _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(try decompress(stream, capacity: capacity), line: line) { error in
                XCTAssertTrue("\(error)".hasPrefix("blosclz: ") && "\(error)".contains(fragment), "\(error)", line: line)
            }
        }
        expect([4, 1, 2], capacity: 100, "truncated")
        expect([0, 1, (1 << 5) | 0], capacity: 100, "truncated")
        expect([0, 1, (1 << 5) | 0, 5, 0], capacity: 100, "before the start")
        expect([0, 1, (7 << 5), 255, 255], capacity: 100, "truncated")
        expect([3, 1, 2, 3, 4], capacity: 3, "overruns")
        expect([0, 1, (2 << 5), 0, 0], capacity: 4, "overruns")
        XCTAssertEqual(try decompress([], capacity: 10), [])
    }
}
