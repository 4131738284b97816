import Foundation
import XCTest

@testable import SimpleZarr

/// Corrupt, truncated and lying shards make `decode` and `decodePartial` throw a codec error
/// (or decode, when the damage leaves a valid shard), never trap or read out of range.
final class ShardingHostileInputTests: XCTestCase {
    /// Shards of 4 x 6 int16 in inner chunks of 2 x 2, without an index checksum (so that damaged
    /// index entries reach the checks) or with one.
    /// Each with where its index entries start (6 inner chunks: 96 bytes of entries).
    private func shards() throws -> [(pipeline: CodecPipeline, data: Data, entriesStart: Int)] {
        var rng = SplitMix64(state: 77)
        var result: [(pipeline: CodecPipeline, data: Data, entriesStart: Int)] = []
        for location in [ShardingCodec.IndexLocation.start, .end] {
            for indexCodecs: [any Codec] in [[BytesCodec()], [BytesCodec(), Crc32cCodec()]] {
                for inner: [any Codec] in [[BytesCodec()], [BytesCodec(), ZstdCodec.standard], [BytesCodec(), Crc32cCodec()]] {
                    let codec = ShardingCodec(chunkShape: [2, 2], codecs: inner, indexCodecs: indexCodecs, indexLocation: location)
                    let pipeline = try ShardTesting.pipeline(codec, shape: [4, 6], dtype: .int16)
                    let array = try ShardTesting.randomArray(.int16, shape: [4, 6], rng: &rng, zeroShare: 0.5)
                    let data = try pipeline.encode(array)
                    let entriesStart = location == .start ? 0 : data.count - 96 - (indexCodecs.count == 2 ? 4 : 0)
                    result.append((pipeline, data, entriesStart))
                }
            }
        }
        return result
    }

    func testSeededCorruptionsAndTruncationsNeverTrap() throws {
        var rng = SplitMix64(state: 2024)
        let cases = try shards()
        let executor = ThreadPoolExecutor(maxWorkers: 2)
        var (decoded, thrown) = (0, 0)
        for trial in 0..<2400 {
            let (pipeline, valid, entriesStart) = cases[trial % cases.count]
            var bytes = [UInt8](valid)
            switch trial % 4 {
            case 0:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 1:
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                }
            case 2:
                // Overwrite one index value (an offset or a length) with an edge value.
                let slot = entriesStart + 8 * Int.random(in: 0..<12, using: &rng)
                let values: [UInt64] = [0, 1, UInt64.max, UInt64.max - 1, UInt64(Int.max), UInt64(bytes.count), UInt64.random(in: 0...200, using: &rng)]
                let value = values[Int.random(in: 0..<values.count, using: &rng)]
                withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(slot..<(slot + 8), with: $0) }
            default:
                bytes += (0..<Int.random(in: 1...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                bytes.shuffle(using: &rng)
            }
            let data = Data(bytes)
            do {
                _ = try pipeline.decode(data)
                decoded += 1
            } catch is ZarrError {
                thrown += 1
            }
            let start = [Int.random(in: 0..<4, using: &rng), Int.random(in: 0..<6, using: &rng)]
            let region = ChunkRegion(start: start, counts: [4 - start[0], 6 - start[1]])
            do {
                _ = try ShardTesting.decodePartial(pipeline, region, reader: CountingDataReader(data), executor: executor)
            } catch is ZarrError {}
        }
        XCTAssertGreaterThan(thrown, 1000)
        XCTAssertGreaterThan(decoded, 10)
    }

    // MARK: Each bad input, with its message

    /// A 1-D uint8 shard of 4 inner chunks of 2, index (no checksum) at `location`, whose index
    /// entries are `entries`, with `payload` bytes of data.
    private func shard(
        _ entries: [UInt64], payload: Int = 8, location: ShardingCodec.IndexLocation = .end
    ) throws -> (CodecPipeline, Data) {
        let codec = ShardingCodec(chunkShape: [2], codecs: [BytesCodec()], indexCodecs: [BytesCodec()], indexLocation: location)
        let pipeline = try ShardTesting.pipeline(codec, shape: [8], dtype: .uint8)
        let index = ShardTesting.uint64LE(entries)
        let data = [UInt8](repeating: 5, count: payload)
        return (pipeline, Data(location == .end ? data + index : index + data))
    }

    /// Asserts that decoding `data` whole and in part throws a codec error saying `expected`;
    /// the partial read's error names the reader's key.
    private func assertRefused(
        _ pipeline: CodecPipeline, _ data: Data, _ expected: String, whole: Bool = true, file: StaticString = #filePath, line: UInt = #line
    ) {
        if whole {
            XCTAssertThrowsError(try pipeline.decode(data), file: file, line: line) { error in
                guard case ZarrError.codec(let details) = error else { return XCTFail("\(error)", file: file, line: line) }
                let message = details.message
                XCTAssertTrue(message.contains(expected) && message.contains("sharding_indexed"), message, file: file, line: line)
            }
        }
        // Twice: a refused index is refused again (the layout keeps only indexes that passed).
        let region = ChunkRegion(start: [0], counts: [8])
        for _ in 0..<2 {
            XCTAssertThrowsError(
                try ShardTesting.decodePartial(pipeline, region, reader: CountingDataReader(data, key: "arr/c/3")), file: file, line: line
            ) { error in
                guard case ZarrError.codec(let details) = error else { return XCTFail("\(error)", file: file, line: line) }
                let message = details.message
                XCTAssertTrue(
                    message.contains(expected) && message.contains("sharding_indexed") && message.contains("'arr/c/3'"), message,
                    file: file, line: line)
            }
        }
    }

    func testEntriesPastTheEndOfTheShard() throws {
        let m = UInt64.max
        let (pipeline, data) = try shard([0, 2, 2, 2, 4, 2, 6, 100])
        assertRefused(pipeline, data, "ends past the end")
        // An offset that overflows when the length is added.
        let (overflowing, bytes) = try shard([m - 1, 5, m, m, m, m, m, m])
        assertRefused(overflowing, bytes, "ends past the end")
        // Index at the start: the data of the last entry is missing.
        let (early, short) = try shard([64, 2, 66, 2, 68, 2, 70, 2], payload: 7, location: .start)
        assertRefused(early, short, "ends past the end")
    }

    func testOverlappingEntries() throws {
        let (pipeline, data) = try shard([0, 2, 1, 2, 4, 2, 6, 2])
        assertRefused(pipeline, data, "overlaps")
        // An inner chunk inside the index (whose place is known when it is at the start).
        let (atStart, bytes) = try shard([60, 2, 66, 2, 68, 2, 70, 2], location: .start)
        assertRefused(atStart, bytes, "overlaps the index")
    }

    func testHalfEmptyEntry() throws {
        let (pipeline, data) = try shard([0, 2, UInt64.max, 2, 4, 2, 6, 2])
        assertRefused(pipeline, data, "only one of them is the empty marker")
    }

    func testIndexChecksumFailure() throws {
        let codec = ShardingCodec(chunkShape: [2], codecs: [BytesCodec()])
        let pipeline = try ShardTesting.pipeline(codec, shape: [8], dtype: .uint8)
        var bytes = [UInt8](try pipeline.encode(NDArray([1, 2, 3, 4, 5, 6, 7, 8] as [UInt8])))
        bytes[bytes.count - 10] ^= 1
        assertRefused(pipeline, Data(bytes), "checksum mismatch")
    }

    func testShardShorterThanItsIndex() throws {
        let (pipeline, data) = try shard([0, 2, 2, 2, 4, 2, 6, 2])
        let truncated = data.suffix(40)
        XCTAssertThrowsError(try pipeline.decode(truncated)) { error in
            XCTAssertTrue("\(error)".contains("fewer than its index"), "\(error)")
        }
        assertRefused(pipeline, truncated, "shorter than its index", whole: false)
    }

    func testInnerChunkLargerThanTheStoredChunkLimit() throws {
        let saved = ZarrLimits.maximumChunkByteCount
        defer { ZarrLimits.maximumChunkByteCount = saved }
        ZarrLimits.maximumChunkByteCount = 1024
        let limit = UInt64(ZarrLimits.maximumStoredChunkByteCount)
        let (pipeline, data) = try shard([0, 2, 2, limit + 1, 4, 2, 6, 2])
        assertRefused(pipeline, data, "more than the largest stored chunk")
    }

    func testDamagedInnerChunkNamesIt() throws {
        let (pipeline, data) = try shard([0, 2, 2, 1, 4, 2, 6, 2])
        assertRefused(pipeline, data, "inner chunk [1]")
    }
}
