import Foundation
import XCTest
@testable import SimpleZarr

/// Many threads using one store at once.
final class StoreConcurrencyTests: XCTestCase {
    private static let threads = 8
    private static let operations = 500
    private static let keysPerThread = 25
    /// The key numbers a thread writes (ops with `i % 5 < 2`).
    private static let writtenKeys = Set((0..<operations).filter { $0 % 5 < 2 }.map { $0 % keysPerThread })

    /// Each thread writes its own keys (and reads back exactly what it wrote), all
    /// threads write one shared key (whose value must always be whole), and every
    /// thread lists now and then (only well-formed keys, never temporary files).
    private func hammer(_ store: any FullStore) throws {
        let problems = ConcurrencyLocked<[String]>([])
        let sharedLength = 64
        DispatchQueue.concurrentPerform(iterations: Self.threads) { t in
            do {
                for i in 0..<Self.operations {
                    let key = "t\(t)/k\(i % Self.keysPerThread)"
                    let value = Data("\(t):\(i)".utf8)
                    switch i % 5 {
                    case 0, 1:
                        try store.set(key, value)
                        let back = try store.get(key)
                        if back != value { problems.withLock { $0.append("\(key): \(back) != \(value)") } }
                    case 2:
                        try store.set("shared/x", Data(repeating: UInt8(t), count: sharedLength))
                    case 3:
                        let shared = try store.get("shared/x")
                        if shared.count != sharedLength || Set(shared).count != 1 {
                            problems.withLock { $0.append("torn shared value: \(Array(shared))") }
                        }
                    default:
                        let keys = i % 25 == 4 ? try store.list() : try store.listDir("t\(t)/")
                        for k in keys where k.contains("...") || k.hasPrefix("/") || k.isEmpty {
                            problems.withLock { $0.append("bad listed key \(k)") }
                        }
                    }
                }
            } catch {
                problems.withLock { $0.append("thread \(t): \(error)") }
            }
        }
        XCTAssertEqual(problems.withLock { $0 }, [], "\(type(of: store))")
        let keys = try store.list()
        XCTAssertEqual(keys.count, Self.threads * Self.writtenKeys.count + 1, "\(type(of: store))")
        XCTAssertEqual(Set(keys).count, keys.count)
        for t in 0..<Self.threads {
            // The last write of each key wins.
            for k in Self.writtenKeys {
                let last = (0..<Self.operations).last { $0 % Self.keysPerThread == k && $0 % 5 < 2 }
                XCTAssertEqual(try store.get("t\(t)/k\(k)"), last.map { Data("\(t):\($0)".utf8) })
            }
        }
    }

    func testMemoryStoreUnderLoad() throws {
        let store = MemoryStore()
        try store.set("shared/x", Data(repeating: 0, count: 64))
        try hammer(store)
    }

    func testLocalStoreUnderLoad() throws {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let store = LocalStore(dir)
        try store.set("shared/x", Data(repeating: 0, count: 64))
        try hammer(store)
        let leftovers = FileManager.default.enumerator(atPath: dir.path)?
            .compactMap { $0 as? String }.filter { LocalStore.isTemporaryName(Array(($0.split(separator: "/").last ?? "").utf8)) } ?? []
        XCTAssertEqual(leftovers, [])
    }

    func testWrappedStoreUnderLoad() throws {
        let store = RecordingStore(MemoryStore())
        try store.set("shared/x", Data(repeating: 0, count: 64))
        try hammer(store)
        // Per 5 operations: 2 x (set + get), set, get, list; then the setup set, one
        // list and one get per written key.
        XCTAssertEqual(store.methods.count,
                       1 + Self.threads * Self.operations / 5 * 7 + 1 + Self.threads * Self.writtenKeys.count)
    }
}
