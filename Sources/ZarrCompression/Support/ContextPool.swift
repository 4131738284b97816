// Reuse of a codec's working memory between calls.
//
// A zstd compression call needs about a megabyte of hash tables and scratch,
// a decompression call a few hundred kilobytes of tables and literal buffer;
// LZ4's high-compression tables take 256 KiB and its convenience encoders a
// scratch block. Fresh allocations of that size cost page faults on every
// call, so a few idle contexts are kept here and handed to one caller at a time.

/// A small stack of idle contexts. Taking removes a context from the pool
/// under the lock, so it is only ever used by the thread that took it; the
/// contexts are therefore `@unchecked Sendable` (see their declarations).
final class ContextPool<Context: AnyObject & Sendable>: Sendable {
    private let idle = LockedValue<[Context]>([])
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// An idle context, or nil if none is available.
    func take() -> Context? {
        idle.withLock { $0.popLast() }
    }

    /// Returns a context for reuse (dropped if the pool is full).
    func give(_ context: Context) {
        idle.withLock { if $0.count < capacity { $0.append(context) } }
    }
}
