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
            XCTAssertEqual(error as? ZarrError, .invalidArgument(ErrorDetails("<ZarrGroup ''> is a group, not an array", path: "")))
        }
        XCTAssertThrowsError(try openZarr(store, path: "raw/image").group) { error in
            XCTAssertEqual(
                error as? ZarrError,
                .invalidArgument(ErrorDetails("<ZarrArray 'raw/image' 4x6 uint16> is an array, not a group", path: "raw/image")))
        }
        let root = try openZarr(store).group
        XCTAssertThrowsError(try root.group("raw/image")) { error in
            guard case ZarrError.invalidArgument(let details) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(details.path, "raw/image")
        }
        XCTAssertThrowsError(try root.array("raw")) { error in
            guard case ZarrError.invalidArgument(let details) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(details.path, "raw")
        }
    }

    func testMissingNodesAreNotFound() throws {
        let root = try openZarr(try hierarchy()).group
        for path in ["nope", "raw/nope", "raw/image/deeper"] {
            XCTAssertThrowsError(try root[path], path) { error in
                guard case ZarrError.nodeNotFound(let details) = error else { return XCTFail("\(path): \(error)") }
                XCTAssertEqual(details.path, path)
            }
        }
        XCTAssertThrowsError(try root["raw"]["image"]["deeper"]) { error in
            XCTAssertEqual(
                error as? ZarrError,
                .nodeNotFound(ErrorDetails(
                    "<ZarrArray 'raw/image' 4x6 uint16>['deeper']: an array has no children", path: "raw/image/deeper")))
        }
        XCTAssertThrowsError(try root.array("raw/missing")) { error in
            XCTAssertEqual(
                error as? ZarrError,
                .nodeNotFound(ErrorDetails("ZarrGroup 'raw' does not have a child named 'missing'", path: "raw/missing")))
        }
        // Bad paths stay invalid arguments.
        for path in ["", "/", "raw/.."] {
            XCTAssertThrowsError(try root[path], path) { error in
                guard case ZarrError.invalidArgument = error else { return XCTFail("\(path): \(error)") }
            }
        }
    }
}
