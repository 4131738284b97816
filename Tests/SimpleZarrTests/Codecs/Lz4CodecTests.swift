import Foundation
import XCTest

@testable import SimpleZarr

/// The `numcodecs.lz4` codec: numcodecs' size header before the LZ4 block, both names,
/// bounded decoding.
final class Lz4CodecTests: XCTestCase {
    func testLayoutIsTheSizeHeaderThenOneBlock() throws {
        let codec = Lz4Codec()
        let input = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 / 10) })
        let encoded = try codec.encode(input)
        XCTAssertEqual(Array(encoded.prefix(4)), [0xE8, 0x03, 0, 0], "1000 as a little-endian int32")
        XCTAssertLessThan(encoded.count, input.count)
        XCTAssertEqual(try codec.decode(encoded), input)
        XCTAssertEqual(try codec.decode(encoded, decodedSize: 1000), input)
        XCTAssertEqual(try codec.decode(try codec.encode(Data())), Data())
        // numcodecs' own encoding of b"hello world hello world" (lz4 1.9.4): one run of 23 literals.
        let numcodecs = Data([0x17, 0, 0, 0, 0xF0, 0x08] + Array("hello world hello world".utf8))
        XCTAssertEqual(String(decoding: try codec.decode(numcodecs), as: UTF8.self), "hello world hello world")
    }

    func testBothNamesAndTheConfiguration() throws {
        for name in ["numcodecs.lz4", "lz4"] {
            let codec = try CodecRegistry.makeCodec(from: ["name": .string(name), "configuration": ["acceleration": 10]])
            XCTAssertEqual((codec as? Lz4Codec)?.acceleration, 10)
            XCTAssertEqual(codec.json["name"], "numcodecs.lz4")
        }
        XCTAssertEqual(try Lz4Codec(configuration: [:]).acceleration, 1)
        XCTAssertThrowsError(try Lz4Codec(configuration: ["acceleration": "fast"]))
    }

    func testLyingHeadersAndBrokenBlocksThrow() throws {
        let codec = Lz4Codec()
        let encoded = [UInt8](try codec.encode(Data(repeating: 7, count: 500)))
        var negative = encoded
        negative[3] = 0x80
        var larger = encoded
        larger[0] = 0xF5
        for bad in [Array(encoded.prefix(3)), negative, larger, Array(encoded.prefix(encoded.count - 1))] {
            XCTAssertThrowsError(try codec.decode(Data(bad))) { error in
                XCTAssertTrue("\(error)".contains("numcodecs.lz4"), "\(error)")
            }
        }
        // The known chunk size bounds the header.
        XCTAssertThrowsError(try codec.decode(Data(encoded), decodedSize: 499))
    }

    func testChunksRoundTripThroughAnArray() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [50, 40], dtype: .int32, chunkShape: [16, 16], codecs: [BytesCodec(), Lz4Codec(acceleration: 3)])
        let source = try NDArray((0..<2000).map { Int32($0 / 7) }, shape: [50, 40])
        try array[...].set(source)
        XCTAssertEqual(try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)[...].get(), source)
    }
}
