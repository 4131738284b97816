import Dispatch
import Foundation
import XCTest

@testable import SimpleZarr

final class ChunkBufferPoolTests: XCTestCase {
    func testSizeClassesCoverTheRequestWithinAQuarter() throws {
        XCTAssertNil(ChunkBufferPool.sizeClass(for: 0))
        XCTAssertNil(ChunkBufferPool.sizeClass(for: ChunkBufferPool.minimumPooledByteCount - 1))
        XCTAssertNil(ChunkBufferPool.sizeClass(for: ChunkBufferPool.maximumPooledByteCount))
        var previous: (index: Int, capacity: Int)?
        var byteCount = ChunkBufferPool.minimumPooledByteCount
        while byteCount < ChunkBufferPool.maximumPooledByteCount {
            let sizeClass = try XCTUnwrap(ChunkBufferPool.sizeClass(for: byteCount))
            XCTAssertGreaterThanOrEqual(sizeClass.capacity, byteCount)
            XCTAssertLessThanOrEqual(Double(sizeClass.capacity), Double(byteCount) * 1.25, "\(byteCount)")
            XCTAssertEqual(sizeClass.capacity % 2048, 0)
            if let previous {
                // Classes grow with the request, and one class means one capacity.
                XCTAssertGreaterThanOrEqual(sizeClass.index, previous.index)
                if sizeClass.index == previous.index { XCTAssertEqual(sizeClass.capacity, previous.capacity) }
            }
            previous = sizeClass
            byteCount += byteCount / 7 + 1
        }
        XCTAssertEqual(ChunkBufferPool.sizeClass(for: 512 << 10)?.capacity, 512 << 10)
        XCTAssertEqual(ChunkBufferPool.sizeClass(for: (512 << 10) + 1)?.capacity, 640 << 10)
    }

    func testAReleasedBufferIsReusedForTheSameSizeClass() throws {
        let pool = ChunkBufferPool()
        let first = try pool.acquire(byteCount: 300_000)
        XCTAssertGreaterThanOrEqual(first.capacity, 300_000)
        XCTAssertEqual(Int(bitPattern: first.pointer) % 64, 0)
        pool.release(first)
        XCTAssertEqual(pool.idleBytes, first.capacity)
        let second = try pool.acquire(byteCount: 290_000)
        XCTAssertEqual(second.pointer, first.pointer)
        XCTAssertEqual(pool.idleBytes, 0)
        let other = try pool.acquire(byteCount: 100_000)
        XCTAssertNotEqual(other.pointer, second.pointer)
        pool.release(second)
        pool.release(other)
    }

    func testIdleBytesStayWithinTheBound() throws {
        let pool = ChunkBufferPool(maximumIdleByteCount: 1 << 20)
        let buffers = try (0..<8).map { _ in try pool.acquire(byteCount: 256 << 10) }
        for buffer in buffers { pool.release(buffer) }
        XCTAssertEqual(pool.idleBytes, 1 << 20)
        // Outside the pooled sizes: plain allocations, freed on release.
        let small = try pool.acquire(byteCount: 100)
        XCTAssertEqual(small.capacity, 100)
        pool.release(small)
        XCTAssertEqual(pool.idleBytes, 1 << 20)
    }

    func testIdleBuffersAreFreedAfterTheirLifetime() throws {
        let pool = ChunkBufferPool(idleLifetime: .milliseconds(50))
        pool.release(try pool.acquire(byteCount: 64 << 10))
        pool.release(try pool.acquire(byteCount: 1 << 20))
        XCTAssertGreaterThan(pool.idleBytes, 0)
        let deadline = Date().addingTimeInterval(10)
        while pool.idleBytes > 0, Date() < deadline { usleep(10_000) }
        XCTAssertEqual(pool.idleBytes, 0)
        // A buffer released after a trim is kept again, and trimmed again.
        pool.release(try pool.acquire(byteCount: 64 << 10))
        XCTAssertEqual(pool.idleBytes, 64 << 10)
        while pool.idleBytes > 0, Date() < deadline { usleep(10_000) }
        XCTAssertEqual(pool.idleBytes, 0)
    }

    func testDataOwningABufferGivesItBackWhenTheLastCopyGoes() throws {
        let pool = ChunkBufferPool()
        let buffer = try pool.acquire(byteCount: 40_000)
        buffer.pointer.initializeMemory(as: UInt8.self, repeating: 7, count: 40_000)
        var data: Data? = pool.data(owning: buffer, count: 40_000)
        var copy = data
        XCTAssertEqual(data?.count, 40_000)
        XCTAssertEqual(data?.allSatisfy { $0 == 7 }, true)
        data = nil
        XCTAssertEqual(pool.idleBytes, 0, "a copy still holds the buffer")
        // The last copy may write to the bytes; when it goes, the buffer goes back.
        copy?[0] = 1
        XCTAssertEqual(copy?.first, 1)
        copy = nil
        XCTAssertEqual(pool.idleBytes, buffer.capacity)
        XCTAssertEqual(pool.data(owning: try pool.acquire(byteCount: 40_000), count: 0), Data())
        XCTAssertEqual(pool.idleBytes, buffer.capacity)
    }

    func testManyThreadsAcquiringAndReleasingKeepTheAccountsRight() throws {
        let pool = ChunkBufferPool(maximumIdleByteCount: 4 << 20)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<500 {
                guard let buffer = try? pool.acquire(byteCount: 20_000 + (worker * 7_919 + round * 104_729) % 600_000)
                else { return }
                buffer.pointer.storeBytes(of: UInt64(worker), as: UInt64.self)
                pool.release(buffer)
            }
        }
        XCTAssertGreaterThan(pool.idleBytes, 0)
        XCTAssertLessThanOrEqual(pool.idleBytes, 4 << 20)
    }

    /// Reading an array takes its chunk buffers from the shared pool and gives them back: the
    /// later reads are served by buffers the earlier ones released. (Counted by reuses, not by
    /// the idle total, which other tests' buffers and the trim timer also move.)
    func testReadingChunksUsesTheSharedPool() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [256, 256], dtype: .uint16, chunkShape: [128, 128],
            codecs: [BytesCodec(endian: .little).json, ZstdCodec(level: 1).json])
        let values = try NDArray((0..<65_536).map { UInt16(truncatingIfNeeded: $0 &* 40_503) }, shape: [256, 256])
        try array[...].set(values)
        let reusedBefore = ChunkBufferPool.shared.reusedBufferCount
        for _ in 0..<3 { XCTAssertEqual(try array[...].get(), values) }
        XCTAssertEqual(try array.getChunk([1, 1]), try values.select("128:, 128:"))
        // Three reads of four 32 KiB chunks into a 128 KiB result: the second and third reuse
        // at least the result buffer and a decoded chunk each.
        XCTAssertGreaterThanOrEqual(ChunkBufferPool.shared.reusedBufferCount - reusedBefore, 4)
        XCTAssertGreaterThan(ChunkBufferPool.shared.idleBytes, 0)
    }
}
