import Foundation
import XCTest

@testable import SimpleZarr

/// A store that fails every call after `budget` chunk calls, and records how many arrived and
/// how many ran at the same time.
///
/// `@unchecked Sendable`: `state` is only touched with `lock` held (an NSLock, which the thread
/// sanitizer understands).
final class BudgetStore: WrapperStore, @unchecked Sendable {
    struct Counters {
        var calls = 0
        var running = 0
        var mostRunning = 0
    }
    private let lock = NSLock()
    private var state = Counters()
    private let budget: Int
    private let delay: TimeInterval

    init(_ store: BaseStore, budget: Int, delay: TimeInterval = 0) {
        self.budget = budget
        self.delay = delay
        super.init(store)
    }

    private func withState<T>(_ body: (inout Counters) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    var calls: Int { withState { $0.calls } }
    var mostRunning: Int { withState { $0.mostRunning } }

    /// Counts one chunk call (before it reaches the wrapped store, so that calls on missing
    /// keys count too), and throws once the budget is spent.
    private func count(_ key: String) throws {
        guard !key.hasSuffix("zarr.json") else { return }
        let over = withState { state -> Bool in
            state.calls += 1
            state.running += 1
            state.mostRunning = max(state.mostRunning, state.running)
            return state.calls > budget
        }
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        withState { $0.running -= 1 }
        if over { throw StoreError.unsupported("BudgetStore: budget of \(budget) calls spent") }
    }

    override func uncheckedGet(_ key: String) throws -> Data {
        try count(key)
        return try super.uncheckedGet(key)
    }

    override func uncheckedSet(_ key: String, _ value: Data) throws {
        try count(key)
        try super.uncheckedSet(key, value)
    }

    override func uncheckedErase(_ key: String) throws {
        try count(key)
        try super.uncheckedErase(key)
    }
}

/// Lazy chunk iteration and the bounded fan-out (issue 8): `set(0)` on a `[2^62]` array with
/// `[1]` chunks used to build a list of 2^62 chunk parts and abort ("failed to allocate
/// 8590983072 bytes"); now parts are made one at a time and only a few tasks are in flight.
final class ChunkFanOutTests: XCTestCase {
    func testPiecesMatchAPositionByPositionSplit() {
        var generator = SplitMix64(state: 42)
        for _ in 0..<2000 {
            let chunkLength = Int.random(in: 1...9, using: &generator)
            let length = Int.random(in: 0...60, using: &generator)
            let step = [1, 2, 3, chunkLength, chunkLength + 1, 50, Int.max].randomElement(using: &generator) ?? 1
            let start = Int.random(in: 0...max(0, length), using: &generator)
            let count = length > start ? (length - start - 1) / step + 1 : 0
            let range = AxisRange(start: start, count: count, step: step, stop: length, isDropped: false)
            // The plain way: walk every position and cut where the chunk changes.
            var expected: [(Int, Int, Int, Int)] = []
            for k in 0..<count {
                let position = start + k * step
                let chunk = position / chunkLength
                if let last = expected.last, last.0 == chunk {
                    expected[expected.count - 1].2 += 1
                } else {
                    expected.append((chunk, position - chunk * chunkLength, 1, k))
                }
            }
            let pieces = AxisChunkPieces(range, chunkLength: chunkLength)
            XCTAssertEqual(pieces.count, expected.count, "\(range) in chunks of \(chunkLength)")
            for (j, want) in expected.enumerated() where j < pieces.count {
                let got = pieces.piece(j)
                XCTAssertTrue(got == want, "piece \(j) of \(range) in chunks of \(chunkLength): \(got) != \(want)")
            }
        }
    }

    func testPiecesAtTheEndOfAnIntMaxAxis() {
        let range = AxisRange(start: Int.max - 5, count: 5, step: 1, stop: Int.max, isDropped: false)
        let pieces = AxisChunkPieces(range, chunkLength: 4)
        XCTAssertEqual(pieces.count, 2)
        XCTAssertTrue(pieces.piece(0) == (Int.max / 4 - 1, 2, 2, 0), "\(pieces.piece(0))")
        XCTAssertTrue(pieces.piece(1) == (Int.max / 4, 0, 3, 2), "\(pieces.piece(1))")
        let big = AxisChunkPieces(AxisRange(start: 0, count: Int.max, step: 1, stop: Int.max, isDropped: false), chunkLength: Int.max - 1)
        XCTAssertEqual(big.count, 2)
        XCTAssertTrue(big.piece(1) == (1, 0, 1, Int.max - 1), "\(big.piece(1))")
    }

    func testPartsOfAHugeSelectionAreMadeOnDemand() throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [1 << 62, 1 << 62], dtype: .uint8, chunkShape: [1, 2])
        let selection = try ResolvedSelection([.slice(start: nil, stop: nil, step: 1), .slice(start: 1, stop: nil, step: 1)], shape: array.shape, owner: "t")
        var parts = selection.chunkParts(chunkShape: array.chunkShape)
        let first = try XCTUnwrap(parts.next())
        XCTAssertEqual(first.chunkIndex, [0, 0])
        XCTAssertEqual(first.chunkStart, [0, 1])
        XCTAssertEqual(first.counts, [1, 1])
        let second = try XCTUnwrap(parts.next())
        XCTAssertEqual(second.chunkIndex, [0, 1])
        XCTAssertEqual(second.counts, [1, 2])
        XCTAssertEqual(second.resultStart, [0, 1])
        var zeroD = ResolvedSelection.whole([]).chunkParts(chunkShape: [])
        XCTAssertNotNil(zeroD.next())
        XCTAssertNil(zeroD.next())
        var empty = ResolvedSelection.whole([3, 0, 1 << 62]).chunkParts(chunkShape: [1, 1, 1])
        XCTAssertNil(empty.next())
    }

    func testAHugeWriteMakesProgressAndStopsAtTheFirstError() throws {
        // The audit's case: set(0) over 2^62 one-element chunks. Each erase is legal; the store
        // fails after 2000 calls, which must end the write at once, with little memory.
        let store = BudgetStore(MemoryStore(), budget: 2000)
        let array = try ZarrArray.create(store, "a", shape: [1 << 62], dtype: .uint8, chunkShape: [1])
        let executor = ThreadPoolExecutor(maxWorkers: 4)
        defer { executor.shutdown() }
        XCTAssertThrowsError(try array[...].setFuture(0, executor: executor).result(timeout: 60)) {
            XCTAssertTrue("\($0)".contains("budget of 2000 calls spent"), "\($0)")
        }
        // No part starts after the error: at most the tasks in flight (2 per worker) follow it.
        XCTAssertLessThanOrEqual(store.calls, 2001 + 2 * executor.maxWorkers)
    }

    func testAHugeReadIsBoundedToo() throws {
        let store = BudgetStore(MemoryStore(), budget: 500)
        let array = try ZarrArray.create(store, "a", shape: [1 << 62], dtype: .uint8, chunkShape: [1])
        let executor = ThreadPoolExecutor(maxWorkers: 2)
        defer { executor.shutdown() }
        // 2^62 result bytes cannot be allocated: a clear error, nothing read.
        XCTAssertThrowsError(try array[...].get(executor: executor))
        XCTAssertEqual(store.calls, 0)
        XCTAssertThrowsError(try array[..<100_000].get(executor: executor)) {
            XCTAssertTrue("\($0)".contains("budget of 500 calls spent"), "\($0)")
        }
        XCTAssertLessThanOrEqual(store.calls, 501 + 2 * executor.maxWorkers + 1)
    }

    func testManyChunksThroughASlowStoreRoundTrip() throws {
        let store = BudgetStore(MemoryStore(), budget: .max, delay: 0.001)
        let array = try ZarrArray.create(store, "a", shape: [400], dtype: .uint8, chunkShape: [1])
        let executor = ThreadPoolExecutor(maxWorkers: 3)
        defer { executor.shutdown() }
        let values = try NDArray((0..<400).map { UInt8($0 % 256) })
        try array[...].set(values, executor: executor)
        XCTAssertEqual(store.calls, 400)
        XCTAssertLessThanOrEqual(store.mostRunning, 3)
        XCTAssertEqual(try array[...].get(executor: executor), values)
    }

    func testCancellingAHugeWriteStopsIt() throws {
        let store = BudgetStore(MemoryStore(), budget: .max, delay: 0.0005)
        let array = try ZarrArray.create(store, "a", shape: [1 << 62], dtype: .uint8, chunkShape: [1])
        let executor = ThreadPoolExecutor(maxWorkers: 2)
        defer { executor.shutdown() }
        let write = array[...].setFuture(1, executor: executor)
        while store.calls < 50 { Thread.sleep(forTimeInterval: 0.001) }
        XCTAssertTrue(write.cancel())
        XCTAssertThrowsError(try write.result(timeout: 10)) { XCTAssertEqual($0 as? FutureError, .cancelled) }
        executor.shutdown(wait: true)  // the parts in flight finish, no new ones start
        let settled = store.calls
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(store.calls, settled)
        XCTAssertLessThan(settled, 1000)
    }

    func testOneWorkerAndManyChunksNeitherDeadlockNorRecurse() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [20_000], dtype: .uint8, chunkShape: [1])
        let executor = ThreadPoolExecutor(maxWorkers: 1)
        try array[...].setFuture(try NDArray(Array(repeating: UInt8(7), count: 20_000)), executor: executor).result(timeout: 60)
        try array[1..<19_999].setFuture(0, executor: executor).result(timeout: 60)
        let values = try array[...].getFuture(executor: executor).result(timeout: 60).toArray(as: UInt8.self)
        XCTAssertEqual(values.first, 7)
        XCTAssertEqual(values.last, 7)
        XCTAssertEqual(values.dropFirst().dropLast().allSatisfy { $0 == 0 }, true)
        // From inside a job of that one worker, chaining without blocking also finishes.
        let chained = executor.submit { array[...].getFuture(executor: executor) }.flatMap { $0 }
        XCTAssertEqual(try chained.result(timeout: 60).count, 20_000)
    }

    func testABlockingReadFinishesOnTheCallerWhileThePoolIsBusy() throws {
        // `get()` takes parts on the calling thread until none are left, so a read does not
        // wait for a pool whose only worker is held up elsewhere.
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [8, 4], dtype: .int32, chunkShape: [2, 2])
        try array[...].set(try NDArray((0..<32).map { Int32($0) }, shape: [8, 4]))
        let executor = ThreadPoolExecutor(maxWorkers: 1)
        let release = DispatchSemaphore(value: 0)
        let blocker = executor.submit { release.wait() }
        defer { release.signal() }
        let read = Future<[Int32]>()
        Thread.detachNewThread {
            read.complete(with: Result { try array[...].get(executor: executor).toArray(as: Int32.self) })
        }
        // With the worker blocked, all 8 chunks must be read by the calling thread alone.
        let values = try read.result(timeout: 30)
        release.signal()
        try blocker.result(timeout: 30)
        XCTAssertEqual(values, (0..<32).map { Int32($0) })
        // The pool tasks queued behind the blocker find nothing left and end.
        XCTAssertEqual(try array[2..<4, 1...].get(executor: executor).toArray(as: Int32.self), [9, 10, 11, 13, 14, 15])
    }

    func testAShutDownExecutorFailsTheOperationInsteadOfHanging() throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [10_000], dtype: .uint8, chunkShape: [1])
        let executor = ThreadPoolExecutor(maxWorkers: 2)
        executor.shutdown()
        // Every submission fails at once (its callback runs inline): no recursion, one error.
        XCTAssertThrowsError(try array[...].setFuture(3, executor: executor).result(timeout: 10)) {
            XCTAssertEqual($0 as? FutureError, .executorShutdown)
        }
        XCTAssertThrowsError(try array[...].getFuture(executor: executor).result(timeout: 10))
        // `get()` takes chunks on the calling thread too; the failed submissions still fail it cleanly.
        XCTAssertThrowsError(try array[...].get(executor: executor))
        XCTAssertEqual(try array[5..<6].get(executor: executor).toArray(as: UInt8.self), [0])
    }
}
