import Foundation
import XCTest

@testable import SimpleZarr

/// The stored bytes follow the sharding spec's binary format exactly: checked against shards
/// written by hand (and, for the first, against the bytes zarr-python 3.4.2 writes).
final class ShardingLayoutTests: XCTestCase {
    func testEncodedShardMatchesTheHandComputedBytes() throws {
        // uint8 [1, 2, 0, 0], inner chunks of 2, fill 0: the second inner chunk is left out.
        let codec = ShardingCodec(chunkShape: [2], codecs: [BytesCodec()])
        let pipeline = try ShardTesting.pipeline(codec, shape: [4], dtype: .uint8)
        let index = ShardTesting.uint64LE([0, 2, UInt64.max, UInt64.max])
        let expected = [1, 2] + index + ShardTesting.crc32c(index)
        // zarr-python 3.4.2 writes exactly these bytes for this array (checksum 189, 19, 189, 86).
        XCTAssertEqual(Array(expected.suffix(4)), [189, 19, 189, 86])
        let encoded = try pipeline.encode(NDArray([1, 2, 0, 0] as [UInt8]))
        XCTAssertEqual(Array(encoded), expected)
        XCTAssertEqual(try pipeline.decode(Data(expected)).toArray(as: UInt8.self), [1, 2, 0, 0])
    }

    func testIndexAtTheStartCountsOffsetsFromTheShardStart() throws {
        let codec = ShardingCodec(chunkShape: [2], codecs: [BytesCodec()], indexCodecs: [BytesCodec()], indexLocation: .start)
        let pipeline = try ShardTesting.pipeline(codec, shape: [6], dtype: .int16, fill: -1)
        let encoded = try pipeline.encode(NDArray([5, 6, -1, -1, 7, 8] as [Int16]))
        let index = ShardTesting.uint64LE([48, 4, UInt64.max, UInt64.max, 52, 4])
        XCTAssertEqual(Array(encoded), index + [5, 0, 6, 0, 7, 0, 8, 0])
    }

    func testHandBuiltShardWithGapsAndOutOfOrderChunksDecodes() throws {
        // A 2 x 4 uint16 shard of 2 x 2 inner chunks, index at the start with a crc32c, the
        // second inner chunk stored before the first, with junk between them.
        let codec = ShardingCodec(chunkShape: [2, 2], codecs: [BytesCodec(endian: .big)], indexLocation: .start)
        let pipeline = try ShardTesting.pipeline(codec, shape: [2, 4], dtype: .uint16)
        let second: [UInt8] = [0, 3, 0, 4, 0, 7, 0, 8]  // big-endian 3, 4 / 7, 8
        let first: [UInt8] = [0, 1, 0, 2, 0, 5, 0, 6]
        let indexSize = 32 + 4
        let junk: [UInt8] = [0xAA, 0xBB, 0xCC]
        let index = ShardTesting.uint64LE([UInt64(indexSize + 8 + junk.count), 8, UInt64(indexSize), 8])
        let shard = index + ShardTesting.crc32c(index) + second + junk + first
        let decoded = try pipeline.decode(Data(shard))
        XCTAssertEqual(try decoded.toArray(as: UInt16.self), [1, 2, 3, 4, 5, 6, 7, 8])
        let region = ChunkRegion(start: [0, 1], counts: [2, 2], steps: [1, 2])
        XCTAssertEqual(
            try ShardTesting.decodePartial(pipeline, region, reader: CountingDataReader(Data(shard))).toArray(as: UInt16.self),
            [2, 4, 6, 8])
    }

    func testBigEndianIndexAndEmptyMarkers() throws {
        let codec = ShardingCodec(chunkShape: [1], codecs: [BytesCodec()], indexCodecs: [BytesCodec(endian: .big)])
        let pipeline = try ShardTesting.pipeline(codec, shape: [3], dtype: .uint8, fill: 9)
        let entries: [UInt64] = [UInt64.max, UInt64.max, 1, 1, 0, 1]
        let index = entries.flatMap { value in withUnsafeBytes(of: value.bigEndian) { Array($0) } }
        let shard: [UInt8] = [30, 20] + index
        XCTAssertEqual(try pipeline.decode(Data(shard)).toArray(as: UInt8.self), [9, 20, 30])
    }
}
