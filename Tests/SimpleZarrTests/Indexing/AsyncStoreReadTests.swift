import Foundation
import XCTest

@testable import SimpleZarr

/// Array reads over a store whose reads do not block (`AsyncReadableStore`): no CPU pool thread
/// waits for a request, so a 1-worker pool next to a 1-slot I/O executor still finishes, and
/// requests overlap up to the I/O executor's slots whatever the pool's size.
final class AsyncStoreReadTests: XCTestCase {
    /// A 12x12 int32 array of 4x4 chunks (or 8x8 shards of 4x4 inner chunks) holding 0..<144,
    /// in a MemoryStore, opened again through a SlowStore on `io`.
    private func makeArray(sharded: Bool, io: IOExecutor, delay: Double = 0.002) throws -> (ZarrArray, NDArray) {
        let memory = MemoryStore()
        let values = try NDArray((0..<144).map { Int32($0) }, shape: [12, 12])
        let written = try ZarrArray.create(
            memory, "a", shape: [12, 12], dtype: .int32, chunkShape: [4, 4], shardShape: sharded ? [8, 8] : nil)
        try written[...].set(values)
        let slow = SlowStore(memory, baseDelay: delay, ioExecutor: io)
        guard let array = try openZarr(slow, path: "a") as? ZarrArray else {
            throw XCTSkip("openZarr did not give an array")
        }
        return (array, values)
    }

    func testOneWorkerPoolAndOneSlotIOFinishPlainAndSharded() throws {
        for sharded in [false, true] {
            let pool = ThreadPoolExecutor(maxWorkers: 1, label: "test.cpu1")
            let io = IOExecutor(maxInFlight: 1, label: "test.io1")
            let (array, values) = try makeArray(sharded: sharded, io: io)
            XCTAssertEqual(try array[...].getFuture(executor: pool).result(timeout: 20), values, "sharded: \(sharded)")
            XCTAssertEqual(try array[...].get(executor: pool), values, "sharded: \(sharded)")
            XCTAssertEqual(try array[1..<11, 2..<7].get(executor: pool), try values[1..<11, 2..<7], "sharded: \(sharded)")
            let chunks = (0..<array.chunkGridShape[0]).map { array.getChunkFuture([$0, 0], executor: pool) }
            XCTAssertEqual(try waitAll(chunks, timeout: 20).map(\.shape), Array(repeating: array.chunkShape, count: chunks.count))
            XCTAssertEqual(try array.getChunk([0, 0]), try array.getChunkFuture([0, 0], executor: pool).result(timeout: 20))
            pool.shutdown()
        }
    }

    func testRequestsInFlightDoNotOccupyThePool() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 1, label: "test.cpu1")
        let io = IOExecutor(maxInFlight: 4, label: "test.io4")
        let (array, _) = try makeArray(sharded: false, io: io, delay: 0.5)
        let reading = array.getChunkFuture([0, 0], executor: pool)
        // While the request sleeps on the I/O executor, the single pool worker is free.
        let start = Date()
        XCTAssertEqual(try pool.submit { 7 }.result(timeout: 5), 7)
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.4, "the pool job waited for the request")
        XCTAssertEqual(try reading.result(timeout: 10).shape, [4, 4])
    }

    func testSliceReadOverlapsRequestsUpToTheIOSlots() throws {
        // 9 chunks, 0.1 s each, 9 slots, 1 CPU worker: about 0.1 s, not 0.9 s.
        let pool = ThreadPoolExecutor(maxWorkers: 1, label: "test.cpu1")
        let io = IOExecutor(maxInFlight: 9, label: "test.io9")
        for sharded in [false, true] {
            let (array, values) = try makeArray(sharded: sharded, io: io, delay: 0.1)
            let start = Date()
            XCTAssertEqual(try array[...].get(executor: pool), values)
            let elapsed = Date().timeIntervalSince(start)
            XCTAssertLessThan(elapsed, sharded ? 0.7 : 0.6, "sharded: \(sharded): requests did not overlap (\(elapsed) s)")
        }
    }
}
