import Foundation
import XCTest

@testable import SimpleZarr

/// `encodeArray` / `decodeBytes`, simplezarr's `encode_array` / `decode_bytes`.
final class CodecFunctionsTests: XCTestCase {
    func testOneChunkRoundTripsThroughACodecList() throws {
        let codecs: [JSONValue] = [
            ["name": "bytes", "configuration": ["endian": "big"]], ["name": "zstd", "configuration": ["level": 3]],
        ]
        let array = try NDArray((0..<12).map(UInt16.init), shape: [3, 4])
        let encoded = try encodeArray(array, codecs: codecs)
        XCTAssertEqual(try decodeBytes(encoded, codecs: codecs, shape: [3, 4], dtype: .uint16), array)
        let raw = try encodeArray(array, codecs: [["name": "bytes", "configuration": ["endian": "big"]]])
        XCTAssertEqual(Array(raw.prefix(4)), [0, 0, 0, 1])
    }

    func testBadCodecListsAndBytesThrow() throws {
        let array = try NDArray([1, 2] as [Int8])
        XCTAssertThrowsError(try encodeArray(array, codecs: [])) { error in
            guard case ZarrError.invalidMetadata = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try encodeArray(array, codecs: [["name": "no-such-codec"]])) { error in
            guard case ZarrError.unsupported = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try decodeBytes(Data([1, 2, 3]), codecs: ["bytes"], shape: [2], dtype: .int8)) { error in
            guard case ZarrError.codec = error else { return XCTFail("\(error)") }
        }
    }
}
