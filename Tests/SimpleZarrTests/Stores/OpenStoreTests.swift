import Foundation
import XCTest
@testable import SimpleZarr

/// `openStore(_:)` and `openZarr(url:)`: one location string opens the right store.
final class OpenStoreTests: XCTestCase {
    func testDirectoryAndFileURL() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let data = try NDArray((0..<12).map { Int16($0) }, shape: [3, 4])
        let store = try XCTUnwrap(try openStore(dir.path, writable: true) as? LocalStore)
        try ZarrArray.create(store, "a", shape: [3, 4], dtype: "int16", chunkShape: [2, 2])[...].set(data)
        XCTAssertEqual(try openZarr(url: dir.path, path: "a").array[...].get(), data)
        XCTAssertEqual(try openZarr(url: "file://" + dir.path + "/a").array[...].get(), data)
    }

    func testZipArchiveWrittenThenRead() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir.appendingPathComponent("image.zip").path
        let data = try NDArray((0..<10).map { Float($0) / 4 }, shape: [10])
        let writer = try XCTUnwrap(try openStore(path, writable: true) as? ZipStore)
        try ZarrGroup.create(writer)
        try ZarrArray.create(writer, "x", shape: [10], dtype: "float32", chunkShape: [4])[...].set(data)
        try writer.close()
        XCTAssertTrue(try openStore(path) is ZipStore)
        XCTAssertEqual(try openZarr(url: path)["x"].array[...].get(), data)
        XCTAssertEqual(try openZarr(url: "zip://" + path, path: "x").array[...].get(), data)
    }

    func testS3LocationTakesItsEndpointFromTheEnvironment() throws {
        let environment = ["AWS_ENDPOINT_URL": "http://127.0.0.1:9/", "AWS_REGION": "eu-west-3"]
        let store = try XCTUnwrap(try openStore("s3://bucket/data/image.zarr", environment: environment) as? S3Store)
        XCTAssertEqual(store.bucket, "bucket")
        XCTAssertEqual(store.prefix, "data/image.zarr")
        XCTAssertEqual(store.endpoint.absoluteString, "http://127.0.0.1:9/")
        let explicit = try XCTUnwrap(
            try openStore("s3://b", s3Endpoint: URL(string: "http://127.0.0.1:8/"), environment: environment) as? S3Store)
        XCTAssertEqual(explicit.endpoint.absoluteString, "http://127.0.0.1:8/")
        XCTAssertThrowsError(try openStore("s3://b", environment: ["AWS_ENDPOINT_URL_S3": "not a url"])) {
            XCTAssertTrue("\($0)".contains("AWS_ENDPOINT_URL_S3"), "\($0)")
        }
    }

    func testHTTPIsReadOnlyAndOpensThroughConsolidatedMetadata() throws {
        XCTAssertThrowsError(try openStore("http://127.0.0.1:9/x.zarr", writable: true)) {
            guard case StoreError.unsupported(let message) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(message.contains("read-only"), message)
        }
        let base = try TestServers.httpURL()
        let root = try openZarr(url: base.appendingPathComponent("fixtures/v3.zarr").absoluteString).group
        XCTAssertEqual(try root.children.map(\.name), ["data", "nested"])
        XCTAssertEqual(try root.array("data").shape, [37, 23])
    }
}
