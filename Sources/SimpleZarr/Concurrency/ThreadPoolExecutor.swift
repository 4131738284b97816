// A bounded thread pool on top of Dispatch, the counterpart of Python's
// `concurrent.futures.ThreadPoolExecutor`.
//
// Jobs wait in a FIFO guarded by a lock. At most `maxWorkers` worker loops run,
// each on its own serial DispatchQueue; a worker pops a job, runs it, and pulls
// the next until the FIFO is empty, then retires and gives its queue back.
// Submitting starts a worker only while fewer than `maxWorkers` are active.
//
// Why serial queues and not one concurrent queue: libdispatch backs serial queues
// with "overcommit" threads, but on Linux a concurrent queue gets only about one
// thread per CPU, so jobs that sleep or wait on I/O (the usual case for a store)
// would never reach `maxWorkers` running at once.

import Foundation
import Dispatch
import ZarrCompression

/// Runs submitted closures on at most `maxWorkers` threads at once and returns
/// a `Future` for each.
///
/// | Python | Swift |
/// |---|---|
/// | `ThreadPoolExecutor(max_workers=8)` | `ThreadPoolExecutor(maxWorkers: 8)` |
/// | `ex.submit(fn, *args)` | `ex.submit { fn(args) }` |
/// | `ex.map(fn, items)` | `try ex.map(items, fn)` |
/// | `ex.shutdown(wait=True, cancel_futures=False)` | `ex.shutdown(wait: true, cancelFutures: false)` |
///
/// Jobs start in submission order. A job whose future was cancelled before it
/// started is skipped; an error thrown by a job fails its future.
///
/// - Important: Never block a job on a future of the same pool (`result()`,
///   `waitAll`, `map`): when all workers wait, the awaited jobs never run.
///   Fan out with `submit` and aggregate with `onComplete`, `Future.all`, `map`
///   or `flatMap`; that works with any pool size, even 1.
// @unchecked Sendable: the mutable state (`jobs`, `head`, `activeWorkers`,
// `idleQueues`, `createdQueues`, `shutDown`) is only accessed while `condition`
// is locked; everything else is `let`.
public final class ThreadPoolExecutor: @unchecked Sendable {
    /// One queued piece of work, type-erased.
    private struct Job {
        /// Runs the work unless its future was cancelled.
        let run: @Sendable () -> Void
        /// Cancels the job's future (used by `shutdown(cancelFutures: true)`).
        let cancel: @Sendable () -> Void
    }

    /// The largest number of jobs that run at the same time (at least 1).
    public let maxWorkers: Int
    /// The label of the worker DispatchQueues (suffixed `.1`, `.2`, ...; shows up
    /// in debuggers and crash logs).
    public let label: String

    /// Marks the pool's queues so a job can tell it is running on this pool.
    private let onPoolKey = DispatchSpecificKey<Bool>()

    /// Guards the state below; `shutdown(wait: true)` sleeps on it.
    private let condition = NSCondition()
    /// FIFO of pending jobs; slots before `head` are consumed (nil, so they release their closures).
    private var jobs: [Job?] = []
    private var head = 0
    private var activeWorkers = 0
    /// Serial queues of retired workers, reused before new ones are created.
    private var idleQueues: [DispatchQueue] = []
    private var createdQueues = 0
    private var shutDown = false

    /// Creates a pool that runs up to `maxWorkers` jobs at once.
    ///
    /// - Parameters:
    ///   - maxWorkers: the concurrency limit; values below 1 are raised to 1.
    ///   - label: the prefix of the worker DispatchQueue labels.
    public init(maxWorkers: Int = 8, label: String = "simplezarr.executor") {
        self.maxWorkers = max(1, maxWorkers)
        self.label = label
    }

    // MARK: Shared default

    private static let sharedStorage = LockedValue<ThreadPoolExecutor?>(nil)

    /// The default pool (8 workers), created on first use.
    ///
    /// Assign another executor to replace it for everything created afterwards;
    /// the previous one is not shut down. Reading and writing are thread-safe.
    public static var shared: ThreadPoolExecutor {
        get {
            sharedStorage.withLock { stored in
                if let executor = stored { return executor }
                let executor = ThreadPoolExecutor()
                stored = executor
                return executor
            }
        }
        set {
            sharedStorage.withLock { $0 = newValue }
        }
    }

    // MARK: Submitting

    /// Schedules `work` and returns a future for its result.
    ///
    /// The future fails with whatever `work` throws. After `shutdown()`, the
    /// work is not scheduled and the future fails with `FutureError.executorShutdown`.
    public func submit<T: Sendable>(_ work: @escaping @Sendable () throws -> T) -> Future<T> {
        let future = Future<T>()
        let job = Job(
            run: {
                guard future.markRunning() else { return }
                do { future.succeed(try work()) } catch { future.fail(error) }
            },
            cancel: { future.cancel() }
        )

        condition.lock()
        if shutDown {
            condition.unlock()
            future.fail(FutureError.executorShutdown)
            return future
        }
        jobs.append(job)
        let workerQueue = activeWorkers < maxWorkers ? takeQueueLocked() : nil
        condition.unlock()

        if let workerQueue {
            workerQueue.async { self.workerLoop(on: workerQueue) }
        }
        return future
    }

    /// Runs `transform` on every item in the pool and blocks until all are done,
    /// returning the results in order (Python's `executor.map`, fully consumed).
    ///
    /// Throws the first error by completion order. Do not call it from a job of
    /// this pool.
    public func map<S: Sequence, U: Sendable>(
        _ items: S,
        _ transform: @escaping @Sendable (S.Element) throws -> U
    ) throws -> [U] where S.Element: Sendable {
        let futures = items.map { item in submit { try transform(item) } }
        return try waitAll(futures)
    }

    // MARK: Shutting down

    /// `true` once `shutdown()` has been called.
    public var isShutdown: Bool {
        condition.lock()
        defer { condition.unlock() }
        return shutDown
    }

    /// Stops accepting work. Calling it again is harmless.
    ///
    /// - Parameters:
    ///   - wait: if `true`, block until every queued and running job has finished.
    ///     When called from a job of this pool it does not wait (that would wait
    ///     for itself).
    ///   - cancelFutures: if `true`, cancel the jobs that have not started yet;
    ///     their futures fail with `FutureError.cancelled`.
    public func shutdown(wait: Bool = true, cancelFutures: Bool = false) {
        condition.lock()
        shutDown = true
        var cancelled: [Job] = []
        if cancelFutures {
            cancelled = jobs[head...].compactMap { $0 }
            jobs.removeAll()
            head = 0
        }
        condition.unlock()

        for job in cancelled { job.cancel() }

        guard wait, DispatchQueue.getSpecific(key: onPoolKey) == nil else { return }
        condition.lock()
        while activeWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    // MARK: Workers

    /// Claims a worker slot and its serial queue. Call with the lock held.
    private func takeQueueLocked() -> DispatchQueue {
        activeWorkers += 1
        if let queue = idleQueues.popLast() { return queue }
        createdQueues += 1
        let queue = DispatchQueue(label: "\(label).\(createdQueues)")
        queue.setSpecific(key: onPoolKey, value: true)
        return queue
    }

    /// Runs jobs until the FIFO is empty, then retires.
    private func workerLoop(on queue: DispatchQueue) {
        while let job = nextJob(retiring: queue) {
            #if canImport(ObjectiveC)
            autoreleasepool { job.run() }
            #else
            job.run()
            #endif
        }
    }

    /// Pops the oldest job, or retires this worker (under the lock) when there is
    /// none, giving its queue back for reuse.
    private func nextJob(retiring queue: DispatchQueue) -> Job? {
        condition.lock()
        defer { condition.unlock() }
        guard head < jobs.count else {
            jobs.removeAll(keepingCapacity: true)
            head = 0
            idleQueues.append(queue)
            activeWorkers -= 1
            if activeWorkers == 0 { condition.broadcast() }
            return nil
        }
        let job = jobs[head]
        jobs[head] = nil
        head += 1
        // Drop the consumed prefix now and then so the array does not grow forever.
        if head >= 1024, head * 2 >= jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}
