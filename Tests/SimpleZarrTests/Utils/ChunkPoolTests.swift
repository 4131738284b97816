import Dispatch
import Foundation
import XCTest

@testable import SimpleZarr

/// `ChunkPool`: scripted get / drop / wait / destroy sequences replayed from
/// Fixtures/ome/chunkpool-logs.json, whose handler calls and memory usage must equal what the
/// Python pool logged; many threads getting and dropping the same chunks; the async hook;
/// `ChunkManager`.
final class ChunkPoolTests: XCTestCase {
    /// Handler calls, in the order they happen.
    private final class EventLog: Sendable {
        private let events = LockedValue<[String]>([])
        func append(_ event: String) { events.withLock { $0.append(event) } }
        func take() -> [String] { events.withLock { log in defer { log = [] }; return log } }
    }

    private static func name(_ chunk: ChunkLocation) -> String {
        "\(chunk.level):\(chunk.index.map(String.init).joined(separator: ","))"
    }

    private func image() throws -> MultiscaleInfo {
        try XCTUnwrap(try MultiscaleInfo.fromZarrNode(try OmeFixtures.node("v05-simplezarr-zyx", path: "image")).first)
    }

    func testScriptedSequencesCallTheHandlersAsThePythonPoolDoes() throws {
        let fixture = try OmeFixtures.json("chunkpool-logs")
        let script = try XCTUnwrap(fixture["script"]?.arrayValue)
        for run in try XCTUnwrap(fixture["runs"]?.arrayValue) {
            let cacheSize = try XCTUnwrap(run["cache_size"]?.intValue)
            let expected = try XCTUnwrap(run["steps"]?.arrayValue)
            XCTAssertEqual(script.count, expected.count)
            let pool = ChunkPool(try image(), cacheSize: cacheSize)
            let log = EventLog()
            for (number, (step, want)) in zip(script, expected).enumerated() {
                try replay(step, on: pool, log: log)
                let label = "cache \(cacheSize), step \(number) \(step)"
                XCTAssertEqual(log.take(), OmeFixtures.strings(want["events"]), label)
                XCTAssertEqual(pool.memoryUsage, want["memory_usage"]?.intValue, label)
            }
        }
    }

    private func replay(_ step: JSONValue, on pool: ChunkPool, log: EventLog) throws {
        let level = step["level"]?.intValue ?? 0
        let index = OmeFixtures.ints(step["index"])
        let ref = step["ref"]?.stringValue ?? "pool"
        switch step["op"]?.stringValue {
        case "get":
            let chunk: ChunkLocation
            if step["handlers"]?.boolValue == true {
                chunk = try pool.getChunk(
                    level, index, ref: ref,
                    loadHandler: { chunk in
                        let sum = (try? chunk.data.astype(.int64).toArray(as: Int64.self).reduce(0, +)) ?? -1
                        log.append("load:\(ref):\(Self.name(chunk)):sum=\(sum)")
                    },
                    dropHandler: { log.append("drop:\(ref):\(Self.name($0))") },
                    destroyHandler: { log.append("destroy:\(ref):\(Self.name($0))") })
            } else {
                chunk = try pool.getChunk(level, index, ref: ref)
            }
            if step["wait"]?.boolValue == true { try chunk.wait() }
        case "drop":
            pool.dropChunk(level, index, ref: ref)
        case "wait":
            try pool.waitForChunksToLoad()
        case "wait_chunk":
            try pool.getChunk(level, index, ref: "waiter").wait()
            pool.dropChunk(level, index, ref: "waiter")
        case "iter":
            for chunk in pool.iterChunks() {
                log.append("chunk:\(Self.name(chunk)):refs=\(chunk.refs.sorted().joined(separator: ","))")
            }
        case "destroy":
            pool.destroy()
        default:
            XCTFail("unknown step \(step)")
        }
    }

    func testManyThreadsGettingAndDroppingTheSameChunksLeakNothingAndDestroyOnce() throws {
        let info = try image()
        for cacheSize in [0, 2] {
            let pool = ChunkPool(info, cacheSize: cacheSize)
            // Each registration has a token; its destroy handler must run exactly once.
            let registered = LockedValue(0)
            let destroyed = LockedValue<[Int: Int]>([:])
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                for round in 0..<40 {
                    let (level, index, ref) = (round % 2, [round % 2, thread % 2, 0], "t\(thread)")
                    let token = registered.withLock { count in
                        count += 1
                        return count
                    }
                    guard let chunk = try? pool.getChunk(
                        level, index, ref: ref, destroyHandler: { _ in destroyed.withLock { $0[token, default: 0] += 1 } })
                    else { return XCTFail("getChunk failed") }
                    if round % 4 == 0 { try? chunk.wait() }
                    pool.dropChunk(level, index, ref: ref)
                }
            }
            if cacheSize == 0 { XCTAssertEqual(pool.memoryUsage, 0, "every chunk was dropped by its last ref") }
            pool.destroy()
            XCTAssertEqual(pool.memoryUsage, 0, "cache \(cacheSize)")
            XCTAssertTrue(pool.iterChunks().isEmpty)
            let counts = destroyed.withLock { $0 }
            XCTAssertEqual(counts.count, registered.withLock { $0 }, "every registered destroy handler ran")
            XCTAssertEqual(counts.values.filter { $0 != 1 }, [], "a destroy handler ran twice")
        }
    }

    func testTheAsyncHookDeliversLoadHandlersOnTheGivenQueue() throws {
        // A slow store, so that the chunks are still loading when getChunk returns.
        let slow = SlowStore(OmeFixtures.store("v05-simplezarr-zyx"), baseDelay: 0.05)
        let pool = try XCTUnwrap(try ChunkPool.fromZarrNode(try openZarr(slow, path: "image")).first)
        let queue = DispatchQueue(label: "viewer")
        let key = DispatchSpecificKey<String>()
        queue.setSpecific(key: key, value: "viewer")
        pool.enableAsyncLoadHandlers(on: queue)
        let arrived = expectation(description: "load handler")
        arrived.expectedFulfillmentCount = 2
        let onQueue = LockedValue<[Bool]>([])
        for index in [[0, 0, 0], [1, 1, 1]] {
            try pool.getChunk(0, index, loadHandler: { _ in
                onQueue.withLock { $0.append(DispatchQueue.getSpecific(key: key) == "viewer") }
                arrived.fulfill()
            })
        }
        wait(for: [arrived], timeout: 10)
        XCTAssertEqual(onQueue.withLock { $0 }, [true, true])
        try pool.waitForChunksToLoad()  // the handlers ran already: nothing runs twice
        XCTAssertEqual(onQueue.withLock { $0.count }, 2)
        pool.destroy()
        XCTAssertEqual(pool.memoryUsage, 0)
    }

    @MainActor
    func testTheMainActorHookRunsLoadHandlersOnTheMainActor() async throws {
        let pool = ChunkPool(try image())
        pool.enableAsyncLoadHandlersOnMainActor()
        let arrived = expectation(description: "load handler")
        try pool.getChunk(1, [0, 0, 0], loadHandler: { _ in
            MainActor.assumeIsolated { arrived.fulfill() }
        })
        await fulfillment(of: [arrived], timeout: 10)
        pool.disableAsyncLoadHandlers()
        pool.destroy()
    }

    private final class Recorder: ChunkManager, @unchecked Sendable {
        // @unchecked: `log` is a LockedValue.
        let log = LockedValue<[String]>([])
        override func onLoad(_ chunk: ChunkLocation) { log.withLock { $0.append("load \(chunk.index)") } }
        override func onDrop(_ chunk: ChunkLocation) { log.withLock { $0.append("drop \(chunk.index)") } }
        override func onDestroy(_ chunk: ChunkLocation) { log.withLock { $0.append("destroy \(chunk.index)") } }
    }

    func testAChunkManagerGetsItsOwnRefAndHandlers() throws {
        let pool = ChunkPool(try image(), cacheSize: 1)
        let first = Recorder(pool)
        let second = Recorder(pool)
        XCTAssertNotEqual(first.ref, second.ref)
        XCTAssertTrue(first.ref.hasPrefix("Recorder-"))
        try first.getChunk(0, [0, 0, 1]).wait()
        try second.getChunk(0, [0, 0, 1])
        XCTAssertEqual(try pool.getChunk(0, [0, 0, 1], ref: "x").refs, [first.ref, second.ref, "x"])
        first.dropChunk(0, [0, 0, 1])
        second.dropChunk(0, [0, 0, 1])
        pool.dropChunk(0, [0, 0, 1], ref: "x")
        XCTAssertEqual(pool.iterChunks().count, 1, "kept in the cache")
        pool.destroy()
        XCTAssertEqual(first.log.withLock { $0 }, ["load [0, 0, 1]", "drop [0, 0, 1]", "destroy [0, 0, 1]"])
        XCTAssertEqual(second.log.withLock { $0 }, ["load [0, 0, 1]", "drop [0, 0, 1]", "destroy [0, 0, 1]"])
    }

    func testBadLevelsIndicesAndRefsThrowAndDestroyedChunksHaveNoData() throws {
        let pool = ChunkPool(try image())
        XCTAssertThrowsError(try pool.getChunk(3, [0, 0, 0]))
        XCTAssertThrowsError(try pool.getChunk(-1, [0, 0, 0]))
        XCTAssertThrowsError(try pool.getChunk(0, [0, 0]))
        XCTAssertThrowsError(try pool.getChunk(0, [0, 0, 99]))
        XCTAssertThrowsError(try pool.getChunk(0, [0, 0, 0], ref: ""))
        let chunk = try pool.getChunk(0, [0, 0, 0])
        try chunk.wait()
        XCTAssertEqual(try chunk.data.shape, [4, 4, 4])
        pool.dropChunk(0, [0, 0, 0])
        XCTAssertTrue(chunk.isDestroyed)
        XCTAssertThrowsError(try chunk.data)
        XCTAssertNoThrow(try chunk.wait())
    }
}
