// Where an http:// request goes and what its request line says, read from the URL's text in
// one pass (Foundation's URL accessors parse the whole URL again on each call, which showed
// as a tenth of the client's time per chunk).

import Foundation

/// Where connections go: a host and a port.
struct HTTP1Origin: Hashable {
    /// The host name or address (an IPv6 address without brackets).
    let host: String
    /// The TCP port.
    let port: Int
}

/// The parts of an `http://` URL a request needs.
struct HTTP1RequestTarget {
    let origin: HTTP1Origin
    /// The `Host` header: the authority without user information, and without the port when
    /// it is 80 (as `SigV4Signer.hostHeader` gives it).
    let hostHeader: String
    /// The path and query as they are percent-encoded in the URL ("/" for an empty path).
    let target: String

    /// Parses `url`; `nil` unless it is `http://` with a host and a valid port.
    init?(_ url: URL) {
        let text = url.absoluteString.utf8
        guard Self.isHTTP(text) else { return nil }
        let rest = text.dropFirst(Self.scheme.count)
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? rest.endIndex
        var authority = rest[rest.startIndex..<authorityEnd]
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[authority.index(after: at)...] }

        // host, [v6 host] or either with :port
        var hostPart = authority
        var port = 80
        let closing = authority.first == UInt8(ascii: "[") ? authority.firstIndex(of: UInt8(ascii: "]")) : nil
        if authority.first == UInt8(ascii: "["), closing == nil { return nil }
        let searchFrom = closing.map { authority.index(after: $0) } ?? authority.startIndex
        if let colon = authority[searchFrom...].lastIndex(of: UInt8(ascii: ":")) {
            let digits = authority[authority.index(after: colon)...]
            if !digits.isEmpty {
                guard digits.count <= 5, digits.allSatisfy({ (48...57).contains($0) }),
                      let value = Int(String(decoding: digits, as: UTF8.self)), value <= 65_535 else { return nil }
                port = value
            }
            hostPart = authority[authority.startIndex..<colon]
        }
        let host = String(decoding: hostPart, as: UTF8.self)
        guard !host.isEmpty else { return nil }
        let bracketed = host.hasPrefix("[") && host.hasSuffix("]")
        origin = HTTP1Origin(host: bracketed ? String(host.dropFirst().dropLast()) : host, port: port)
        hostHeader = port == 80 ? host : "\(host):\(port)"

        let afterAuthority = rest[authorityEnd...]
        let targetEnd = afterAuthority.firstIndex(of: UInt8(ascii: "#")) ?? afterAuthority.endIndex
        let path = String(decoding: afterAuthority[afterAuthority.startIndex..<targetEnd], as: UTF8.self)
        target = path.isEmpty ? "/" : (path.hasPrefix("?") ? "/" + path : path)
    }

    private static let scheme = Array("http://".utf8)

    /// Whether a URL's text starts with `http://` (the scheme in any case).
    static func isHTTP(_ text: String.UTF8View) -> Bool {
        text.count >= scheme.count && zip(text, scheme).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
}
