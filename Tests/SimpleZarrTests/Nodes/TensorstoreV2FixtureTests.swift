import Foundation
import XCTest

@testable import SimpleZarr

/// Reads the Zarr v2 arrays tensorstore's "zarr" driver wrote into Fixtures/tensorstore-v2 (one
/// folder per array, `.zarray` only: no `.zgroup`, no `.zattrs`), written by
/// Scripts/make_tensorstore_v2_fixtures.py, and compares every array's metadata and every value,
/// bit for bit, with Fixtures/manifest-tensorstore-v2.json and Fixtures/expected-tensorstore-v2.
///
/// tensorstore writes differently from zarr-python: compact JSON, `fill_value` null unless set,
/// blosc lz4 with `"shuffle": -1` by default, and edge chunks padded to the full chunk shape.
final class TensorstoreV2FixtureTests: XCTestCase {
    private var manifest: JSONValue {
        get throws { try ZarrFixtures.manifest("manifest-tensorstore-v2.json") }
    }

    private var store: LocalStore {
        LocalStore(ZarrFixtures.folder.appendingPathComponent("tensorstore-v2").path)
    }

    func testEveryArrayValueByValue() throws {
        let manifest = ZarrFixtures.Manifest(try manifest)
        XCTAssertGreaterThanOrEqual(manifest.arrays.count, 70)
        let store = self.store
        let (compared, refused) = try ZarrFixtures.checkArrays(
            manifest.arrays, opening: { try openZarr(store, path: $0) }, checkMetadata: ZarrFixtures.checkV2Metadata)
        let unsupported = manifest.arrays.filter { !ZarrFixtures.unregisteredNeeds($0).isEmpty }
        XCTAssertEqual(refused, unsupported.count)
        XCTAssertEqual(compared + refused, manifest.arrays.count)
        XCTAssertGreaterThanOrEqual(compared, 69)
        print("compared \(compared) tensorstore v2 arrays value by value; \(refused) need codecs not yet registered")
    }

    /// There is no group at the root: tensorstore writes arrays only.
    func testNoRootGroup() throws {
        XCTAssertThrowsError(try openZarr(store)) { error in
            guard case ZarrError.nodeNotFound = error else { return XCTFail("\(error)") }
        }
    }

    /// The manifest holds what makes tensorstore's output different: the matrix must keep it.
    func testMatrixHoldsTensorstoreSpellings() throws {
        let zarrays = ZarrFixtures.Manifest(try manifest).arrays.compactMap { $0["zarray"]?.objectValue }
        let compressors = zarrays.compactMap { $0["compressor"]?.objectValue }
        XCTAssertTrue(compressors.contains { $0["id"] == "blosc" && $0["shuffle"] == -1 })
        XCTAssertTrue(zarrays.contains { $0["fill_value"] == .null })
        XCTAssertTrue(zarrays.contains { $0["fill_value"] == "NaN" })
        XCTAssertTrue(zarrays.contains { $0["order"] == "F" })
        XCTAssertTrue(zarrays.contains { $0["dimension_separator"] == "/" })
        XCTAssertTrue(zarrays.contains { $0["shape"]?.arrayValue?.contains(0) == true })
    }
}
