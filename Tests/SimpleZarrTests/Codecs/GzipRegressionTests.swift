import Foundation
import XCTest
import SimpleZarr
import ZarrCompression

/// A chunk stored as a valid two-member gzip stream that once made the
/// inflater write one byte past its output buffer (issue 8, defect 1).
final class GzipRegressionTests: XCTestCase {
    private static let stream = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ZarrCompressionTests/Vectors/regressions/inflate-fastloop-overflow-2members.gz")

    func testTwoMemberGzipChunkReadsThroughGetChunk() throws {
        let count = 84_469
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [count], dtype: .uint8, chunkShape: [count],
            codecs: [["name": "bytes"], ["name": "gzip", "configuration": ["level": 6]]])
        try store.set(try array.chunkKey([0]), try Data(contentsOf: Self.stream))

        let values = try array.getChunk([0]).toArray(as: UInt8.self)
        // Length and CRC-32 of what CPython's gzip.decompress gives for this stream.
        XCTAssertEqual(values.count, count)
        XCTAssertEqual(CRC32.checksum(values), 0x43A0_D289)
        XCTAssertEqual(Array(values.prefix(10)), Array("abcabcabda".utf8))
        XCTAssertEqual(values.last, UInt8(ascii: "x"))
    }
}
