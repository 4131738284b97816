import Foundation
import XCTest

@testable import SimpleZarr

/// The `blosc` codec's configuration, binding and chunk round trips through an array. Data that
/// c-blosc wrote is read in ZarrPythonFixtureTests and in the ZarrCompression vectors.
final class BloscCodecTests: XCTestCase {
    func testConfigurationReadsNamesAndNumcodecsNumbers() throws {
        let named = try BloscCodec(configuration: [
            "typesize": 4, "cname": "lz4", "clevel": 5, "shuffle": "bitshuffle", "blocksize": 0,
        ])
        XCTAssertEqual(named.cname, .lz4)
        XCTAssertEqual(named.shuffle, .bitshuffle)
        XCTAssertEqual(named.typesize, 4)
        XCTAssertEqual(try BloscCodec(configuration: ["shuffle": 1]).shuffle, .shuffle)
        XCTAssertEqual(try BloscCodec(configuration: ["shuffle": 0]).shuffle, .noshuffle)
        let defaults = try BloscCodec(configuration: [:])
        XCTAssertEqual(defaults.cname, .zstd)
        XCTAssertEqual(defaults.clevel, 5)
        XCTAssertNil(defaults.shuffle)
        XCTAssertNil(defaults.typesize)
        for bad: JSONObject in [
            ["cname": "lz5"], ["cname": 3], ["clevel": 10], ["level": 5], ["clevel": -1], ["clevel": "5"], ["shuffle": 3],
            ["shuffle": "byteshuffle"], ["typesize": 0], ["typesize": 2.5], ["blocksize": -1],
        ] {
            XCTAssertThrowsError(try BloscCodec(configuration: bad), "\(bad)") { error in
                guard case ZarrError.invalidMetadata(let details) = error else { return XCTFail("\(error)") }
                let message = details.message
                XCTAssertTrue(message.contains("codec 'blosc'"), message)
            }
        }
        XCTAssertThrowsError(try BloscCodec(cname: .snappy))
        XCTAssertThrowsError(try BloscCodec(clevel: 12))
    }

    func testBindingTakesTypesizeAndShuffleFromTheDataType() throws {
        let store = MemoryStore()
        let wide = try ZarrArray.create(
            store, "f", shape: [10], dtype: .float64, codecs: [BytesCodec(), try BloscCodec(cname: .lz4)])
        let config = try XCTUnwrap(wide.metadata["codecs"]?.arrayValue?.last?["configuration"])
        XCTAssertEqual(config["typesize"], 8)
        XCTAssertEqual(config["shuffle"], "shuffle")
        XCTAssertEqual(config["cname"], "lz4")
        let bytes = try ZarrArray.create(store, "b", shape: [10], dtype: .uint8, codecs: [BytesCodec(), try BloscCodec()])
        XCTAssertEqual(bytes.metadata["codecs"]?.arrayValue?.last?["configuration"]?["shuffle"], "bitshuffle")
        XCTAssertEqual(bytes.metadata["codecs"]?.arrayValue?.last?["configuration"]?["typesize"], 1)
        // A given typesize and shuffle stay as given.
        let given = try ZarrArray.create(
            store, "g", shape: [10], dtype: .uint16,
            codecs: [BytesCodec(), try BloscCodec(shuffle: .noshuffle, typesize: 4)])
        XCTAssertEqual(given.metadata["codecs"]?.arrayValue?.last?["configuration"]?["typesize"], 4)
        XCTAssertEqual(given.metadata["codecs"]?.arrayValue?.last?["configuration"]?["shuffle"], "noshuffle")
    }

    func testEveryCompressorAndShuffleRoundTripsThroughAnArray() throws {
        let values: [Float] = (0..<(37 * 23)).map { (i: Int) -> Float in
            let wave: Double = sin(Double(i) / 9) * 100
            return Float(wave + Double(i % 7))
        }
        let source = try NDArray(values, shape: [37, 23])
        for cname in BloscCodec.Compressor.allCases where cname != .snappy {
            for shuffle in BloscCodec.Shuffle.allCases {
                let store = MemoryStore()
                let array = try ZarrArray.create(
                    store, "a", shape: [37, 23], dtype: .float32, chunkShape: [16, 16],
                    codecs: [BytesCodec(), try BloscCodec(cname: cname, clevel: 5, shuffle: shuffle)])
                try array[...].set(source)
                let reopened = try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)
                XCTAssertEqual(try reopened[...].get(), source, "\(cname) \(shuffle)")
            }
        }
    }

    func testACorruptContainerNamesTheCodecAndTheChunk() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [64], dtype: .uint16, chunkShape: [64], codecs: [BytesCodec(), try BloscCodec(cname: .lz4)])
        try array.setChunk(try NDArray((0..<64).map { UInt16($0 * 3) }), [0])
        var stored = [UInt8](try store.get("a/c/0"))
        // The header's decoded size (bytes 4...7) now claims more than the chunk holds.
        stored[5] = 0xFF
        try store.set("a/c/0", Data(stored))
        XCTAssertThrowsError(try array.getChunk([0])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("blosc") && text.contains("a/c/0"), text)
        }
        try store.set("a/c/0", Data(stored.prefix(9)))
        XCTAssertThrowsError(try array.getChunk([0]))
    }
}
