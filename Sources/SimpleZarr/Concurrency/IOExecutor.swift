// The bounded executor for store I/O, apart from the CPU pool that decodes chunks.
//
// Remote reads are latency-bound: a request spends its time waiting for the network, not
// computing. An `IOExecutor` lets up to `maxInFlight` requests be outstanding at once and
// queues the others in FIFO order. Requests that complete through a callback (URLSession)
// hold a slot but no thread; blocking calls (`run`) get a thread of the executor's own, never
// one of a `ThreadPoolExecutor`, so network waits never occupy the CPU pool.

import Foundation

/// Limits how many store requests are in flight at once (at least 64 by default).
///
/// `start` runs an operation that reports its result through a callback (no thread is held
/// while it waits); `run` runs a blocking call on one of the executor's own threads. Either
/// way the operation holds one of `maxInFlight` slots until it reports, and waiting operations
/// start in submission order. Completions and callbacks never wait for anything, so a
/// one-slot executor next to a one-worker CPU pool still finishes every read.
///
/// ```swift
/// IOExecutor.shared = IOExecutor(maxInFlight: 256)   // process-wide
/// let store = try HTTPStore(url: url, ioExecutor: IOExecutor(maxInFlight: 16))   // one store
/// ```
// @unchecked Sendable: `inFlight`, `waiting`, `head` and `draining` are only accessed while `lock` is held.
public final class IOExecutor: @unchecked Sendable {
    /// The default number of requests in flight.
    public static let defaultMaxInFlight = 64

    /// The largest number of operations in flight at the same time (at least 1).
    public let maxInFlight: Int

    private let lock = NSLock()
    private var inFlight = 0
    private var waiting: [@Sendable () -> Void] = []
    private var head = 0
    /// Whether some thread is inside `drain()`.
    private var draining = false
    /// The threads of blocking calls: as many as slots, so a started call never queues there.
    private let threads: ThreadPoolExecutor

    /// Creates an executor with `maxInFlight` slots (values below 1 are raised to 1).
    public init(maxInFlight: Int = IOExecutor.defaultMaxInFlight, label: String = "simplezarr.io") {
        self.maxInFlight = max(1, min(maxInFlight, 1 << 20))
        threads = ThreadPoolExecutor(maxWorkers: self.maxInFlight, label: label)
    }

    // MARK: Shared default

    private static let sharedStorage = LockedValue<IOExecutor?>(nil)

    /// The process-wide executor (64 slots), created on first use; stores use it unless given
    /// another. Assigning replaces it for stores created afterwards.
    public static var shared: IOExecutor {
        get {
            sharedStorage.withLock { stored in
                if let executor = stored { return executor }
                let executor = IOExecutor()
                stored = executor
                return executor
            }
        }
        set {
            sharedStorage.withLock { $0 = newValue }
        }
    }

    // MARK: Running operations

    /// Starts `operation` when a slot is free and returns the future of what it reports.
    ///
    /// `operation` receives the callback to call exactly once with its outcome (later calls
    /// are ignored); it must not block. The slot is freed when the callback is called.
    public func start<T: Sendable>(
        _ operation: @escaping @Sendable (_ done: @escaping @Sendable (Result<T, any Error>) -> Void) -> Void
    ) -> Future<T> {
        let future = Future<T>()
        let job: @Sendable () -> Void = { [self] in
            let reported = LockedValue(false)
            operation { result in
                guard reported.withLock({ done in defer { done = true }; return !done }) else { return }
                self.release()
                future.complete(with: result)
            }
        }
        lock.lock()
        waiting.append(job)
        lock.unlock()
        drain()
        return future
    }

    /// Runs the blocking `work` on a thread of this executor when a slot is free.
    ///
    /// `work` must not wait for another operation of the same executor (a wrapper whose blocking
    /// call waits for a remote store on the same executor): with every slot held by such calls,
    /// what they wait for could never start. Give the wrapper an executor of its own.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) -> Future<T> {
        start { [threads] done in
            threads.submit(work).onComplete(done)
        }
    }

    /// Frees a slot and lets the next waiting operation have it.
    private func release() {
        lock.lock()
        inFlight -= 1
        lock.unlock()
        drain()
    }

    /// Starts waiting operations while slots are free. Only one thread drains at a time; an
    /// operation that completes at once (inside `job()`) only frees its slot and returns, and
    /// the draining thread looks again before it stops, so the stack never grows with the queue.
    private func drain() {
        lock.lock()
        if draining {
            lock.unlock()
            return
        }
        draining = true
        while inFlight < maxInFlight, head < waiting.count {
            let job = waiting[head]
            head += 1
            inFlight += 1
            if head >= 1024, head * 2 >= waiting.count {
                waiting.removeFirst(head)
                head = 0
            }
            lock.unlock()
            job()
            lock.lock()
        }
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        }
        draining = false
        lock.unlock()
    }
}
