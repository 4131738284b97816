// A fixed table of locks, one chosen by a key's UTF-8 bytes, so that work on one
// key can be serialised without keeping a lock per key. Two keys may share a lock;
// that only makes them wait for each other, never deadlock (a caller holds at most
// one lock of the table at a time).

import Foundation

/// Per-key mutual exclusion within one process, by lock striping.
final class KeyLocks: Sendable {
    /// Plain locks: a `LockedValue<Void>` per stripe would hand out `inout` access to a
    /// zero-sized value, which ThreadSanitizer's access tracking reports as a race between
    /// different stripes.
    private let stripes: [NSLock]

    /// A table of `count` locks (at least one).
    init(count: Int = 64) {
        stripes = (0..<max(1, count)).map { _ in NSLock() }
    }

    /// The number of locks in the table.
    var count: Int { stripes.count }

    /// The index of the lock guarding `key` within `scope` (when given: the same key of two
    /// scopes, such as two stores, usually gets two locks).
    func stripe(for key: String, in scope: AnyObject? = nil) -> Int {
        // FNV-1a over the bytes: stable, cheap, and byte-exact like the keys themselves.
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        if let scope {
            hash = (hash ^ UInt64(UInt(bitPattern: ObjectIdentifier(scope).hashValue))) &* prime
        }
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* prime
        }
        // FNV's multiplications only carry low bits upward; fold the high bits down before
        // taking the remainder, so every byte (and the scope's address) moves the stripe.
        hash ^= hash >> 29
        hash &*= 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 32
        return Int(hash % UInt64(stripes.count))
    }

    /// Runs `body` while holding the lock of `key` within `scope`. Must not be nested.
    func withLock<T>(_ key: String, in scope: AnyObject? = nil, _ body: () throws -> T) rethrows -> T {
        let lock = stripes[stripe(for: key, in: scope)]
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
