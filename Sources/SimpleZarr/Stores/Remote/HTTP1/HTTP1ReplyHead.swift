// The head of an HTTP/1.x reply: the status line and the header fields (RFC 9112 sections 4
// and 5), and what they say about the body that follows (section 6.3).

/// How the body of a reply is delimited.
enum HTTP1BodyFraming: Equatable {
    /// No body (a reply to HEAD, 1xx, 204, 304).
    case none
    /// Exactly this many bytes.
    case length(Int)
    /// `Transfer-Encoding: chunked`.
    case chunked
    /// Everything until the server closes the connection.
    case untilClose
}

/// A parsed status line and header block.
struct HTTP1ReplyHead {
    /// The status code (100-599).
    let status: Int
    /// The header fields, names in lower case; repeated fields joined with ", ".
    let headers: [String: String]
    /// Whether the connection may carry another request after this reply's body.
    let keepsConnection: Bool
    /// How the body is delimited (for a reply to a request other than HEAD).
    let framing: HTTP1BodyFraming

    /// Parses the head in `bytes`: the status line and the header lines, each ended by LF
    /// (CR LF or a bare LF), without the empty line that ends the head.
    ///
    /// - Throws: `HTTPAttemptFailure.fatal` naming what is malformed.
    init(_ bytes: UnsafeRawBufferPointer) throws {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let statusLine = lines.first else { throw HTTPAttemptFailure.fatal("the reply has no status line") }
        let (minorVersion, status) = try Self.parseStatusLine(statusLine)

        var headers: [String: String] = [:]
        var lastName: String?
        for line in lines.dropFirst() {
            if let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                // An obsolete line folding: the line continues the previous field's value.
                guard let name = lastName else { throw HTTPAttemptFailure.fatal("the reply's first header line is a continuation") }
                headers[name, default: ""] += " " + Self.trimmed(line)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw HTTPAttemptFailure.fatal("the reply has a malformed header line")
            }
            let nameBytes = line[line.startIndex..<colon]
            guard nameBytes.allSatisfy(HTTP1Token.isTokenByte) else {
                throw HTTPAttemptFailure.fatal("the reply has a malformed header name")
            }
            let name = String(unsafeUninitializedCapacity: nameBytes.count) { text in
                for (offset, byte) in nameBytes.enumerated() { text[offset] = (65...90).contains(byte) ? byte | 0x20 : byte }
                return nameBytes.count
            }
            let value = Self.trimmed(line[(colon + 1)...])
            if let existing = headers[name] { headers[name] = existing + ", " + value } else { headers[name] = value }
            lastName = name
        }
        self.status = status
        self.headers = headers

        let connection = Self.listItems(headers["connection"])
        var keeps = minorVersion >= 1 ? !connection.contains("close") : connection.contains("keep-alive")

        if (100..<200).contains(status) || status == 204 || status == 304 {
            framing = .none
        } else if let encodings = headers["transfer-encoding"] {
            // Only a chunked last coding delimits the body; with a Content-Length as well, the
            // message is one a proxy could misread, so the connection is not reused.
            framing = Self.listItems(encodings).last == "chunked" ? .chunked : .untilClose
            if headers["content-length"] != nil { keeps = false }
        } else if let lengthField = headers["content-length"] {
            framing = .length(try Self.parseContentLength(lengthField))
        } else {
            framing = .untilClose
        }
        if framing == .untilClose { keeps = false }
        keepsConnection = keeps
    }

    /// `HTTP/1.x NNN reason`: the minor version and the status.
    private static func parseStatusLine(_ line: Swift.Slice<UnsafeRawBufferPointer>) throws -> (Int, Int) {
        let bytes = Array(line)
        let prefix = Array("HTTP/1.".utf8)
        guard bytes.count >= 12, bytes.starts(with: prefix), (48...57).contains(bytes[7]), bytes[8] == UInt8(ascii: " "),
              bytes[9...11].allSatisfy({ (48...57).contains($0) }), bytes.count == 12 || bytes[12] == UInt8(ascii: " ")
        else {
            throw HTTPAttemptFailure.fatal("the reply's status line is not HTTP/1.x: \(printable(bytes.prefix(40)))")
        }
        let status = bytes[9...11].reduce(0) { $0 * 10 + Int($1 - 48) }
        guard (100...599).contains(status) else { throw HTTPAttemptFailure.fatal("the reply's status \(status) is out of range") }
        return (Int(bytes[7] - 48), status)
    }

    /// A Content-Length value: decimal digits; repeated fields (joined with ", ") must agree.
    private static func parseContentLength(_ field: String) throws -> Int {
        var length: Int?
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let digits = withoutBlanks(part)
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(digits) else {
                throw HTTPAttemptFailure.fatal("the reply's Content-Length '\(field.prefix(40))' is not a length")
            }
            guard length == nil || length == value else {
                throw HTTPAttemptFailure.fatal("the reply has conflicting Content-Length values '\(field.prefix(40))'")
            }
            length = value
        }
        guard let length else { throw HTTPAttemptFailure.fatal("the reply's Content-Length is empty") }
        return length
    }

    /// The items of a comma-separated header value, in lower case and trimmed.
    private static func listItems(_ value: String?) -> [String] {
        (value ?? "").lowercased().split(separator: ",").map { String(withoutBlanks($0)) }
    }

    /// `text` without leading and trailing spaces and tabs.
    private static func withoutBlanks(_ text: Substring) -> Substring {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return text[first...last]
    }

    /// The bytes as text, without leading and trailing spaces and tabs.
    private static func trimmed(_ bytes: Swift.Slice<UnsafeRawBufferPointer>) -> String {
        String(withoutBlanks(Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes), as: UTF8.self))))
    }

    private static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { (32..<127).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}
