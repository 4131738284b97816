// A hand-written future, the Swift counterpart of Python's `concurrent.futures.Future`.
//
// A future is a one-shot box for a `Result`: it starts pending, may be marked as
// running by whoever executes the work, and is completed exactly once (success,
// failure or cancellation). Callers either block on `result()`, register a
// callback with `onComplete`, or `await` the `value` from Swift concurrency.

import Foundation

// MARK: - FutureError

/// Errors produced by futures and executors themselves (not by the work they run).
public enum FutureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The future was cancelled before its work started (Python's `CancelledError`).
    case cancelled
    /// The future was not done within the requested time (Python's `TimeoutError`).
    case timeout
    /// Work was submitted to an executor after `shutdown()` (Python's `RuntimeError`).
    case executorShutdown

    /// A short human-readable explanation.
    public var description: String {
        switch self {
        case .cancelled: return "future cancelled"
        case .timeout: return "timed out waiting for future"
        case .executorShutdown: return "cannot schedule new work after executor shutdown"
        }
    }
}

// MARK: - Future

/// The eventual result of some work: a value of type `T`, or an error.
///
/// A future is completed once; later completions are ignored. It is safe to use
/// from any number of threads. Mirrors Python's `concurrent.futures.Future`:
///
/// | Python | Swift |
/// |---|---|
/// | `f.result(timeout=None)` | `try f.result()` / `try f.result(timeout:)` |
/// | `f.exception()` | `try f.exception()` (or the non-blocking `f.error`) |
/// | `f.done()`, `f.running()`, `f.cancelled()` | `f.isDone`, `f.isRunning`, `f.isCancelled` |
/// | `f.cancel()` | `f.cancel()` |
/// | `f.add_done_callback(cb)` | `f.onComplete { result in ... }` |
/// | `f.set_result(v)`, `f.set_exception(e)` | `f.succeed(v)`, `f.fail(e)` |
/// | `f.set_running_or_notify_cancel()` | `f.markRunning()` |
/// | `await asyncio.wrap_future(f)` | `try await f.value` |
// @unchecked Sendable: every mutable stored property (`state`, `callbacks`) is
// read and written only while `condition` is locked.
public final class Future<T: Sendable>: @unchecked Sendable, CustomStringConvertible {
    /// A completion callback.
    public typealias Callback = @Sendable (Result<T, any Error>) -> Void

    private enum State {
        case pending
        case running
        case done(Result<T, any Error>, cancelled: Bool)
    }

    /// Guards `state` and `callbacks`; waiters in `result()` sleep on it.
    private let condition = NSCondition()
    private var state: State
    private var callbacks: [Callback] = []

    // MARK: Creating

    /// Creates a pending future that its owner completes later with
    /// `succeed(_:)`, `fail(_:)` or `complete(with:)`.
    public init() {
        state = .pending
    }

    private init(result: Result<T, any Error>) {
        state = .done(result, cancelled: false)
    }

    /// Returns a future that is already done with `value`.
    public static func succeeded(_ value: T) -> Future<T> {
        Future(result: .success(value))
    }

    /// Returns a future that has already failed with `error`.
    public static func failed(_ error: any Error) -> Future<T> {
        Future(result: .failure(error))
    }

    /// Runs `body` now, on the calling thread, and returns a future already done with its
    /// value or its error.
    public static func completed(catching body: () throws -> T) -> Future<T> {
        Future(result: Result(catching: body))
    }

    // MARK: Completing

    /// Completes the future with `value`.
    ///
    /// - Returns: `true` if this call completed the future, `false` if it was
    ///   already done (the first completion wins).
    @discardableResult
    public func succeed(_ value: T) -> Bool {
        finish(.success(value), cancelled: false)
    }

    /// Completes the future with `error`.
    ///
    /// - Returns: `true` if this call completed the future, `false` if it was already done.
    @discardableResult
    public func fail(_ error: any Error) -> Bool {
        finish(.failure(error), cancelled: false)
    }

    /// Completes the future with `result`.
    ///
    /// - Returns: `true` if this call completed the future, `false` if it was already done.
    @discardableResult
    public func complete(with result: Result<T, any Error>) -> Bool {
        finish(result, cancelled: false)
    }

    /// Marks a pending future as running, so that `cancel()` can no longer stop it.
    ///
    /// Whoever executes the work calls this just before starting it, and skips
    /// the work when it returns `false` (Python's `set_running_or_notify_cancel`).
    ///
    /// - Returns: `true` if the future was pending and is now running; `false` if it
    ///   is already running or done (cancelled included).
    @discardableResult
    public func markRunning() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard case .pending = state else { return false }
        state = .running
        return true
    }

    /// Cancels the future if its work has not started yet.
    ///
    /// A cancelled future is done and failed with `FutureError.cancelled`; its
    /// callbacks run with that error. Running or finished work cannot be cancelled.
    ///
    /// - Returns: `true` if the future is now cancelled (also when it already was),
    ///   `false` if it is running or finished.
    @discardableResult
    public func cancel() -> Bool {
        condition.lock()
        switch state {
        case .done(_, let cancelled):
            condition.unlock()
            return cancelled
        case .running:
            condition.unlock()
            return false
        case .pending:
            condition.unlock()
            // Another thread may win the race in between; `finish` decides.
            if finish(.failure(FutureError.cancelled), cancelled: true) { return true }
            return isCancelled
        }
    }

    /// Stores the result once, wakes the waiters, then runs the callbacks on this thread.
    private func finish(_ result: Result<T, any Error>, cancelled: Bool) -> Bool {
        condition.lock()
        switch state {
        case .done:
            condition.unlock()
            return false
        case .running where cancelled:
            condition.unlock()
            return false
        case .pending, .running:
            state = .done(result, cancelled: cancelled)
            let toRun = callbacks
            callbacks = []
            condition.broadcast()
            condition.unlock()
            for callback in toRun { callback(result) }
            return true
        }
    }

    // MARK: Inspecting

    /// `true` once the future has a result: succeeded, failed or cancelled.
    public var isDone: Bool {
        peek() != nil
    }

    /// `true` while the work is executing (after `markRunning()`, before completion).
    public var isRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        if case .running = state { return true }
        return false
    }

    /// `true` if the future was cancelled before its work started.
    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        if case .done(_, true) = state { return true }
        return false
    }

    /// The failure, without waiting: `nil` while pending or after success.
    /// A cancelled future reports `FutureError.cancelled`.
    public var error: (any Error)? {
        if case .failure(let error)? = peek() { return error }
        return nil
    }

    /// The result if the future is done, else `nil`. Never blocks.
    public func peek() -> Result<T, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        if case .done(let result, _) = state { return result }
        return nil
    }

    /// The state and the value type, like Python's `repr()`: `Future<Int>(pending)`,
    /// `(running)`, `(finished)`, `(cancelled)` or `(failed: <error>)`.
    public var description: String {
        switch peekState() {
        case .pending: return "Future<\(T.self)>(pending)"
        case .running: return "Future<\(T.self)>(running)"
        case .done(_, cancelled: true): return "Future<\(T.self)>(cancelled)"
        case .done(.success, _): return "Future<\(T.self)>(finished)"
        case .done(.failure(let error), _): return "Future<\(T.self)>(failed: \(error))"
        }
    }

    private func peekState() -> State {
        condition.lock()
        defer { condition.unlock() }
        return state
    }

    // MARK: Waiting (blocking)

    /// Blocks the calling thread until the future is done, then returns its value
    /// or throws its error (`FutureError.cancelled` if it was cancelled).
    ///
    /// - Warning: Do not call this from a job running on a `ThreadPoolExecutor`
    ///   to wait for another job of the same pool: if every worker waits, nothing
    ///   is left to run the awaited work and the pool deadlocks. Compose with
    ///   `onComplete`, `map`, `flatMap` or `Future.all` instead. Likewise, do not
    ///   block a Swift concurrency task with it; use `value`.
    public func result() throws -> T {
        try wait(deadline: nil).get()
    }

    /// Like `result()`, but gives up after `timeout` seconds and throws
    /// `FutureError.timeout`. A timeout of zero or less only checks; an infinite
    /// timeout waits forever. Giving up does not cancel the work.
    public func result(timeout: Double) throws -> T {
        try wait(deadline: Self.deadline(timeout)).get()
    }

    /// Blocks until the future is done and returns its failure, or `nil` after success.
    ///
    /// Like Python's `exception()`: throws `FutureError.cancelled` if the future
    /// was cancelled, and `FutureError.timeout` if `timeout` seconds pass first
    /// (`nil` waits forever). The same deadlock warning as for `result()` applies.
    public func exception(timeout: Double? = nil) throws -> (any Error)? {
        let result = try wait(deadline: timeout.flatMap(Self.deadline))
        if isCancelled { throw FutureError.cancelled }
        if case .failure(let error) = result { return error }
        return nil
    }

    /// `nil` means "wait forever".
    private static func deadline(_ timeout: Double) -> Date? {
        if timeout.isNaN || timeout <= 0 { return Date.distantPast }
        if timeout.isInfinite { return nil }
        return Date(timeIntervalSinceNow: timeout)
    }

    private func wait(deadline: Date?) throws -> Result<T, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if case .done(let result, _) = state { return result }
            if let deadline {
                if !condition.wait(until: deadline) {
                    if case .done(let result, _) = state { return result }
                    throw FutureError.timeout
                }
            } else {
                condition.wait()
            }
        }
    }

    // MARK: Callbacks and composition (never blocking)

    /// Registers `callback` to run exactly once with the result.
    ///
    /// If the future is pending, the callback runs later on the thread that
    /// completes it; if it is already done, it runs immediately on the caller's
    /// thread, before `onComplete` returns. Callbacks run in registration order.
    /// Keep them short: they delay the completing thread (often a pool worker).
    public func onComplete(_ callback: @escaping Callback) {
        condition.lock()
        if case .done(let result, _) = state {
            condition.unlock()
            callback(result)
            return
        }
        callbacks.append(callback)
        condition.unlock()
    }

    /// Returns a future holding `transform` applied to this future's value.
    ///
    /// The transform runs in a completion callback (see `onComplete`). An error
    /// from this future, or thrown by `transform`, fails the returned future.
    public func map<U: Sendable>(_ transform: @escaping @Sendable (T) throws -> U) -> Future<U> {
        let mapped = Future<U>()
        onComplete { result in
            switch result {
            case .success(let value):
                do { mapped.succeed(try transform(value)) } catch { mapped.fail(error) }
            case .failure(let error):
                mapped.fail(error)
            }
        }
        return mapped
    }

    /// Chains dependent asynchronous work: when this future succeeds, `transform`
    /// starts the next piece of work and the returned future follows its result.
    ///
    /// Errors from this future, from `transform`, or from the future it returns
    /// fail the returned future. Never blocks.
    public func flatMap<U: Sendable>(
        _ transform: @escaping @Sendable (T) throws -> Future<U>
    ) -> Future<U> {
        let chained = Future<U>()
        onComplete { result in
            switch result {
            case .success(let value):
                do {
                    try transform(value).onComplete { chained.complete(with: $0) }
                } catch {
                    chained.fail(error)
                }
            case .failure(let error):
                chained.fail(error)
            }
        }
        return chained
    }

    // MARK: Swift concurrency

    /// The value, awaited without blocking a thread (Python's `asyncio.wrap_future`).
    ///
    /// Throws the future's error. If the awaiting task is cancelled, the wait
    /// ends with `CancellationError`; the future and its work are left alone.
    public var value: T {
        get async throws {
            if let result = peek() { return try result.get() }
            let waiter = ContinuationWaiter<T>()
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    waiter.install(continuation)
                    onComplete { waiter.resume(with: $0) }
                }
            } onCancel: {
                waiter.resume(with: .failure(CancellationError()))
            }
        }
    }
}

// MARK: - Void convenience

extension Future where T == Void {
    /// Completes a `Future<Void>` successfully.
    @discardableResult
    public func succeed() -> Bool {
        succeed(())
    }
}

// MARK: - Continuation bridge

/// Resumes a checked continuation exactly once, whichever comes first:
/// the future's completion or the task's cancellation.
// @unchecked Sendable: `continuation`, `finished` and `early` are only accessed
// with `lock` held. (NSLock rather than Synchronization.Mutex so that
// ThreadSanitizer, which cannot see Mutex's futex on Linux, stays quiet.)
private final class ContinuationWaiter<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var finished = false
    private var early: Result<T, any Error>?

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        guard let early else {
            self.continuation = continuation
            lock.unlock()
            return
        }
        finished = true
        self.early = nil
        lock.unlock()
        continuation.resume(with: early)
    }

    func resume(with result: Result<T, any Error>) {
        lock.lock()
        guard !finished else { lock.unlock(); return }
        guard let waiting = continuation else {
            // Not installed yet (cancellation can come first): keep it for `install`.
            if early == nil { early = result }
            lock.unlock()
            return
        }
        finished = true
        continuation = nil
        lock.unlock()
        waiting.resume(with: result)
    }
}
