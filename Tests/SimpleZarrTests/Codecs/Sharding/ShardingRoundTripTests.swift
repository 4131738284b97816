import Foundation
import XCTest

@testable import SimpleZarr

/// Shards encode and decode back, through a pipeline and through an array in a store, for each
/// index layout, inner codec chain and data type; fill-only inner chunks are left out.
final class ShardingRoundTripTests: XCTestCase {
    private func innerChains() throws -> [(String, [any Codec])] {
        [
            ("bytes", [BytesCodec()]),
            ("bytes+zstd", [BytesCodec(), ZstdCodec.standard]),
            ("transpose+bytes+gzip", [TransposeCodec(order: [1, 0]), BytesCodec(endian: .big), try GzipCodec(level: 1)]),
            ("bytes+blosc", [BytesCodec(), try BloscCodec(cname: .lz4)]),
        ]
    }

    private let indexChains: [(String, [any Codec])] = [
        ("bytes", [BytesCodec()]),
        ("bytes+crc32c", [BytesCodec(), Crc32cCodec()]),
    ]

    func testPipelineRoundTripsForEveryLayoutChainAndType() throws {
        var rng = SplitMix64(state: 11)
        let types: [DataType] = [.uint8, .int16, .float32, .complex64, .bool]
        var cases = 0
        for (chainName, inner) in try innerChains() {
            for (indexName, indexCodecs) in indexChains {
                for location in [ShardingCodec.IndexLocation.start, .end] {
                    for dtype in types {
                        let codec = ShardingCodec(chunkShape: [2, 3], codecs: inner, indexCodecs: indexCodecs, indexLocation: location)
                        let pipeline = try ShardTesting.pipeline(codec, shape: [6, 9], dtype: dtype)
                        let array = try ShardTesting.randomArray(dtype, shape: [6, 9], rng: &rng, zeroShare: 0.3)
                        let encoded = try pipeline.encode(array)
                        XCTAssertEqual(try pipeline.decode(encoded), array, "\(chainName), index \(indexName), \(location), \(dtype)")
                        // Also from a slice that does not start at index 0.
                        let shifted = (Data([9, 9, 9]) + encoded).dropFirst(3)
                        XCTAssertEqual(try pipeline.decode(shifted), array)
                        cases += 1
                    }
                }
            }
        }
        XCTAssertEqual(cases, 80)
    }

    func testFillOnlyInnerChunksAreLeftOut() throws {
        let codec = ShardingCodec(chunkShape: [4], codecs: [BytesCodec()], indexCodecs: [BytesCodec(), Crc32cCodec()])
        let pipeline = try ShardTesting.pipeline(codec, shape: [16], dtype: .int16, fill: 7)
        var values = [Int16](repeating: 7, count: 16)
        values[5] = 1
        values[15] = 2
        let encoded = try pipeline.encode(NDArray(values, shape: [16]))
        // Two stored inner chunks of 8 bytes, then the index: 4 × 16 bytes + the checksum.
        XCTAssertEqual(encoded.count, 2 * 8 + 64 + 4)
        XCTAssertEqual(try pipeline.decode(encoded).toArray(as: Int16.self), values)
        // A shard of only the fill value is just its index.
        let empty = try pipeline.encode(NDArray(repeating: Int16(7), shape: [16]))
        XCTAssertEqual(empty.count, 68)
        XCTAssertEqual(try pipeline.decode(empty).toArray(as: Int16.self), [Int16](repeating: 7, count: 16))
    }

    func testNestedSharding() throws {
        var rng = SplitMix64(state: 12)
        let innerShard = ShardingCodec(chunkShape: [2, 2], codecs: [BytesCodec(), ZstdCodec.standard], indexLocation: .start)
        let codec = ShardingCodec(chunkShape: [4, 4], codecs: [innerShard])
        let pipeline = try ShardTesting.pipeline(codec, shape: [8, 12], dtype: .uint16)
        let array = try ShardTesting.randomArray(.uint16, shape: [8, 12], rng: &rng, zeroShare: 0.5)
        let encoded = try pipeline.encode(array)
        XCTAssertEqual(try pipeline.decode(encoded), array)
        let region = ChunkRegion(start: [1, 2], counts: [6, 4], steps: [1, 2])
        XCTAssertEqual(
            try ShardTesting.decodePartial(pipeline, region, reader: CountingDataReader(encoded)),
            try ShardTesting.slice(array, region))
    }

    func testArraysInAStoreWithEdgeShards() throws {
        var rng = SplitMix64(state: 13)
        for location in [ShardingCodec.IndexLocation.start, .end] {
            let store = MemoryStore()
            let codec = ShardingCodec(chunkShape: [2, 5], codecs: [BytesCodec(), ZstdCodec.standard], indexLocation: location)
            let arr = try ZarrArray.create(store, "s", shape: [9, 23], dtype: .float32, chunkShape: [4, 10], codecs: [codec])
            let data = try ShardTesting.randomArray(.float32, shape: [9, 23], rng: &rng, zeroShare: 0.4)
            try arr[...].set(data)
            XCTAssertEqual(try arr[...].get(), data)
            let reopened = try XCTUnwrap(try openZarr(store, path: "s") as? ZarrArray)
            XCTAssertEqual(try reopened[...].get(), data)
            XCTAssertEqual(try reopened[3..<8, 7...].get(), try ShardTesting.slice(data, ChunkRegion(start: [3, 7], counts: [5, 16])))
            guard case .array(let entries)? = reopened.metadata["codecs"] else { return XCTFail("no codecs in \(reopened.metadata)") }
            XCTAssertEqual(entries.first?.objectValue?["name"], "sharding_indexed")
        }
    }

    func testAllFillShardsAreErasedByTheArray() throws {
        let store = MemoryStore()
        let arr = try ZarrArray.create(
            store, "e", shape: [8], dtype: .uint8, chunkShape: [4], fillValue: 3, codecs: [ShardingCodec(chunkShape: [2])])
        try arr[...].set(NDArray([1, 3, 3, 3, 3, 3, 3, 3] as [UInt8]))
        XCTAssertNotNil(store.dict["e/c/0"])
        XCTAssertNil(store.dict["e/c/1"])
        try arr[0..<1].set(NDArray([3] as [UInt8]))
        XCTAssertNil(store.dict["e/c/0"])
        XCTAssertEqual(try arr[...].get().toArray(as: UInt8.self), [UInt8](repeating: 3, count: 8))
    }

    func testConfigurationRoundTripsThroughTheRegistry() throws {
        let codec = ShardingCodec(
            chunkShape: [2, 4], codecs: [BytesCodec(endian: .big), try GzipCodec(level: 3)],
            indexCodecs: [BytesCodec()], indexLocation: .start)
        let rebuilt = try CodecRegistry.makeCodec(from: codec.json)
        XCTAssertEqual(rebuilt.json, codec.json)
        XCTAssertEqual(codec.configuration["index_location"], "start")
        // Defaults: index codecs bytes + crc32c, index at the end.
        let minimal = try ShardingCodec(configuration: ["chunk_shape": [2], "codecs": [["name": "bytes"]]])
        XCTAssertEqual(minimal.indexCodecs.map(\.name), ["bytes", "crc32c"])
        XCTAssertEqual(minimal.indexLocation, .end)
        for bad: JSONObject in [
            ["codecs": [["name": "bytes"]]],
            ["chunk_shape": [0], "codecs": [["name": "bytes"]]],
            ["chunk_shape": [2]],
            ["chunk_shape": [2], "codecs": []],
            ["chunk_shape": [2], "codecs": [["name": "bytes"]], "index_location": "middle"],
            ["chunk_shape": [2], "codecs": [["name": "bytes"]], "extra": 1],
        ] {
            XCTAssertThrowsError(try ShardingCodec(configuration: bad), "\(bad)")
        }
    }

    func testBindingChecksShapesAndTheIndexSize() throws {
        let representation = ArrayRepresentation(shape: [6, 8], dataType: .int32, fillValue: .zero(.int32))
        XCTAssertThrowsError(try CodecPipeline(codecs: [ShardingCodec(chunkShape: [4, 4])], chunk: representation)) { error in
            guard case ZarrError.codec(let details) = error else { return XCTFail("\(error)") }
            let message = details.message
            XCTAssertTrue(message.contains("[6, 8]") && message.contains("[4, 4]") && message.contains("sharding_indexed"), message)
        }
        XCTAssertThrowsError(try CodecPipeline(codecs: [ShardingCodec(chunkShape: [2])], chunk: representation))
        let compressedIndex = ShardingCodec(chunkShape: [2, 2], indexCodecs: [BytesCodec(), ZstdCodec.standard])
        XCTAssertThrowsError(try CodecPipeline(codecs: [compressedIndex], chunk: representation)) { error in
            guard case ZarrError.unsupported = error else { return XCTFail("\(error)") }
        }
        // An unbound codec refuses to work.
        XCTAssertThrowsError(try ShardingCodec(chunkShape: [2, 2]).validate(representation))
        XCTAssertThrowsError(try ShardingCodec(chunkShape: [2, 2]).encode(NDArray(dtype: .int32, shape: [6, 8])))
        let pipeline = try CodecPipeline(codecs: [ShardingCodec(chunkShape: [3, 2])], chunk: representation)
        XCTAssertNil(pipeline.fixedEncodedByteCount)
        XCTAssertNotNil(pipeline.partialDecoder)
    }
}
