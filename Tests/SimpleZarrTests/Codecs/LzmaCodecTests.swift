import Foundation
import XCTest

@testable import SimpleZarr

/// The `numcodecs.lzma` codec: its names, numcodecs' configuration, both formats, filters,
/// clear errors for what is not supported, bounded decoding.
final class LzmaCodecTests: XCTestCase {
    private let input = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 / 10 + $0 % 3) })

    func testFormatsAndChecks() throws {
        let xz = try LzmaCodec()
        let encoded = try xz.encode(input)
        XCTAssertEqual(Array(encoded.prefix(6)), [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "an .xz file")
        XCTAssertEqual(encoded[7], 4, "CRC-64 by default")
        XCTAssertEqual(try xz.decode(encoded), input)
        XCTAssertEqual(try xz.decode(encoded, decodedSize: 3000), input)
        XCTAssertThrowsError(try xz.decode(encoded, decodedSize: 2999))
        for check in [0, 1, 4, 10] {
            let codec = try LzmaCodec(check: check)
            let packed = try codec.encode(input)
            XCTAssertEqual(Int(packed[7]), check)
            XCTAssertEqual(try codec.decode(packed), input)
        }
        let alone = try LzmaCodec(format: 2, preset: 1)
        let packed = try alone.encode(input)
        XCTAssertEqual(packed.first, 0x5D, "lc 3, lp 0, pb 2")
        XCTAssertEqual(try alone.decode(packed, decodedSize: 3000), input)
        XCTAssertEqual(try xz.decode(try xz.encode(Data())), Data())
    }

    func testNamesAndConfiguration() throws {
        for name in ["numcodecs.lzma", "lzma"] {
            let codec = try CodecRegistry.makeCodec(from: ["name": .string(name),
                                                           "configuration": ["format": 1, "check": -1, "preset": .null, "filters": .null]])
            XCTAssertEqual(codec.json["name"], "numcodecs.lzma")
            XCTAssertEqual(codec.json["configuration"]?["preset"], .null)
            let lzma = try XCTUnwrap(codec as? LzmaCodec)
            XCTAssertEqual(try lzma.decode(try lzma.encode(input)), input)
        }
        let filtered = try LzmaCodec(configuration: ["filters": [["id": 3, "dist": 2], ["id": 33, "preset": 1]]])
        XCTAssertEqual(try filtered.decode(try filtered.encode(input)), input)
        XCTAssertEqual(try LzmaCodec(configuration: ["preset": .int(Int64(0x8000_0006))]).decode(
            try LzmaCodec(preset: 0x8000_0006).encode(input)), input)
    }

    func testUnsupportedCombinationsAreClearErrors() {
        func expect(_ configuration: JSONObject, _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(try LzmaCodec(configuration: configuration), line: line) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
            }
        }
        expect(["format": 3, "filters": [["id": 33]]], "raw LZMA")
        expect(["format": 2, "check": 4], "has no check")
        expect(["check": 2], "check must be")
        expect(["preset": 12], "preset must be 0...9")
        expect(["preset": 6, "filters": [["id": 33]]], "not both")
        expect(["filters": [["id": 4], ["id": 33]]], "not supported")
        expect(["filters": [["id": 33, "dict_size": 4096]]], "unknown configuration member 'dict_size'")
        expect(["filters": [["id": 3, "dist": 2]]], "not supported")
        expect(["level": 1], "unknown configuration member")
    }

    func testBrokenChunksThrowNamingTheCodec() throws {
        let codec = try LzmaCodec()
        let encoded = [UInt8](try codec.encode(input))
        var flipped = encoded
        flipped[40] ^= 0x10
        for bad in [Array(encoded.prefix(20)), flipped, []] {
            XCTAssertThrowsError(try codec.decode(Data(bad))) { error in
                XCTAssertTrue("\(error)".contains("numcodecs.lzma"), "\(error)")
            }
        }
    }

    func testChunksRoundTripThroughAnArray() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [50, 40], dtype: .int32, chunkShape: [16, 16], codecs: [BytesCodec(), try LzmaCodec(preset: 1)])
        let source = try NDArray((0..<2000).map { Int32($0 / 7) }, shape: [50, 40])
        try array[...].set(source)
        XCTAssertEqual(try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)[...].get(), source)
    }
}
