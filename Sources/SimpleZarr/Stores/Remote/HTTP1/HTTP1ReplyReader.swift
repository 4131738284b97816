// Reads HTTP/1.1 replies from a byte stream: the head through a bounded buffer, the body
// straight into its own block (no copy between the two beyond the bytes that came with the head).

import Foundation

/// One complete reply, and whether its connection can carry the next request.
struct HTTP1Reply {
    /// The status, headers and body.
    let reply: HTTPReply
    /// Whether the connection may carry another request.
    let keepsConnection: Bool
}

/// Pulls replies from `source`, one after another on the same connection.
///
/// Every length in a reply is checked before it is used: the head is at most
/// `maximumHeadSize` bytes, chunk sizes are bounded hexadecimal numbers, and no body exceeds
/// the caller's `maximumBodySize` (`HTTPAttemptFailure.tooLarge`). A stream that ends early is
/// `HTTPAttemptFailure.transient` (retried, never a short body); a malformed reply is `.fatal`.
final class HTTP1ReplyReader<Source: HTTP1ByteSource> {
    /// The largest head (status line and headers) accepted.
    static var maximumHeadSize: Int { 64 << 10 }
    /// The most one read into the head buffer asks for.
    static var readSize: Int { 4 << 10 }
    /// At most this many interim (1xx) replies are skipped before the final one.
    static var maximumInterimReplies: Int { 16 }

    var source: Source
    /// Buffered bytes not yet consumed are `buffer[start..<end]`.
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    /// Whether any byte of the current reply has arrived (a reused connection that fails
    /// before this is stale, and its request can safely go again on a new one).
    private(set) var receivedAnyByte = false

    init(source: Source) {
        self.source = source
        buffer = .allocate(byteCount: Self.maximumHeadSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Whether bytes beyond the last reply are waiting (a server that sent more than it should).
    var hasBufferedBytes: Bool { end > start }

    /// Marks the start of a new exchange: no byte of its reply has arrived yet.
    func startExchange() {
        receivedAnyByte = end > start
    }

    /// Reads the next reply; `isHead`: it answers a HEAD request, so it has no body.
    func readReply(isHead: Bool, maximumBodySize: Int) throws -> HTTP1Reply {
        receivedAnyByte = end > start
        var head = try readHead()
        var interim = 0
        while (100..<200).contains(head.status) {
            interim += 1
            guard interim <= Self.maximumInterimReplies else { throw HTTPAttemptFailure.fatal("the server sent more than \(Self.maximumInterimReplies) interim replies") }
            head = try readHead()
        }
        let body: Data
        switch isHead ? .none : head.framing {
        case .none: body = Data()
        case .length(let length): body = try readBody(length: length, maximumBodySize: maximumBodySize)
        case .chunked: body = try readChunkedBody(maximumBodySize: maximumBodySize)
        case .untilClose: body = try readBodyUntilClose(maximumBodySize: maximumBodySize)
        }
        return HTTP1Reply(reply: HTTPReply(status: head.status, headers: head.headers, body: body), keepsConnection: head.keepsConnection)
    }

    // MARK: Head

    private func readHead() throws -> HTTP1ReplyHead {
        var scanned = 0
        while true {
            if let headEnd = endOfHead(scanned: &scanned) {
                let head = try HTTP1ReplyHead(UnsafeRawBufferPointer(rebasing: buffer[start..<headEnd.lineEnd]))
                start = headEnd.next
                return head
            }
            guard try fill() else {
                throw HTTPAttemptFailure.transient(end > start || receivedAnyByte
                    ? "the connection closed in the middle of the reply's head"
                    : "the connection closed before a reply")
            }
        }
    }

    /// Looks for the empty line that ends the head in the buffered bytes past the `scanned`
    /// ones (counted from `start`); returns where the head's text ends and where the body begins.
    private func endOfHead(scanned: inout Int) -> (lineEnd: Int, next: Int)? {
        var index = start + scanned
        while index < end {
            if buffer[index] == UInt8(ascii: "\n") {
                // The line before is empty: "\n\n" or "\n\r\n".
                if index > start, buffer[index - 1] == UInt8(ascii: "\n") { return (index - 1, index + 1) }
                if index > start + 1, buffer[index - 1] == UInt8(ascii: "\r"), buffer[index - 2] == UInt8(ascii: "\n") {
                    return (index - 2, index + 1)
                }
            }
            index += 1
        }
        scanned = end - start
        return nil
    }

    /// Reads more bytes into the buffer (moving what is pending to its front); `false` at the
    /// end of the stream.
    ///
    /// - Throws: `.fatal` when the pending bytes already fill the buffer (a head too large).
    private func fill() throws -> Bool {
        if start > 0 {
            if end > start { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: end - start) }
            end -= start
            start = 0
        }
        guard end < buffer.count else {
            throw HTTPAttemptFailure.fatal("the reply's head is longer than \(Self.maximumHeadSize) bytes")
        }
        // Small reads: what comes after the head is body, and a body is better received
        // straight into its own block than copied there from this buffer.
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<min(end + Self.readSize, buffer.count)]))
        if n > 0 { receivedAnyByte = true }
        end += n
        return n > 0
    }

    // MARK: Bodies

    private func readBody(length: Int, maximumBodySize: Int) throws -> Data {
        guard length <= maximumBodySize else { throw HTTPAttemptFailure.tooLarge(length) }
        let body = HTTP1BodyBuffer(expected: length)
        guard try copy(length, into: body) else {
            throw HTTPAttemptFailure.transient("the body has \(body.count) of the \(length) bytes its Content-Length announced")
        }
        return body.take()
    }

    /// Moves `count` bytes of the stream into `body`: the buffered ones first, then straight
    /// from the source. `false` when the stream ends first.
    private func copy(_ count: Int, into body: HTTP1BodyBuffer) throws -> Bool {
        var remaining = count
        let buffered = min(remaining, end - start)
        try body.append(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + buffered)]))
        start += buffered
        remaining -= buffered
        while remaining > 0 {
            let space = try body.freeSpace(minimum: min(remaining, 1 << 20))
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: space.prefix(remaining)))
            guard n > 0 else { return false }
            receivedAnyByte = true
            body.commit(n)
            remaining -= n
        }
        return true
    }

    private func readChunkedBody(maximumBodySize: Int) throws -> Data {
        let body = HTTP1BodyBuffer(expected: 0)
        while true {
            let size = try readChunkSize()
            if size == 0 { break }
            guard size <= maximumBodySize - body.count else { throw HTTPAttemptFailure.tooLarge(body.count + min(size, Int.max - body.count)) }
            guard try copy(size, into: body) else {
                throw HTTPAttemptFailure.transient("the connection closed in the middle of a chunk of the reply")
            }
            guard try readLine().isEmpty else { throw HTTPAttemptFailure.fatal("a chunk of the reply is longer than its size") }
        }
        // Trailer fields, up to the empty line.
        var trailerBytes = 0
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            trailerBytes += line.count
            guard trailerBytes <= Self.maximumHeadSize else { throw HTTPAttemptFailure.fatal("the reply's trailer is too long") }
        }
        return body.take()
    }

    /// A chunk-size line: hexadecimal digits, then optional extensions after `;`.
    private func readChunkSize() throws -> Int {
        let line = try readLine()
        var size = 0
        var digits = 0
        for byte in line {
            let digit: Int
            switch byte {
            case 48...57: digit = Int(byte - 48)
            case 65...70: digit = Int(byte - 55)
            case 97...102: digit = Int(byte - 87)
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                guard digits > 0 else { throw HTTPAttemptFailure.fatal("a chunk size of the reply is malformed") }
                return size
            default: throw HTTPAttemptFailure.fatal("a chunk size of the reply is malformed")
            }
            digits += 1
            guard digits <= 15 else { throw HTTPAttemptFailure.fatal("a chunk size of the reply is too large") }
            size = size << 4 | digit
        }
        guard digits > 0 else { throw HTTPAttemptFailure.fatal("a chunk size of the reply is missing") }
        return size
    }

    /// The next line (without its CR LF or LF), at most `maximumHeadSize` bytes.
    private func readLine() throws -> [UInt8] {
        // Bytes already searched, counted from `start` (which `fill` may move).
        var scanned = 0
        while true {
            if let newline = ((start + scanned)..<end).first(where: { buffer[$0] == UInt8(ascii: "\n") }) {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = Array(buffer[start..<lineEnd])
                start = newline + 1
                return line
            }
            scanned = end - start
            guard try fill() else { throw HTTPAttemptFailure.transient("the connection closed in the middle of a chunked reply") }
        }
    }

    private func readBodyUntilClose(maximumBodySize: Int) throws -> Data {
        let body = HTTP1BodyBuffer(expected: 0)
        try body.append(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
        start = end
        guard body.count <= maximumBodySize else { throw HTTPAttemptFailure.tooLarge(body.count) }
        while true {
            let space = try body.freeSpace(minimum: 256 << 10)
            let n = try source.read(into: space)
            if n == 0 { return body.take() }
            body.commit(n)
            guard body.count <= maximumBodySize else { throw HTTPAttemptFailure.tooLarge(body.count) }
        }
    }
}
