import Foundation
import XCTest

import SimpleZarr

// A port of a script that creates a hierarchy, writes and reads regions, and handles errors.
//
// The Python original (simplezarr 1.2):
//
//     import numpy as np
//     from simplezarr import MemoryStore, ZarrArray, ZarrGroup, open_zarr
//
//     store = MemoryStore()
//     ZarrGroup.create(store, "", attributes={"title": "example", "n": 3})
//     ZarrGroup.create(store, "raw")
//     img = ZarrArray.create(
//         store, "raw/image", shape=(20, 30), dtype="float32", chunk_shape=(8, 8),
//         fill_value="NaN", dimension_names=["y", "x"], attributes={"units": "K"},
//     )
//     img[...].set_now(0)
//     img[0:8, 0:8].set_now(np.ones((8, 8), "float32"))
//     img[5, :].set_now(2.5)
//     img[19, 29].set_now(7)
//     row = img[5, :].get_now()
//     block = img[6:10, 6:10].get_now()
//     strided = img[::2, ::5].get_now()
//     last = img[-1, -1].get_now()
//     print(row.shape, block.shape, strided.shape, last)
//
//     root = open_zarr(store)
//     print(root.attributes)
//     image = root["raw"]["image"]
//     print(image.attributes["units"], image.chunk_grid_shape)
//
//     try:
//         img[20, 0].get_now()
//     except IndexError as e:
//         print("IndexError:", e)
//     try:
//         img[0:2, 0:2].set_now(np.zeros((3, 3), "float32"))
//     except IndexError as e:
//         print("IndexError:", e)
//     try:
//         img.get_chunk_now((9, 9))
//     except IndexError as e:
//         print("IndexError:", e)
//     try:
//         root["nope"]
//     except KeyError as e:
//         print("KeyError:", e)
//     try:
//         open_zarr(store, "missing")
//     except IOError as e:
//         print("IOError:", e)
//     try:
//         ZarrArray.create(store, "bad", shape=(2,), dtype="float128")
//     except TypeError as e:
//         print("TypeError:", e)

final class CreateSliceErrorsPortTests: XCTestCase {
    func testCreateSliceAndHandleErrors() throws {
        let store = MemoryStore()
        try ZarrGroup.create(store, "", attributes: ["title": "example", "n": 3])
        try ZarrGroup.create(store, "raw")
        let img = try ZarrArray.create(
            store, "raw/image", shape: [20, 30], dtype: "float32", chunkShape: [8, 8],
            fillValue: "NaN", dimensionNames: ["y", "x"], attributes: ["units": "K"])
        try img[...].setNow(0)
        try img[0..<8, 0..<8].setNow(try NDArray(repeating: Float(1), shape: [8, 8]))
        try img[5, ...].setNow(2.5)
        try img[19, 29].setNow(7)
        let row = try img[5, ...].getNow()
        let block = try img[6..<10, 6..<10].getNow()
        let strided = try img[Slice(nil, nil, 2), Slice(nil, nil, 5)].getNow()
        let last = try img[-1, -1].getNow()
        print(row.shape, block.shape, strided.shape, last)

        let root = try openZarr(store)
        print(root.attributes)
        let image = try root["raw"]["image"].array
        print(image.attributes["units"]?.string ?? "", image.chunkGridShape)

        var caught: [String] = []
        var missingPath: String?
        do {
            _ = try img[20, 0].getNow()
        } catch ZarrError.indexOutOfRange(let e) {
            caught.append("IndexError: \(e)")
        }
        do {
            try img[0..<2, 0..<2].setNow(try NDArray(repeating: Float(0), shape: [3, 3]))
        } catch ZarrError.invalidArgument(let e) {  // 1.2 raises IndexError; here it is a bad argument
            caught.append("IndexError: \(e)")
        }
        do {
            _ = try img.getChunkNow([9, 9])
        } catch ZarrError.indexOutOfRange(let e) {
            caught.append("IndexError: \(e)")
        }
        do {
            _ = try root["nope"]
        } catch ZarrError.nodeNotFound(let e) {
            caught.append("KeyError: \(e)")
            missingPath = e.path
        }
        do {
            _ = try openZarr(store, path: "missing")
        } catch ZarrError.nodeNotFound(let e) {
            caught.append("IOError: \(e)")
        }
        do {
            try ZarrArray.create(store, "bad", shape: [2], dtype: "float128")
        } catch ZarrError.invalidArgument(let e) {
            caught.append("TypeError: \(e)")
        }
        caught.forEach { print($0) }

        XCTAssertEqual(try row.toArray(as: Float.self), [Float](repeating: 2.5, count: 30))
        XCTAssertEqual(try block.toArray(as: Float.self), [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(strided.shape, [10, 6])
        XCTAssertEqual(try last.scalar(at: [], as: Float.self), 7)
        XCTAssertEqual(root.attributes.description, "{'title': 'example', 'n': 3}")
        XCTAssertEqual(image.attributes["units"]?.string, "K")
        XCTAssertEqual(image.chunkGridShape, [3, 4])
        XCTAssertEqual(missingPath, "nope")
        XCTAssertEqual(caught.map { String($0.prefix { $0 != ":" }) },
                       ["IndexError", "IndexError", "IndexError", "KeyError", "IOError", "TypeError"])
    }
}
