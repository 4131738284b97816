import Foundation
import XCTest

@testable import SimpleZarr

/// `arr[...].getAsync()` / `setAsync(_:)`: regions awaited without blocking a thread.
final class SliceAsyncTests: XCTestCase {
    func testRegionsAreReadAndWrittenAsynchronously() async throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [4, 5], dtype: .float64, chunkShape: [3, 2])
        try await array[...].setAsync(1.5)
        try await array[0, ...].setAsync(try NDArray([Double](repeating: 2, count: 5)))
        try await array[3, 4].setAsync(Double(7))
        try await array[1, 0].setAsync(3)
        let corner = try await array[..<2, ..<2].getAsync()
        XCTAssertEqual(try corner.toArray(as: Double.self), [2, 2, 3, 1.5])
        let last = try await array[3, 4].getAsync()
        XCTAssertEqual(try last.scalar(at: [], as: Double.self), 7)

        let text = try ZarrArray.create(store, "s", shape: [2], dtype: .string)
        try await text[...].setAsync("x")
        let blobs = try ZarrArray.create(store, "b", shape: [1], dtype: .bytes)
        try await blobs[...].setAsync(Data([1]))
        let words = try await text[...].getAsync()
        let blob = try await blobs[0].getAsync()
        XCTAssertEqual(try words.toArray(as: String.self), ["x", "x"])
        XCTAssertEqual(try blob.scalar(at: [], as: Data.self), Data([1]))
    }

    func testManyAwaitedRegionsOnAOneWorkerPoolFinish() async throws {
        let executor = ThreadPoolExecutor(maxWorkers: 1)
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [8, 8], dtype: .int32, chunkShape: [2, 2])
        try await array[...].setAsync(try NDArray((0..<64).map(Int32.init), shape: [8, 8]), executor: executor)
        let sums = try await withThrowingTaskGroup(of: Int32.self) { group in
            for row in 0..<8 {
                group.addTask { try await array[row, ...].getAsync(executor: executor).toArray(as: Int32.self).reduce(0, +) }
            }
            return try await group.reduce(0, +)
        }
        XCTAssertEqual(sums, (0..<64).reduce(0, +))
    }

    func testErrorsArriveAsThrownErrors() async throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [2], dtype: .uint8)
        do {
            try await array[...].setAsync(-1)
            XCTFail("expected an error")
        } catch ZarrError.invalidArgument {}
        do {
            try await array[...].setAsync(try NDArray([1, 2, 3] as [UInt8]))
            XCTFail("expected an error")
        } catch ZarrError.invalidArgument {}
    }
}
