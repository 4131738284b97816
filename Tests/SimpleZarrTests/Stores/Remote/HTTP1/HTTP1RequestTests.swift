import Foundation
import XCTest

@testable import SimpleZarr

/// What the HTTP/1.1 client sends: where (origin, Host, request target) and the head's bytes.
final class HTTP1RequestTests: XCTestCase {
    private func target(_ text: String) throws -> HTTP1RequestTarget {
        try XCTUnwrap(HTTP1RequestTarget(XCTUnwrap(URL(string: text))), text)
    }

    func testTargetsOfHTTPURLs() throws {
        let plain = try target("http://example.org/data/a%20b.zarr/zarr.json?x=1&y=%2F#fragment")
        XCTAssertEqual(plain.origin, HTTP1Origin(host: "example.org", port: 80))
        XCTAssertEqual(plain.hostHeader, "example.org")
        XCTAssertEqual(plain.target, "/data/a%20b.zarr/zarr.json?x=1&y=%2F")

        let withPort = try target("HTTP://127.0.0.1:9000")
        XCTAssertEqual(withPort.origin, HTTP1Origin(host: "127.0.0.1", port: 9000))
        XCTAssertEqual(withPort.hostHeader, "127.0.0.1:9000")
        XCTAssertEqual(withPort.target, "/")
        XCTAssertEqual(try target("http://h:80/k").hostHeader, "h")
        XCTAssertEqual(try target("http://h?q").target, "/?q")

        let v6 = try target("http://[::1]:8080/bucket/key")
        XCTAssertEqual(v6.origin, HTTP1Origin(host: "::1", port: 8080))
        XCTAssertEqual(v6.hostHeader, "[::1]:8080")
        XCTAssertEqual(try target("http://user:secret@h:81/k").hostHeader, "h:81")

        // The Host header is the one the S3 signer signs.
        for text in ["http://127.0.0.1:9000/b/k", "http://bucket.localhost:5000/k", "http://h:80/k", "http://[::1]:8080/k"] {
            let url = try XCTUnwrap(URL(string: text))
            XCTAssertEqual(try target(text).hostHeader, SigV4Signer.hostHeader(url), text)
        }
    }

    func testURLsTheClientDoesNotTake() throws {
        for text in ["https://example.org/k", "ftp://h/k", "http://h:99999/k", "http://h:8a/k", "http://[::1/k"] {
            if let url = URL(string: text) { XCTAssertNil(HTTP1RequestTarget(url), text) }
        }
        XCTAssertTrue(HTTP1Client.handles(try XCTUnwrap(URL(string: "HTTP://h/k"))))
        XCTAssertFalse(HTTP1Client.handles(try XCTUnwrap(URL(string: "https://h/k"))))
    }

    func testHeadBytes() throws {
        let url = try XCTUnwrap(URL(string: "http://127.0.0.1:9000/bucket/a%2Fb?uploads"))
        let put = HTTPRequest(method: "PUT", url: url, headers: ["x-amz-date": "20260101T000000Z", "Content-Length": "99"], body: Data("abc".utf8))
        let text = String(decoding: try HTTP1RequestHead.bytes(of: put, to: XCTUnwrap(HTTP1RequestTarget(url))), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("PUT /bucket/a%2Fb?uploads HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n"), text)
        XCTAssertTrue(text.contains("\r\nx-amz-date: 20260101T000000Z\r\n"), text)
        XCTAssertTrue(text.contains("\r\nContent-Length: 3\r\n"), "the body's own length, not the caller's: \(text)")
        XCTAssertFalse(text.contains("99"), text)
        XCTAssertTrue(text.contains("\r\nAccept-Encoding: identity\r\n"), text)
        XCTAssertTrue(text.hasSuffix("\r\n\r\n"), text)

        let emptyPost = HTTPRequest(method: "POST", url: url)
        let postText = String(decoding: try HTTP1RequestHead.bytes(of: emptyPost, to: XCTUnwrap(HTTP1RequestTarget(url))), as: UTF8.self)
        XCTAssertTrue(postText.contains("\r\nContent-Length: 0\r\n"), postText)
        let get = HTTPRequest(method: "GET", url: url)
        XCTAssertFalse(String(decoding: try HTTP1RequestHead.bytes(of: get, to: XCTUnwrap(HTTP1RequestTarget(url))), as: UTF8.self).contains("Content-Length"))
    }

    func testHeadersThatWouldBreakTheHeadAreRefused() throws {
        let url = try XCTUnwrap(URL(string: "http://h/k"))
        let destination = try XCTUnwrap(HTTP1RequestTarget(url))
        let bad = [
            HTTPRequest(method: "GET", url: url, headers: ["X-Injected": "a\r\nEvil: 1"]),
            HTTPRequest(method: "GET", url: url, headers: ["Bad Name": "v"]),
            HTTPRequest(method: "GET", url: url, headers: ["": "v"]),
            HTTPRequest(method: "GE T", url: url),
        ]
        for request in bad {
            XCTAssertThrowsError(try HTTP1RequestHead.bytes(of: request, to: destination)) { error in
                guard case .fatal? = error as? HTTPAttemptFailure else { return XCTFail("\(error)") }
            }
        }
    }
}
