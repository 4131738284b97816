// One HTTP/1.1 connection: a socket and the reader of the replies that come on it.

#if canImport(Glibc)
import Foundation

/// A connection that carries one request at a time.
final class HTTP1Connection {
    /// Where the connection goes.
    let origin: HTTP1Origin
    private let socket: HTTP1Socket
    private let reader: HTTP1ReplyReader<HTTP1SocketSource>
    /// Whether the connection has carried a request before the current one.
    private(set) var isReused = false

    /// Opens a connection to `origin` by `deadline`.
    init(origin: HTTP1Origin, deadline: UInt64, timeoutReason: String) throws {
        self.origin = origin
        socket = try HTTP1Socket.connect(host: origin.host, port: origin.port, deadline: deadline, timeoutReason: timeoutReason)
        reader = HTTP1ReplyReader(source: HTTP1SocketSource(socket: socket))
    }

    /// Whether an idle connection can still take a request.
    var isUsableWhenIdle: Bool { !reader.hasBufferedBytes && socket.isUsableWhenIdle }

    /// Whether some byte of the current reply has arrived.
    var receivedAnyByte: Bool { reader.receivedAnyByte }

    /// Sends `head` and `body`, then reads the whole reply, all by `deadline`.
    ///
    /// A server may answer before it has read the whole body (a 403 or 413 to a large PUT) and
    /// close: when sending fails, a reply that has come is returned instead of the send error.
    func exchange(head: [UInt8], body: Data?, isHead: Bool, maximumBodySize: Int, deadline: UInt64, timeoutReason: String) throws -> HTTP1Reply {
        socket.deadline = deadline
        socket.timeoutReason = timeoutReason
        reader.startExchange()
        let body = body ?? Data()
        do {
            if body.count <= 64 << 10 {
                // One write for a small request (most are a head alone).
                try (head + body).withUnsafeBytes { try socket.send($0) }
            } else {
                try head.withUnsafeBytes { try socket.send($0) }
                try body.withUnsafeBytes { try socket.send($0) }
            }
        } catch {
            guard let early = try? reader.readReply(isHead: isHead, maximumBodySize: maximumBodySize) else { throw error }
            return HTTP1Reply(reply: early.reply, keepsConnection: false)
        }
        let reply = try reader.readReply(isHead: isHead, maximumBodySize: maximumBodySize)
        isReused = true
        return reply
    }
}
#endif
