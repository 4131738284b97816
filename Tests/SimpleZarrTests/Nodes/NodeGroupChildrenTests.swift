import Foundation
import XCTest

@testable import SimpleZarr

/// How a group finds its children: one unreadable child does not hide the others, and
/// names are told apart by their UTF-8 bytes.
final class NodeGroupChildrenTests: XCTestCase {
    func testAnUnreadableChildLeavesTheRestOfTheHierarchyReadable() throws {
        let store = MemoryStore()
        try ZarrGroup.create(store, "")
        try ZarrArray.create(store, "good", shape: [4], dtype: .uint8, fillValue: 1)
        try store.set("broken/zarr.json", Data("{\"zarr_format\": 3, \"node_type\": \"array\", \"shape\": [9223372036854775807], ".utf8))
        try store.set("unsupported/zarr.json", Data(#"{"zarr_format": 3, "node_type": "array", "shape": [2], "data_type": "uint8", "chunk_grid": {"name": "rectilinear"}, "chunk_key_encoding": {"name": "default"}, "fill_value": 0, "codecs": [{"name": "bytes"}]}"#.utf8))
        try store.set("plain/file", Data([1]))

        let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
        XCTAssertEqual(try root.children.map(\.name), ["good"])
        XCTAssertEqual(try root.unreadableChildren.map(\.name), ["broken", "unsupported"])
        XCTAssertEqual(try (root["good"] as? ZarrArray)?[...].get().toArray(as: UInt8.self), [1, 1, 1, 1])
        XCTAssertThrowsError(try root["broken"]) { error in
            guard case ZarrError.invalidMetadata = error else { return XCTFail("expected invalidMetadata, got \(error)") }
        }
        XCTAssertThrowsError(try root["unsupported"]) { error in
            guard case ZarrError.unsupported = error else { return XCTFail("expected unsupported, got \(error)") }
        }
        XCTAssertThrowsError(try root["plain"]) { error in
            guard case ZarrError.nodeNotFound = error else { return XCTFail("expected nodeNotFound, got \(error)") }
        }
        XCTAssertTrue(root.getStructure().contains("<unreadable 'broken': "))
    }

    func testChildNamesAreComparedByTheirBytes() throws {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        let combiningFirst = "\u{301}x"
        for store in [MemoryStore() as BaseStore & WritableStore & ReadableStore, try LocalStore(temporaryDirectory())] {
            try ZarrGroup.create(store, "")
            try ZarrGroup.create(store, composed, attributes: ["form": "NFC"])
            try ZarrArray.create(store, decomposed, shape: [2], dtype: .uint8, fillValue: 3)
            try ZarrGroup.create(store, combiningFirst)
            let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
            XCTAssertEqual(Set(try root.children.map { Array($0.name.utf8) }),
                           Set([composed, decomposed, combiningFirst].map { Array($0.utf8) }))
            XCTAssertEqual(try root[composed].attributes["form"], "NFC")
            XCTAssertTrue(try root[decomposed] is ZarrArray)
            XCTAssertTrue(try root[combiningFirst] is ZarrGroup)
        }
    }

    private func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("group-children-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testStructureArgumentsCannotTrap() throws {
        let store = MemoryStore()
        try ZarrGroup.create(store, "")
        try ZarrGroup.create(store, "g")
        let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
        XCTAssertEqual(root.getStructure(maxDepth: Int.min, indent: Int.min), root.oneLineDescription)
        XCTAssertEqual(root.getStructure(maxDepth: Int.max, indent: Int.max).split(separator: "\n").count, 2)
    }
}
