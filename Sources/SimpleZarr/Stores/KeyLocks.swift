// A fixed table of locks, one chosen by a key's UTF-8 bytes, so that work on one
// key can be serialised without keeping a lock per key. Two keys may share a lock;
// that only makes them wait for each other, never deadlock (a caller holds at most
// one lock of the table at a time).

import ZarrCompression

/// Per-key mutual exclusion within one process, by lock striping.
final class KeyLocks: Sendable {
    private let stripes: [LockedValue<Void>]

    /// A table of `count` locks (at least one).
    init(count: Int = 64) {
        stripes = (0..<max(1, count)).map { _ in LockedValue(()) }
    }

    /// Runs `body` while holding the lock of `key`. Must not be nested.
    func withLock<T: Sendable>(_ key: String, _ body: () throws -> T) throws -> T {
        // FNV-1a over the bytes: stable, cheap, and byte-exact like the keys themselves.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let stripe = stripes[Int(hash % UInt64(stripes.count))]
        return try stripe.withLock { _ in try body() }
    }
}
