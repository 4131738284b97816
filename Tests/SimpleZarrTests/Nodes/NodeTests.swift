import Foundation
import XCTest

@testable import SimpleZarr

final class NodeTests: XCTestCase {
    /// A small hierarchy: root group, group "g" with attributes, arrays "g/a" (uint16 5x7 in 2x3) and "s" (0-d).
    func makeHierarchy() throws -> (MemoryStore, ZarrArray) {
        let store = MemoryStore()
        try ZarrGroup.create(store, "", attributes: ["title": "root"])
        try ZarrGroup.create(store, "g", attributes: ["n": 1])
        let array = try ZarrArray.create(
            store, "g/a", shape: [5, 7], dtype: .uint16, chunkShape: [2, 3], fillValue: 7,
            codecs: [BytesCodec().json], dimensionNames: ["y", "x"], attributes: ["units": "m"])
        try ZarrArray.create(store, "s", shape: [], dtype: "float32", fillValue: "NaN")
        return (store, array)
    }

    func testCreateOpenAndNavigate() throws {
        let (store, _) = try makeHierarchy()
        let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
        XCTAssertEqual(root.attributes["title"], "root")
        XCTAssertEqual(try root.children.map(\.name), ["g", "s"])
        let array = try XCTUnwrap(try root["g/a"] as? ZarrArray)
        XCTAssertTrue(array.dtype == "uint16")
        XCTAssertEqual(array.ndim, 2)
        XCTAssertEqual(array.shape, [5, 7])
        XCTAssertEqual(array.size, 35)
        XCTAssertEqual(array.nbytes, 70)
        XCTAssertEqual(array.chunkGridShape, [3, 3])
        XCTAssertEqual(array.chunkShape, [2, 3])
        XCTAssertEqual(array.chunkSize, 6)
        XCTAssertEqual(array.chunkNbytes, 12)
        XCTAssertEqual(array.name, "a")
        XCTAssertEqual(array.path, "g/a")
        XCTAssertEqual(array.dimensionNames ?? [], ["y", "x"])
        XCTAssertEqual(array.attributes["units"], "m")
        XCTAssertEqual(array.description, "<ZarrArray 'g/a' 5x7 uint16>")
        XCTAssertEqual(
            root.getStructure(),
            "<ZarrGroup '' with 2 children>\n    <ZarrGroup 'g' with 1 children>\n        <ZarrArray 'g/a' 5x7 uint16>\n    <ZarrArray 's'  float32>")
        XCTAssertEqual(root.description, root.getStructure(maxDepth: 1))
        XCTAssertThrowsError(try root["nope"]) { XCTAssertTrue("\($0)".contains("does not have a child named 'nope'")) }
        XCTAssertThrowsError(try root["s/x"])
        XCTAssertTrue(array.metadataText.hasPrefix("{\n    \"zarr_format\": 3,\n    \"node_type\": \"array\",\n    \"shape\""))
        XCTAssertEqual((try openZarr(store, path: "g/a") as? ZarrArray)?.shape, [5, 7])
    }

    func testChunksReadFillWriteAndErase() throws {
        let (store, array) = try makeHierarchy()
        XCTAssertEqual(try array.getChunk([0, 0]), try NDArray(repeating: UInt16(7), shape: [2, 3]))
        let data = try NDArray((0..<6).map { UInt16($0) }, shape: [2, 3])
        try array.setChunk(data, [2, 2])
        XCTAssertEqual(try array.getChunk([2, 2]), data)
        XCTAssertNotNil(store.dict["g/a/c/2/2"])
        // An all-fill chunk is erased with checkEmpty, stored without it.
        let fill = try NDArray(repeating: UInt16(7), shape: [2, 3])
        try array.setChunk(fill, [2, 2])
        XCTAssertNil(store.dict["g/a/c/2/2"])
        try array.setChunk(fill, [1, 1], checkEmpty: false)
        XCTAssertNotNil(store.dict["g/a/c/1/1"])
        try array.setChunk(fill, [0, 0])  // erasing a chunk that is not there is fine
    }

    func testZeroDimensionalArrays() throws {
        let (store, _) = try makeHierarchy()
        let scalar = try XCTUnwrap(try openZarr(store, path: "s") as? ZarrArray)
        XCTAssertEqual(scalar.shape, [])
        XCTAssertEqual(scalar.chunkGridShape, [])
        XCTAssertEqual(scalar.size, 1)
        XCTAssertTrue(try scalar.getChunk([]).scalar(at: [], as: Float.self).isNaN)
        try scalar.setChunk(try NDArray(repeating: Float(2.5), shape: []), [])
        XCTAssertNotNil(store.dict["s/c"])
        XCTAssertEqual(try scalar.getChunk([]).scalar(at: [], as: Float.self), 2.5)
    }

    func testChunkKeyEncodings() throws {
        let store = MemoryStore()
        let dot = try ZarrArray.create(store, "d", shape: [4, 4], dtype: .int8, chunkShape: [2, 2], chunkPathSeparator: ".")
        let v2 = try ZarrArray.create(store, "v", shape: [4, 4], dtype: .int8, chunkShape: [2, 2], chunkKeyEncoding: .v2(separator: "."))
        let v2slash = try ZarrArray.create(store, "w", shape: [], dtype: .int8, chunkKeyEncoding: .v2(separator: "/"))
        XCTAssertEqual(try dot.chunkKey([1, 0]), "d/c.1.0")
        XCTAssertEqual(try v2.chunkKey([1, 0]), "v/1.0")
        XCTAssertEqual(try v2slash.chunkKey([]), "w/0")
        XCTAssertThrowsError(try ZarrArray.create(store, "x", shape: [4], dtype: .int8, chunkPathSeparator: "-"))
    }

    func testFuturesOnOneWorkerExecutor() throws {
        let (_, array) = try makeHierarchy()
        let executor = ThreadPoolExecutor(maxWorkers: 1)
        var writes: [Future<Void>] = []
        for index in allIndices(array.chunkGridShape) {
            let chunk = try NDArray(repeating: UInt16(index[0] * 10 + index[1]), shape: [2, 3])
            writes.append(array.setChunkFuture(chunk, index, executor: executor))
        }
        _ = try waitAll(writes)
        let reads = allIndices(array.chunkGridShape).map { array.getChunkFuture($0, executor: executor) }
        let chunks = try Future.all(reads).result(timeout: 10)
        for (index, chunk) in zip(allIndices(array.chunkGridShape), chunks) {
            XCTAssertEqual(try chunk.scalar(at: [1, 2], as: UInt16.self), UInt16(index[0] * 10 + index[1]))
        }
    }

    func testConcurrentChunkIOFromManyThreads() async throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [64, 64], dtype: .int32, chunkShape: [8, 8], codecs: [
            ["name": "transpose", "configuration": ["order": [1, 0]]], ["name": "bytes", "configuration": ["endian": "big"]],
            ["name": "crc32c"],
        ])
        let indices = allIndices(array.chunkGridShape)
        let failures = try ThreadPoolExecutor(maxWorkers: 8).map(Array(indices.enumerated())) { (i, index) -> Bool in
            let values = (0..<64).map { Int32(i * 1000 + $0) }
            do {
                try array.setChunk(NDArray(values, shape: [8, 8]), index)
                return false
            } catch {
                return true
            }
        }
        XCTAssertEqual(failures.filter { $0 }.count, 0)
        try await withThrowingTaskGroup(of: (Int, NDArray).self) { group in
            for (i, index) in indices.enumerated() {
                group.addTask { (i, try await array.getChunkFuture(index).value) }
            }
            for try await (i, chunk) in group {
                XCTAssertEqual(try chunk.toArray(as: Int32.self), (0..<64).map { Int32(i * 1000 + $0) })
            }
        }
    }

    func testUnknownMembersAreKeptAndMustUnderstandExtensionsRefused() throws {
        let store = MemoryStore()
        try ZarrArray.create(store, "a", shape: [2], dtype: .uint8)
        var document = try XCTUnwrap(try JSONValue.parse(store.get("a/zarr.json")).objectValue)
        document["my_note"] = "kept"
        document["my_extension"] = ["must_understand": false, "x": 1]
        try store.set("a/zarr.json", Data(JSONValue.object(document).jsonText.utf8))
        let array = try XCTUnwrap(try openZarr(store, path: "a") as? ZarrArray)
        XCTAssertEqual(array.metadata["my_note"], "kept")
        XCTAssertEqual(array.metadata["my_extension"]?["x"], 1)
        document["strict_extension"] = ["configuration": [:]]
        try store.set("a/zarr.json", Data(JSONValue.object(document).jsonText.utf8))
        XCTAssertThrowsError(try openZarr(store, path: "a")) {
            XCTAssertTrue("\($0)".contains("extension 'strict_extension'"), "\($0)")
        }
    }

    // MARK: Bad input: each is a thrown error that says what is wrong

    func openError(_ json: String) -> String {
        let store = MemoryStore()
        do {
            try store.set("zarr.json", Data(json.utf8))
            _ = try openZarr(store)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    let goodArray = #"{"zarr_format": 3, "node_type": "array", "shape": [4, 4], "data_type": "int16", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2, 2]}}, "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}}, "fill_value": 0, "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}]}"#

    func testBadMetadataIsAClearError() {
        XCTAssertEqual(openError(goodArray), "no error")
        let cases: [(String, String)] = [
            (String(goodArray.prefix(60)), "is not valid JSON"),
            ("[1, 2]", "must hold a JSON object"),
            (goodArray.replacingOccurrences(of: "\"zarr_format\": 3", with: "\"zarr_format\": 2"), "v2 nodes are described by .zarray / .zgroup"),
            (goodArray.replacingOccurrences(of: "\"array\"", with: "\"tensor\""), "node_type"),
            (goodArray.replacingOccurrences(of: "\"chunk_shape\": [2, 2]", with: "\"chunk_shape\": [2]"), "has 1 dimensions but shape"),
            (goodArray.replacingOccurrences(of: "\"chunk_shape\": [2, 2]", with: "\"chunk_shape\": [0, 2]"), "chunk_shape must hold integers ≥ 1"),
            (goodArray.replacingOccurrences(of: "\"shape\": [4, 4]", with: "\"shape\": [4, -4]"), "shape must hold integers ≥ 0"),
            (goodArray.replacingOccurrences(of: "\"chunk_shape\": [2, 2]", with: "\"chunk_shape\": [4611686018427387904, 4]"), "chunk_shape [4611686018427387904, 4] of int16 has more bytes than fit"),
            (goodArray.replacingOccurrences(of: "\"int16\"", with: "\"int17\""), "data type 'int17'"),
            (goodArray.replacingOccurrences(of: "\"fill_value\": 0", with: "\"fill_value\": 70000"), "out of range for int16"),
            (goodArray.replacingOccurrences(of: "\"regular\"", with: "\"rectilinear\""), "chunk_grid 'rectilinear'"),
            (goodArray.replacingOccurrences(of: "\"default\"", with: "\"fancy\""), "chunk_key_encoding 'fancy'"),
            (goodArray.replacingOccurrences(of: ", \"fill_value\": 0", with: ""), "missing required member 'fill_value'"),
        ]
        for (json, expected) in cases {
            let message = openError(json)
            XCTAssertTrue(message.contains(expected), "expected '\(expected)' in: \(message)")
        }
    }

    func testBadChunkIndicesAndDataAreClearErrors() throws {
        let (store, array) = try makeHierarchy()
        XCTAssertThrowsError(try array.getChunk([3, 0])) { XCTAssertTrue("\($0)".contains("not within the chunk grid [3, 3]"), "\($0)") }
        XCTAssertThrowsError(try array.getChunk([-1, 0]))
        XCTAssertThrowsError(try array.getChunk([0])) { XCTAssertTrue("\($0)".contains("needs 2 indices, got 1"), "\($0)") }
        XCTAssertThrowsError(try array.setChunk(try NDArray(dtype: .uint16, shape: [3, 2]), [0, 0])) {
            XCTAssertTrue("\($0)".contains("chunk must have shape [2, 3] and dtype uint16, got [3, 2] and uint16"), "\($0)")
        }
        XCTAssertThrowsError(try array.setChunk(try NDArray(dtype: .int16, shape: [2, 3]), [0, 0]))
        XCTAssertThrowsError(try array.setChunk(try NDArray(dtype: .uint16, shape: [2, 3]), [0, 3]))
        // A stored chunk of the wrong size.
        try store.set("g/a/c/0/0", Data([1, 2, 3]))
        XCTAssertThrowsError(try array.getChunk([0, 0])) {
            XCTAssertTrue("\($0)".contains("stored chunk has 3 bytes, but shape [2, 3] of uint16 needs 12"), "\($0)")
        }
        XCTAssertThrowsError(try array.getChunkFuture([0, 0]).result())
        // The default codecs are bytes + zstd; a valid frame of the wrong decoded size is refused.
        let zstd = try ZarrArray.create(store, "z", shape: [4], dtype: .int32)
        XCTAssertEqual(zstd.metadata["codecs"], .array(ZarrArray.defaultCodecs))
        try store.set("z/c/0", try ZstdCodec().encode(Data([1, 2, 3])))
        XCTAssertThrowsError(try zstd.getChunk([0])) {
            XCTAssertTrue("\($0)".contains("codec 'zstd'"), "\($0)")
        }
    }

    func testBadCreateArgumentsAreClearErrors() {
        let store = MemoryStore()
        XCTAssertThrowsError(try ZarrArray.create(store, "a", shape: [4], dtype: "uint3"))
        XCTAssertThrowsError(try ZarrArray.create(store, "a", shape: [-4], dtype: .uint8))
        XCTAssertThrowsError(try ZarrArray.create(store, "a", shape: [4], dtype: .uint8, chunkShape: [2, 2]))
        XCTAssertThrowsError(try ZarrArray.create(store, "a", shape: [4], dtype: .uint8, chunkShape: [0]))
        XCTAssertThrowsError(try ZarrArray.create(store, "a", shape: [4], dtype: .uint8, fillValue: 300))
        XCTAssertThrowsError(try ZarrArray.create(store, "a", shape: [4], dtype: .uint8, codecs: []))
        XCTAssertThrowsError(try ZarrArray.create(store, "a", shape: [4], dtype: .uint8, codecs: [["name": "crc32c"]]))
        XCTAssertThrowsError(try ZarrArray.create(store, "a", shape: [4], dtype: .uint8, dimensionNames: ["x", "y"]))
        XCTAssertThrowsError(try ZarrArray.create(store, "a/", shape: [4], dtype: .uint8))
        XCTAssertThrowsError(try ZarrArray.create(store, "a/../b", shape: [4], dtype: .uint8))
        XCTAssertTrue(store.dict.isEmpty, "a refused create writes nothing")
    }
}

final class PythonNameTests: XCTestCase {
    func testSimplezarr12NamesForward() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [4], dtype: .int8, chunkShape: [2], fillValue: 3)
        XCTAssertNil(try array.getChunkNow([0], noneIfMissing: true))
        XCTAssertEqual(try array.getChunkNow([0]), try NDArray([3, 3] as [Int8]))
        try array.setChunkNow([1], try NDArray([1, 2] as [Int8]))
        try array.setChunkSoon([0], try NDArray([5, 6] as [Int8])).result()
        XCTAssertEqual(try array.getChunkSoon([1]).result(), try NDArray([1, 2] as [Int8]))
        XCTAssertEqual(try array[...].getNow(), try NDArray([5, 6, 1, 2] as [Int8]))
        try array[1..<3].setNow(try NDArray([9, 9] as [Int8]))
        XCTAssertEqual(try array[...].getSoon().result(), try NDArray([5, 9, 9, 2] as [Int8]))
        try array[...].setSoon(try NDArray([3, 3, 3, 3] as [Int8])).result()
        XCTAssertTrue(store.dict.keys.allSatisfy { $0.hasSuffix("zarr.json") })
    }
}
