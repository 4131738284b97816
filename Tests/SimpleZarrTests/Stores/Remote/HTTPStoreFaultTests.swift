import Foundation
import XCTest

@testable import SimpleZarr

/// HTTPStore against the fault-injecting server: every fault is retried or a clear error,
/// never a short value; ranges, statuses and sizes as specified.
final class HTTPStoreFaultTests: XCTestCase {
    private var server: FaultHTTPServer!
    private let value = Data((0..<1000).map { UInt8($0 % 251) })

    override func setUpWithError() throws {
        server = try FaultHTTPServer()
        try server.store.set("dir/value.bin", value)
    }

    override func tearDown() {
        server.stop()
    }

    private func store(retries: Int = 3, timeout: Double = 5, maxDelay: Double = 0.05) throws -> HTTPStore {
        try HTTPStore(url: server.url, retryPolicy: HTTPRetryPolicy(maxRetries: retries, baseDelay: 0.01, maxDelay: maxDelay, timeout: timeout))
    }

    func testPlainReadsRangesAndSizes() throws {
        let http = try store()
        XCTAssertEqual(try http.get("dir/value.bin"), value)
        XCTAssertEqual(try http.size(of: "dir/value.bin"), 1000)
        let ranges: [KeyRange] = [
            ("dir/value.bin", 10, 5), ("dir/value.bin", -4, nil), ("dir/value.bin", 995, 20), ("dir/value.bin", 1000, 5),
            ("dir/value.bin", 0, 0), ("dir/value.bin", -2000, nil), ("dir/value.bin", -10, 3), ("dir/value.bin", 7, nil),
        ]
        let expected = ranges.map { StoreKeys.slice(value, start: $0.start, length: $0.length) }
        XCTAssertEqual(try http.getPartialValues(ranges), expected)
        // The same through a server that ignores Range: the whole value is sliced locally.
        server.inject(.ignoreRange, times: ranges.count)
        XCTAssertEqual(try http.getPartialValues(ranges), expected)
    }

    func testMissingKeyAndForbiddenStatus() throws {
        let http = try store(retries: 0)
        XCTAssertThrowsError(try http.get("nope")) { XCTAssertEqual($0 as? StoreError, .keyNotFound(key: "nope", method: "HTTPStore.get")) }
        XCTAssertThrowsError(try http.getPartialValues([("nope", 0, 4)])) { XCTAssertEqual(($0 as? StoreError)?.key, "nope") }
        server.inject(.status(403))
        XCTAssertThrowsError(try http.get("dir/value.bin")) { error in
            guard case .remote(let method, let url, let status, _)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(method, "GET")
            XCTAssertEqual(url, server.url.absoluteString + "dir/value.bin")
            XCTAssertEqual(status, 403)
            XCTAssertTrue("\(error)".contains("HTTP 403"), "\(error)")
        }
        XCTAssertEqual(server.requestCount, 3, "403 and 404 are not retried")
    }

    func testServerErrorsThenSuccessAreRetried() throws {
        let http = try store(retries: 4)
        for status in [500, 502, 503, 504] { server.inject(.status(status)) }
        XCTAssertEqual(try http.get("dir/value.bin"), value)
        XCTAssertEqual(server.requestCount, 5)
    }

    func testPersistentServerErrorIsAnErrorWithItsStatus() throws {
        let http = try store(retries: 2)
        server.inject(.status(500), times: 10)
        XCTAssertThrowsError(try http.get("dir/value.bin")) { XCTAssertEqual(($0 as? StoreError)?.httpStatus, 500) }
        XCTAssertEqual(server.requestCount, 3)
    }

    func testCloseMidBodyAndShortBodyAreRetriedNeverShort() throws {
        let http = try store()
        for fault in [HTTPFault.closeMidBody, .shortBody, .shortRange] {
            server.inject(fault, times: 2)
            XCTAssertEqual(try http.get("dir/value.bin"), value, "\(fault)")
            server.inject(fault, times: 2)
            XCTAssertEqual(try http.getPartialValues([("dir/value.bin", 100, 400)]), [value.subdata(in: 100..<500)], "\(fault)")
        }
    }

    func testPersistentShortBodyIsAClearError() throws {
        let http = try store(retries: 1)
        for fault in [HTTPFault.closeMidBody, .shortBody] {
            server.inject(fault, times: 2)
            XCTAssertThrowsError(try http.get("dir/value.bin"), "\(fault)") { error in
                guard case .remote(_, _, _, let reason)? = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertTrue(reason.contains("2 attempts"), reason)
            }
        }
        server.inject(.shortRange, times: 2)
        XCTAssertThrowsError(try http.getPartialValues([("dir/value.bin", 100, 400)])) { error in
            XCTAssertEqual((error as? StoreError)?.httpStatus, 206, "\(error)")
        }
    }

    func testStallPastTheTimeoutIsRetried() throws {
        let http = try store(retries: 2, timeout: 0.3)
        server.inject(.stall(1.0))
        let start = Date()
        XCTAssertEqual(try http.get("dir/value.bin"), value)
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.95, "the stalled attempt was not abandoned at its timeout")
        server.inject(.stall(1.0), times: 3)
        XCTAssertThrowsError(try http.get("dir/value.bin")) { error in
            XCTAssertTrue("\(error)".contains("no complete reply within"), "\(error)")
        }
    }

    func testRetryAfterIsHonouredWithinTheCap() throws {
        // Retry-After 5 s, capped at 0.4 s: the retry waits the cap, not the jittered backoff.
        let http = try store(retries: 2, maxDelay: 0.4)
        server.inject(.tooManyRequests(retryAfter: 5))
        let start = Date()
        XCTAssertEqual(try http.get("dir/value.bin"), value)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.38)
        XCTAssertLessThan(elapsed, 3)
    }

    func testMaximumSizeRefusesALargerValue() throws {
        let http = try store()
        XCTAssertThrowsError(try http.get("dir/value.bin", maximumSize: 100)) { error in
            guard case .limitExceeded? = error as? ZarrError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try http.get("dir/value.bin", maximumSize: 1000), value)
    }

    func testARangeRoundedUpIsCutToWhatWasAsked() throws {
        let http = try store()
        server.inject(.longRange, times: 2)
        XCTAssertEqual(try http.getPartialValues([("dir/value.bin", 10, 5), ("dir/value.bin", 990, 4)]),
                       [value.subdata(in: 10..<15), value.subdata(in: 990..<994)])
    }

    func testAHugeAnnouncedLengthIsAnErrorNotAnAllocation() throws {
        let http = try store(retries: 1, timeout: 2)
        server.inject(.hugeLength, times: 2)
        XCTAssertThrowsError(try http.get("dir/value.bin")) { XCTAssertNotNil($0 as? StoreError, "\($0)") }
        XCTAssertEqual(try http.get("dir/value.bin"), value)
    }

    func testURLsAndKeys() throws {
        XCTAssertThrowsError(try HTTPStore(url: URL(string: "https://user:secret@example.org/x.zarr")!)) {
            XCTAssertFalse("\($0)".contains("secret"), "\($0)")
        }
        XCTAssertThrowsError(try HTTPStore(url: URL(fileURLWithPath: "/tmp")))
        let http = try HTTPStore(url: URL(string: "http://127.0.0.1:1/base/")!)
        XCTAssertEqual(http.url(for: "a b/c%d/zarr.json").absoluteString, "http://127.0.0.1:1/base/a%20b/c%25d/zarr.json")
    }
}
