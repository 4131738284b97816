import Foundation
import Synchronization
import XCTest

// A plain import, as a user's code has it: the examples below must compile without
// `@testable` and without warnings in Swift 6 mode.
import SimpleZarr

// MARK: - The examples

/// A logging wrapper, as a port of a Python `_hook(method, args, result)` that prints each call.
///
/// Swift asks a subclass of a class that is `@unchecked Sendable` to restate it (the warning
/// "must restate inherited '@unchecked Sendable' conformance"): the restatement is the
/// subclass's promise that its own state is locked. Here the only state is a `LockedValue`.
final class LoggingStore: WrapperStore, @unchecked Sendable {
    let lines = LockedValue<[String]>([])

    override func hook(_ call: StoreCall) throws {
        let line = "\(call.method) \(call.key ?? call.prefix ?? call.keys.joined(separator: ","))"
        lines.withLock { $0.append(line) }
    }
}

/// A caching wrapper: reads are served from memory after the first, writes drop what they change.
/// It acts before the call (so it overrides `uncheckedGet`) and after it (in `hook`).
final class CachingStore: WrapperStore, @unchecked Sendable {
    // State behind locks only; this is what the `@unchecked Sendable` above promises.
    let cache = LockedValue<[String: Data]>([:])
    let hits = LockedValue(0)

    override func uncheckedGet(_ key: String) throws -> Data {
        if let cached = cache.withLock({ $0[key] }) {
            hits.withLock { $0 += 1 }
            return cached
        }
        return try super.uncheckedGet(key)  // the hook below keeps the value
    }

    override func hook(_ call: StoreCall) throws {
        if call.method == "get", let key = call.key, let value = call.value {
            cache.withLock { $0[key] = value }
        } else if call.isWrite {
            cache.withLock { cache in
                for key in call.keys { cache[key] = nil }
                if let prefix = call.prefix { cache = cache.filter { !$0.key.hasPrefix(prefix) } }
            }
        }
    }
}

// MARK: - Tests

final class WrapperStoreSubclassTests: XCTestCase {
    func testLoggingWrapperSeesTheArrayIO() throws {
        let store = LoggingStore(MemoryStore())
        let array = try ZarrArray.create(store, "a", shape: [4], dtype: .uint8, chunkShape: [2])
        try array[...].set(1)
        _ = try array.getChunk([1])
        try array.setChunk(try NDArray([0, 0] as [UInt8]), [0])
        let lines = store.lines.withLock { $0 }
        XCTAssertEqual(lines.count, 5, "\(lines)")
        XCTAssertEqual(lines.first, "set a/zarr.json")
        XCTAssertEqual(Set(lines.dropFirst().prefix(2)), ["set a/c/0", "set a/c/1"])  // written in parallel
        XCTAssertEqual(Array(lines.suffix(2)), ["get a/c/1", "erase a/c/0"])
    }

    func testCachingWrapperServesRepeatedReadsAndForgetsWrites() throws {
        let inner = MemoryStore()
        let store = CachingStore(inner)
        let array = try ZarrArray.create(store, "a", shape: [4], dtype: .int32, chunkShape: [4])
        try array[...].set(7)
        for _ in 0..<3 { XCTAssertEqual(try array[...].get().toArray(as: Int32.self), [7, 7, 7, 7]) }
        XCTAssertEqual(store.hits.withLock { $0 }, 2)
        // A write through the wrapper drops the cached chunk, so the next read sees it.
        try array[0].set(1)
        XCTAssertEqual(try array[...].get().toArray(as: Int32.self), [1, 7, 7, 7])
        try store.erasePrefix("a/")
        XCTAssertTrue(store.cache.withLock { $0.isEmpty })
        XCTAssertThrowsError(try store.get("a/c/0"))
    }

    func testClosureHookNeedsNoSubclass() throws {
        // The compiler checks what a closure hook captures: a `LockedValue` or a `Mutex` passes,
        // a plain `var` would not compile.
        let reads = LockedValue(0)
        let bytesWritten = Mutex(0)
        let store = WrapperStore(MemoryStore()) { call in
            if call.isRead { reads.withLock { $0 += 1 } }
            if call.isWrite { bytesWritten.withLock { $0 += call.byteCount } }
        }
        try store.set("k", Data(count: 10))
        _ = try store.get("k")
        _ = try store.getPartialValues([("k", 0, 2)])
        XCTAssertEqual(reads.withLock { $0 }, 2)
        XCTAssertEqual(bytesWritten.withLock { $0 }, 10)
    }

    func testAThrowingClosureHookFailsTheCall() {
        struct Refused: Error {}
        let store = WrapperStore(MemoryStore()) { call in if call.isWrite { throw Refused() } }
        XCTAssertThrowsError(try store.set("k", Data())) { XCTAssertTrue($0 is Refused) }
        XCTAssertEqual(try store.list(), ["k"])  // the hook runs after the call
    }
}
