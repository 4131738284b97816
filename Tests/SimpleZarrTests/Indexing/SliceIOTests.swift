import Foundation
import XCTest

@testable import SimpleZarr

/// Counts store calls by method and the keys read and written.
final class CountingStore: WrapperStore, @unchecked Sendable {
    private let log = ConcurrencyLocked<[(method: String, key: String)]>([])

    override func hook(_ call: StoreCall) throws {
        let key: String
        switch call {
        case .get(let k, _): key = k
        case .set(let k, _): key = k
        case .erase(let k): key = k
        default: key = ""
        }
        log.withLock { $0.append((call.method, key)) }
    }

    /// Chunk keys touched by `method` (metadata keys left out).
    func chunkKeys(_ method: String) -> Set<String> {
        log.withLock { Set($0.filter { $0.method == method && !$0.key.hasSuffix("zarr.json") }.map(\.key)) }
    }

    func calls(_ method: String) -> Int {
        log.withLock { $0.filter { $0.method == method && !$0.key.hasSuffix("zarr.json") }.count }
    }

    func reset() { log.withLock { $0.removeAll() } }
}

final class SliceIOTests: XCTestCase {
    func makeArray(fill: JSONValue = 0) throws -> (CountingStore, ZarrArray) {
        let store = CountingStore(MemoryStore())
        let array = try ZarrArray.create(store, "a", shape: [10, 10], dtype: .uint16, chunkShape: [4, 4], fillValue: fill)
        try array[...].set(try NDArray((0..<100).map { UInt16($0 + 1) }, shape: [10, 10]))
        store.reset()
        return (store, array)
    }

    func testReadsTouchOnlyIntersectedChunks() throws {
        let (store, array) = try makeArray()
        _ = try array[5, 1..<6].get()
        XCTAssertEqual(store.chunkKeys("get"), ["a/c/1/0", "a/c/1/1"])
        store.reset()
        _ = try array[stride(from: 0, to: 10, by: 9), 9].get()
        XCTAssertEqual(store.chunkKeys("get"), ["a/c/0/2", "a/c/2/2"])
        XCTAssertEqual(store.calls("get"), 2)
        store.reset()
        _ = try array[...].get()
        XCTAssertEqual(store.calls("get"), 9)
    }

    func testWholeChunkWritesDoNotReadAndPartialWritesDo() throws {
        let (store, array) = try makeArray()
        // Rows 4..<8 cover chunk row 1 fully, including the edge chunk (whose in-bounds part is 4x2).
        try array[4..<8, ...].set(try NDArray(repeating: UInt16(9), shape: [4, 10]))
        XCTAssertEqual(store.calls("get"), 0)
        XCTAssertEqual(store.chunkKeys("set"), ["a/c/1/0", "a/c/1/1", "a/c/1/2"])
        store.reset()
        try array[0, 0].set(UInt16(5))
        XCTAssertEqual(store.chunkKeys("get"), ["a/c/0/0"])
        XCTAssertEqual(store.chunkKeys("set"), ["a/c/0/0"])
        XCTAssertEqual(try array[0, 0..<2].get().toArray(as: UInt16.self), [5, 2])
        store.reset()
        // A chunk that becomes all fill is erased, not stored.
        try array.chunks[2, 2].set(UInt16(0))
        XCTAssertEqual(store.chunkKeys("erase"), ["a/c/2/2"])
        XCTAssertEqual(store.calls("set"), 0)
        XCTAssertEqual(store.calls("get"), 0)
    }

    func testOneWorkerExecutorFinishesManyChunkReadsAndWrites() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [64, 64], dtype: .int32, chunkShape: [4, 4])
        let executor = ThreadPoolExecutor(maxWorkers: 1)
        let values = try NDArray((0..<4096).map { Int32($0) }, shape: [64, 64])
        try array[...].setFuture(values, executor: executor).result(timeout: 30)
        XCTAssertEqual(try array[...].getFuture(executor: executor).result(timeout: 30), values)
        // A job on the pool that starts a slice read and chains on it (no blocking) also finishes.
        let chained = executor.submit { array[...].getFuture(executor: executor) }.flatMap { $0 }
        XCTAssertEqual(try chained.result(timeout: 30), values)
    }

    func testConcurrentSliceReadsAndWritesFromManyThreads() async throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [32, 32], dtype: .float64, chunkShape: [5, 7])
        // Each task writes a band of rows aligned with the chunk rows (5), so no two tasks
        // rewrite the same chunk (concurrent partial writes of one chunk would race, as in Python).
        try await withThrowingTaskGroup(of: Void.self) { group in
            for band in 0..<7 {
                group.addTask {
                    let rows = band * 5..<min(band * 5 + 5, 32)
                    let value = try NDArray(repeating: Double(band), shape: [rows.count, 32])
                    try await array[rows, ...].setFuture(value).value
                }
            }
            try await group.waitForAll()
        }
        let readers = (0..<50).map { i in array[...].getFuture().map { try $0.scalar(at: [i % 32, 0], as: Double.self) } }
        for (i, reader) in readers.enumerated() {
            let got = try await reader.value
            XCTAssertEqual(got, Double((i % 32) / 5))
        }
    }

    func testMissingChunksReadAsFillAndCorruptChunksThrow() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [6], dtype: .int16, chunkShape: [2], fillValue: -7,
            codecs: [BytesCodec().json, Crc32cCodec().json])
        try array[2..<4].set(try NDArray([1, 2] as [Int16]))
        XCTAssertEqual(try array[...].get().toArray(as: Int16.self), [-7, -7, 1, 2, -7, -7])
        try store.set("a/c/2", Data([1, 2, 3, 4, 5, 6]))
        XCTAssertThrowsError(try array[...].get()) { XCTAssertTrue("\($0)".contains("a/c/2"), "\($0)") }
        let plain = try ZarrArray.create(store, "p", shape: [6], dtype: .int16, chunkShape: [2], codecs: [BytesCodec().json])
        try store.set("p/c/1", Data([1, 2, 3]))
        XCTAssertThrowsError(try plain[...].get()) { XCTAssertTrue("\($0)".contains("stored chunk has 3 bytes"), "\($0)") }
        XCTAssertThrowsError(try plain[2..<3].set(Int16(3)))  // partial: reads the bad chunk
        XCTAssertNoThrow(try plain[2..<4].set(Int16(3)))  // whole chunk: replaces it unread
    }
}

final class ChunkBufferOwnershipTests: XCTestCase {
    /// Stored chunks never share a buffer the caller can still change.
    func testChangingAnArrayAfterWritingItLeavesTheStoredChunkAlone() throws {
        for codecs in [[BytesCodec().json], [BytesCodec().json, Crc32cCodec().json], ZarrArray.defaultCodecs] {
            let store = MemoryStore()
            let array = try ZarrArray.create(store, "a", shape: [4], dtype: .int32, chunkShape: [4], codecs: codecs)
            var data = try NDArray([1, 2, 3, 4] as [Int32])
            try array.setChunk(data, [0])
            try data.withUnsafeMutableBufferPointer(as: Int32.self) { $0[0] = 99 }
            XCTAssertEqual(try array.getChunk([0]).toArray(as: Int32.self), [1, 2, 3, 4], "\(codecs)")
            var whole = try NDArray([5, 6, 7, 8] as [Int32])
            try array[...].set(whole)
            try whole.withUnsafeMutableBufferPointer(as: Int32.self) { $0[0] = 99 }
            XCTAssertEqual(try array[...].get().toArray(as: Int32.self), [5, 6, 7, 8], "\(codecs)")
        }
    }
}
