import Foundation
import XCTest

@testable import SimpleZarr

/// `ZarrLimits.maximumChunkByteCount` (issue 8): a 254-byte `zarr.json` made `getChunk` allocate
/// 2 GiB for a never-written chunk; now every chunk operation refuses a chunk above the limit
/// before allocating, and decompressors of unknown output size stop at it.
final class ChunkLimitTests: XCTestCase {
    /// Runs `body` with the limit set to `limit`, restoring it afterwards.
    func withLimit<T>(_ limit: Int, _ body: () throws -> T) rethrows -> T {
        let saved = ZarrLimits.maximumChunkByteCount
        ZarrLimits.maximumChunkByteCount = limit
        defer { ZarrLimits.maximumChunkByteCount = saved }
        return try body()
    }

    func assertLimitExceeded<T>(_ expression: @autoclosure () throws -> T, _ fragments: [String] = [], line: UInt = #line) {
        XCTAssertThrowsError(try expression(), line: line) { error in
            guard case ZarrError.limitExceeded(let details) = error else {
                return XCTFail("expected limitExceeded, got \(error)", line: line)
            }
            let message = details.message
            for fragment in fragments {
                XCTAssertTrue(message.contains(fragment), "'\(fragment)' not in: \(message)", line: line)
            }
        }
    }

    func testTheDefaultIsOneGibibyteAndSettable() {
        XCTAssertEqual(ZarrLimits.defaultMaximumChunkByteCount, 1 << 30)
        XCTAssertEqual(ZarrLimits.maximumChunkByteCount, 1 << 30)
        withLimit(-5) { XCTAssertEqual(ZarrLimits.maximumChunkByteCount, 0) }
        XCTAssertEqual(ZarrLimits.maximumChunkByteCount, 1 << 30)
    }

    func testAFillValueChunkAboveTheDefaultIsRefusedBeforeAllocating() throws {
        // The audit's case: 2 GiB of fill value from a tiny document, in any process.
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [1 << 31], dtype: .uint8, chunkShape: [1 << 31])
        assertLimitExceeded(try array.getChunk([0]), ["getChunk", "[2147483648]", "uint8", "2147483648 bytes", "1073741824 bytes"])
        assertLimitExceeded(try array.getChunkNow([0]))
        assertLimitExceeded(try array[0..<10].set(UInt8(1)), ["ZarrArraySlice.set()"])
        // Reading part of a never-written chunk needs no chunk buffer, so it works.
        XCTAssertEqual(try array[0..<4].get().toArray(as: UInt8.self), [0, 0, 0, 0])
    }

    func testEveryChunkOperationChecksTheLimit() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [64], dtype: .int32, chunkShape: [16], fillValue: 3)
        try array[...].set(try NDArray((0..<64).map { Int32($0) }))
        let chunk = try array.getChunk([1])
        try withLimit(63) {
            assertLimitExceeded(try array.getChunk([1]), ["[16]", "int32", "64 bytes", "63 bytes"])
            assertLimitExceeded(try array.getChunk([0]))
            assertLimitExceeded(try array.getChunkFuture([1]).result())
            assertLimitExceeded(try array.setChunk(chunk, [1]))
            assertLimitExceeded(try array[...].get(), ["ZarrArraySlice.get()"])  // stored chunks must be decoded
            assertLimitExceeded(try array[0..<3].set(Int32(9)))
            assertLimitExceeded(try array[...].set(try NDArray((0..<64).map { Int32($0) })))
        }
        try withLimit(64) {
            XCTAssertEqual(try array.getChunk([1]), chunk)
            try array.setChunk(chunk, [1])
            XCTAssertEqual(try array[14..<18].get().toArray(as: Int32.self), [14, 15, 16, 17])
        }
        // Nothing was written while the limit refused.
        XCTAssertEqual(try array[...].get().toArray(as: Int32.self), (0..<64).map { Int32($0) })
    }

    func testZeroSizeSelectionsNeedNoChunkAndPassAnyLimit() throws {
        let store = CountingStore(MemoryStore())
        let array = try ZarrArray.create(store, "a", shape: [8, 8], dtype: .uint8, chunkShape: [4, 4])
        store.reset()
        try withLimit(0) {
            XCTAssertEqual(try array[3..<3, ...].get().shape, [0, 8])
            try array[..., 5..<5].set(UInt8(1))
        }
        XCTAssertEqual(store.calls("get") + store.calls("set") + store.calls("erase"), 0)
    }

    func testDecompressorsOfUnknownOutputSizeStopAtTheLimit() throws {
        // gzip inside gzip inside gzip: the decoded sizes of the outer streams (the inner streams)
        // are not known in advance, so the limit bounds them. Each gzip of incompressible data
        // adds 23 bytes (inflate may overshoot its bound by a few bytes of slack, so two layers).
        var generator = SplitMix64(state: 8)
        let noise = (0..<800).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let store = MemoryStore()
        let gzip: JSONValue = ["name": "gzip", "configuration": ["level": 1]]
        let array = try ZarrArray.create(
            store, "a", shape: [800], dtype: .uint8, chunkShape: [800], codecs: [BytesCodec().json, gzip, gzip, gzip])
        try array.setChunk(try NDArray(noise), [0])
        XCTAssertEqual(try array.getChunk([0]).toArray(as: UInt8.self), noise)
        try withLimit(801) {  // the chunk fits, its inner gzip streams (823 and 846 bytes) do not
            XCTAssertThrowsError(try array.getChunk([0])) { error in
                guard case ZarrError.codec(let details) = error else { return XCTFail("\(error)") }
                let message = details.message
                XCTAssertTrue(message.contains("a/c/0"), message)
            }
        }
    }

    func testTheLimitIsReadSafelyFromManyThreads() throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [256], dtype: .uint8, chunkShape: [4])
        let executor = ThreadPoolExecutor(maxWorkers: 4)
        let readers = (0..<64).map { i in executor.submit { try array[(i * 4)..<(i * 4 + 4)].set(UInt8(i)) } }
        for value in [1 << 20, 1 << 30, 1 << 25] { ZarrLimits.maximumChunkByteCount = value }
        ZarrLimits.maximumChunkByteCount = ZarrLimits.defaultMaximumChunkByteCount
        _ = try waitAll(readers, timeout: 30)
        XCTAssertEqual(try array[252...].get().toArray(as: UInt8.self), [63, 63, 63, 63])
    }

    /// A huge file at a chunk key (here a 64 GiB sparse file) is refused from its size, before
    /// anything is allocated or read; a plain `get` with a bound does the same.
    func testAStoredChunkFarAboveTheLimitIsRefusedBeforeReading() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("huge-chunk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = LocalStore(directory.path)
        let array = try ZarrArray.create(store, "a", shape: [16], dtype: .uint8, chunkShape: [16], codecs: [["name": "bytes"]])
        let chunkPath = directory.appendingPathComponent("a/c/0").path
        try FileManager.default.createDirectory(atPath: (chunkPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: chunkPath, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: chunkPath))
        try handle.truncate(atOffset: 64 << 30)
        try handle.close()
        for read in [{ _ = try array.getChunk([0]) }, { _ = try array[...].get() }, { try array[0..<3].set(UInt8(1)) }] {
            XCTAssertThrowsError(try read()) { error in
                guard case ZarrError.limitExceeded(let details) = error else { return XCTFail("expected limitExceeded, got \(error)") }
                let message = details.message
                XCTAssertTrue(message.contains("a/c/0"), message)
            }
        }
        try store.set("small", Data(count: 10))
        XCTAssertEqual(try store.get("small", maximumSize: 10).count, 10)
        XCTAssertThrowsError(try store.get("small", maximumSize: 9))
        XCTAssertThrowsError(try MemoryStore(fields: ["k": Data(count: 5)]).get("k", maximumSize: 4))
    }
}
