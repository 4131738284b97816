import Foundation
import XCTest

@testable import SimpleZarr

/// The default codecs of `ZarrArray.create`: zarr-python 3's, per data type, and simplezarr 1.2's on request.
final class CreateDefaultCodecsTests: XCTestCase {
    func testDefaultsFollowTheDataType() throws {
        let store = MemoryStore()
        let numbers = try ZarrArray.create(store, "n", shape: [4], dtype: .uint16)
        XCTAssertEqual(numbers.metadata["codecs"]?.arrayValue?.map { $0["name"] }, ["bytes", "zstd"])
        let text = try ZarrArray.create(store, "t", shape: [4], dtype: .string)
        XCTAssertEqual(text.metadata["codecs"]?.arrayValue?.map { $0["name"] }, ["vlen-utf8", "zstd"])
        let blobs = try ZarrArray.create(store, "b", shape: [4], dtype: .bytes)
        XCTAssertEqual(blobs.metadata["codecs"]?.arrayValue?.map { $0["name"] }, ["vlen-bytes", "zstd"])
    }

    func testSimplezarrDefaultsAreZstdSevenWithChecksum() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [64], dtype: .int32, chunkShape: [32], codecs: ZarrArray.simplezarrDefaultCodecs)
        XCTAssertEqual(array.metadata["codecs"]?.arrayValue?[1]["configuration"], ["level": 7, "checksum": true])
        let values = try NDArray((0..<64).map { Int32($0 * $0) })
        try array[...].set(values)
        XCTAssertEqual(try array[...].get(), values)
        // A zstd frame with a content checksum: the frame header's descriptor has bit 2 set.
        let stored = try store.get("a/c/0")
        XCTAssertEqual(stored[4] & 0x04, 0x04)
    }
}
