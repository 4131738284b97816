// Reading a byte range of a remote value with an HTTP `Range` header (RFC 9110, section 14):
// `bytes=a-b` for a range from the start, `bytes=-n` for the last n bytes. A 206 reply is
// checked against its Content-Range; a 200 reply means the server ignored the header and sent
// the whole value, which is sliced here; 416 means the range starts past the end.

import Foundation

/// One range of `ReadableStore.getPartialValues` as an HTTP request and its reply.
struct HTTPRangeRead: Sendable {
    /// The first byte (negative: counted from the end).
    let start: Int
    /// The number of bytes, `nil` to the end; positive (a zero-length read needs no range).
    let length: Int?

    /// The `Range` header value, `nil` when the whole value is wanted.
    var header: String? {
        if start < 0 {
            let count = start == .min ? Int.max : -start
            return "bytes=-\(count)"
        }
        guard let length else { return start == 0 ? nil : "bytes=\(start)-" }
        let (last, overflow) = start.addingReportingOverflow(length - 1)
        return "bytes=\(start)-\(overflow ? Int.max : last)"
    }

    /// Finds a reply that must be retried: a 206 whose Content-Range does not say what this range
    /// asked for, or that stops short of it while the value goes on.
    func problem(with reply: HTTPReply) -> String? {
        guard reply.status == 206 else { return nil }
        guard let range = ContentRange(reply.header("Content-Range")) else {
            return "a 206 reply without a valid Content-Range (\(reply.header("Content-Range") ?? "none"))"
        }
        guard range.count == reply.body.count else {
            return "the body has \(reply.body.count) bytes, its Content-Range \(range.first)-\(range.last) says \(range.count)"
        }
        if start >= 0 {
            guard range.first == start else { return "asked for bytes from \(start), got them from \(range.first)" }
            if let length, range.count < length, range.total.map({ range.last + 1 < $0 }) ?? true {
                return "asked for \(length) bytes from \(start), got \(range.count) before the end of the value"
            }
        } else if let total = range.total {
            let count = start == .min ? Int.max : -start
            guard range.last == total - 1, range.count == min(count, total) else {
                return "asked for the last \(count) bytes of \(total), got \(range.first)-\(range.last)"
            }
        }
        return nil
    }

    /// The bytes of this range from a reply that passed `problem(with:)` with a 2xx or 416
    /// status: a 200 reply (the whole value) is sliced, a 206 reply that sent more than `length`
    /// bytes (a server may round a range up) cut to `length`.
    func bytes(of reply: HTTPReply) -> Data? {
        switch reply.status {
        case 200: return StoreKeys.slice(reply.body, start: start, length: length)
        case 206:
            guard let length, length < reply.body.count else { return reply.body }
            return StoreKeys.slice(reply.body, start: 0, length: length)
        case 416: return Data()
        default: return nil
        }
    }
}

/// A parsed `Content-Range: bytes first-last/total` header (`total` may be `*`).
struct ContentRange: Equatable {
    let first: Int
    let last: Int
    let total: Int?

    var count: Int { last - first + 1 }

    init?(_ header: String?) {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        let spec = header.dropFirst("bytes ".count)
        let halves = spec.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let bounds = halves[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first >= 0, last >= first,
              last < Int.max
        else { return nil }
        if halves[1] == "*" {
            total = nil
        } else {
            guard let total = Int(halves[1]), total > last else { return nil }
            self.total = total
        }
        self.first = first
        self.last = last
    }
}
