import Dispatch
import Foundation
import XCTest

@testable import SimpleZarr

/// An error for the concurrency tests, carrying a tag so tests can tell which failure won.
struct ConcurrencyTestError: Error, Equatable {
    let tag: Int
}

/// A lock-guarded value for the concurrency tests. NSLock, not Synchronization.Mutex,
/// so that ThreadSanitizer (blind to Mutex's futex on Linux) gives no false reports.
// @unchecked Sendable: `value` is only accessed with `lock` held.
final class ConcurrencyLocked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// A thread-safe counter for the concurrency tests.
final class ConcurrencyCounter: Sendable {
    private let storage = ConcurrencyLocked(0)
    var value: Int { storage.withLock { $0 } }
    @discardableResult
    func increment() -> Int { storage.withLock { $0 += 1; return $0 } }
}

final class FutureTests: XCTestCase {

    // MARK: Completion

    func testSucceededAndFailedFactories() throws {
        let ok = Future.succeeded(42)
        XCTAssertTrue(ok.isDone)
        XCTAssertFalse(ok.isCancelled)
        XCTAssertEqual(try ok.result(), 42)
        XCTAssertNil(ok.error)

        let bad = Future<Int>.failed(ConcurrencyTestError(tag: 1))
        XCTAssertTrue(bad.isDone)
        XCTAssertThrowsError(try bad.result()) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 1)) }
        XCTAssertEqual(bad.error as? ConcurrencyTestError, ConcurrencyTestError(tag: 1))
    }

    func testFirstCompletionWins() throws {
        let f = Future<Int>()
        XCTAssertFalse(f.isDone)
        XCTAssertNil(f.error)
        XCTAssertNil(f.peek())
        XCTAssertTrue(f.succeed(1))
        XCTAssertFalse(f.succeed(2))
        XCTAssertFalse(f.fail(ConcurrencyTestError(tag: 3)))
        XCTAssertFalse(f.complete(with: .success(4)))
        XCTAssertFalse(f.cancel())
        XCTAssertEqual(try f.result(), 1)
    }

    func testResultBlocksUntilCompletedFromAnotherThread() throws {
        let f = Future<String>()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { f.succeed("done") }
        XCTAssertEqual(try f.result(), "done")
    }

    func testResultTimeoutThrowsTimeoutInAboutTheTimeout() {
        let f = Future<Int>()
        let start = Date()
        XCTAssertThrowsError(try f.result(timeout: 0.2)) { XCTAssertEqual($0 as? FutureError, .timeout) }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.19)
        XCTAssertLessThan(elapsed, 1.5)
        XCTAssertFalse(f.isDone, "a timeout does not complete or cancel the future")

        XCTAssertThrowsError(try f.result(timeout: 0)) { XCTAssertEqual($0 as? FutureError, .timeout) }
        XCTAssertThrowsError(try f.result(timeout: -1)) { XCTAssertEqual($0 as? FutureError, .timeout) }
        XCTAssertThrowsError(try f.exception(timeout: 0.01)) { XCTAssertEqual($0 as? FutureError, .timeout) }
    }

    func testResultTimeoutReturnsWhenCompletedInTime() throws {
        let f = Future<Int>()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { f.succeed(7) }
        XCTAssertEqual(try f.result(timeout: 5), 7)
        XCTAssertEqual(try Future.succeeded(8).result(timeout: 0), 8)
    }

    func testExceptionMirrorsPython() throws {
        XCTAssertNil(try Future.succeeded(1).exception())
        let failed = Future<Int>.failed(ConcurrencyTestError(tag: 5))
        XCTAssertEqual(try failed.exception() as? ConcurrencyTestError, ConcurrencyTestError(tag: 5))

        let cancelled = Future<Int>()
        XCTAssertTrue(cancelled.cancel())
        XCTAssertThrowsError(try cancelled.exception()) { XCTAssertEqual($0 as? FutureError, .cancelled) }
        XCTAssertEqual(cancelled.error as? FutureError, .cancelled)
    }

    func testVoidFuture() throws {
        let f = Future<Void>()
        XCTAssertTrue(f.succeed())
        XCTAssertNoThrow(try f.result())
    }

    func testDescription() {
        let f = Future<Int>()
        XCTAssertEqual(f.description, "Future<Int>(pending)")
        XCTAssertTrue(f.markRunning())
        XCTAssertTrue(f.isRunning)
        XCTAssertEqual(f.description, "Future<Int>(running)")
        f.succeed(1)
        XCTAssertEqual(f.description, "Future<Int>(finished)")
        XCTAssertEqual(Future<Int>.failed(FutureError.timeout).description,
                       "Future<Int>(failed: timed out waiting for future)")
        let c = Future<Int>()
        c.cancel()
        XCTAssertEqual(c.description, "Future<Int>(cancelled)")
    }

    // MARK: Cancellation

    func testCancelPendingFuture() {
        let f = Future<Int>()
        let seen = ConcurrencyLocked<Result<Int, any Error>?>(nil)
        f.onComplete { r in seen.withLock { $0 = r } }

        XCTAssertTrue(f.cancel())
        XCTAssertTrue(f.cancel(), "cancelling twice still reports cancelled")
        XCTAssertTrue(f.isCancelled)
        XCTAssertTrue(f.isDone)
        XCTAssertFalse(f.markRunning())
        XCTAssertFalse(f.succeed(1))
        XCTAssertThrowsError(try f.result()) { XCTAssertEqual($0 as? FutureError, .cancelled) }
        let callbackError = seen.withLock { r -> FutureError? in
            if case .failure(let e)? = r { return e as? FutureError }
            return nil
        }
        XCTAssertEqual(callbackError, .cancelled)
    }

    func testCancelRunningOrFinishedFails() {
        let running = Future<Int>()
        XCTAssertTrue(running.markRunning())
        XCTAssertFalse(running.markRunning())
        XCTAssertFalse(running.cancel())
        XCTAssertFalse(running.isCancelled)
        running.succeed(3)
        XCTAssertFalse(running.cancel())
        XCTAssertFalse(Future.succeeded(1).cancel())
        XCTAssertFalse(Future<Int>.failed(ConcurrencyTestError(tag: 0)).cancel())
    }

    // MARK: Callbacks

    func testOnCompleteRunsExactlyOnceFromManyThreads() {
        let f = Future<Int>()
        let n = 200
        let calls = ConcurrencyLocked([Int](repeating: 0, count: n))
        let values = ConcurrencyLocked(Set<Int>())
        DispatchQueue.concurrentPerform(iterations: n) { i in
            // Callbacks race with several completions; half are added after completion.
            f.onComplete { r in
                calls.withLock { $0[i] += 1 }
                if case .success(let v) = r { values.withLock { _ = $0.insert(v) } }
            }
            if i % 20 == 10 { f.succeed(i) }
        }
        f.onComplete { _ in calls.withLock { _ in } }  // late registration still fine
        XCTAssertEqual(calls.withLock { $0 }, [Int](repeating: 1, count: n))
        XCTAssertEqual(values.withLock { $0.count }, 1, "every callback sees the same winning value")
    }

    func testOnCompleteAfterDoneRunsImmediatelyOnCallerThread() {
        let f = Future.succeeded(5)
        let ran = ConcurrencyCounter()
        let caller = ObjectIdentifier(Thread.current)
        let sameThread = ConcurrencyLocked(false)
        f.onComplete { _ in
            ran.increment()
            sameThread.withLock { $0 = ObjectIdentifier(Thread.current) == caller }
        }
        XCTAssertEqual(ran.value, 1, "ran before onComplete returned")
        XCTAssertTrue(sameThread.withLock { $0 })
    }

    func testOnCompleteRunsInRegistrationOrder() {
        let f = Future<Int>()
        let order = ConcurrencyLocked([Int]())
        for i in 0..<10 { f.onComplete { _ in order.withLock { $0.append(i) } } }
        f.succeed(0)
        XCTAssertEqual(order.withLock { $0 }, Array(0..<10))
    }

    // MARK: Composition

    func testMapTransformsValuesAndPropagatesErrors() throws {
        let source = Future<Int>()
        let doubled = source.map { $0 * 2 }
        let text = doubled.map { "value \($0)" }
        XCTAssertFalse(text.isDone)
        source.succeed(21)
        XCTAssertEqual(try text.result(), "value 42")

        let failing = Future<Int>.failed(ConcurrencyTestError(tag: 9)).map { $0 + 1 }
        XCTAssertThrowsError(try failing.result()) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 9)) }

        let throwing = Future.succeeded(1).map { (_: Int) -> Int in throw ConcurrencyTestError(tag: 10) }
        XCTAssertThrowsError(try throwing.result()) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 10)) }
    }

    func testFlatMapChainsFutures() throws {
        let inner = Future<Int>()
        let chained = Future.succeeded(2).flatMap { x in inner.map { $0 * x } }
        XCTAssertFalse(chained.isDone)
        inner.succeed(21)
        XCTAssertEqual(try chained.result(), 42)

        let innerFails = Future.succeeded(1).flatMap { _ in Future<Int>.failed(ConcurrencyTestError(tag: 1)) }
        XCTAssertThrowsError(try innerFails.result()) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 1)) }
        let outerFails = Future<Int>.failed(ConcurrencyTestError(tag: 2)).flatMap { Future.succeeded($0) }
        XCTAssertThrowsError(try outerFails.result()) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 2)) }
        let transformThrows = Future.succeeded(1).flatMap { (_: Int) -> Future<Int> in throw ConcurrencyTestError(tag: 3) }
        XCTAssertThrowsError(try transformThrows.result()) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 3)) }
    }

    func testAllKeepsOrderNotCompletionOrder() throws {
        let futures = (0..<5).map { _ in Future<Int>() }
        let all = Future.all(futures)
        for i in [3, 1, 4, 0] { futures[i].succeed(i * 10) }
        XCTAssertFalse(all.isDone)
        futures[2].succeed(20)
        XCTAssertEqual(try all.result(timeout: 5), [0, 10, 20, 30, 40])
    }

    func testAllOfNothingSucceedsAtOnce() throws {
        let all = Future<Int>.all([])
        XCTAssertTrue(all.isDone)
        XCTAssertEqual(try all.result(), [])
    }

    func testAllFailsWithFirstErrorByCompletionOrder() {
        let futures = (0..<3).map { _ in Future<Int>() }
        let all = Future.all(futures)
        futures[2].fail(ConcurrencyTestError(tag: 2))
        XCTAssertTrue(all.isDone, "fails without waiting for the others")
        futures[0].fail(ConcurrencyTestError(tag: 0))
        futures[1].succeed(1)
        XCTAssertThrowsError(try all.result()) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 2)) }
    }

    func testAllWithCancelledInputFailsCancelled() {
        let a = Future<Int>()
        let all = Future.all([a, Future.succeeded(1)])
        a.cancel()
        XCTAssertThrowsError(try all.result()) { XCTAssertEqual($0 as? FutureError, .cancelled) }
    }

    func testWaitAll() throws {
        let futures = (0..<10).map { i in Future<Int>() }
        for (i, f) in futures.enumerated() {
            DispatchQueue.global().async { f.succeed(i * i) }
        }
        XCTAssertEqual(try waitAll(futures), (0..<10).map { $0 * $0 })
        XCTAssertThrowsError(try waitAll([Future<Int>()], timeout: 0.05)) {
            XCTAssertEqual($0 as? FutureError, .timeout)
        }
        XCTAssertThrowsError(try waitAll([Future.succeeded(1), .failed(ConcurrencyTestError(tag: 4))])) {
            XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 4))
        }
    }

    // MARK: Swift concurrency

    func testValueAwaitsCompletion() async throws {
        let f = Future<Int>()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { f.succeed(99) }
        let v = try await f.value
        XCTAssertEqual(v, 99)
        let again = try await f.value
        XCTAssertEqual(again, 99, "awaiting a done future returns at once")
    }

    func testValueRethrowsFailure() async {
        let f = Future<Int>()
        DispatchQueue.global().async { f.fail(ConcurrencyTestError(tag: 7)) }
        do {
            _ = try await f.value
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error as? ConcurrencyTestError, ConcurrencyTestError(tag: 7))
        }
        do {
            _ = try await f.map { $0 + 1 }.value
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error as? ConcurrencyTestError, ConcurrencyTestError(tag: 7))
        }
    }

    func testCancellingTheAwaitingTaskEndsTheWaitButLeavesTheFuture() async {
        let f = Future<Int>()
        let task = Task { try await f.value }
        try? await Task.sleep(nanoseconds: 20_000_000)
        task.cancel()
        let outcome = await task.result
        switch outcome {
        case .success: XCTFail("expected CancellationError")
        case .failure(let error): XCTAssertTrue(error is CancellationError, "\(error)")
        }
        XCTAssertFalse(f.isDone)
        XCTAssertTrue(f.succeed(1), "the future is still usable")
    }

    func testValueInAlreadyCancelledTask() async {
        let f = Future<Int>()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await f.value
        }
        let outcome = await task.result
        if case .success = outcome { XCTFail("expected CancellationError") }
        f.succeed(1)
    }
}

final class FutureCompletedTests: XCTestCase {
    func testCompletedCatchingRunsNowAndKeepsValueOrError() throws {
        var ran = false
        let ok = Future<Int>.completed { ran = true; return 7 }
        XCTAssertTrue(ran)
        XCTAssertTrue(ok.isDone)
        XCTAssertEqual(try ok.result(), 7)
        struct Boom: Error {}
        let bad = Future<Int>.completed { throw Boom() }
        XCTAssertTrue(bad.isDone)
        XCTAssertThrowsError(try bad.result()) { XCTAssertTrue($0 is Boom) }
    }
}
