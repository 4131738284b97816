import Foundation
import XCTest

@testable import SimpleZarr

/// `get_now` / `get_soon` / `set_now` / `set_soon` take what simplezarr 1.2 takes: an array or
/// a scalar that every selected element is set to.
final class SlicePythonNamesTests: XCTestCase {
    func testSetNowTakesScalarsAsPythonDoes() throws {
        let store = MemoryStore()
        let ints = try ZarrArray.create(store, "i", shape: [2, 3], dtype: .uint16, chunkShape: [1, 2])
        try ints[...].setNow(7)
        XCTAssertEqual(try ints[...].getNow().toArray(as: UInt16.self), [7, 7, 7, 7, 7, 7])
        try ints[0, ...].setNow(UInt16(3))
        try ints[1, 2].setSoon(1).result()
        XCTAssertEqual(try ints[...].getSoon().result().toArray(as: UInt16.self), [3, 3, 3, 7, 7, 1])
        XCTAssertThrowsError(try ints[...].setNow(-1)) { error in
            guard case ZarrError.invalidArgument = error else { return XCTFail("\(error)") }
        }

        let floats = try ZarrArray.create(store, "f", shape: [3], dtype: .float32)
        try floats[...].setNow(2.5)
        try floats[0].setSoon(Float(1)).result()
        try floats[1].setSoon(-0.5).result()
        XCTAssertEqual(try floats[...].getNow().toArray(as: Float.self), [1, -0.5, 2.5])

        let text = try ZarrArray.create(store, "s", shape: [3], dtype: .string, chunkShape: [2])
        try text[...].setNow("text")
        try text[2].setSoon("end").result()
        XCTAssertEqual(try text[...].getNow().toArray(as: String.self), ["text", "text", "end"])
        XCTAssertThrowsError(try ints[...].setNow("text")) { error in
            guard case ZarrError.invalidArgument = error else { return XCTFail("\(error)") }
        }

        let blobs = try ZarrArray.create(store, "b", shape: [2], dtype: .bytes)
        try blobs[...].setNow(Data([1, 2]))
        try blobs[1].setSoon(Data([3])).result()
        XCTAssertEqual(try blobs[...].getNow().toArray(as: Data.self), [Data([1, 2]), Data([3])])
    }

    func testSetNowTakesArrays() throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [4], dtype: .int8, chunkShape: [3])
        try array[1..<3].setNow(try NDArray([5, 6] as [Int8]))
        try array[3].setSoon(try NDArray([9] as [Int8], shape: [])).result()
        XCTAssertEqual(try array[...].getNow().toArray(as: Int8.self), [0, 5, 6, 9])
    }
}
