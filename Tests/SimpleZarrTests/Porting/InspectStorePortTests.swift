import Foundation
import XCTest

import SimpleZarr

// A port of a script that inspects a store written by zarr-python, line by line.
//
// The Python original (simplezarr 1.2):
//
//     from simplezarr import LocalStore, open_zarr
//
//     store = LocalStore("Tests/SimpleZarrTests/Fixtures/zarr-python")
//     root = open_zarr(store)
//     print(root.attributes["title"])
//     big = root.attributes["big_int"] + 1
//     root["meta"].print_structure()
//
//     deeper = root["meta"]["deep"]["deeper"]
//     print(deeper.attributes)
//     level = deeper.attributes["level"]
//     second_row = deeper.attributes["list"][1]
//
//     arr = deeper["attributed"]
//     print(arr.dtype, arr.shape, arr.chunk_shape, arr.chunk_grid_shape, arr.nbytes)
//     print(arr.attributes["units"], arr.attributes["nested"]["obj"]["k"])
//     arr.print_metadata()
//     chunk = arr.get_chunk_now((0, 1))
//     print(chunk.shape)
//
//     for child in root["types"]["le"].children:
//         data = child[...].get_now()
//         print(child.name, child.dtype, data.shape)
//
//     image = root["types"]["le"]["int16"]
//     corner = image[0, 0].get_now()
//     missing = root["chunks"]["missing_half_uint16"]
//     print(missing.get_chunk_now((0, 0), none_if_missing=True))
//     print(missing.get_chunk_now((0, 0)).shape)

final class InspectStorePortTests: XCTestCase {
    func testInspectAStoreWrittenByZarrPython() throws {
        let store = LocalStore(ZarrFixtures.folder.appendingPathComponent("zarr-python").path)
        let root = try openZarr(store)
        print(root.attributes["title"]?.string ?? "")
        let big = (root.attributes["big_int"]?.int ?? 0) + 1
        try root["meta"].group.printStructure()

        let deeper = try root["meta"]["deep"]["deeper"]
        print(deeper.attributes)
        let level = deeper.attributes["level"]?.int
        let secondRow = deeper.attributes["list"]?[1]?.value(as: [Int].self)

        let arr = try deeper["attributed"].array
        print(arr.dtype, arr.shape, arr.chunkShape, arr.chunkGridShape, arr.nbytes)
        print(arr.attributes["units"]?.string ?? "", arr.attributes["nested"]?["obj"]?["k"]?.string ?? "")
        arr.printMetadata()
        let chunk = try arr.getChunkNow([0, 1])
        print(chunk.shape)

        var seen: [String: [Int]] = [:]
        for child in try root["types"]["le"].group.children {
            let data = try child.array[...].getNow()
            try print(child.name, child.array.dtype, data.shape)
            seen[child.name] = data.shape
        }

        let image = try root["types"]["le"]["int16"].array
        let corner = try image[0, 0].getNow()
        let missing = try root["chunks"]["missing_half_uint16"].array
        try print(missing.getChunkNow([0, 0], noneIfMissing: true) as Any)
        try print(missing.getChunkNow([0, 0]).shape)

        // What the Python script printed and computed.
        XCTAssertEqual(root.attributes["title"]?.string, "SimpleZarr interop fixtures")
        XCTAssertEqual(big, 9_007_199_254_740_994)
        XCTAssertEqual(deeper.attributes.description, "{'level': 3, 'big': 9007199254740993, 'list': [[1, 2], [3, 4]]}")
        XCTAssertEqual(level, 3)
        XCTAssertEqual(secondRow, [3, 4])
        XCTAssertTrue(arr.dtype == "float32")
        XCTAssertEqual([arr.shape, arr.chunkShape, arr.chunkGridShape], [[4, 6], [4, 4], [1, 2]])
        XCTAssertEqual(arr.nbytes, 96)
        XCTAssertEqual(arr.attributes["units"]?.string, "m/s")
        XCTAssertEqual(arr.attributes["nested"]?["obj"]?["k"]?.string, "v")
        XCTAssertEqual(chunk.shape, [4, 4])
        XCTAssertEqual(seen.count, 14)
        XCTAssertTrue(seen.values.allSatisfy { $0 == [7, 9] })
        let expected = try Data(contentsOf: ZarrFixtures.folder.appendingPathComponent("expected/types__le__int16.bin"))
        XCTAssertEqual(try corner.scalar(at: [], as: Int16.self), Int16(littleEndian: expected.withUnsafeBytes { $0.load(as: Int16.self) }))
        XCTAssertNil(try missing.getChunkNow([0, 0], noneIfMissing: true))
        XCTAssertEqual(try missing.getChunkNow([0, 0]).shape, [4, 4])
    }
}
