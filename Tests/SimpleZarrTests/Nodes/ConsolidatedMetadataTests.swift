import Foundation
import XCTest
@testable import SimpleZarr

/// Consolidated metadata (v2 `.zmetadata`, v3 inline) and lazy groups: what each costs in store
/// calls, what a stale snapshot shows, and hostile snapshots.
final class ConsolidatedMetadataTests: XCTestCase {
    /// A hierarchy: root / a / b / c (array), root / x (array), and 20 arrays in root / many.
    private func makeHierarchy(zarrFormat: Int) throws -> MemoryStore {
        let store = MemoryStore()
        try ZarrGroup.create(store, attributes: ["level": 0], zarrFormat: zarrFormat)
        try ZarrGroup.create(store, "a", attributes: ["level": 1], zarrFormat: zarrFormat)
        try ZarrGroup.create(store, "a/b", attributes: ["level": 2], zarrFormat: zarrFormat)
        let c = try ZarrArray.create(store, "a/b/c", shape: [6], dtype: .int32, chunkShape: [4], zarrFormat: zarrFormat)
        try c[...].set(try NDArray([Int32(1), 2, 3, 4, 5, 6], shape: [6]))
        try ZarrArray.create(store, "x", shape: [2, 2], dtype: .float32, zarrFormat: zarrFormat)
        try ZarrGroup.create(store, "many", zarrFormat: zarrFormat)
        for i in 0..<20 {
            try ZarrArray.create(store, "many/arr\(i)", shape: [3], dtype: .uint8, zarrFormat: zarrFormat)
        }
        return store
    }

    func testOpeningAConsolidatedGroupCostsOneGetAndNoListing() throws {
        for format in [2, 3] {
            let inner = try makeHierarchy(zarrFormat: format)
            try consolidateMetadata(inner)
            let store = RequestCountingStore(inner)
            let root = try XCTUnwrap(try openZarr(store, zarrFormat: format) as? ZarrGroup)
            XCTAssertTrue(root.usesConsolidatedMetadata)
            let many = try XCTUnwrap(try root["many"] as? ZarrGroup)
            XCTAssertEqual(try many.children.count, 20)
            XCTAssertEqual(try root.children.map(\.name), ["a", "many", "x"])
            let c = try XCTUnwrap(try root["a/b/c"] as? ZarrArray)
            XCTAssertEqual(c.attributes, [:])
            XCTAssertEqual(try XCTUnwrap(try root["a/b"] as? ZarrGroup).attributes, ["level": 2])
            XCTAssertEqual(store.gets.withLock { $0 }, [format == 2 ? ".zmetadata" : "zarr.json"], "format \(format)")
            XCTAssertEqual(store.lists.withLock { $0 }, 0, "format \(format)")
            // Chunk data is read from the store as usual.
            XCTAssertEqual(try c[...].get().toArray(as: Int32.self), [1, 2, 3, 4, 5, 6])
        }
    }

    func testWithoutFormatAV2ConsolidatedGroupCostsTwoGets() throws {
        let inner = try makeHierarchy(zarrFormat: 2)
        try consolidateMetadata(inner)
        let store = RequestCountingStore(inner)
        _ = try openZarr(store)
        XCTAssertEqual(store.gets.withLock { $0 }, ["zarr.json", ".zmetadata"])
    }

    func testLazyGroupReadsOnlyThePathAsked() throws {
        for format in [2, 3] {
            let store = RequestCountingStore(try makeHierarchy(zarrFormat: format))
            let root = try XCTUnwrap(try openZarr(store, zarrFormat: format, useConsolidated: false) as? ZarrGroup)
            store.reset()
            _ = try root["a/b"]
            XCTAssertEqual(store.lists.withLock { $0 }, 0)
            let expected = format == 3 ? ["a/zarr.json", "a/b/zarr.json"] : ["a/.zarray", "a/.zgroup", "a/.zattrs", "a/b/.zarray", "a/b/.zgroup", "a/b/.zattrs"]
            XCTAssertEqual(store.gets.withLock { $0 }, expected, "format \(format)")
            store.reset()
            _ = try root["a/b"]  // kept: no second read
            XCTAssertEqual(store.gets.withLock { $0 }, [])
        }
    }

    func testDescribingAGroupReadsNothingAndAFailedListingIsRetried() throws {
        final class FlakyListing: WrapperStore, @unchecked Sendable {
            let failures = ConcurrencyLocked(1)
            override func uncheckedListDir(_ prefix: String) throws -> [String] {
                if failures.withLock({ $0 -= 1; return $0 >= 0 }) { throw StoreError.unsupported("listing is down") }
                return try super.uncheckedListDir(prefix)
            }
        }
        let inner = try makeHierarchy(zarrFormat: 3)
        let store = FlakyListing(inner)
        let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
        XCTAssertEqual(root.oneLineDescription, "<ZarrGroup ''>")
        XCTAssertEqual(root.getStructure(maxDepth: 0), "<ZarrGroup ''>")
        XCTAssertThrowsError(try root.children)  // the one failure
        XCTAssertEqual(try root.children.map(\.name), ["a", "many", "x"])  // tried again, and kept
        XCTAssertEqual(root.oneLineDescription, "<ZarrGroup '' with 3 children>")
    }

    func testAStoreThatCannotListOpensThroughConsolidatedMetadata() throws {
        for format in [2, 3] {
            let inner = try makeHierarchy(zarrFormat: format)
            try consolidateMetadata(inner)
            let root = try XCTUnwrap(try openZarr(ReadOnlyUnlistableStore(inner)) as? ZarrGroup)
            XCTAssertEqual(try root.children.map(\.name), ["a", "many", "x"])
            XCTAssertEqual(try XCTUnwrap(try root["a"] as? ZarrGroup).children.map(\.name), ["b"])
            let c = try XCTUnwrap(try root["a/b/c"] as? ZarrArray)
            XCTAssertEqual(try c[2..<5].get().toArray(as: Int32.self), [3, 4, 5])
            XCTAssertTrue(root.getStructure().contains("<ZarrArray 'a/b/c' 6 int32>"), root.getStructure())
        }
    }

    func testStaleSnapshotListsWhatItRecordedButReachesNewNodesByPath() throws {
        let store = try makeHierarchy(zarrFormat: 3)
        try consolidateMetadata(store)
        try ZarrArray.create(store, "late", shape: [1], dtype: .uint8)
        let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
        XCTAssertFalse(try root.children.map(\.name).contains("late"))
        XCTAssertEqual(try root["late"].path, "late")
        let fresh = try XCTUnwrap(try openZarr(store, useConsolidated: false) as? ZarrGroup)
        XCTAssertTrue(try fresh.children.map(\.name).contains("late"))
        XCTAssertTrue(try consolidateMetadata(store).children.map(\.name).contains("late"))
    }

    func testV3InlineDocumentMatchesZarrPythonsShape() throws {
        let store = try makeHierarchy(zarrFormat: 3)
        try consolidateMetadata(store)
        let root = try JSONValue.parse(try store.get("zarr.json"))
        let member = try XCTUnwrap(root["consolidated_metadata"])
        XCTAssertEqual(member["kind"], "inline")
        XCTAssertEqual(member["must_understand"], false)
        XCTAssertEqual(member["metadata"]?["a/b"]?["attributes"], ["level": 2])
        XCTAssertEqual(member["metadata"]?["a/b/c"]?["node_type"], "array")
        XCTAssertNil(member["metadata"]?["a/b/c"]?["consolidated_metadata"])
        // zarr-python needs each nested group's entry to carry an (empty) snapshot of its own.
        XCTAssertEqual(member["metadata"]?["a/b"]?["consolidated_metadata"]?["metadata"], [:])
        XCTAssertNil(try openZarr(store, useConsolidated: true) as? ZarrArray)
    }

    func testRequiringConsolidatedMetadataThatIsMissingIsAnError() throws {
        let store = try makeHierarchy(zarrFormat: 2)
        XCTAssertThrowsError(try openZarr(store, useConsolidated: true)) { error in
            XCTAssertTrue("\(error)".contains("no consolidated metadata"), "\(error)")
        }
    }

    func testHostileSnapshotsAreErrorsNamingKeyAndValue() throws {
        let cases: [(String, String)] = [
            ("[1, 2]", "must hold a JSON object"),
            (#"{"zarr_consolidated_format": 1, "metadata": [1]}"#, "metadata must be an object"),
            (#"{"zarr_consolidated_format": 2, "metadata": {}}"#, "zarr_consolidated_format must be 1"),
            (#"{"zarr_consolidated_format": 1, "metadata": {".zgroup": {"zarr_format": 2}, "../x/.zarray": {}}}"#, "'../x/.zarray'"),
            (#"{"zarr_consolidated_format": 1, "metadata": {".zgroup": {"zarr_format": 2}, "/abs/.zarray": {}}}"#, "'/abs/.zarray'"),
            (#"{"zarr_consolidated_format": 1, "metadata": {"a/.zarray": {}}}"#, "no .zgroup"),
        ]
        for (text, expected) in cases {
            let store = MemoryStore()
            try store.set("g/.zmetadata", Data(text.utf8))
            XCTAssertThrowsError(try openZarr(store, path: "g")) { error in
                XCTAssertTrue("\(error)".contains(expected) && "\(error)".contains("g/.zmetadata"), "\(text): \(error)")
            }
        }
        // A v3 snapshot stepping outside the group.
        let store = MemoryStore()
        let root: JSONValue = [
            "zarr_format": 3, "node_type": "group",
            "consolidated_metadata": ["kind": "inline", "must_understand": false, "metadata": ["../up": ["zarr_format": 3]]],
        ]
        try store.set("zarr.json", Data(root.jsonText.utf8))
        XCTAssertThrowsError(try openZarr(store)) { XCTAssertTrue("\($0)".contains("'../up'"), "\($0)") }
    }

    func testABrokenEntryMakesOnlyThatChildUnreadable() throws {
        let store = MemoryStore()
        let text = #"{"zarr_consolidated_format": 1, "metadata": {".zgroup": {"zarr_format": 2}, "#
            + #""bad/.zarray": {"zarr_format": 2, "shape": "no"}, "good/.zgroup": {"zarr_format": 2}}}"#
        try store.set(".zmetadata", Data(text.utf8))
        let root = try XCTUnwrap(try openZarr(store) as? ZarrGroup)
        XCTAssertEqual(try root.children.map(\.name), ["good"])
        XCTAssertEqual(try root.unreadableChildren.map(\.name), ["bad"])
        XCTAssertThrowsError(try root["bad"]) { XCTAssertTrue("\($0)".contains("shape"), "\($0)") }
    }
}
