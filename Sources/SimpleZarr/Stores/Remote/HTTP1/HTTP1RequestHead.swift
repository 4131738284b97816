// The bytes of an HTTP/1.1 request head (RFC 9112 section 3): the request line with the URL's
// path and query as they are percent-encoded, Host, the caller's fields, and the body's length.

import Foundation

/// Serialises request heads for the HTTP/1.1 client.
enum HTTP1RequestHead {
    /// The head of `request` to `destination` (its URL's parts), ready to send; the body (if
    /// any) follows it.
    ///
    /// - Throws: `HTTPAttemptFailure.fatal` when a method, header name or value holds a
    ///   character that would break the head (CR, LF, ...).
    static func bytes(of request: HTTPRequest, to destination: HTTP1RequestTarget) throws -> [UInt8] {
        let target = destination.target
        guard HTTP1Token.isToken(request.method), !target.utf8.contains(where: { $0 <= 32 || $0 >= 127 }) else {
            throw HTTPAttemptFailure.fatal("the request line '\(request.method) \(target.prefix(80))' cannot be sent")
        }

        var fields: [(String, String)] = [("Host", destination.hostHeader)]
        var named = Set(["host", "content-length", "transfer-encoding", "connection"])
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) where !named.contains(name.lowercased()) {
            guard HTTP1Token.isToken(name), !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else {
                throw HTTPAttemptFailure.fatal("the header '\(name.prefix(40))' cannot be sent")
            }
            fields.append((name, value))
            named.insert(name.lowercased())
        }
        // The body must arrive as stored: a compressed body would not match its Content-Length.
        if !named.contains("accept-encoding") { fields.append(("Accept-Encoding", "identity")) }
        if !named.contains("user-agent") { fields.append(("User-Agent", "simplezarr-swift")) }
        if let body = request.body {
            fields.append(("Content-Length", String(body.count)))
        } else if ["POST", "PUT", "PATCH"].contains(request.method) {
            fields.append(("Content-Length", "0"))
        }

        var text = "\(request.method) \(target) HTTP/1.1\r\n"
        for (name, value) in fields { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }
}
