// The transport's client for http:// URLs: HTTP/1.1 on our own sockets with a pool of
// keep-alive connections. It blocks its thread for the length of an exchange, so it runs on
// the I/O executor's threads; https:// stays with URLSession (TLS).

#if canImport(Glibc)
import Foundation

/// Sends one attempt of a request and reads its whole reply.
final class HTTP1Client: Sendable {
    private let pool: HTTP1ConnectionPool

    /// A client keeping at most `maximumIdle` idle connections per origin.
    init(maximumIdle: Int) {
        pool = HTTP1ConnectionPool(maximumIdle: maximumIdle)
    }

    /// Whether this client handles `url` (plain http with a host).
    static func handles(_ url: URL) -> Bool {
        HTTP1RequestTarget.isHTTP(url.absoluteString.utf8)
    }

    /// The methods whose request may go again when a kept-alive connection turns out dead
    /// (RFC 9112 section 9.3.1: idempotent ones only; a POST could start an upload twice).
    private static let resendableMethods: Set<String> = ["GET", "HEAD", "PUT", "DELETE"]

    /// Runs one attempt of `request` within `timeout` seconds.
    ///
    /// A kept-alive connection that the server closed while it was idle fails before any byte
    /// of the reply arrives; an idempotent request then goes again on another connection,
    /// inside the same attempt. Resolving the host name (getaddrinfo) is not bounded by the
    /// timeout.
    ///
    /// - Throws: `HTTPAttemptFailure` (for the transport to retry or report).
    func perform(_ request: HTTPRequest, maximumBodySize: Int, timeout: Double) throws -> HTTPReply {
        guard let destination = HTTP1RequestTarget(request.url) else {
            throw HTTPAttemptFailure.fatal("the URL is not http:// with a host and a valid port")
        }
        let origin = destination.origin
        let nanoseconds = timeout.isFinite ? UInt64(min(max(timeout, 0), 1e9) * 1e9) : .max
        let now = DispatchTime.now().uptimeNanoseconds
        let deadline = now.addingReportingOverflow(nanoseconds).overflow ? .max : now + nanoseconds
        let timeoutReason = "no complete reply within \(timeout) s"
        let head = try HTTP1RequestHead.bytes(of: request, to: destination)
        while true {
            let connection = try pool.take(origin) ?? HTTP1Connection(origin: origin, deadline: deadline, timeoutReason: timeoutReason)
            do {
                let answer = try connection.exchange(
                    head: head, body: request.body, isHead: request.method == "HEAD", maximumBodySize: maximumBodySize,
                    deadline: deadline, timeoutReason: timeoutReason)
                if answer.keepsConnection { pool.put(connection) }
                return answer.reply
            } catch HTTPAttemptFailure.transient(let reason)
                where connection.isReused && !connection.receivedAnyByte && Self.resendableMethods.contains(request.method) {
                // A stale kept-alive connection (or a timeout on it: then the next one fails too).
                guard DispatchTime.now().uptimeNanoseconds < deadline else { throw HTTPAttemptFailure.transient(reason) }
                continue
            }
        }
    }
}
#endif
