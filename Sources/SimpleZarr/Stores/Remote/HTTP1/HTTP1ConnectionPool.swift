// The idle keep-alive connections of one transport, by origin: a request takes the most
// recently used one (the least likely to have been closed by the server's idle timer) or opens
// a new one, and gives it back when its reply has been read whole.

#if canImport(Glibc)
import Foundation

/// Idle connections, at most `maximumIdle` per origin (extra ones are closed).
// @unchecked Sendable: `idle` is only accessed with `lock` held; a connection is used by one
// request at a time (taken out of the pool while in use).
final class HTTP1ConnectionPool: @unchecked Sendable {
    /// The most idle connections kept per origin.
    let maximumIdle: Int
    private let lock = NSLock()
    private var idle: [HTTP1Origin: [HTTP1Connection]] = [:]

    /// An empty pool keeping at most `maximumIdle` (at least 1) idle connections per origin.
    init(maximumIdle: Int) {
        self.maximumIdle = max(1, maximumIdle)
    }

    /// An idle connection to `origin` that the server has not closed, if there is one.
    func take(_ origin: HTTP1Origin) -> HTTP1Connection? {
        while true {
            lock.lock()
            let connection = idle[origin]?.popLast()
            lock.unlock()
            guard let connection else { return nil }
            if connection.isUsableWhenIdle { return connection }
        }
    }

    /// Keeps `connection` for a later request (or drops it when the pool is full).
    func put(_ connection: HTTP1Connection) {
        lock.lock()
        defer { lock.unlock() }
        guard idle[connection.origin, default: []].count < maximumIdle else { return }
        idle[connection.origin, default: []].append(connection)
    }
}
#endif
