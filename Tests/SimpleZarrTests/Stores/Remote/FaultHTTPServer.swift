// A small HTTP/1.1 server on 127.0.0.1 for the remote store tests: it serves the values of a
// MemoryStore (GET, HEAD, Range) and injects faults on request: closing mid-body, 5xx then
// success, fewer bytes than Content-Length, stalling, ignoring Range, 429 with Retry-After,
// short ranges, chunked bodies, added latency; connections closed after each reply or kept
// alive. POSIX sockets and one thread per connection; no Python needed.

import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import SimpleZarr

/// A fault the server injects into the next `times` replies (then it answers normally).
enum HTTPFault: Sendable {
    /// Sends the headers and half the body, then resets the connection.
    case closeMidBody
    /// Answers with `status` (a 500, say) and an empty body.
    case status(Int)
    /// Announces the full Content-Length, sends half the body, then closes normally.
    case shortBody
    /// Waits `seconds` before answering.
    case stall(Double)
    /// Answers ranged requests with the whole value (200).
    case ignoreRange
    /// 429 with a `Retry-After` of `seconds`.
    case tooManyRequests(retryAfter: Int)
    /// A 206 reply with a consistent Content-Length but fewer bytes than the range asked for.
    case shortRange
    /// A 206 reply that runs on to the end of the value (a server rounding a range up).
    case longRange
    /// Announces a Content-Length of 9 * 10^18 bytes, sends the body, then closes.
    case hugeLength
    /// Sends the body with `Transfer-Encoding: chunked`, in pieces of at most `pieceSize`.
    case chunked(pieceSize: Int)
    /// Replies normally on a kept-alive connection, then closes it without saying so.
    case closeSilently
    /// Reads the request and closes the connection without a reply.
    case closeWithoutReply
}

/// The server. Create it, use `url`, and `stop()` it (also on deinit).
final class FaultHTTPServer: @unchecked Sendable {
    // @unchecked Sendable: the mutable state is in `LockedValue`s; `listener` is a `let`.
    let store: MemoryStore
    let port: UInt16
    private let listener: Int32
    private let faults = LockedValue<[(fault: HTTPFault, remaining: Int)]>([])
    private let counters = LockedValue<(requests: Int, inFlight: Int, peak: Int, connections: Int)>((0, 0, 0, 0))
    private let stopped = LockedValue(false)
    /// Seconds every reply waits before it is sent (a slow link).
    let latency: Double
    /// Whether a connection carries further requests after a reply (else `Connection: close`).
    let keepAlive: Bool

    /// Starts listening on a free port of 127.0.0.1.
    init(store: MemoryStore = MemoryStore(), latency: Double = 0, keepAlive: Bool = false) throws {
        self.store = store
        self.latency = latency
        self.keepAlive = keepAlive
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StoreError.io("socket() failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 512) == 0 else {
            close(fd)
            throw StoreError.io("bind/listen on 127.0.0.1 failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// The base URL, `http://127.0.0.1:<port>/`.
    var url: URL { URL(string: "http://127.0.0.1:\(port)/") ?? URL(fileURLWithPath: "/") }

    /// Injects `fault` into the next `times` replies (after the faults already queued).
    func inject(_ fault: HTTPFault, times: Int = 1) {
        faults.withLock { $0.append((fault, times)) }
    }

    /// The number of requests answered or being answered so far.
    var requestCount: Int { counters.withLock { $0.requests } }
    /// The most requests that were being answered at the same time.
    var peakInFlight: Int { counters.withLock { $0.peak } }
    /// The number of connections accepted so far.
    var connectionCount: Int { counters.withLock { $0.connections } }

    func stop() {
        guard stopped.withLock({ s in defer { s = true }; return !s }) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    // MARK: Serving

    private func acceptLoop() {
        while !stopped.withLock({ $0 }) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func nextFault() -> HTTPFault? {
        faults.withLock { list in
            guard let first = list.first else { return nil }
            if first.remaining <= 1 { list.removeFirst() } else { list[0].remaining -= 1 }
            return first.fault
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        counters.withLock { $0.connections += 1 }
        while let request = readRequest(client), answer(request, on: client), keepAlive {}
    }

    /// Answers one request; `false` when the connection must close after it.
    private func answer(_ request: Request, on client: Int32) -> Bool {
        counters.withLock { c in
            c.requests += 1
            c.inFlight += 1
            c.peak = max(c.peak, c.inFlight)
        }
        defer { counters.withLock { $0.inFlight -= 1 } }
        if latency > 0 { Thread.sleep(forTimeInterval: latency) }
        let fault = nextFault()
        if case .stall(let seconds)? = fault { Thread.sleep(forTimeInterval: seconds) }
        if case .closeWithoutReply? = fault { return false }

        let key = String(request.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? request.path
        guard let value = try? store.get(key) else {
            send(client, status: 404, headers: [:], body: Data(), head: request.method == "HEAD")
            return true
        }
        switch fault {
        case .status(let status)?:
            send(client, status: status, headers: [:], body: Data(), head: false)
            return true
        case .tooManyRequests(let seconds)?:
            send(client, status: 429, headers: ["Retry-After": "\(seconds)"], body: Data(), head: false)
            return true
        default: break
        }
        var status = 200
        var body = value
        var headers: [String: String] = [:]
        if let range = request.range, !isIgnoringRange(fault) {
            guard let bounds = Self.resolve(range, count: value.count) else {
                send(client, status: 416, headers: ["Content-Range": "bytes */\(value.count)"], body: Data(), head: false)
                return true
            }
            status = 206
            body = value.subdata(in: bounds)
            if case .longRange? = fault {
                body = value.subdata(in: bounds.lowerBound..<value.count)
                headers["Content-Range"] = "bytes \(bounds.lowerBound)-\(value.count - 1)/\(value.count)"
            } else if case .shortRange? = fault, body.count > 1 {
                body = body.prefix(body.count / 2)
                headers["Content-Range"] = "bytes \(bounds.lowerBound)-\(bounds.lowerBound + body.count - 1)/\(value.count)"
            } else {
                headers["Content-Range"] = "bytes \(bounds.lowerBound)-\(bounds.upperBound - 1)/\(value.count)"
            }
        }
        switch fault {
        case .closeMidBody?:
            writeHead(client, status: status, headers: headers, contentLength: body.count)
            write(client, body.prefix(body.count / 2))
            var linger = linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            return false
        case .shortBody?:
            writeHead(client, status: status, headers: headers, contentLength: body.count)
            write(client, body.prefix(body.count / 2))
            return false
        case .hugeLength?:
            writeHead(client, status: status, headers: headers, contentLength: 9_000_000_000_000_000_000)
            write(client, body)
            return false
        case .chunked(let pieceSize)?:
            writeHead(client, status: status, headers: headers.merging(["Transfer-Encoding": "chunked"]) { $1 }, contentLength: nil)
            var offset = 0
            while offset < body.count {
                let piece = body[(body.startIndex + offset)..<(body.startIndex + min(body.count, offset + max(1, pieceSize)))]
                write(client, Data(String(piece.count, radix: 16).utf8 + Array(";piece=\(offset)\r\n".utf8)) + piece + Data("\r\n".utf8))
                offset += piece.count
            }
            write(client, Data("0\r\nX-Trailer: done\r\n\r\n".utf8))
        case .closeSilently?:
            send(client, status: status, headers: headers, body: body, head: request.method == "HEAD")
            return false
        default:
            send(client, status: status, headers: headers, body: body, head: request.method == "HEAD")
        }
        return true
    }

    private func isIgnoringRange(_ fault: HTTPFault?) -> Bool {
        if case .ignoreRange? = fault { return true }
        return false
    }

    /// The byte range a `bytes=` header selects in a value of `count` bytes; `nil`: not satisfiable.
    private static func resolve(_ header: String, count: Int) -> Range<Int>? {
        guard header.hasPrefix("bytes=") else { return nil }
        let spec = header.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        if spec[0].isEmpty {
            guard let n = Int(spec[1]), n > 0, count > 0 else { return nil }
            return max(0, count - n)..<count
        }
        guard let first = Int(spec[0]), first < count else { return nil }
        let last = spec[1].isEmpty ? count - 1 : min(count - 1, Int(spec[1]) ?? count - 1)
        return first..<(last + 1)
    }

    private struct Request {
        let method: String
        let path: String
        let range: String?
    }

    private func readRequest(_ client: Int32) -> Request? {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while buffer.count < 65536 {
            let n = recv(client, &chunk, chunk.count, 0)
            guard n > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<n])
            if buffer.count >= 4, (0...(buffer.count - 4)).contains(where: { Array(buffer[$0..<($0 + 4)]) == end }) { break }
        }
        let text = String(decoding: buffer, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let first = lines.first?.split(separator: " ") ?? []
        guard first.count >= 2 else { return nil }
        var range: String?
        for line in lines.dropFirst() where line.lowercased().hasPrefix("range:") {
            range = line.dropFirst("range:".count).trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(first[0]), path: String(first[1]), range: range)
    }

    private func send(_ client: Int32, status: Int, headers: [String: String], body: Data, head: Bool) {
        writeHead(client, status: status, headers: headers, contentLength: body.count)
        if !head { write(client, body) }
    }

    /// The status line and headers; `contentLength` `nil` sends none (a chunked body).
    private func writeHead(_ client: Int32, status: Int, headers: [String: String], contentLength: Int?) {
        var text = "HTTP/1.1 \(status) X\r\n"
        if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        if !keepAlive { text += "Connection: close\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        write(client, Data(text.utf8))
    }

    private func write(_ client: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var sent = 0
            while sent < raw.count {
                let n = Glibc.send(client, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                sent += n
            }
        }
    }
}
