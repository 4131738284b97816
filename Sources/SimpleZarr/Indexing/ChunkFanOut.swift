// Running one task per chunk part on an executor, with a bounded number of
// tasks in flight. Parts are pulled from the lazy iterator only when a task
// starts, so a selection over millions of chunks never holds more than a few
// dozen tasks (and their chunk buffers) at once, and a part goes to whichever
// thread is free first: a pool task, or the calling thread of a blocking read,
// which takes parts until none are left instead of waiting. Completions submit
// the next tasks through callbacks; no thread ever waits for a task of the
// pool, so a pool of one worker (or a busy one) still finishes.

import Foundation

/// Runs `work` for every part of a `ChunkPartIterator` on an executor, at most `limit` at a time,
/// then produces the operation's value with `finish`.
///
/// The returned future succeeds once every part has run, or fails with the first error once
/// the parts already started have finished (no part starts after an error). Cancelling the
/// future (before it completes) stops starting parts too.
///
/// `@unchecked Sendable`: the mutable state below is only touched with `lock` held.
final class ChunkFanOut<Value: Sendable>: @unchecked Sendable {
    /// Work on one part that reports its outcome through `done`, exactly once, possibly later and
    /// from another thread (a partial decoder fanning inner chunks out to the pool).
    typealias AsyncWork = @Sendable (ChunkPart, _ done: @escaping @Sendable (Result<Void, any Error>) -> Void) -> Void

    private let executor: ThreadPoolExecutor
    private let work: AsyncWork
    private let limit: Int
    private let finish: @Sendable () throws -> Value
    private let done = Future<Value>()

    private let lock = NSLock()
    private var parts: ChunkPartIterator
    /// The part the next claim gets, read one ahead so that the end of the parts is known as
    /// soon as the last one is claimed; nil once none are left.
    private var upcoming: ChunkPart?
    /// Parts claimed and not yet finished.
    private var inFlight = 0
    /// Pool tasks submitted that have not yet started (each claims a part when it does).
    private var unclaimed = 0
    /// Whether every part has been claimed.
    private var exhausted: Bool { upcoming == nil }
    private var failure: (any Error)?
    private var completed = false
    /// Whether some thread is inside `pump()`; others then leave the work to it.
    private var pumping = false

    private init(
        parts: ChunkPartIterator, executor: ThreadPoolExecutor, limit: Int,
        work: @escaping AsyncWork, finish: @escaping @Sendable () throws -> Value
    ) {
        self.parts = parts
        upcoming = self.parts.next()
        self.executor = executor
        self.limit = limit
        self.work = work
        self.finish = finish
    }

    /// Starts the parts and returns the future of the whole.
    ///
    /// With `callerRunsParts`, the calling thread (which is about to wait anyway) takes parts
    /// too, until none are left to start, while the pool runs others; a single-chunk operation
    /// then never changes thread, and a busy pool does not hold the caller up.
    static func run(
        _ parts: ChunkPartIterator, on executor: ThreadPoolExecutor, callerRunsParts: Bool,
        _ work: @escaping @Sendable (ChunkPart) throws -> Void,
        finish: @escaping @Sendable () throws -> Value
    ) -> Future<Value> {
        runReporting(parts, on: executor, io: nil, callerRunsParts: callerRunsParts, { part, done in
            done(Result { try work(part) })
        }, finish: finish)
    }

    /// Like `run`, for work that reports each part's outcome through a callback: a part counts
    /// as in flight until its `done` is called.
    ///
    /// `io` is the I/O executor of the store the parts read from, when its reads do not block:
    /// then as many parts as it has slots are in flight, so the network stays busy while the
    /// pool decodes.
    static func runReporting(
        _ parts: ChunkPartIterator, on executor: ThreadPoolExecutor, io: IOExecutor?, callerRunsParts: Bool,
        _ work: @escaping AsyncWork,
        finish: @escaping @Sendable () throws -> Value
    ) -> Future<Value> {
        // Twice the workers keeps every worker busy while the next part is being submitted.
        // Clamped: an executor may declare any number of workers.
        let limit = max(2 * min(executor.maxWorkers, 1 << 20), io?.maxInFlight ?? 0) + (callerRunsParts ? 1 : 0)
        let fanOut = ChunkFanOut(parts: parts, executor: executor, limit: limit, work: work, finish: finish)
        // The caller claims its first part before the pool is asked for help, so a single-part
        // operation never touches the pool.
        var next = callerRunsParts ? fanOut.claim() : nil
        fanOut.pump()
        while let part = next {
            work(part) { [fanOut] result in fanOut.finished(result) }
            next = fanOut.claim()
        }
        // The caller may have claimed the last part after the pool's last look.
        if callerRunsParts { fanOut.pump() }
        return fanOut.done
    }

    /// The next part to start, counted as in flight, or `nil` when none may start.
    private func claim() -> ChunkPart? {
        lock.lock()
        defer { lock.unlock() }
        return takeLocked()
    }

    /// The next part to start, counted as in flight, or `nil` when none may start (nothing
    /// left, an error, the future done, or `limit` parts in flight). Call with `lock` held.
    private func takeLocked() -> ChunkPart? {
        guard failure == nil, !done.isDone, inFlight < limit, let part = upcoming else { return nil }
        upcoming = parts.next()
        inFlight += 1
        return part
    }

    /// Submits pool tasks while slots are free; completes the future when nothing is left to
    /// wait for.
    ///
    /// Only one thread pumps at a time. A completion arriving meanwhile (even synchronously,
    /// from a task that finished before its callback was registered) only frees its slot and
    /// returns: the pumping thread looks at the slots again, under the lock, before it stops,
    /// so nothing is missed and the recursion depth stays at one.
    private func pump() {
        lock.lock()
        if pumping {
            lock.unlock()
            return
        }
        pumping = true
        while true {
            // A task per part that may still start, within the limit; each claims its part when
            // it runs, so a part that another thread took first is not waited for.
            let startable = failure == nil && !done.isDone && !exhausted
            let count = startable ? max(0, limit - inFlight - unclaimed) : 0
            if count == 0 {
                pumping = false
                let isLast = !completed && inFlight == 0 && (exhausted || failure != nil || done.isDone)
                if isLast { completed = true }
                let error = failure
                lock.unlock()
                if isLast {
                    if let error { done.fail(error) } else { done.complete(with: Result { try finish() }) }
                }
                return
            }
            unclaimed += count
            lock.unlock()
            for _ in 0..<count {
                executor.submit { [self] in
                    lock.lock()
                    unclaimed -= 1
                    let part = takeLocked()
                    lock.unlock()
                    // Nothing to claim: the parts in flight pump again as they finish, and the
                    // thread that finishes the last one completes the whole.
                    guard let part else { return }
                    work(part) { [self] result in finished(result) }
                }.onComplete { [self] result in
                    // The task never ran (cancelled before starting, or the executor shut down).
                    guard case .failure(let error) = result else { return }
                    lock.lock()
                    unclaimed -= 1
                    if failure == nil { failure = error }
                    lock.unlock()
                    pump()
                }
            }
            lock.lock()
        }
    }

    /// Records one part's outcome and lets the next part start.
    private func finished(_ result: Result<Void, any Error>) {
        lock.lock()
        inFlight -= 1
        if case .failure(let error) = result, failure == nil { failure = error }
        lock.unlock()
        pump()
    }
}
