import Foundation
import XCTest

@testable import SimpleZarr

/// The I/O executor: its slot limit, FIFO order, and operations that complete at once.
final class IOExecutorTests: XCTestCase {
    func testNeverMoreThanMaxInFlightAndAllFinish() throws {
        let io = IOExecutor(maxInFlight: 4)
        let current = LockedValue(0)
        let peak = LockedValue(0)
        let futures = (0..<40).map { i in
            io.run { () -> Int in
                let now = current.withLock { $0 += 1; return $0 }
                peak.withLock { $0 = max($0, now) }
                Thread.sleep(forTimeInterval: 0.005)
                current.withLock { $0 -= 1 }
                return i
            }
        }
        XCTAssertEqual(try waitAll(futures, timeout: 20), Array(0..<40))
        XCTAssertEqual(peak.withLock { $0 }, 4, "4 slots are all used, never more")
    }

    func testOperationsThatCompleteAtOnceDoNotGrowTheStack() throws {
        // 100,000 queued operations completing synchronously: a recursive hand-over would overflow.
        let io = IOExecutor(maxInFlight: 1)
        let gate = Future<Void>()
        let first = io.start { (done: @escaping @Sendable (Result<Int, any Error>) -> Void) in
            gate.onComplete { _ in done(.success(-1)) }
        }
        let rest = (0..<100_000).map { i in io.start { done in done(.success(i)) } }
        gate.succeed()
        XCTAssertEqual(try first.result(timeout: 10), -1)
        XCTAssertEqual(try waitAll(rest, timeout: 20).count, 100_000)
    }

    func testSecondCompletionIsIgnoredAndErrorsPropagate() {
        let io = IOExecutor(maxInFlight: 2)
        let twice = io.start { (done: @escaping @Sendable (Result<Int, any Error>) -> Void) in
            done(.success(1))
            done(.success(2))
        }
        XCTAssertEqual(try twice.result(timeout: 5), 1)
        struct Boom: Error {}
        XCTAssertThrowsError(try io.run { () throws -> Int in throw Boom() }.result(timeout: 5)) { XCTAssertTrue($0 is Boom) }
        // The slots were given back: two more operations still run.
        XCTAssertEqual(try waitAll([io.run { 3 }, io.run { 4 }], timeout: 5), [3, 4])
    }

    func testSharedDefaultHasAtLeast64Slots() {
        XCTAssertGreaterThanOrEqual(IOExecutor.shared.maxInFlight, 64)
        XCTAssertEqual(IOExecutor(maxInFlight: 0).maxInFlight, 1)
    }
}
