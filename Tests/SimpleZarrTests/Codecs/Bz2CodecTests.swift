import Foundation
import XCTest

@testable import SimpleZarr

/// The `numcodecs.bz2` codec: a bare bzip2 stream per chunk, both names, the level, bounded decoding.
final class Bz2CodecTests: XCTestCase {
    func testLayoutIsOneBzip2Stream() throws {
        let codec = try Bz2Codec(level: 4)
        let input = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 / 10) })
        let encoded = try codec.encode(input)
        XCTAssertEqual(Array(encoded.prefix(4)), Array("BZh4".utf8))
        XCTAssertLessThan(encoded.count, input.count)
        XCTAssertEqual(try codec.decode(encoded), input)
        XCTAssertEqual(try codec.decode(encoded, decodedSize: 5000), input)
        XCTAssertEqual(try codec.decode(try codec.encode(Data())), Data())
        // Python's bz2.compress(b"hello world hello world", 9) (libbz2 1.0.8).
        let python = Data([
            0x42, 0x5A, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 0x76, 0x66, 0x8C, 0x42, 0x00, 0x00,
            0x03, 0x91, 0x80, 0x40, 0x00, 0x06, 0x44, 0x90, 0x80, 0x20, 0x00, 0x20, 0xAA, 0x86, 0x9E, 0x81,
            0x0C, 0x08, 0xEC, 0x44, 0x57, 0xED, 0x68, 0x63, 0x11, 0xA2, 0xEE, 0x48, 0xA7, 0x0A, 0x12, 0x0E,
            0xCC, 0xD1, 0x88, 0x40,
        ])
        XCTAssertEqual(String(decoding: try codec.decode(python), as: UTF8.self), "hello world hello world")
    }

    func testBothNamesAndTheConfiguration() throws {
        for name in ["numcodecs.bz2", "bz2"] {
            let codec = try CodecRegistry.makeCodec(from: ["name": .string(name), "configuration": ["level": 9]])
            XCTAssertEqual((codec as? Bz2Codec)?.level, 9)
            XCTAssertEqual(codec.json["name"], "numcodecs.bz2")
        }
        XCTAssertEqual(try Bz2Codec(configuration: [:]).level, 1)
        XCTAssertThrowsError(try Bz2Codec(configuration: ["level": 0]))
        XCTAssertThrowsError(try Bz2Codec(configuration: ["level": 10]))
        XCTAssertThrowsError(try Bz2Codec(configuration: ["level": 1, "speed": 2]))
        XCTAssertThrowsError(try Bz2Codec(level: -1))
    }

    func testBrokenStreamsAndWrongSizesThrow() throws {
        let codec = try Bz2Codec()
        let encoded = [UInt8](try codec.encode(Data(repeating: 7, count: 500)))
        var flipped = encoded
        flipped[20] ^= 0x10
        for bad in [Array(encoded.prefix(3)), Array(encoded.prefix(encoded.count - 1)), flipped] {
            XCTAssertThrowsError(try codec.decode(Data(bad))) { error in
                XCTAssertTrue("\(error)".contains("numcodecs.bz2"), "\(error)")
            }
        }
        XCTAssertThrowsError(try codec.decode(Data(encoded), decodedSize: 499))
        XCTAssertThrowsError(try codec.decode(Data(encoded), decodedSize: 501))
    }

    func testChunksRoundTripThroughAnArray() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [50, 40], dtype: .int32, chunkShape: [16, 16], codecs: [BytesCodec(), try Bz2Codec(level: 2)])
        let source = try NDArray((0..<2000).map { Int32($0 / 7) }, shape: [50, 40])
        try array[...].set(source)
        XCTAssertEqual(try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)[...].get(), source)
    }
}
