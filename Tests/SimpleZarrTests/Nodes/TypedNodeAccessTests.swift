import Foundation
import XCTest

@testable import SimpleZarr

/// Reaching groups and arrays without casts: `.group` / `.array`, `group(_:)` / `array(_:)`,
/// chained subscripts, and the errors for the wrong kind and for a missing node.
final class TypedNodeAccessTests: XCTestCase {
    private func hierarchy() throws -> MemoryStore {
        let store = MemoryStore()
        try ZarrGroup.create(store, "")
        try ZarrGroup.create(store, "raw", attributes: ["kind": "raw"])
        try ZarrArray.create(store, "raw/image", shape: [4, 6], dtype: .uint16, chunkShape: [2, 3])
        return store
    }

    func testTypedAccessorsReturnTheNode() throws {
        let store = try hierarchy()
        let root = try openZarr(store).group
        XCTAssertEqual(try root.group("raw").attributes["kind"]?.string, "raw")
        XCTAssertEqual(try root.array("raw/image").shape, [4, 6])
        XCTAssertEqual(try root["raw"]["image"].array.chunkShape, [2, 3])
        XCTAssertEqual(try root["raw"].group["image"].array.dtype, .uint16)
        XCTAssertEqual(try openZarr(store, path: "raw/image").array.path, "raw/image")
        XCTAssertEqual(try openZarr(store)["raw/image"].array.name, "image")
        let array = try root.array("raw/image")
        XCTAssertTrue(try array.array === array)
    }

    func testTheWrongKindNamesTheNode() throws {
        let store = try hierarchy()
        XCTAssertThrowsError(try openZarr(store).array) { error in
            XCTAssertEqual(error as? ZarrError, .invalidArgument("<ZarrGroup ''> is a group, not an array"))
        }
        XCTAssertThrowsError(try openZarr(store, path: "raw/image").group) { error in
            XCTAssertEqual(error as? ZarrError, .invalidArgument("<ZarrArray 'raw/image' 4x6 uint16> is an array, not a group"))
        }
        let root = try openZarr(store).group
        XCTAssertThrowsError(try root.group("raw/image")) { error in
            guard case ZarrError.invalidArgument = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try root.array("raw")) { error in
            guard case ZarrError.invalidArgument = error else { return XCTFail("\(error)") }
        }
    }

    func testMissingNodesAreNotFound() throws {
        let root = try openZarr(try hierarchy()).group
        for path in ["nope", "raw/nope", "raw/image/deeper"] {
            XCTAssertThrowsError(try root[path], path) { error in
                guard case ZarrError.nodeNotFound = error else { return XCTFail("\(path): \(error)") }
            }
        }
        XCTAssertThrowsError(try root["raw"]["image"]["deeper"]) { error in
            XCTAssertEqual(error as? ZarrError, .nodeNotFound("<ZarrArray 'raw/image' 4x6 uint16>['deeper']: an array has no children"))
        }
        XCTAssertThrowsError(try root.array("raw/missing")) { error in
            XCTAssertEqual(error as? ZarrError, .nodeNotFound("ZarrGroup 'raw' does not have a child named 'missing'"))
        }
        // Bad paths stay invalid arguments.
        for path in ["", "/", "raw/.."] {
            XCTAssertThrowsError(try root[path], path) { error in
                guard case ZarrError.invalidArgument = error else { return XCTFail("\(path): \(error)") }
            }
        }
    }
}
