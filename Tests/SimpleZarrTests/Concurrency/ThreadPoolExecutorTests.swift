import Dispatch
import Foundation
import XCTest

@testable import SimpleZarr

/// Tracks how many jobs run at the same time, and the peak.
final class ConcurrencyGauge: Sendable {
    private let state = ConcurrencyLocked((current: 0, peak: 0))
    var peak: Int { state.withLock { $0.peak } }
    func enter() { state.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) } }
    func leave() { state.withLock { $0.current -= 1 } }
}

final class ThreadPoolExecutorTests: XCTestCase {

    // MARK: Basics

    func testTenThousandFuturesOnSharedPool() throws {
        let pool = ThreadPoolExecutor.shared
        XCTAssertEqual(pool.maxWorkers, 8)
        let futures = (0..<10_000).map { i in pool.submit { i * 3 } }
        for (i, f) in futures.enumerated() {
            XCTAssertEqual(try f.result(timeout: 10), i * 3)
        }
        XCTAssertEqual(try Future.all(futures).result(timeout: 10), (0..<10_000).map { $0 * 3 })
    }

    func testFutureAllOverFreshSubmissions() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 8)
        defer { pool.shutdown() }
        let futures = (0..<10_000).map { i in pool.submit { i } }
        let sum = Future.all(futures).map { $0.reduce(0, +) }
        XCTAssertEqual(try sum.result(timeout: 10), (0..<10_000).reduce(0, +))
    }

    func testMaxWorkersIsClampedToOne() throws {
        XCTAssertEqual(ThreadPoolExecutor(maxWorkers: 0).maxWorkers, 1)
        let pool = ThreadPoolExecutor(maxWorkers: -5, label: "test.clamp")
        XCTAssertEqual(pool.maxWorkers, 1)
        XCTAssertEqual(pool.label, "test.clamp")
        XCTAssertEqual(try pool.submit { "ok" }.result(timeout: 5), "ok")
        pool.shutdown()
    }

    func testJobsStartInSubmissionOrder() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 1)
        let order = ConcurrencyLocked([Int]())
        let futures = (0..<100).map { i in pool.submit { order.withLock { $0.append(i) } } }
        _ = try waitAll(futures, timeout: 10)
        XCTAssertEqual(order.withLock { $0 }, Array(0..<100))
        pool.shutdown()
    }

    func testExecutorMap() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 4)
        defer { pool.shutdown() }
        XCTAssertEqual(try pool.map(1...20) { $0 * $0 }, (1...20).map { $0 * $0 })
        XCTAssertThrowsError(try pool.map([1, 2, 3]) { x -> Int in
            if x == 2 { throw ConcurrencyTestError(tag: x) }
            return x
        }) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 2)) }
    }

    func testSharedIsReplaceable() {
        let original = ThreadPoolExecutor.shared
        XCTAssertTrue(original === ThreadPoolExecutor.shared, "created once")
        let replacement = ThreadPoolExecutor(maxWorkers: 2)
        ThreadPoolExecutor.shared = replacement
        XCTAssertTrue(ThreadPoolExecutor.shared === replacement)
        ThreadPoolExecutor.shared = original
        XCTAssertTrue(ThreadPoolExecutor.shared === original)
        replacement.shutdown()
    }

    // MARK: Errors

    func testErrorsPropagate() async throws {
        let pool = ThreadPoolExecutor(maxWorkers: 2)
        defer { pool.shutdown() }
        let bad = pool.submit { () throws -> Int in throw ConcurrencyTestError(tag: 42) }
        let good = pool.submit { 1 }

        XCTAssertThrowsError(try bad.result(timeout: 5)) { XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 42)) }
        XCTAssertThrowsError(try Future.all([good, bad]).result(timeout: 5)) {
            XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 42))
        }
        XCTAssertThrowsError(try bad.map { $0 + 1 }.result(timeout: 5)) {
            XCTAssertEqual($0 as? ConcurrencyTestError, ConcurrencyTestError(tag: 42))
        }
        do {
            _ = try await bad.value
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error as? ConcurrencyTestError, ConcurrencyTestError(tag: 42))
        }
        let v = try await good.value
        XCTAssertEqual(v, 1)
    }

    // MARK: Bounded concurrency

    func testConcurrencyIsBoundedByMaxWorkers() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 3)
        let gauge = ConcurrencyGauge()
        let futures = (0..<50).map { i in
            pool.submit { () -> Int in
                gauge.enter()
                defer { gauge.leave() }
                Thread.sleep(forTimeInterval: 0.01)
                return i
            }
        }
        XCTAssertEqual(try waitAll(futures, timeout: 10), Array(0..<50))
        XCTAssertEqual(gauge.peak, 3)
        pool.shutdown()
    }

    // MARK: Cancellation

    func testCancelledQueuedJobNeverRuns() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 1)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let blocker = pool.submit { () -> Int in
            started.signal()
            release.wait()
            return 1
        }
        let ran = ConcurrencyCounter()
        let queued = pool.submit { () -> Int in ran.increment(); return 2 }
        let after = pool.submit { 3 }

        started.wait()
        XCTAssertTrue(blocker.isRunning)
        XCTAssertFalse(blocker.cancel(), "a running job cannot be cancelled")
        XCTAssertTrue(queued.cancel())
        release.signal()

        XCTAssertEqual(try blocker.result(timeout: 5), 1)
        XCTAssertEqual(try after.result(timeout: 5), 3)
        XCTAssertThrowsError(try queued.result(timeout: 5)) { XCTAssertEqual($0 as? FutureError, .cancelled) }
        XCTAssertTrue(queued.isCancelled)
        XCTAssertFalse(blocker.cancel(), "a finished job cannot be cancelled")
        pool.shutdown(wait: true)
        XCTAssertEqual(ran.value, 0)
    }

    // MARK: Composite work (no blocking inside the pool)

    func testFanOutOnOneWorkerPoolDoesNotDeadlock() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 1)
        let outer = Future<Int>()
        _ = pool.submit {
            let parts = (1...100).map { i in pool.submit { i } }
            Future.all(parts).map { $0.reduce(0, +) }.onComplete { outer.complete(with: $0) }
        }
        XCTAssertEqual(try outer.result(timeout: 10), 5050)
        pool.shutdown()
    }

    func testNestedFanOutWithFlatMapOnOneWorkerPool() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 1)
        defer { pool.shutdown() }
        // Two levels, like a slice over shards over inner chunks.
        let total = pool.submit { () -> Future<[Int]> in
            let shards = (0..<10).map { shard in
                pool.submit { () -> Future<[Int]> in
                    Future.all((0..<10).map { chunk in pool.submit { shard * 10 + chunk } })
                }.flatMap { $0 }.map { $0.reduce(0, +) }
            }
            return Future.all(shards)
        }.flatMap { $0 }.map { $0.reduce(0, +) }
        XCTAssertEqual(try total.result(timeout: 10), (0..<100).reduce(0, +))
    }

    // MARK: Many threads

    func testConcurrentSubmitAndResultFromManyThreads() {
        let pool = ThreadPoolExecutor(maxWorkers: 4)
        let wrong = ConcurrencyCounter()
        DispatchQueue.concurrentPerform(iterations: 1000) { i in
            let f = pool.submit { i * 2 }
            if (try? f.result(timeout: 10)) != i * 2 { wrong.increment() }
        }
        XCTAssertEqual(wrong.value, 0)
        pool.shutdown()
    }

    // MARK: Swift concurrency

    func testAsyncLetOverPoolFutures() async throws {
        let pool = ThreadPoolExecutor(maxWorkers: 3)
        defer { pool.shutdown() }
        let f1 = pool.submit { 1 }
        let f2 = pool.submit { () -> String in Thread.sleep(forTimeInterval: 0.01); return "two" }
        let f3 = pool.submit { [3, 3, 3] }
        async let a = f1.value
        async let b = f2.value
        async let c = f3.value
        let (x, y, z) = try await (a, b, c)
        XCTAssertEqual(x, 1)
        XCTAssertEqual(y, "two")
        XCTAssertEqual(z, [3, 3, 3])
    }

    func testTaskGroupOverManyFutures() async throws {
        let pool = ThreadPoolExecutor(maxWorkers: 8)
        defer { pool.shutdown() }
        let futures = (0..<2000).map { i in pool.submit { i } }
        let sum = try await withThrowingTaskGroup(of: Int.self) { group in
            for f in futures { group.addTask { try await f.value } }
            return try await group.reduce(0, +)
        }
        XCTAssertEqual(sum, (0..<2000).reduce(0, +))
        let all = try await Future.all(futures).value
        XCTAssertEqual(all, Array(0..<2000))
    }

    // MARK: Shutdown

    func testShutdownWaitsForQueuedWorkThenRejects() {
        let pool = ThreadPoolExecutor(maxWorkers: 2)
        let done = ConcurrencyCounter()
        let futures = (0..<20).map { _ in
            pool.submit { Thread.sleep(forTimeInterval: 0.002); done.increment() }
        }
        pool.shutdown(wait: true)
        XCTAssertEqual(done.value, 20, "queued work still runs and is waited for")
        XCTAssertTrue(futures.allSatisfy { $0.isDone })
        XCTAssertTrue(pool.isShutdown)

        let late = pool.submit { 1 }
        XCTAssertTrue(late.isDone)
        XCTAssertThrowsError(try late.result()) { XCTAssertEqual($0 as? FutureError, .executorShutdown) }
        pool.shutdown()  // again: harmless
    }

    func testShutdownCancelFutures() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 1)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let running = pool.submit { () -> Int in started.signal(); release.wait(); return 1 }
        let queued = (0..<5).map { i in pool.submit { i } }
        started.wait()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { release.signal() }
        pool.shutdown(wait: true, cancelFutures: true)
        XCTAssertEqual(try running.result(), 1)
        XCTAssertTrue(queued.allSatisfy { $0.isCancelled })
    }

    func testShutdownFromInsideAJobDoesNotWaitForItself() throws {
        let pool = ThreadPoolExecutor(maxWorkers: 1)
        let f = pool.submit { () -> Bool in
            pool.shutdown(wait: true)
            return pool.isShutdown
        }
        XCTAssertEqual(try f.result(timeout: 5), true)
    }
}
