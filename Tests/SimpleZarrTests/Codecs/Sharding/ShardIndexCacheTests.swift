import Foundation
import XCTest

@testable import SimpleZarr

/// `ShardIndexCache` decodes each distinct index once, keeps only indexes that decoded, and
/// forgets the least recently used one first.
final class ShardIndexCacheTests: XCTestCase {
    /// A 1-D uint8 shard of 4 inner chunks of 2, index (no checksum) at the end.
    private var layout: ShardLayout!

    override func setUpWithError() throws {
        layout = try ShardLayout(
            shard: ArrayRepresentation(shape: [8], dataType: .uint8, fillValue: .zero(.uint8)), chunkShape: [2],
            codecs: [BytesCodec()], indexCodecs: [BytesCodec()], indexLocation: .end)
    }

    /// Index bytes whose first inner chunk starts at `first` (the others are not stored).
    private func indexBytes(first: UInt64) -> Data {
        let m = UInt64.max
        return Data(ShardTesting.uint64LE([first, 2, m, m, m, m, m, m]))
    }

    /// Looks `bytes` up in `cache`, counting the decodes in `decodes`.
    private func lookUp(_ bytes: Data, in cache: ShardIndexCache, decodes: inout Int) throws -> ShardIndex {
        try cache.index(for: bytes) {
            decodes += 1
            return try ShardIndex(decoding: bytes, of: layout, context: "test", shardSize: nil, indexStart: nil)
        }
    }

    func testEachDistinctIndexIsDecodedOnce() throws {
        let cache = ShardIndexCache()
        var decodes = 0
        XCTAssertEqual(try lookUp(indexBytes(first: 0), in: cache, decodes: &decodes).range(of: 0), 0..<2)
        XCTAssertEqual(try lookUp(indexBytes(first: 0), in: cache, decodes: &decodes).range(of: 0), 0..<2)
        XCTAssertEqual(decodes, 1)
        // Other bytes (a rewritten shard, or another shard) decode anew and give their own ranges.
        XCTAssertEqual(try lookUp(indexBytes(first: 6), in: cache, decodes: &decodes).range(of: 0), 6..<8)
        XCTAssertEqual(decodes, 2)
        XCTAssertEqual(try lookUp(indexBytes(first: 0), in: cache, decodes: &decodes).range(of: 0), 0..<2)
        XCTAssertEqual(decodes, 2)
    }

    func testAnIndexThatFailsIsDecodedEveryTime() throws {
        let cache = ShardIndexCache()
        var decodes = 0
        let overlapping = Data(ShardTesting.uint64LE([0, 2, 1, 2, 4, 2, 6, 2]))
        for _ in 0..<2 {
            XCTAssertThrowsError(try lookUp(overlapping, in: cache, decodes: &decodes)) { error in
                XCTAssertTrue("\(error)".contains("overlaps"), "\(error)")
            }
        }
        XCTAssertEqual(decodes, 2)
    }

    func testTheLeastRecentlyUsedIndexIsForgottenFirst() throws {
        let cache = ShardIndexCache()
        var decodes = 0
        for first in 0..<UInt64(ShardIndexCache.capacity) {
            _ = try lookUp(indexBytes(first: first), in: cache, decodes: &decodes)
        }
        // Using the oldest makes the second oldest the one to go.
        _ = try lookUp(indexBytes(first: 0), in: cache, decodes: &decodes)
        _ = try lookUp(indexBytes(first: 100), in: cache, decodes: &decodes)
        XCTAssertEqual(decodes, ShardIndexCache.capacity + 1)
        _ = try lookUp(indexBytes(first: 0), in: cache, decodes: &decodes)
        XCTAssertEqual(decodes, ShardIndexCache.capacity + 1)
        _ = try lookUp(indexBytes(first: 1), in: cache, decodes: &decodes)
        XCTAssertEqual(decodes, ShardIndexCache.capacity + 2)
    }
}
