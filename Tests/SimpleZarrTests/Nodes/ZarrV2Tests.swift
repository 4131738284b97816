import Foundation
import XCTest
@testable import SimpleZarr

/// Zarr v2 written and read here: documents as zarr-python writes them, every layout option,
/// values through chunks and slices, and clear errors for bad documents.
final class ZarrV2Tests: XCTestCase {
    private func values(_ count: Int) -> [Int16] { (0..<count).map { Int16(truncatingIfNeeded: $0 * 37 - 500) } }

    func testCreateWritesZarrayAndZattrsAndReadsBack() throws {
        let store = MemoryStore()
        try ZarrGroup.create(store, zarrFormat: 2)
        try ZarrGroup.create(store, "g", attributes: ["title": "v2"], zarrFormat: 2)
        let array = try ZarrArray.create(
            store, "g/a", shape: [5, 7], dtype: .int16, chunkShape: [2, 3], fillValue: 7, zarrFormat: 2,
            compressor: try ZlibCodec(level: 3), attributes: ["unit": "m"])
        XCTAssertEqual(array.zarrFormat, 2)
        let zarray = try JSONValue.parse(try store.get("g/a/.zarray"))
        XCTAssertEqual(zarray["dtype"], "<i2")
        XCTAssertEqual(zarray["chunks"], [2, 3])
        XCTAssertEqual(zarray["fill_value"], 7)
        XCTAssertEqual(zarray["order"], "C")
        XCTAssertEqual(zarray["dimension_separator"], ".")
        XCTAssertEqual(zarray["compressor"], ["id": "zlib", "level": 3])
        XCTAssertEqual(zarray["filters"], .null)
        XCTAssertEqual(try JSONValue.parse(try store.get("g/a/.zattrs")), ["unit": "m"])
        XCTAssertEqual(try JSONValue.parse(try store.get("g/.zgroup")), ["zarr_format": 2])

        let data = try NDArray(values(35), shape: [5, 7])
        try array[...].set(data)
        XCTAssertNoThrow(try store.get("g/a/2.2"))  // v2 keys: indices joined by "."
        let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
        XCTAssertEqual(root.zarrFormat, 2)
        let reopened = try XCTUnwrap(try root["g/a"] as? ZarrArray)
        XCTAssertEqual(reopened.zarrFormat, 2)
        XCTAssertEqual(reopened.attributes, ["unit": "m"])
        XCTAssertEqual(reopened.metadata["dtype"], "<i2")  // the document as stored
        XCTAssertEqual(try reopened[...].get(), data)
        XCTAssertEqual(try XCTUnwrap(try root["g"] as? ZarrGroup).attributes, ["title": "v2"])
    }

    func testOrderFSeparatorsByteOrderAndShuffleFilter() throws {
        for (order, separator) in [(ChunkOrder.c, "/"), (.f, "."), (.f, "/")] {
            let store = MemoryStore()
            let array = try ZarrArray.create(
                store, "a", shape: [4, 5, 6], dtype: .int16, chunkShape: [3, 2, 4], zarrFormat: 2,
                compressor: try BloscCodec(cname: .lz4, clevel: 5), filters: [try ShuffleCodec(configuration: [:])],
                order: order, dimensionSeparator: separator)
            let data = try NDArray(values(120), shape: [4, 5, 6])
            try array[...].set(data)
            XCTAssertNoThrow(try store.get(["1", "2", "1"].joined(separator: separator).withPrefix("a/")))
            let reopened = try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)
            XCTAssertEqual(try reopened[...].get(), data, "\(order) \(separator)")
            XCTAssertEqual(reopened.metadata["order"], .string(order.rawValue))
        }
    }

    func testOrderFStoresColumnMajorChunksAndBigEndianIsRead() throws {
        // A chunk written by hand: 2x3 int16 in F order, big-endian, no compressor.
        let store = MemoryStore()
        let zarray: JSONValue = [
            "zarr_format": 2, "shape": [2, 3], "chunks": [2, 3], "dtype": ">i2", "fill_value": 0, "order": "F",
            "filters": nil, "compressor": nil,
        ]
        try store.set("a/.zarray", Data(zarray.jsonText.utf8))
        // Column-major: (0,0) (1,0) (0,1) (1,1) (0,2) (1,2), each big-endian.
        try store.set("a/0.0", Data([0, 1, 0, 4, 0, 2, 0, 5, 0, 3, 0, 6]))
        let array = try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)
        XCTAssertEqual(array.dtype.name, "int16")
        XCTAssertEqual(try array[...].get(), try NDArray([Int16(1), 2, 3, 4, 5, 6], shape: [2, 3]))
    }

    func testFillValueSpellings() throws {
        func open(_ dtype: String, _ fill: JSONValue) throws -> ZarrArray {
            let store = MemoryStore()
            let zarray: JSONValue = [
                "zarr_format": 2, "shape": [3], "chunks": [2], "dtype": .string(dtype), "fill_value": fill,
                "order": "C", "filters": nil, "compressor": nil,
            ]
            try store.set("a/.zarray", Data(zarray.jsonText.utf8))
            guard let array = try openZarr(store, path: "a") as? ZarrArray else { throw ZarrError.invalidArgument("not an array") }
            return array
        }
        XCTAssertEqual(try open("<f4", "NaN").getChunk([0]).toArray(as: Float.self).map(\.isNaN), [true, true])
        XCTAssertEqual(try open("<f8", "-Infinity").getChunk([0]).toArray(as: Double.self), [-.infinity, -.infinity])
        XCTAssertEqual(try open("<i4", nil).getChunk([1]).toArray(as: Int32.self), [0, 0])  // null reads as zeros
        XCTAssertEqual(try open("|b1", true).getChunk([0]).toArray(as: Bool.self), [true, true])
        XCTAssertEqual(try open("|V3", "AQID").fillValue.bytes, [1, 2, 3])
        XCTAssertEqual(try open("<c8", [1.5, "NaN"]).fillValue.json, [1.5, "NaN"])
        for (dtype, fill, named) in [("<i2", JSONValue("abc"), "abc"), ("|u1", 300, "300"), ("|V3", "!!", "!!")] {
            XCTAssertThrowsError(try open(dtype, fill)) { error in
                XCTAssertTrue("\(error)".contains(named) && "\(error)".contains("a/.zarray"), "\(error)")
            }
        }
    }

    func testBadDocumentsAreClearErrors() throws {
        let good: JSONObject = [
            "zarr_format": 2, "shape": [3], "chunks": [2], "dtype": "<i2", "fill_value": 0, "order": "C",
            "filters": nil, "compressor": nil,
        ]
        let cases: [(String, JSONValue, String)] = [
            ("dtype", "<q7", "<q7"), ("dtype", "<M8", "not supported"), ("dtype", "|O", "vlen-utf8"), ("order", "X", "\"X\""),
            ("dimension_separator", "-", "\"-\""), ("shape", [-1], "shape"), ("chunks", [0], "chunks"),
            ("compressor", ["level": 1], "compressor"), ("filters", "delta", "filters"), ("zarr_format", 3, "zarr_format"),
        ]
        for (member, value, expected) in cases {
            var document = good
            document[member] = value
            let store = MemoryStore()
            try store.set("x/.zarray", Data(JSONValue.object(document).jsonText.utf8))
            XCTAssertThrowsError(try openZarr(store, path: "x"), member) { error in
                XCTAssertTrue("\(error)".contains(expected) && "\(error)".contains("x/.zarray"), "\(member): \(error)")
            }
        }
    }

    func testUnsupportedCompressorFailsOnFirstChunkAccessOnly() throws {
        let store = MemoryStore()
        try ZarrGroup.create(store, zarrFormat: 2)
        let zarray: JSONValue = [
            "zarr_format": 2, "shape": [3], "chunks": [2], "dtype": "<i2", "fill_value": 0, "order": "C",
            "filters": nil, "compressor": ["id": "nosuchcodec", "level": 9],
        ]
        try store.set("odd/.zarray", Data(zarray.jsonText.utf8))
        try ZarrArray.create(store, "fine", shape: [2], dtype: .uint8, zarrFormat: 2)
        let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
        XCTAssertEqual(try root.children.map(\.name), ["fine", "odd"])
        let odd = try XCTUnwrap(try root["odd"] as? ZarrArray)
        XCTAssertThrowsError(try odd.getChunk([0])) { error in
            XCTAssertTrue("\(error)".contains("nosuchcodec") && "\(error)".contains("not supported"), "\(error)")
        }
    }

    func testMissingNodeNamesTheKeysTried() throws {
        XCTAssertThrowsError(try openZarr(MemoryStore(), path: "a/b")) { error in
            guard case ZarrError.nodeNotFound(let details) = error else { return XCTFail("\(error)") }
            let message = details.message
            for key in ["a/b/zarr.json", "a/b/.zmetadata", "a/b/.zarray", "a/b/.zgroup"] {
                XCTAssertTrue(message.contains(key), message)
            }
        }
    }

    func testV3CreateWithCompressorAndFilters() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [10], dtype: .uint16, chunkShape: [4], zarrFormat: 3,
            compressor: try GzipCodec(level: 1), filters: [try ShuffleCodec(configuration: [:])])
        XCTAssertEqual(array.zarrFormat, 3)
        XCTAssertEqual(array.arrayMetadata.codecs.compactMap { $0["name"]?.stringValue }, ["bytes", "numcodecs.shuffle", "gzip"])
        XCTAssertThrowsError(try ZarrArray.create(store, "b", shape: [2, 2], dtype: .uint8, zarrFormat: 3, order: .f))
        XCTAssertThrowsError(try ZarrArray.create(store, "c", shape: [2], dtype: .uint8, zarrFormat: 2, compressor: Crc32cCodec())) {
            XCTAssertTrue("\($0)".contains("crc32c"), "\($0)")
        }
    }
}

private extension String {
    func withPrefix(_ prefix: String) -> String { prefix + self }
}
