// A value behind a POSIX mutex, for the little shared state of the two modules (context pools,
// registries, stores).
//
// Why not `Synchronization.Mutex`: on Linux it locks with atomics and futex calls inside the
// toolchain's precompiled Synchronization library, which ThreadSanitizer does not instrument,
// so TSan sees none of its acquire/release ordering and reports every access it guards as a
// race. pthread mutexes are intercepted by TSan, so it can check the code that uses this type.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that is read and changed only inside `withLock`, under a `pthread_mutex_t`.
public final class LockedValue<Value> {
    /// Heap storage, so the mutex never moves after `pthread_mutex_init`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Guards `value`.
    public init(_ value: Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the lock held; `body` must not call `withLock` on the same
    /// instance (the mutex is not recursive).
    @inline(__always)
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

// Every access to `value` happens inside `withLock`, under the mutex.
extension LockedValue: @unchecked Sendable where Value: Sendable {}
