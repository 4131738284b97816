import Foundation
import XCTest
@testable import SimpleZarr

/// `StoreLocation(parsing:)`: which store a path or URL names.
final class StoreLocationTests: XCTestCase {
    func testPlainPathsAreDirectoriesOrZips() throws {
        XCTAssertEqual(try StoreLocation(parsing: "data/image.zarr"), .directory(path: "data/image.zarr"))
        XCTAssertEqual(try StoreLocation(parsing: "/data/image.zarr/"), .directory(path: "/data/image.zarr"))
        XCTAssertEqual(try StoreLocation(parsing: "/"), .directory(path: "/"))
        XCTAssertEqual(try StoreLocation(parsing: "/data/image.ZIP"), .zip(path: "/data/image.ZIP"))
        XCTAssertEqual(try StoreLocation(parsing: "file:///data/a%20b.zarr"), .directory(path: "/data/a b.zarr"))
        XCTAssertEqual(try StoreLocation(parsing: "file:///data/a.zip"), .zip(path: "/data/a.zip"))
        XCTAssertEqual(try StoreLocation(parsing: "zip://archive.bin"), .zip(path: "archive.bin"))
    }

    func testRemoteURLs() throws {
        XCTAssertEqual(try StoreLocation(parsing: "s3://bucket/a/b/"), .s3(bucket: "bucket", prefix: "a/b"))
        XCTAssertEqual(try StoreLocation(parsing: "s3://bucket"), .s3(bucket: "bucket", prefix: ""))
        XCTAssertEqual(try StoreLocation(parsing: "S3://bucket//a"), .s3(bucket: "bucket", prefix: "a"))
        let http = try StoreLocation(parsing: "https://example.org:8443/data/x.zarr")
        XCTAssertEqual(http, .http(url: URL(string: "https://example.org:8443/data/x.zarr")!))
        XCTAssertEqual(http.description, "https://example.org:8443/data/x.zarr")
        XCTAssertEqual(try StoreLocation(parsing: "s3://bucket/a").description, "s3://bucket/a")
    }

    func testBadLocationsAreClearErrors() {
        for (location, fragment) in [
            ("", "empty"), ("s3://", "names no bucket"), ("s3:///prefix", "names no bucket"),
            ("gs://bucket/x", "no store for the scheme 'gs'"), ("http://", "not a valid URL"), ("zip://", "has no path"),
        ] {
            XCTAssertThrowsError(try StoreLocation(parsing: location), location) { error in
                guard case StoreError.invalidKey(let message) = error else { return XCTFail("\(location): \(error)") }
                XCTAssertTrue(message.contains(fragment), "\(location): \(message)")
            }
        }
    }
}
