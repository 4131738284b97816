// Fuzz target: what a remote store reads from an HTTP reply's headers: `Content-Range`, the
// checks of a 206 reply against the range asked for, and `Retry-After`. Input: one byte for the
// status (200, 206 or 416), eight for the range asked (start, length), then the header text.
// Nothing may crash; an accepted 206 reply gives at most the bytes asked for.

import Foundation
@testable import SimpleZarr

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPReply(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size >= 9 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let status = [200, 206, 416][Int(bytes[0]) % 3]
    let start = Int(Int16(bitPattern: UInt16(bytes[1]) << 8 | UInt16(bytes[2]))) * Int(bytes[3] % 4 == 0 ? 1 << 40 : 1)
    let rawLength = Int(UInt16(bytes[5]) << 8 | UInt16(bytes[6]))
    let length: Int? = bytes[4] % 3 == 0 ? nil : max(1, rawLength)
    let bodyCount = Int(bytes[7]) * 8 + Int(bytes[8] % 8)
    let header = String(decoding: bytes[9...], as: UTF8.self)

    let reply = HTTPReply(
        status: status, headers: ["content-range": header, "retry-after": header], body: Data(count: bodyCount))
    let range = HTTPRangeRead(start: start, length: length)
    _ = range.header
    if let parsed = ContentRange(header) {
        precondition(parsed.first >= 0 && parsed.last >= parsed.first && parsed.count >= 1, "httpreply: bad Content-Range accepted")
        if let total = parsed.total { precondition(total > parsed.last, "httpreply: a range past its total accepted") }
    }
    if range.problem(with: reply) == nil, let sliced = range.bytes(of: reply) {
        if status == 206, let length {
            precondition(sliced.count <= max(length, bodyCount), "httpreply: more bytes than asked for")
        }
    }
    if let seconds = HTTPRetryPolicy.retryAfterSeconds(header) {
        precondition(seconds >= 0 && seconds.isFinite, "httpreply: a negative or infinite Retry-After")
    }
    return 0
}
