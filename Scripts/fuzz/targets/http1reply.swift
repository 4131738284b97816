// Fuzz target: the HTTP/1.1 reply reader of the http:// client (status line, headers,
// Content-Length / chunked / until-close bodies, several replies on one connection). Input:
// one byte for how the stream is cut into reads, one for whether the request was HEAD, then
// the bytes the server sent. Nothing may crash; no body exceeds the limit given.

import Foundation
@testable import SimpleZarr

/// The fuzzer's bytes, handed out in reads of at most `pieceSize`.
struct FuzzByteSource: HTTP1ByteSource {
    let bytes: UnsafeBufferPointer<UInt8>
    let pieceSize: Int
    var offset = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, pieceSize, bytes.count - offset)
        if n > 0 { buffer.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + n)]))) }
        offset += n
        return n
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP1Reply(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size >= 2 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let pieceSize = [1, 3, 17, 512, 4096, 1 << 20][Int(bytes[0]) % 6]
    let isHead = bytes[1] & 1 == 1
    let maximumBodySize = 1 << 16
    let reader = HTTP1ReplyReader(source: FuzzByteSource(bytes: UnsafeBufferPointer(rebasing: bytes[2...]), pieceSize: pieceSize))
    for _ in 0..<3 {
        guard let answer = try? reader.readReply(isHead: isHead, maximumBodySize: maximumBodySize) else { break }
        precondition(answer.reply.body.count <= maximumBodySize, "http1reply: a body over the limit")
        precondition((100...599).contains(answer.reply.status), "http1reply: a status out of range")
        if isHead { precondition(answer.reply.body.isEmpty, "http1reply: a body on a reply to HEAD") }
        if !answer.keepsConnection { break }
    }
    return 0
}
