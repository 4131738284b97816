import Foundation
import XCTest

@testable import SimpleZarr

/// The HTTP/1.1 client against the fault server with kept-alive connections: reuse, servers
/// that close idle connections, chunked replies.
final class HTTP1ClientTests: XCTestCase {
    private let value = Data((0..<50_000).map { UInt8($0 % 253) })

    private func store(_ server: FaultHTTPServer, inFlight: Int = 4) throws -> HTTPStore {
        try HTTPStore(
            url: server.url, retryPolicy: HTTPRetryPolicy(maxRetries: 2, baseDelay: 0.01, maxDelay: 0.05, timeout: 5),
            ioExecutor: IOExecutor(maxInFlight: inFlight))
    }

    func testSequentialReadsShareOneConnection() throws {
        let server = try FaultHTTPServer(keepAlive: true)
        defer { server.stop() }
        try server.store.set("v", value)
        let http = try store(server)
        for _ in 0..<50 { XCTAssertEqual(try http.get("v"), value) }
        XCTAssertEqual(try http.getPartialValues([("v", 100, 10)]), [value.subdata(in: 100..<110)])
        XCTAssertThrowsError(try http.get("missing"))
        XCTAssertEqual(try http.size(of: "v"), value.count)
        XCTAssertEqual(server.requestCount, 53)
        XCTAssertEqual(server.connectionCount, 1, "every request went on the first connection")
    }

    func testParallelReadsOpenNoMoreConnectionsThanSlots() throws {
        let server = try FaultHTTPServer(latency: 0.01, keepAlive: true)
        defer { server.stop() }
        for i in 0..<40 { try server.store.set("k\(i)", value.prefix(1000 + i)) }
        let http = try store(server, inFlight: 4)
        for _ in 0..<3 {
            let reads = (0..<40).map { http.getFuture("k\($0)") }
            for (i, read) in reads.enumerated() { XCTAssertEqual(try read.result(), value.prefix(1000 + i)) }
        }
        XCTAssertEqual(server.requestCount, 120)
        XCTAssertLessThanOrEqual(server.connectionCount, 4)
    }

    func testConnectionsTheServerClosesAreReplacedWithoutErrors() throws {
        let server = try FaultHTTPServer(keepAlive: true)
        defer { server.stop() }
        try server.store.set("v", value)
        let http = try store(server, inFlight: 1)
        // The server replies as if the connection stayed open, then closes it: the next read
        // finds the pooled connection dead and goes on a new one, within the same attempt.
        server.inject(.closeSilently, times: 10)
        for _ in 0..<12 { XCTAssertEqual(try http.get("v"), value) }
        XCTAssertEqual(server.requestCount, 12, "no request was retried")
        XCTAssertEqual(server.connectionCount, 11)
    }

    func testARequestOnAConnectionClosedUnderItGoesAgainWithinTheAttempt() throws {
        let server = try FaultHTTPServer(keepAlive: true)
        defer { server.stop() }
        try server.store.set("v", value)
        // No retries: only the client's own resend on a new connection can save the reads.
        let http = try HTTPStore(
            url: server.url, retryPolicy: HTTPRetryPolicy(maxRetries: 0, baseDelay: 0.01, maxDelay: 0.02, timeout: 5),
            ioExecutor: IOExecutor(maxInFlight: 1))
        XCTAssertEqual(try http.get("v"), value)
        server.inject(.closeWithoutReply)
        XCTAssertEqual(try http.get("v"), value)
        XCTAssertEqual(try http.size(of: "v"), value.count)
        XCTAssertEqual(server.requestCount, 4, "the closed request, then the same one again")
        XCTAssertEqual(server.connectionCount, 2)
        // On a fresh connection nothing is resent: the attempt fails (and would be retried).
        let fresh = try HTTPStore(
            url: server.url, retryPolicy: HTTPRetryPolicy(maxRetries: 0, baseDelay: 0.01, maxDelay: 0.02, timeout: 5))
        server.inject(.closeWithoutReply)
        XCTAssertThrowsError(try fresh.get("v")) { error in
            guard case .remote(_, _, nil, let reason)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("closed before a reply"), reason)
        }
    }

    func testChunkedRepliesAreReassembled() throws {
        let server = try FaultHTTPServer(keepAlive: true)
        defer { server.stop() }
        try server.store.set("v", value)
        let http = try store(server)
        for pieceSize in [1, 1000, 100_000] {
            server.inject(.chunked(pieceSize: pieceSize))
            XCTAssertEqual(try http.get("v"), value, "pieces of \(pieceSize)")
        }
        server.inject(.chunked(pieceSize: 7))
        XCTAssertEqual(try http.getPartialValues([("v", 10, 20)]), [value.subdata(in: 10..<30)])
        XCTAssertEqual(server.connectionCount, 1)
    }

    func testAServerThatIsGoneIsAConnectionError() throws {
        let server = try FaultHTTPServer()
        let url = server.url
        server.stop()
        let http = try HTTPStore(url: url, retryPolicy: HTTPRetryPolicy(maxRetries: 1, baseDelay: 0.01, maxDelay: 0.02, timeout: 2))
        XCTAssertThrowsError(try http.get("v")) { error in
            guard case .remote(_, _, nil, let reason)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("cannot connect to 127.0.0.1"), reason)
            XCTAssertTrue(reason.contains("2 attempts"), reason)
        }
    }
}
