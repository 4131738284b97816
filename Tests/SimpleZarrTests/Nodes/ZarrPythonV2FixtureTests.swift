import Foundation
import XCTest

@testable import SimpleZarr

/// Reads the Zarr v2 hierarchy zarr-python wrote into Fixtures/zarr-python-v2 (`.zgroup`,
/// `.zarray`, `.zattrs`, a root `.zmetadata`), and the consolidated v3 hierarchy in
/// Fixtures/zarr-python-consolidated-v3, both written by Scripts/make_v2_fixtures.py, and
/// compares every group's attributes, every array's metadata and every value, bit for bit,
/// with Fixtures/manifest-v2.json and the expected values in Fixtures/expected-v2.
final class ZarrPythonV2FixtureTests: XCTestCase {
    func loadManifest() throws -> JSONValue {
        try ZarrFixtures.manifest("manifest-v2.json")
    }

    // MARK: v2

    func testV2GroupsAndAttributes() throws {
        let manifest = ZarrFixtures.Manifest(try loadManifest())
        XCTAssertGreaterThanOrEqual(manifest.groups.count, 14)
        let root = try ZarrFixtures.openRoot("zarr-python-v2")
        for group in try ZarrFixtures.checkGroups(manifest.groups, in: root) {
            XCTAssertEqual(group.metadata["zarr_format"], 2, group.path)
        }
        XCTAssertEqual(root.attributes["big_int"], .int(9_007_199_254_740_993))
        XCTAssertEqual(root.attributes["uint64_max"], .uint(UInt64.max))
        XCTAssertEqual(root.attributes["unicode"]?.stringValue, "Grüße, 世界 — ζάρρ ✓ 🧊")
        let deepest = try XCTUnwrap(try root["meta/deep/deeper/deepest"] as? ZarrGroup)
        XCTAssertEqual(deepest.attributes["uint64_max"], .uint(UInt64.max))
        let many = try XCTUnwrap(try root["many"] as? ZarrGroup)
        XCTAssertEqual(try many.children.count, 50)
        XCTAssertTrue(root.getStructure().contains("<ZarrArray 'types/i2_be' 7x9 int16>"))
    }

    func testV2EveryArrayValueByValue() throws {
        let manifest = ZarrFixtures.Manifest(try loadManifest())
        XCTAssertGreaterThan(manifest.arrays.count, 150)
        let root = try ZarrFixtures.openRoot("zarr-python-v2")
        let (compared, refused) = try ZarrFixtures.checkArrays(
            manifest.arrays, in: root, checkMetadata: ZarrFixtures.checkV2Metadata)
        XCTAssertGreaterThan(compared, 150)
        print("compared \(compared) v2 arrays value by value; \(refused) need codecs not yet registered")
    }

    // MARK: Consolidated v3

    func testConsolidatedV3Hierarchy() throws {
        let section = try XCTUnwrap(try loadManifest()["consolidated_v3"])
        let manifest = ZarrFixtures.Manifest(section)
        let root = try ZarrFixtures.openRoot(try XCTUnwrap(section["root"]?.stringValue))
        XCTAssertEqual(root.metadata["consolidated_metadata"]?["kind"], "inline")
        XCTAssertGreaterThanOrEqual(manifest.groups.count, 4)
        try ZarrFixtures.checkGroups(manifest.groups, in: root)
        XCTAssertGreaterThanOrEqual(manifest.arrays.count, 5)
        let (compared, refused) = try ZarrFixtures.checkArrays(
            manifest.arrays, in: root, checkMetadata: ZarrFixtures.checkV3Metadata)
        XCTAssertEqual(compared, manifest.arrays.count, "\(refused) refused")
    }
}
