import Foundation
import XCTest

@testable import SimpleZarr

/// S3Store beyond the store contract: addressing, multipart uploads, pagination, anonymous
/// access, S3 errors, and Zarr arrays on moto.
final class S3StoreTests: XCTestCase {
    func testAddressingAndKeyMapping() throws {
        let keys = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret")
        let aws = try S3Store(bucket: "data", prefix: "/deep/image.zarr/", region: "eu-west-1", credentials: keys)
        XCTAssertEqual(aws.addressing, .virtualHosted)
        XCTAssertEqual(aws.prefix, "deep/image.zarr")
        XCTAssertEqual(aws.url(for: "a b/c.json").absoluteString, "https://data.s3.eu-west-1.amazonaws.com/deep/image.zarr/a%20b/c.json")
        let custom = try S3Store(bucket: "data", endpoint: URL(string: "http://127.0.0.1:9000"), region: "us-east-1", credentials: keys)
        XCTAssertEqual(custom.addressing, .path)
        XCTAssertEqual(custom.url(for: "x/0.0").absoluteString, "http://127.0.0.1:9000/data/x/0.0")
        let anonymous = try S3Store(bucket: "data", region: "us-east-1", credentials: keys, anonymous: true)
        XCTAssertTrue(anonymous.isAnonymous)
        XCTAssertThrowsError(try S3Store(bucket: "", region: "us-east-1"))
        XCTAssertThrowsError(try S3Store(bucket: "b", endpoint: URL(fileURLWithPath: "/tmp"), region: "us-east-1"))
    }

    func testAnonymousAccessToAPublicBucket() throws {
        // Any server answering path-style GETs will do: the fault server plays a public bucket.
        let server = try FaultHTTPServer()
        defer { server.stop() }
        try server.store.set("bucket/pre/a/zarr.json", Data("{}".utf8))
        let store = try S3Store(bucket: "bucket", prefix: "pre", endpoint: server.url, region: "us-east-1", anonymous: true)
        XCTAssertEqual(try store.get("a/zarr.json"), Data("{}".utf8))
        XCTAssertEqual(try store.getPartialValues([("a/zarr.json", -1, nil)]), [Data("}".utf8)])
    }

    func testMultipartUploadAndRangedReads() throws {
        let store = try TestServers.freshS3Store(TestServers.s3Endpoint(), multipartThreshold: 1 << 20)
        var value = Data(count: 11 << 20)
        value.withUnsafeMutableBytes { raw in
            for i in 0..<raw.count { raw[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        }
        try store.set("big/value", value)
        XCTAssertEqual(try store.get("big/value"), value)
        XCTAssertEqual(try store.getPartialValues([("big/value", (5 << 20) - 3, 10), ("big/value", -7, nil)]),
                       [value.subdata(in: ((5 << 20) - 3)..<((5 << 20) + 7)), value.suffix(7)])
        XCTAssertEqual(try store.list(), ["big/value"])
    }

    func testListingPagesAndDirectories() throws {
        let store = try TestServers.freshS3Store(TestServers.s3Endpoint(), listPageSize: 3)
        let keys = (0..<10).map { "a/\($0)" } + ["a/sub/x", "a/sub/y", "b", "c/d/e"]
        let puts = keys.map { key in store.ioExecutor.run { try store.set(key, Data(key.utf8)) } }
        _ = try waitAll(puts, timeout: 60)
        XCTAssertEqual(try store.list(), StoreKeys.sorted(keys))
        XCTAssertEqual(try store.listPrefix("a/sub/"), ["a/sub/x", "a/sub/y"])
        XCTAssertEqual(try store.listDir("/"), ["a/", "b", "c/"])
        XCTAssertEqual(try store.listDir("a/"), StoreKeys.sorted((0..<10).map { "a/\($0)" } + ["a/sub/"]))
        try store.erasePrefix("a/")
        XCTAssertEqual(try store.list(), ["b", "c/d/e"])
    }

    func testAnonymousReadsAndS3Errors() throws {
        let endpoint = try TestServers.s3Endpoint()
        let store = try TestServers.freshS3Store(endpoint, prefix: "")
        try store.set("public.txt", Data("hello".utf8))
        // Unsigned requests: moto refuses them for a private bucket, as S3 does.
        let anonymous = try S3Store(
            bucket: store.bucket, endpoint: endpoint, region: "us-east-1", anonymous: true, retryPolicy: HTTPRetryPolicy(maxRetries: 0))
        XCTAssertThrowsError(try anonymous.get("public.txt")) { XCTAssertEqual(($0 as? StoreError)?.httpStatus, 403, "\($0)") }
        XCTAssertEqual(try store.get("public.txt"), Data("hello".utf8))
        XCTAssertThrowsError(try store.get("missing")) {
            XCTAssertEqual($0 as? StoreError, .keyNotFound(key: "missing", method: "S3Store.get"))
        }
        XCTAssertThrowsError(try store.erase("missing")) { XCTAssertEqual(($0 as? StoreError)?.key, "missing") }
        let noBucket = try S3Store(
            bucket: "no-such-bucket-\(UUID().uuidString.lowercased())", endpoint: endpoint, region: "us-east-1",
            credentials: TestServers.motoCredentials, retryPolicy: HTTPRetryPolicy(maxRetries: 0))
        XCTAssertThrowsError(try noBucket.list()) { error in
            XCTAssertEqual((error as? StoreError)?.httpStatus, 404)
            XCTAssertTrue("\(error)".contains("NoSuchBucket"), "\(error)")
        }
    }

    func testZarrArraysOnS3() throws {
        let store = try TestServers.freshS3Store(TestServers.s3Endpoint())
        let values = try NDArray((0..<(30 * 20)).map { Float($0) / 3 }, shape: [30, 20])
        _ = try ZarrGroup.create(store)
        try ZarrArray.create(store, "plain", shape: [30, 20], dtype: .float32, chunkShape: [7, 6])[...].set(values)
        try ZarrArray.create(store, "sharded", shape: [30, 20], dtype: .float32, chunkShape: [5, 5], shardShape: [10, 10])[...].set(values)
        _ = try consolidateMetadata(store)
        guard let root = try openZarr(store) as? ZarrGroup else { return XCTFail("not a group") }
        XCTAssertEqual(try root.children.map(\.name), ["plain", "sharded"])
        for name in ["plain", "sharded"] {
            let array = try root.array(name)
            XCTAssertEqual(try array[...].get(), values, name)
            XCTAssertEqual(try array[3..<29, 1..<19].getFuture().result(timeout: 30), try values[3..<29, 1..<19], name)
        }
    }
}
