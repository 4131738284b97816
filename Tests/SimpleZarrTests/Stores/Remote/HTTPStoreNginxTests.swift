import Foundation
import XCTest

@testable import SimpleZarr

/// HTTPStore against nginx (Scripts/test-servers.sh): the zarr-python hierarchies of
/// Scripts/make_http_fixtures.py, opened through their consolidated metadata.
final class HTTPStoreNginxTests: XCTestCase {
    func testZarrPythonHierarchiesOpenThroughConsolidatedMetadata() throws {
        let base = try TestServers.httpURL()
        let data = try NDArray((0..<(37 * 23)).map { Int32($0) }, shape: [37, 23])
        for format in [3, 2] {
            let store = try HTTPStore(url: base.appendingPathComponent("fixtures/v\(format).zarr"))
            guard let root = try openZarr(store) as? ZarrGroup else { return XCTFail("v\(format): not a group") }
            XCTAssertTrue(root.usesConsolidatedMetadata, "v\(format)")
            XCTAssertEqual(try root.children.map(\.name), ["data", "nested"], "v\(format)")
            let array = try root.array("data")
            XCTAssertEqual(try array[...].get(), data, "v\(format)")
            XCTAssertEqual(try array[3..<30, 5..<6].get(), try data[3..<30, 5..<6], "v\(format)")
            XCTAssertEqual(try array.getChunkFuture([4, 2]).result(timeout: 30), try array.getChunk([4, 2]))
            let empty = try root.array("nested/empty")
            XCTAssertEqual(try empty[...].get(), try NDArray(repeating: Float(1.5), shape: [10]), "v\(format)")
            if format == 3 {
                let expected = try NDArray((0..<1600).map { UInt16($0) }, shape: [40, 40])
                let sharded = try root.array("nested/sharded")
                XCTAssertEqual(try sharded[...].get(), expected)
                XCTAssertEqual(try sharded[7..<33, 1..<39].get(), try expected[7..<33, 1..<39])
            }
        }
    }

    func testMissingKeySizeAndStatus() throws {
        let store = try HTTPStore(url: try TestServers.httpURL().appendingPathComponent("fixtures/v3.zarr"))
        XCTAssertThrowsError(try store.get("nope/zarr.json")) { XCTAssertEqual(($0 as? StoreError)?.key, "nope/zarr.json") }
        XCTAssertEqual(try store.size(of: "zarr.json"), try store.get("zarr.json").count)
    }
}
