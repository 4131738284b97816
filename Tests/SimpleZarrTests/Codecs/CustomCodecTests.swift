import Foundation
import XCTest

import SimpleZarr

// MARK: - The examples: codecs of your own in a few lines

/// Flips every bit. No configuration: `Codable` gives it `init(configuration:)` and an empty
/// `configuration` (so `zarr.json` has just `{"name": "example.invert"}`).
struct InvertCodec: BytesToBytesCodec, Codable {
    static let name = "example.invert"

    func encode(_ bytes: Data) throws -> Data { Data(bytes.map { ~$0 }) }
    func decode(_ bytes: Data) throws -> Data { try encode(bytes) }
}

/// XORs every byte with `key`, and optionally adds `offset` (mod 256) first: a codec with
/// configuration members, read from and written to `zarr.json` by `Codable`.
struct XorCodec: BytesToBytesCodec, Codable {
    static let name = "example.xor"

    var key: UInt8
    var offset: UInt8?  // may be left out of the configuration

    func encode(_ bytes: Data) throws -> Data { Data(bytes.map { ($0 &+ (offset ?? 0)) ^ key }) }
    func decode(_ bytes: Data) throws -> Data { Data(bytes.map { ($0 ^ key) &- (offset ?? 0) }) }
}

/// An array -> array codec that keeps shape and type: the default `encodedRepresentation` fits.
struct ReverseCodec: ArrayToArrayCodec, Codable {
    static let name = "example.reverse"

    func encode(_ array: NDArray) throws -> NDArray { try reversed(array) }
    func decode(_ array: NDArray, to decoded: ArrayRepresentation) throws -> NDArray { try reversed(array) }

    private func reversed(_ array: NDArray) throws -> NDArray {
        try NDArray(array.toArray(as: Int16.self).reversed(), shape: array.shape)
    }
}

// MARK: - Tests

final class CustomCodecTests: XCTestCase {
    override func setUpWithError() throws {
        try registerCodec(InvertCodec.self)
        try registerCodec(XorCodec.self)
        try registerCodec(ReverseCodec.self)
    }

    func testCodecsWithoutAndWithConfigurationRunInAnArray() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [4], dtype: .uint8,
            codecs: [BytesCodec(), XorCodec(key: 0x0F, offset: 1), InvertCodec()])
        try array[...].set(try NDArray([0, 1, 2, 0xFF] as [UInt8]))
        XCTAssertEqual(try store.get("a/c/0"), Data([0, 1, 2, 0xFF].map { ~(($0 &+ 1) ^ 0x0F) }))

        let reopened = try openZarr(store, path: "a").array
        XCTAssertEqual(try reopened[...].get().toArray(as: UInt8.self), [0, 1, 2, 0xFF])
        let entries = try XCTUnwrap(reopened.metadata["codecs"]?.array)
        XCTAssertEqual(entries[1], ["name": "example.xor", "configuration": ["key": 15, "offset": 1]])
        XCTAssertEqual(entries[2], ["name": "example.invert"])
    }

    func testConfigurationIsDecodedAndChecked() throws {
        XCTAssertEqual(try XorCodec(configuration: ["key": 3]).offset, nil)
        XCTAssertEqual(try XorCodec(configuration: ["key": 3, "offset": nil]).key, 3)
        XCTAssertEqual(try XorCodec(configuration: ["key": 3, "offset": 2]).configuration, ["key": 3, "offset": 2])
        XCTAssertEqual(InvertCodec().configuration, [:])
        XCTAssertNoThrow(try InvertCodec(configuration: [:]))
        for (bad, expected) in [
            (["key": 3, "colour": "red"] as JSONObject, "unknown configuration member 'colour'"),
            ([:], "example.xor"),
            (["key": 300], "example.xor"),
            (["key": "three"], "example.xor"),
        ] {
            XCTAssertThrowsError(try XorCodec(configuration: bad), "\(bad)") { error in
                guard case ZarrError.invalidMetadata(let details) = error else { return XCTFail("\(error)") }
                let message = details.message
                XCTAssertTrue(message.hasPrefix("codec 'example.xor': ") && message.contains(expected), message)
            }
        }
        XCTAssertThrowsError(try InvertCodec(configuration: ["level": 1]))
    }

    func testArrayToArrayCodecUsesTheDefaultRepresentation() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "r", shape: [3], dtype: .int16, codecs: [ReverseCodec(), BytesCodec(endian: .little)])
        try array[...].set(try NDArray([1, 2, 3] as [Int16]))
        XCTAssertEqual(try store.get("r/c/0"), Data([3, 0, 2, 0, 1, 0]))
        XCTAssertEqual(try array[...].get().toArray(as: Int16.self), [1, 2, 3])
    }
}
