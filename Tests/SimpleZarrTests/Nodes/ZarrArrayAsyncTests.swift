import Foundation
import XCTest

@testable import SimpleZarr

/// `getChunkAsync` / `setChunkAsync`: chunk I/O awaited without blocking a thread.
final class ZarrArrayAsyncTests: XCTestCase {
    func testChunksAreReadAndWrittenAsynchronously() async throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [6], dtype: .int32, chunkShape: [2], fillValue: -1)
        try await array.setChunkAsync(try NDArray([1, 2] as [Int32]), [0])
        try await array.setChunkAsync(try NDArray([-1, -1] as [Int32]), [1], checkEmpty: false)
        // Several reads in flight at once, gathered in order.
        let chunks = try await withThrowingTaskGroup(of: (Int, NDArray).self) { group in
            for i in 0..<3 { group.addTask { (i, try await array.getChunkAsync([i])) } }
            var found = [Int: NDArray]()
            for try await (i, chunk) in group { found[i] = chunk }
            return (0..<3).compactMap { found[$0] }
        }
        XCTAssertEqual(try chunks.map { try $0.toArray(as: Int32.self) }, [[1, 2], [-1, -1], [-1, -1]])
        // Sync calls in the same async function still compile without `await`.
        XCTAssertEqual(try array.getChunk([0]), chunks[0])
        XCTAssertNotNil(try array.getChunkNow([1], noneIfMissing: true))
    }

    func testErrorsArriveAsThrownErrors() async throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [2], dtype: .int32)
        do {
            _ = try await array.getChunkAsync([5])
            XCTFail("expected an error")
        } catch ZarrError.indexOutOfRange {}
        do {
            try await array.setChunkAsync(try NDArray([1] as [Int32]), [0])
            XCTFail("expected an error")
        } catch ZarrError.invalidArgument {}
    }

    func testCancellingTheTaskCancelsWorkNotYetStarted() async throws {
        // One worker, kept busy, so the awaited read is still queued when the task is cancelled.
        let executor = ThreadPoolExecutor(maxWorkers: 1)
        let gate = DispatchSemaphore(value: 0)
        let blocker = executor.submit { gate.wait() }
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [2], dtype: .int32)
        let task = Task { try await array.getChunkAsync([0], executor: executor) }
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch is CancellationError {}
        gate.signal()
        try blocker.result()
    }
}
