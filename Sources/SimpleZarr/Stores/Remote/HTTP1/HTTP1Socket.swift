// A TCP connection for the HTTP/1.1 client: non-blocking POSIX sockets, every wait a poll(2)
// bounded by the attempt's deadline, TCP_NODELAY (requests are small and latency-bound), and
// MSG_NOSIGNAL so a peer that went away is an error, not a SIGPIPE.

#if canImport(Glibc)
import Foundation
import Glibc

/// One connected TCP socket; closed on deinit.
final class HTTP1Socket {
    private let fd: Int32
    /// When the current attempt's time is up, in `DispatchTime` uptime nanoseconds.
    var deadline: UInt64
    /// The reason given when `deadline` passes.
    var timeoutReason: String

    private init(fd: Int32, deadline: UInt64, timeoutReason: String) {
        self.fd = fd
        self.deadline = deadline
        self.timeoutReason = timeoutReason
    }

    deinit { Glibc.close(fd) }

    /// Connects to `host`:`port` (each address the name resolves to in turn) by `deadline`.
    ///
    /// - Throws: `HTTPAttemptFailure.transient` naming the host when no address accepts.
    static func connect(host: String, port: Int, deadline: UInt64, timeoutReason: String) throws -> HTTP1Socket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var addresses: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &addresses)
        guard resolved == 0, let first = addresses else {
            throw HTTPAttemptFailure.transient("the connection failed: cannot resolve \(host): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(first) }
        var lastReason = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry?.pointee {
            entry = address.ai_next
            let fd = socket(address.ai_family, address.ai_socktype | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), address.ai_protocol)
            guard fd >= 0 else {
                lastReason = Self.describe(errno)
                continue
            }
            let connection = HTTP1Socket(fd: fd, deadline: deadline, timeoutReason: timeoutReason)
            if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) != 0 {
                guard errno == EINPROGRESS else {
                    lastReason = Self.describe(errno)
                    continue
                }
                try connection.wait(for: Int16(POLLOUT))
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 else {
                    lastReason = Self.describe(error)
                    continue
                }
            }
            var yes: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            return connection
        }
        throw HTTPAttemptFailure.transient("the connection failed: cannot connect to \(host):\(port): \(lastReason)")
    }

    /// Sends all of `bytes`.
    func send(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var sent = 0
        while sent < bytes.count {
            let n = Glibc.send(fd, base + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            if n > 0 {
                sent += n
                continue
            }
            let code = errno
            if n < 0, code == EINTR { continue }
            guard n < 0, code == EAGAIN || code == EWOULDBLOCK else {
                throw HTTPAttemptFailure.transient("the connection failed while sending: \(Self.describe(code))")
            }
            try wait(for: Int16(POLLOUT))
        }
    }

    /// Receives at most `buffer.count` bytes; 0 when the peer has closed the connection.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n >= 0 { return n }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLIN))
            default: throw HTTPAttemptFailure.transient("the connection failed: \(Self.describe(code))")
            }
        }
    }

    /// Whether an idle connection can take a request: the peer has neither closed it nor sent
    /// anything unasked.
    var isUsableWhenIdle: Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 0
    }

    /// Waits until the socket is ready for `events`, or throws when the deadline passes.
    private func wait(for events: Int16) throws {
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw HTTPAttemptFailure.transient(timeoutReason) }
            let milliseconds = Int32(min((deadline - now + 999_999) / 1_000_000, UInt64(Int32.max)))
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0, errno != EINTR {
                throw HTTPAttemptFailure.transient("the connection failed: \(Self.describe(errno))")
            }
        }
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// The reply reader's view of a socket.
struct HTTP1SocketSource: HTTP1ByteSource {
    let socket: HTTP1Socket

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try socket.receive(into: buffer)
    }
}
#endif
