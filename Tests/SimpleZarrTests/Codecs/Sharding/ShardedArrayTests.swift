import Foundation
import XCTest
@testable import SimpleZarr

/// Sharded arrays through the array API: what `create(..., shardShape:)` writes, the shape
/// properties, and what region reads and writes cost in store calls and bytes.
final class ShardedArrayTests: XCTestCase {
    /// 64 x 64 uint16 in shards of 32 x 32 holding 8 x 8 inner chunks of 4 x 4 (bytes only, so
    /// every inner chunk is 32 bytes), filled with values.
    private func makeArray(_ store: any WritableStore) throws -> ZarrArray {
        let array = try ZarrArray.create(
            store, "a", shape: [64, 64], dtype: .uint16, chunkShape: [4, 4], shardShape: [32, 32],
            codecs: [BytesCodec()])
        try array[...].set(try NDArray((0..<4096).map { UInt16($0) }, shape: [64, 64]))
        return array
    }

    func testCreateWritesZarrPythonsShardingLayout() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "s", shape: [100, 50], dtype: .float32, chunkShape: [10, 10], shardShape: [50, 50])
        let document = try JSONValue.parse(try store.get("s/zarr.json"))
        XCTAssertEqual(document["chunk_grid"]?["configuration"]?["chunk_shape"], [50, 50])
        let sharding = try XCTUnwrap(document["codecs"]?.arrayValue?.first)
        XCTAssertEqual(sharding["name"], "sharding_indexed")
        XCTAssertEqual(sharding["configuration"]?["chunk_shape"], [10, 10])
        XCTAssertEqual(sharding["configuration"]?["index_location"], "end")
        XCTAssertEqual(sharding["configuration"]?["index_codecs"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["bytes", "crc32c"])
        XCTAssertEqual(sharding["configuration"]?["codecs"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["bytes", "zstd"])
        XCTAssertEqual(array.chunkShape, [50, 50])
        XCTAssertEqual(array.shardShape, [50, 50])
        XCTAssertEqual(array.innerChunkShape, [10, 10])
        XCTAssertEqual(array.chunkGridShape, [2, 1])
        let plain = try ZarrArray.create(store, "p", shape: [10], dtype: .uint8, chunkShape: [5])
        XCTAssertNil(plain.shardShape)
        XCTAssertEqual(plain.innerChunkShape, [5])
        XCTAssertThrowsError(try ZarrArray.create(store, "bad", shape: [10], dtype: .uint8, chunkShape: [3], shardShape: [5])) {
            XCTAssertTrue("\($0)".contains("[5]") && "\($0)".contains("[3]"), "\($0)")
        }
    }

    func testInnerCodecsAreWrittenAsBoundAndTransposedShardingReportsTheShard() throws {
        let store = MemoryStore()
        try ZarrArray.create(store, "b", shape: [8, 8], dtype: .int32, chunkShape: [4, 4], shardShape: [8, 8],
                             codecs: [BytesCodec(), try ShuffleCodec(configuration: [:]), try BloscCodec(cname: .lz4)])
        let document = try JSONValue.parse(try store.get("b/zarr.json"))
        let inner = try XCTUnwrap(document["codecs"]?.arrayValue?.first?["configuration"]?["codecs"]?.arrayValue)
        XCTAssertEqual(inner[1]["configuration"]?["elementsize"], 4)
        XCTAssertEqual(inner[2]["configuration"]?["typesize"], 4)
        // A transpose before the sharding codec: inner chunks are in the transposed axes.
        let transposed = try ZarrArray.create(store, "t", shape: [6, 4], dtype: .uint8, chunkShape: [6, 4], codecs: [
            ["name": "transpose", "configuration": ["order": [1, 0]]],
            ["name": "sharding_indexed", "configuration": ["chunk_shape": [2, 3], "codecs": [["name": "bytes"]]]],
        ])
        XCTAssertEqual(transposed.shardShape, [6, 4])
        XCTAssertEqual(transposed.innerChunkShape, [6, 4])
        try transposed[...].set(try NDArray((0..<24).map { UInt8($0) }, shape: [6, 4]))
        XCTAssertEqual(try transposed[1..<3, 2].get().toArray(as: UInt8.self), [6, 10])
    }

    func testOneInnerChunkCostsOneIndexReadAndOneDataRead() throws {
        let inner = MemoryStore()
        _ = try makeArray(inner)
        let store = RequestCountingStore(inner)
        let array = try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)
        store.reset()
        let values = try array[36..<40, 4..<8].get()  // inner chunk (1, 1) of shard (1, 0)
        XCTAssertEqual(try values.toArray(as: UInt16.self).first, UInt16(36 * 64 + 4))
        let calls = store.partialGets.withLock { $0 }
        XCTAssertEqual(store.gets.withLock { $0 }, [], "no whole-shard read")
        XCTAssertEqual(calls.count, 2, "\(calls.map(\.ranges))")
        let indexBytes = 16 * 64 + 4
        XCTAssertEqual(calls.first?.bytes, indexBytes)
        XCTAssertEqual(calls.last?.bytes, 32)
    }

    func testARowOfEightNeighbouringInnerChunksIsOneDataRead() throws {
        let inner = MemoryStore()
        _ = try makeArray(inner)
        let store = RequestCountingStore(inner)
        let array = try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)
        store.reset()
        let row = try array[0..<4, 0..<32].get(executor: ThreadPoolExecutor(maxWorkers: 1))
        XCTAssertEqual(try row.toArray(as: UInt16.self)[31], 31)
        let calls = store.partialGets.withLock { $0 }
        XCTAssertEqual(calls.count, 2, "the index, then one coalesced range: \(calls.map(\.ranges))")
        XCTAssertEqual(calls.last?.ranges.count, 1)
        XCTAssertEqual(calls.last?.bytes, 8 * 32)
    }

    func testAWholeShardWriteIsOneSetAndNoRead() throws {
        let inner = MemoryStore()
        let array = try makeArray(inner)
        let store = RequestCountingStore(inner)
        let reopened = try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)
        store.reset()
        try reopened[32..<64, 0..<32].set(try NDArray([UInt16](repeating: 9, count: 1024), shape: [32, 32]))
        XCTAssertEqual(store.sets.withLock { $0 }, ["a/c/1/0"])
        XCTAssertEqual(store.gets.withLock { $0 }, [])
        XCTAssertEqual(store.partialGets.withLock { $0.count }, 0)
        // A partial shard write reads, merges and rewrites that shard only.
        store.reset()
        try reopened[0..<2, 0..<2].set(UInt16(1))
        XCTAssertEqual(store.sets.withLock { $0 }, ["a/c/0/0"])
        XCTAssertEqual(try array[0..<3, 0..<3].get().toArray(as: UInt16.self), [1, 1, 2, 1, 1, 66, 128, 129, 130])
        // Writing the fill value over a whole shard erases it.
        try reopened[32..<64, 32..<64].set(UInt16(0))
        XCTAssertThrowsError(try inner.get("a/c/1/1"))
    }
}
