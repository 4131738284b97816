import Foundation
import XCTest

@testable import SimpleZarr

/// zarr-python <-> SimpleZarr through moto: the hierarchies of Scripts/make_http_fixtures.py,
/// written by zarr-python (obstore) when Scripts/test-servers.sh starts, read here value by
/// value; and written here for Scripts/check_s3_interop.py (Scripts/interop.sh sets
/// S3_INTEROP_WRITE_BUCKET).
final class S3InteropTests: XCTestCase {
    /// The bucket Scripts/test-servers.sh has zarr-python write.
    static let zarrPythonBucket = "zarr-python-fixtures"

    private func store(_ bucket: String, _ prefix: String, endpoint: URL) throws -> S3Store {
        try S3Store(bucket: bucket, prefix: prefix, endpoint: endpoint, region: "us-east-1", credentials: TestServers.motoCredentials)
    }

    func testReadsWhatZarrPythonWrote() throws {
        let endpoint = try TestServers.s3Endpoint()
        let data = try NDArray((0..<(37 * 23)).map { Int32($0) }, shape: [37, 23])
        for format in [3, 2] {
            guard let root = try openZarr(store(Self.zarrPythonBucket, "v\(format).zarr", endpoint: endpoint)) as? ZarrGroup else {
                return XCTFail("v\(format): not a group")
            }
            XCTAssertEqual(try root.children.map(\.name), ["data", "nested"], "v\(format)")
            XCTAssertEqual(try root.array("data")[...].get(), data, "v\(format)")
            XCTAssertEqual(try root.array("nested/empty")[...].get(), try NDArray(repeating: Float(1.5), shape: [10]))
            if format == 3 {
                XCTAssertEqual(try root.array("nested/sharded")[...].get(), try NDArray((0..<1600).map { UInt16($0) }, shape: [40, 40]))
            }
        }
    }

    func testWriteForZarrPython() throws {
        guard let bucket = ProcessInfo.processInfo.environment["S3_INTEROP_WRITE_BUCKET"] else {
            throw XCTSkip("S3_INTEROP_WRITE_BUCKET is not set: Scripts/interop.sh runs this test, then zarr-python checks")
        }
        let endpoint = try TestServers.s3Endpoint()
        try store(bucket, "", endpoint: endpoint).createBucket()
        let data = try NDArray((0..<(37 * 23)).map { Int32($0) }, shape: [37, 23])
        for format in [3, 2] {
            let store = try store(bucket, "v\(format).zarr", endpoint: endpoint)
            _ = try ZarrGroup.create(store, zarrFormat: format)
            _ = try ZarrGroup.create(store, "nested", zarrFormat: format)
            try ZarrArray.create(store, "data", shape: [37, 23], dtype: .int32, chunkShape: [8, 8], zarrFormat: format)[...].set(data)
            try ZarrArray.create(store, "nested/empty", shape: [10], dtype: .float32, chunkShape: [4], fillValue: 1.5, zarrFormat: format)
            if format == 3 {
                try ZarrArray.create(store, "nested/sharded", shape: [40, 40], dtype: .uint16, chunkShape: [5, 5], shardShape: [20, 20])[...]
                    .set(NDArray((0..<1600).map { UInt16($0) }, shape: [40, 40]))
            }
            _ = try consolidateMetadata(store)
        }
    }
}
