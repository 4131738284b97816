import Foundation
import XCTest

@testable import SimpleZarr

/// A partial read fetches the index and then only the inner chunks it needs, merged into few
/// reads, decodes them on any executor (even of one worker) and gives what a whole decode and
/// a slice give.
final class ShardingPartialDecodeTests: XCTestCase {
    /// A 16 x 64 uint16 shard of 2 x 8 inner chunks (8 x 8 of them), random data.
    private func fixture(
        location: ShardingCodec.IndexLocation = .end, codecs: [any Codec] = [BytesCodec()], seed: UInt64 = 1
    ) throws -> (CodecPipeline, NDArray, Data) {
        var rng = SplitMix64(state: seed)
        let codec = ShardingCodec(chunkShape: [2, 8], codecs: codecs, indexLocation: location)
        let pipeline = try ShardTesting.pipeline(codec, shape: [16, 64], dtype: .uint16)
        let array = try ShardTesting.randomArray(.uint16, shape: [16, 64], rng: &rng)
        return (pipeline, array, try pipeline.encode(array))
    }

    func testOneInnerChunkCostsOneIndexReadAndOneDataRead() throws {
        for location in [ShardingCodec.IndexLocation.start, .end] {
            let (pipeline, array, encoded) = try fixture(location: location)
            let reader = CountingDataReader(encoded)
            let region = ChunkRegion(start: [4, 17], counts: [2, 5])  // inside inner chunk [2, 2]
            XCTAssertEqual(try ShardTesting.decodePartial(pipeline, region, reader: reader), try ShardTesting.slice(array, region))
            XCTAssertEqual(reader.rangesPerCall, [1, 1])
            // The index (64 entries × 16 bytes + checksum) and one inner chunk of 32 bytes.
            XCTAssertLessThanOrEqual(reader.bytesRead, 64 * 16 + 4 + 32)
        }
    }

    func testARowOfNeighbouringInnerChunksIsOneRead() throws {
        let (pipeline, array, encoded) = try fixture(codecs: [BytesCodec(), ZstdCodec.standard])
        let reader = CountingDataReader(encoded)
        let region = ChunkRegion(start: [6, 0], counts: [1, 64])  // one row across 8 inner chunks
        XCTAssertEqual(try ShardTesting.decodePartial(pipeline, region, reader: reader), try ShardTesting.slice(array, region))
        XCTAssertEqual(reader.rangesPerCall, [1, 1])
    }

    func testCoalescingHonoursTheGapAndSizeLimits() throws {
        let saved = (ShardingCodec.coalesceMaxGapBytes, ShardingCodec.coalesceMaxBytes)
        defer { (ShardingCodec.coalesceMaxGapBytes, ShardingCodec.coalesceMaxBytes) = saved }
        XCTAssertEqual(saved.0, 1 << 20)
        XCTAssertEqual(saved.1, 16 << 20)
        let (pipeline, array, encoded) = try fixture()
        // Every other inner chunk of a row: gaps of 32 bytes.
        let region = ChunkRegion(start: [0, 0], counts: [1, 4], steps: [1, 16])
        for (gap, size, reads) in [(32, 1 << 20, 1), (31, 1 << 20, 4), (1 << 20, 96, 2), (1 << 20, 0, 4)] {
            ShardingCodec.coalesceMaxGapBytes = gap
            ShardingCodec.coalesceMaxBytes = size
            let reader = CountingDataReader(encoded)
            XCTAssertEqual(try ShardTesting.decodePartial(pipeline, region, reader: reader), try ShardTesting.slice(array, region))
            XCTAssertEqual(reader.rangesPerCall, [1, reads], "gap \(gap), size \(size)")
        }
        ShardingCodec.coalesceMaxGapBytes = -5
        XCTAssertEqual(ShardingCodec.coalesceMaxGapBytes, 0)
    }

    func testCoalescingGroupsSortedRanges() {
        let reads = coalesceByteRanges([40..<50, 0..<10, 12..<20, 100..<200], maxGap: 5, maxBytes: 60)
        XCTAssertEqual(reads, [
            CoalescedRead(span: 0..<20, members: [1, 2]), CoalescedRead(span: 40..<50, members: [0]),
            CoalescedRead(span: 100..<200, members: [3]),
        ])
    }

    func testRegionsWithStepsAndAbsentInnerChunks() throws {
        var rng = SplitMix64(state: 5)
        let codec = ShardingCodec(chunkShape: [3, 2, 4], codecs: [TransposeCodec(order: [2, 0, 1]), BytesCodec(), try GzipCodec(level: 1)])
        let pipeline = try ShardTesting.pipeline(codec, shape: [6, 8, 8], dtype: .float32, fill: "NaN")
        var array = try ShardTesting.randomArray(.float32, shape: [6, 8, 8], rng: &rng)
        // Make the first inner chunk all fill, so it is not stored.
        let nan = Float.nan
        try array.withUnsafeMutableBufferPointer(as: Float.self) { values in
            for i in 0..<3 { for j in 0..<2 { for k in 0..<4 { values[i * 64 + j * 8 + k] = nan } } }
        }
        let encoded = try pipeline.encode(array)
        for region in [
            ChunkRegion(start: [0, 0, 0], counts: [3, 4, 2], steps: [2, 2, 3]),
            ChunkRegion(start: [1, 1, 1], counts: [1, 1, 2], steps: [1, 1, 5]),
            ChunkRegion(start: [0, 0, 0], counts: [6, 8, 8]),
            ChunkRegion(start: [5, 7, 0], counts: [1, 1, 8], steps: [1, 1, 1]),
        ] {
            XCTAssertEqual(
                try ShardTesting.decodePartial(pipeline, region, reader: CountingDataReader(encoded)),
                try ShardTesting.slice(array, region), "\(region)")
        }
    }

    func testAOneWorkerExecutorFinishes() throws {
        let (pipeline, array, encoded) = try fixture(codecs: [BytesCodec(), ZstdCodec.standard])
        let executor = ThreadPoolExecutor(maxWorkers: 1)
        let region = ChunkRegion(start: [0, 0], counts: [16, 64])
        // Called from a job of the one worker, as an array read calls it: nothing may wait for the pool.
        let result = try ShardTesting.decodePartial(
            pipeline, region, reader: CountingDataReader(encoded), executor: executor, fromPool: true)
        XCTAssertEqual(result, array)
        // With a pool that is shut down, the completion still comes, with the error.
        executor.shutdown()
        XCTAssertThrowsError(try ShardTesting.decodePartial(pipeline, region, reader: CountingDataReader(encoded), executor: executor))
    }

    func testAMissingShardReadsAsTheFillValue() throws {
        let codec = ShardingCodec(chunkShape: [2])
        let pipeline = try ShardTesting.pipeline(codec, shape: [8], dtype: .int32, fill: 4)
        let reader = CountingDataReader(nil)
        let region = ChunkRegion(start: [1], counts: [3], steps: [2])
        XCTAssertEqual(try ShardTesting.decodePartial(pipeline, region, reader: reader).toArray(as: Int32.self), [4, 4, 4])
        XCTAssertEqual(reader.callCount, 1)
    }

    func testPartialReadsEqualWholeDecodeAndSlicing() throws {
        var rng = SplitMix64(state: 200)
        let executor = ThreadPoolExecutor(maxWorkers: 3)
        let types: [DataType] = [.uint8, .int16, .float32, .complex64, .bool]
        for trial in 0..<200 {
            let dtype = types[trial % types.count]
            let ndim = Int.random(in: 1...3, using: &rng)
            let chunkShape = (0..<ndim).map { _ in Int.random(in: 1...4, using: &rng) }
            let shape = chunkShape.map { $0 * Int.random(in: 1...4, using: &rng) }
            let location: ShardingCodec.IndexLocation = Bool.random(using: &rng) ? .start : .end
            let inner: [any Codec] = Bool.random(using: &rng) ? [BytesCodec()] : [BytesCodec(endian: .big), ZstdCodec.standard]
            let codec = ShardingCodec(chunkShape: chunkShape, codecs: inner, indexLocation: location)
            let pipeline = try ShardTesting.pipeline(codec, shape: shape, dtype: dtype)
            let array = try ShardTesting.randomArray(dtype, shape: shape, rng: &rng, zeroShare: Double.random(in: 0...1, using: &rng))
            let encoded = try pipeline.encode(array)
            let whole = try pipeline.decode(encoded)
            XCTAssertEqual(whole, array)
            var start: [Int] = [], counts: [Int] = [], steps: [Int] = []
            for length in shape {
                let s = Int.random(in: 0..<length, using: &rng)
                let step = Int.random(in: 1...3, using: &rng)
                start.append(s)
                steps.append(step)
                counts.append(Int.random(in: 1...((length - 1 - s) / step + 1), using: &rng))
            }
            let region = ChunkRegion(start: start, counts: counts, steps: steps)
            XCTAssertEqual(
                try ShardTesting.decodePartial(pipeline, region, reader: CountingDataReader(encoded), executor: executor),
                try ShardTesting.slice(whole, region), "trial \(trial): \(region) of \(shape) / \(chunkShape)")
        }
    }

    func testRegionsOutsideTheShardAreRefused() throws {
        let (pipeline, _, encoded) = try fixture()
        for region in [
            ChunkRegion(start: [0, 0], counts: [17, 1]),
            ChunkRegion(start: [-1, 0], counts: [1, 1]),
            ChunkRegion(start: [0, 0], counts: [2, 1], steps: [0, 1]),
            ChunkRegion(start: [0, 0], counts: [2, 2], steps: [Int.max, 1]),
            ChunkRegion(start: [0], counts: [1]),
        ] {
            XCTAssertThrowsError(try ShardTesting.decodePartial(pipeline, region, reader: CountingDataReader(encoded))) { error in
                guard case ZarrError.invalidArgument(let details) = error else { return XCTFail("\(error)") }
                let message = details.message
                XCTAssertTrue(message.contains("sharding_indexed"), message)
            }
        }
    }
}
