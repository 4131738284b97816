import Foundation
import XCTest

@testable import SimpleZarr

/// Bytes in memory handed out in pieces of at most `pieceSize`, as a socket might.
struct PiecewiseByteSource: HTTP1ByteSource {
    let bytes: [UInt8]
    let pieceSize: Int
    var offset = 0

    init(_ text: String, pieceSize: Int = .max) {
        self.init(Array(text.utf8), pieceSize: pieceSize)
    }

    init(_ bytes: [UInt8], pieceSize: Int = .max) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, pieceSize, bytes.count - offset)
        bytes[offset..<(offset + n)].withUnsafeBytes { buffer.copyMemory(from: $0) }
        offset += n
        return n
    }
}

/// The HTTP/1.1 reply reader on replies in memory: framing, connection reuse, and every way a
/// reply can be malformed or cut short.
final class HTTP1ReplyReaderTests: XCTestCase {
    private func read(
        _ text: String, pieceSize: Int = .max, isHead: Bool = false, maximumBodySize: Int = .max
    ) throws -> HTTP1Reply {
        try HTTP1ReplyReader(source: PiecewiseByteSource(text, pieceSize: pieceSize))
            .readReply(isHead: isHead, maximumBodySize: maximumBodySize)
    }

    private func assertFailure(
        _ text: String, isHead: Bool = false, maximumBodySize: Int = .max, file: StaticString = #filePath, line: UInt = #line,
        _ check: (HTTPAttemptFailure) -> Bool
    ) {
        XCTAssertThrowsError(try read(text, isHead: isHead, maximumBodySize: maximumBodySize), file: file, line: line) { error in
            guard let failure = error as? HTTPAttemptFailure else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue(check(failure), "\(failure)", file: file, line: line)
        }
    }

    func testContentLengthBodyInAnyPieceSize() throws {
        let body = String(repeating: "0123456789", count: 1000)
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\nContent-Type: application/octet-stream\r\nX-Twice: a\r\nx-twice: b\r\n\r\n" + body
        for pieceSize in [1, 7, 100, 4096, .max] {
            let answer = try read(text, pieceSize: pieceSize)
            XCTAssertEqual(answer.reply.status, 200)
            XCTAssertEqual(answer.reply.body, Data(body.utf8), "pieces of \(pieceSize)")
            XCTAssertEqual(answer.reply.header("content-type"), "application/octet-stream")
            XCTAssertEqual(answer.reply.header("X-TWICE"), "a, b")
            XCTAssertTrue(answer.keepsConnection)
        }
    }

    func testRepliesOneAfterAnotherOnOneConnection() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
            + "HTTP/1.1 206 Partial\r\nContent-Length: 2\r\nConnection: close\r\n\r\nxy"
        let reader = HTTP1ReplyReader(source: PiecewiseByteSource(text, pieceSize: 5))
        let first = try reader.readReply(isHead: false, maximumBodySize: .max)
        XCTAssertEqual(first.reply.body, Data("abc".utf8))
        XCTAssertTrue(first.keepsConnection)
        let second = try reader.readReply(isHead: false, maximumBodySize: .max)
        XCTAssertEqual(second.reply.status, 404)
        XCTAssertEqual(second.reply.body, Data())
        let third = try reader.readReply(isHead: false, maximumBodySize: .max)
        XCTAssertEqual(third.reply.body, Data("xy".utf8))
        XCTAssertFalse(third.keepsConnection, "Connection: close")
        XCTAssertFalse(reader.hasBufferedBytes)
    }

    func testChunkedBodyWithExtensionsAndTrailers() throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n1\r\n \r\nA \r\n0123456789\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n"
        for pieceSize in [1, 3, .max] {
            let answer = try read(text, pieceSize: pieceSize)
            XCTAssertEqual(answer.reply.body, Data("hello 0123456789".utf8))
            XCTAssertTrue(answer.keepsConnection)
        }
    }

    func testBodyUntilCloseAndHTTP10() throws {
        let untilClose = try read("HTTP/1.1 200 OK\r\n\r\nall of it", pieceSize: 2)
        XCTAssertEqual(untilClose.reply.body, Data("all of it".utf8))
        XCTAssertFalse(untilClose.keepsConnection)
        let old = try read("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
        XCTAssertFalse(old.keepsConnection)
        let oldKept = try read("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok")
        XCTAssertTrue(oldKept.keepsConnection)
        let both = try read("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
        XCTAssertEqual(both.reply.body, Data("ok".utf8), "Transfer-Encoding wins over Content-Length")
        XCTAssertFalse(both.keepsConnection)
    }

    func testRepliesWithoutBodies() throws {
        let head = try read("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", isHead: true)
        XCTAssertEqual(head.reply.header("Content-Length"), "1234")
        XCTAssertEqual(head.reply.body, Data())
        XCTAssertTrue(head.keepsConnection)
        for status in [204, 304] {
            XCTAssertEqual(try read("HTTP/1.1 \(status) X\r\n\r\n").reply.status, status)
        }
        let afterContinue = try read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\n!")
        XCTAssertEqual(afterContinue.reply.status, 201)
        XCTAssertEqual(afterContinue.reply.body, Data("!".utf8))
        let bareLineFeeds = try read("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")
        XCTAssertEqual(bareLineFeeds.reply.body, Data("ok".utf8))
        let folded = try read("HTTP/1.1 200 OK\r\nX-Long: first\r\n  second\r\nContent-Length: 0\r\n\r\n")
        XCTAssertEqual(folded.reply.header("x-long"), "first second")
    }

    func testCutShortRepliesAreTransient() {
        assertFailure("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345") {
            if case .transient(let reason) = $0 { return reason == "the body has 5 of the 10 bytes its Content-Length announced" }
            return false
        }
        assertFailure("") {
            if case .transient(let reason) = $0 { return reason.contains("before a reply") }
            return false
        }
        assertFailure("HTTP/1.1 200 OK\r\nContent-") {
            if case .transient(let reason) = $0 { return reason.contains("middle of the reply's head") }
            return false
        }
        assertFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly a few") {
            if case .transient = $0 { return true }
            return false
        }
        // A length of 9 * 10^18 with a few real bytes: no allocation of the announced size.
        assertFailure("HTTP/1.1 200 OK\r\nContent-Length: 9000000000000000000\r\n\r\nfew") {
            if case .transient(let reason) = $0 { return reason.contains("3 of the 9000000000000000000 bytes") }
            return false
        }
    }

    func testMalformedRepliesAreFatal() {
        let malformed = [
            "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 099 X\r\n\r\n",
            "ICY 200 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
            "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "HTTP/1.1 200 OK\r\n folded first\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n;x\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: " + String(repeating: "v", count: 70_000) + "\r\n\r\n",
            String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 17) + "HTTP/1.1 200 OK\r\n\r\n",
        ]
        for text in malformed {
            assertFailure(text) {
                if case .fatal = $0 { return true }
                return false
            }
        }
    }

    func testBodiesOverTheLimitAreRefusedBeforeTheyAreRead() {
        assertFailure("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", maximumBodySize: 99) {
            if case .tooLarge(100) = $0 { return true }
            return false
        }
        assertFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + String(repeating: "a", count: 64) + "\r\n0\r\n\r\n", maximumBodySize: 63) {
            if case .tooLarge = $0 { return true }
            return false
        }
        assertFailure("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "b", count: 500), maximumBodySize: 499) {
            if case .tooLarge = $0 { return true }
            return false
        }
    }
}
