// The reads both remote stores make: a whole value, a byte range (see HTTPRangeRead), or a
// zero-length range, which only checks with HEAD that the value exists.

import Foundation

extension HTTPTransport {
    /// Turns a reply that is no success into the store's error (`keyNotFound` for a missing key).
    typealias Refusal = @Sendable (HTTPReply, HTTPRequest) -> any Error

    /// Reads the value at `url`, or the part `range` selects (`nil`: all of it), refusing a
    /// body longer than `maximumBodySize`.
    func read(
        _ url: URL, headers: [String: String], range: HTTPRangeRead?, maximumBodySize: Int = .max,
        prepare: Prepare? = nil, refuse: @escaping Refusal
    ) -> Future<Data> {
        if range?.length == 0 {
            let request = HTTPRequest(method: "HEAD", url: url, headers: headers)
            return send(request, prepare: prepare).map { reply in
                guard (200..<300).contains(reply.status) else { throw refuse(reply, request) }
                return Data()
            }
        }
        var headers = headers
        headers["Range"] = range?.header
        let request = HTTPRequest(method: "GET", url: url, headers: headers)
        var check: Check?
        if let range { check = { reply in range.problem(with: reply) } }
        return send(request, maximumBodySize: maximumBodySize, prepare: prepare, check: check).map { reply in
            guard let range else {
                guard (200..<300).contains(reply.status) else { throw refuse(reply, request) }
                return reply.body
            }
            guard reply.status == 200 || reply.status == 206 || reply.status == 416 else { throw refuse(reply, request) }
            return range.bytes(of: reply) ?? Data()
        }
    }
}
