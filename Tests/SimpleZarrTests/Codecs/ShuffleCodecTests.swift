import Foundation
import XCTest

@testable import SimpleZarr

/// The `numcodecs.shuffle` codec: numcodecs' byte layout, binding, and whole-element checks.
final class ShuffleCodecTests: XCTestCase {
    func testByteLayoutMatchesNumcodecs() throws {
        // numcodecs.Shuffle(elementsize=4).encode(bytes(range(12))).
        let codec = try ShuffleCodec(elementsize: 4)
        let encoded = try codec.encode(Data(0..<12))
        XCTAssertEqual([UInt8](encoded), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        XCTAssertEqual(try codec.decode(encoded), Data(0..<12))
        XCTAssertThrowsError(try codec.decode(Data(0..<10)), "not a whole number of elements")
        XCTAssertEqual(try ShuffleCodec(elementsize: 1).encode(Data(0..<5)), Data(0..<5))
    }

    func testMissingElementSizeComesFromTheArray() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [30], dtype: .int16, chunkShape: [8],
            codecs: [BytesCodec(), try ShuffleCodec(), try GzipCodec(level: 1)])
        XCTAssertEqual(array.metadata["codecs"]?.arrayValue?[1]["configuration"]?["elementsize"], 2)
        let source = try NDArray((0..<30).map { Int16($0 * 1000 - 7000) })
        try array[...].set(source)
        XCTAssertEqual(try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)[...].get(), source)
        XCTAssertThrowsError(try ShuffleCodec(configuration: ["elementsize": 0]))
        XCTAssertThrowsError(try ShuffleCodec(elementsize: -2))
    }
}
