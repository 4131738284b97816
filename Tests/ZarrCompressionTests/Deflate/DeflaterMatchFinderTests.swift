import XCTest
@testable import ZarrCompression

/// The deflate encoder's match search: 4-byte hash chains, the single 3-byte
/// candidate, and the rule that decides when a lazy switch pays.
final class DeflaterMatchFinderTests: XCTestCase {
    /// Runs `body` with a level-`level` encoder over `bytes` in which every
    /// position before `position` has been inserted, and the candidates that
    /// inserting `position` itself returns.
    private func search(_ bytes: [UInt8], at position: Int, level: Int = 5,
                        _ body: (Deflater, (chain: Int, three: Int)) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            var deflater = Deflater(input: buffer.baseAddress!, count: buffer.count, level: level)
            defer { deflater.deallocate() }
            for p in 0..<position { _ = deflater.insert(p) }
            body(deflater, deflater.insert(position))
        }
    }

    func testALongMatchBehindManyThreeByteLookalikesIsFound() {
        // "ABCDEFGH", then 200 places that share only "ABC" with it, then "ABCDEFGH" again.
        // A chain keyed on three bytes holds the 200 look-alikes first and a 32-step walk
        // never reaches the real match; the 4-byte chain holds only the real one.
        var bytes: [UInt8] = Array("ABCDEFGH".utf8)
        for i in 0..<200 {
            bytes += [0x41, 0x42, 0x43, UInt8(0x80 + i % 100), UInt8(i & 0xFF), 0x01, 0x02, UInt8(i >> 8)]
        }
        let position = bytes.count
        bytes += Array("ABCDEFGH".utf8) + [0xF0, 0xF1, 0xF2, 0xF3]
        search(bytes, at: position) { deflater, candidates in
            let match = deflater.longestMatch(at: position, chain: candidates.chain, three: candidates.three,
                                              mustBeat: 2, chainLimit: 32)
            XCTAssertEqual(match.length, 8)
            XCTAssertEqual(match.distance, position)
        }
    }

    func testAThreeByteMatchIsTakenOnlyWhenNear() {
        func input(gap: Int) -> (bytes: [UInt8], position: Int) {
            var bytes: [UInt8] = Array("XYZq".utf8)
            // Filler that repeats no 3 bytes of its own and holds none of X, Y, Z.
            for i in 0..<gap { bytes.append(UInt8(0x80 | (i & 0x3F)) ^ UInt8((i >> 6) & 0x3F)) }
            let position = bytes.count
            bytes += Array("XYZr".utf8) + [0, 0, 0, 0]
            return (bytes, position)
        }
        let near = input(gap: 96)
        search(near.bytes, at: near.position) { deflater, candidates in
            let match = deflater.longestMatch(at: near.position, chain: candidates.chain,
                                              three: candidates.three, mustBeat: 2, chainLimit: 32)
            XCTAssertEqual(match.length, 3)
            XCTAssertEqual(match.distance, near.position)
        }
        let far = input(gap: Deflater.tooFar + 100)
        search(far.bytes, at: far.position) { deflater, candidates in
            let match = deflater.longestMatch(at: far.position, chain: candidates.chain,
                                              three: candidates.three, mustBeat: 2, chainLimit: 32)
            XCTAssertEqual(match.length, 0, "a 3-byte match \(far.position) bytes back costs more than it saves")
        }
    }

    func testALazySwitchPaysOnlyBeyondTheMargin() {
        // Four points per byte of length; one point per doubling of the distance.
        XCTAssertFalse(Deflater.pays(5, 100, over: 4, 100), "one byte longer does not pay for a literal")
        XCTAssertFalse(Deflater.pays(6, 100, over: 4, 100), "two bytes longer only breaks even")
        XCTAssertTrue(Deflater.pays(7, 100, over: 4, 100))
        XCTAssertFalse(Deflater.pays(7, 4000, over: 4, 10), "three bytes longer but 8 doublings further")
        XCTAssertTrue(Deflater.pays(7, 10, over: 4, 4000))
    }
}
