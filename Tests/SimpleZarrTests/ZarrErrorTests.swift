import Foundation
import XCTest

@testable import SimpleZarr

/// Errors carry the values a caller matches on (key, path, codec, index, shapes) beside their
/// messages, and keep them as context is added.
final class ZarrErrorTests: XCTestCase {
    func testACorruptChunkNamesItsKeyPathAndCodec() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "group/temps", shape: [8], dtype: .float32, chunkShape: [4])
        try array[...].set(Float(1.5))
        try store.set("group/temps/c/1", Data([0x28, 0xB5, 0x2F, 0xFD, 0xFF, 0xFF]))
        XCTAssertThrowsError(try array.getChunk([1])) { error in
            guard let error = error as? ZarrError, case .codec = error else { return XCTFail("\(error)") }
            XCTAssertEqual(error.codecName, "zstd")
            XCTAssertEqual(error.key, "group/temps/c/1")
            XCTAssertEqual(error.path, "group/temps")
            XCTAssertTrue(error.message.contains("chunk 'group/temps/c/1'"), error.message)
        }
        // The same through a slice read, and the chunk next to it still reads.
        XCTAssertThrowsError(try array[...].get()) { XCTAssertEqual(($0 as? ZarrError)?.key, "group/temps/c/1") }
        XCTAssertEqual(try array[..<4].get().toArray(as: Float.self), [1.5, 1.5, 1.5, 1.5])
    }

    func testIndexShapeAndPathValues() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [10, 10], dtype: .int16, chunkShape: [5, 5])
        XCTAssertThrowsError(try array.getChunk([2, 0])) { error in
            guard let error = error as? ZarrError, case .indexOutOfRange = error else { return XCTFail("\(error)") }
            XCTAssertEqual(error.index, [2, 0])
            XCTAssertEqual(error.path, "a")
        }
        XCTAssertThrowsError(try array.setChunk(try NDArray(dtype: .int16, shape: [5, 4]), [0, 0])) { error in
            let error = error as? ZarrError
            XCTAssertEqual(error?.expectedShape, [5, 5])
            XCTAssertEqual(error?.actualShape, [5, 4])
            XCTAssertEqual(error?.key, "a/c/0/0")
        }
        XCTAssertThrowsError(try openZarr(store, path: "missing/node")) { error in
            guard let error = error as? ZarrError, case .nodeNotFound = error else { return XCTFail("\(error)") }
            XCTAssertEqual(error.path, "missing/node")
        }
        try store.set("bad/zarr.json", Data(#"{"zarr_format": 3, "node_type": "array", "shape": [-1]}"#.utf8))
        XCTAssertThrowsError(try openZarr(store, path: "bad")) { error in
            guard let error = error as? ZarrError, case .invalidMetadata = error else { return XCTFail("\(error)") }
            XCTAssertEqual(error.key, "bad/zarr.json")
        }
        XCTAssertThrowsError(try store.get("nope")) { XCTAssertEqual(($0 as? StoreError)?.key, "nope") }
    }

    func testContextKeepsKindAndValues() {
        let error = ZarrError.codec(ErrorDetails("bad block", codec: "gzip")).prefixed("chunk 'x'").with(key: "x", codec: "zstd")
        guard case .codec(let details) = error else { return XCTFail("\(error)") }
        XCTAssertEqual(details.message, "chunk 'x': bad block")
        XCTAssertEqual(details.codec, "gzip", "a value already known is kept")
        XCTAssertEqual(details.key, "x")
        XCTAssertEqual("\(error)", "codec error: chunk 'x': bad block")
        XCTAssertEqual(error.localizedDescription, "codec error: chunk 'x': bad block")
        // Literals still make errors, and long messages may be joined with +.
        let joined: ZarrError = .invalidArgument("first, " + "second \(2)")
        XCTAssertEqual(joined.message, "first, second 2")
    }
}
