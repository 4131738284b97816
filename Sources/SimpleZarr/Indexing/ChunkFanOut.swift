// Running one task per chunk part on an executor, with a bounded number of
// tasks in flight. Parts are pulled from the lazy iterator only when a slot
// frees up, so a selection over millions of chunks never holds more than a
// few dozen tasks (and their chunk buffers) at once. Completions submit the
// next parts through callbacks; no thread ever waits for a task of the pool,
// so a pool of one worker still finishes.

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
    private var inFlight = 0
    private var exhausted = false
    private var failure: (any Error)?
    private var completed = false
    /// Whether some thread is inside `pump()`; others then leave the work to it.
    private var pumping = false

    private init(
        parts: ChunkPartIterator, executor: ThreadPoolExecutor, limit: Int,
        work: @escaping AsyncWork, finish: @escaping @Sendable () throws -> Value
    ) {
        self.parts = parts
        self.executor = executor
        self.limit = limit
        self.work = work
        self.finish = finish
    }

    /// Starts the parts and returns the future of the whole.
    ///
    /// With `callerRunsFirstPart`, the calling thread (which is about to wait anyway) runs the
    /// first part itself while the pool runs the others; a single-chunk operation then never
    /// changes thread.
    static func run(
        _ parts: ChunkPartIterator, on executor: ThreadPoolExecutor, callerRunsFirstPart: Bool,
        _ work: @escaping @Sendable (ChunkPart) throws -> Void,
        finish: @escaping @Sendable () throws -> Value
    ) -> Future<Value> {
        runReporting(parts, on: executor, io: nil, callerRunsFirstPart: callerRunsFirstPart, { part, done in
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
        _ parts: ChunkPartIterator, on executor: ThreadPoolExecutor, io: IOExecutor?, callerRunsFirstPart: Bool,
        _ work: @escaping AsyncWork,
        finish: @escaping @Sendable () throws -> Value
    ) -> Future<Value> {
        // Twice the workers keeps every worker busy while the next part is being submitted.
        // Clamped: an executor may declare any number of workers.
        let limit = max(2 * min(executor.maxWorkers, 1 << 20), io?.maxInFlight ?? 0) + (callerRunsFirstPart ? 1 : 0)
        let fanOut = ChunkFanOut(parts: parts, executor: executor, limit: limit, work: work, finish: finish)
        var first: ChunkPart?
        if callerRunsFirstPart {
            fanOut.lock.lock()
            first = fanOut.takeLocked()
            fanOut.lock.unlock()
        }
        fanOut.pump()
        if let first {
            work(first) { [fanOut] result in fanOut.finished(result) }
        }
        return fanOut.done
    }

    /// The next part to start, counted as in flight, or `nil` when none may start. Call with `lock` held.
    private func takeLocked() -> ChunkPart? {
        guard failure == nil, !exhausted, !done.isDone else { return nil }
        guard let part = parts.next() else {
            exhausted = true
            return nil
        }
        inFlight += 1
        return part
    }

    /// Submits parts while slots are free; completes the future when nothing is left to wait for.
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
            var batch: [ChunkPart] = []
            while inFlight < limit, let part = takeLocked() { batch.append(part) }
            if batch.isEmpty {
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
            lock.unlock()
            for part in batch {
                let done: @Sendable (Result<Void, any Error>) -> Void = { [self] result in finished(result) }
                // The task itself reports through `done`; its future fails only if it never ran
                // (cancelled before starting), which must free the slot too.
                executor.submit { [work] in work(part, done) }.onComplete { result in
                    if case .failure = result { done(result) }
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
