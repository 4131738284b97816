import Foundation
import XCTest

@testable import SimpleZarr

/// Reply bodies live in chunk-buffer pool blocks that go back to the pool with their `Data`.
final class HTTP1BodyBufferTests: XCTestCase {
    func testAChunkSizedBodyComesFromThePoolAndGoesBackWithItsData() throws {
        let pool = ChunkBufferPool(maximumIdleByteCount: 8 << 20, idleLifetime: .seconds(60))
        let body = HTTP1BodyBuffer(expected: 100_000, pool: pool)
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try bytes.withUnsafeBytes { try body.append($0) }
        var data: Data? = body.take()
        XCTAssertEqual(data.map { Array($0) }, bytes)
        XCTAssertEqual(pool.idleBytes, 0, "the block is the Data's while it lives")
        data = nil
        XCTAssertGreaterThanOrEqual(pool.idleBytes, 100_000, "the block went back to the pool")
    }

    func testGrowingPastTheAnnouncedLengthKeepsTheBytesAndReturnsTheOldBlock() throws {
        let pool = ChunkBufferPool(maximumIdleByteCount: 8 << 20, idleLifetime: .seconds(60))
        let body = HTTP1BodyBuffer(expected: 20_000, pool: pool)
        var expected: [UInt8] = []
        for round in 0..<5 {
            let piece = [UInt8](repeating: UInt8(round + 1), count: 30_000)
            let space = try body.freeSpace(minimum: piece.count)
            piece.withUnsafeBytes { space.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: piece.count) }
            body.commit(piece.count)
            expected += piece
        }
        XCTAssertGreaterThan(pool.idleBytes, 0, "outgrown blocks went back to the pool")
        XCTAssertEqual(Array(body.take()), expected)
        XCTAssertEqual(body.count, 0)
        XCTAssertEqual(Array(body.take()), [])
    }
}
