// The servers the remote store tests read from (nginx, moto), as Scripts/test-servers.sh
// starts them and announces them in the environment. Under CI a missing or silent server is a
// failure; elsewhere the tests that need it are skipped, saying how to start it.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

@testable import SimpleZarr

enum TestServers {
    static let howToStart = "start them with `bash Scripts/test-servers.sh start && source .test-servers/env`"

    /// nginx's base URL (`SIMPLEZARR_TEST_HTTP_URL`).
    static func httpURL() throws -> URL {
        try server("SIMPLEZARR_TEST_HTTP_URL", name: "nginx", probe: "fixtures/v3.zarr/zarr.json")
    }

    /// The moto S3 server's endpoint (`SIMPLEZARR_TEST_S3_ENDPOINT`).
    static func s3Endpoint() throws -> URL {
        try server("SIMPLEZARR_TEST_S3_ENDPOINT", name: "the moto S3 server", probe: "")
    }

    /// The server's URL, or `nil` outside CI when it is absent (for suites that also run
    /// without it); under CI its absence is recorded as a failure.
    static func optional(_ find: () throws -> URL, file: StaticString = #filePath, line: UInt = #line) -> URL? {
        do {
            return try find()
        } catch is XCTSkip {
            return nil
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    private struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    private static func server(_ variable: String, name: String, probe: String) throws -> URL {
        let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
        guard let text = ProcessInfo.processInfo.environment[variable], let url = URL(string: text) else {
            let message = "\(variable) is not set, so \(name) is not available; \(howToStart)"
            if isCI { throw Missing(description: message) }
            throw XCTSkip(message)
        }
        guard answers(url.appendingPathComponent(probe)) else {
            let message = "\(name) does not answer at \(text) (\(variable)); \(howToStart)"
            if isCI { throw Missing(description: message) }
            throw XCTSkip(message)
        }
        return url
    }

    /// Whether an HTTP server answers at `url` (any status) within 5 s.
    private static func answers(_ url: URL) -> Bool {
        let answered = Future<Bool>()
        var request = URLRequest(url: url, timeoutInterval: 5)
        request.httpMethod = "HEAD"
        URLSession.shared.dataTask(with: request) { _, response, _ in answered.succeed(response is HTTPURLResponse) }.resume()
        return (try? answered.result(timeout: 10)) ?? false
    }

    /// An S3Store on moto in a bucket of its own (created here), below a prefix.
    static func freshS3Store(
        _ endpoint: URL, prefix: String = "some/prefix", multipartThreshold: Int = 64 << 20, listPageSize: Int = 1000
    ) throws -> S3Store {
        let bucket = "test-" + UUID().uuidString.lowercased()
        let root = try S3Store(bucket: bucket, endpoint: endpoint, region: "us-east-1", credentials: motoCredentials)
        try root.createBucket()
        return try S3Store(
            bucket: bucket, prefix: prefix, endpoint: endpoint, region: "us-east-1", credentials: motoCredentials,
            multipartThreshold: multipartThreshold, listPageSize: listPageSize)
    }

    /// Keys moto accepts (it checks signatures, not who signed).
    static let motoCredentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")

    /// PUTs `values` below `directory` of nginx's WebDAV scratch area and returns the store reading them.
    static func seededHTTPStore(_ values: [String: Data], directory: String = UUID().uuidString) throws -> HTTPStore {
        let base = try httpURL().appendingPathComponent("scratch/\(directory)/")
        let store = try HTTPStore(url: base)
        let puts = values.map { key, value in
            let done = Future<Void>()
            var request = URLRequest(url: store.url(for: key))
            request.httpMethod = "PUT"
            URLSession.shared.uploadTask(with: request, from: value) { _, response, error in
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if (200..<300).contains(status) { done.succeed() } else { done.fail(Missing(description: "PUT \(key): \(status) \(String(describing: error))")) }
            }.resume()
            return done
        }
        _ = try waitAll(puts, timeout: 30)
        return store
    }
}
