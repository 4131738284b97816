// The lock for the state of a store subclass or a hook of your own: stores are
// called from many threads at once, so what they keep must be locked.

import ZarrCompression

/// A value behind a mutex, read and changed only inside `withLock` (the type the library's
/// own stores keep their state in):
///
/// ```swift
/// let cache = LockedValue<[String: Data]>([:])
/// cache.withLock { $0[key] = data }
/// let hit = cache.withLock { $0[key] }
/// ```
///
/// `Sendable` when the value is, so a `@Sendable` closure may capture it. It locks with a
/// pthread mutex, which ThreadSanitizer sees (it cannot see the futex of `Synchronization.Mutex`
/// on Linux, and reports what a `Mutex` guards as races, though `Mutex` is correct too).
/// `withLock` must not be called again on the same value from inside its body.
public typealias LockedValue = ZarrCompression.LockedValue
