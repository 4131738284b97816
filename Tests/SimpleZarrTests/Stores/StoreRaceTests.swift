import Foundation
import Synchronization
import XCTest
@testable import SimpleZarr

/// Reads, listings and partial writes racing writes of the same keys. Each test is
/// bounded by an iteration count and a time limit, so it takes a second or two.
final class StoreRaceTests: XCTestCase {
    private var root = FileManager.default.temporaryDirectory

    override func setUpWithError() throws {
        root = try makeTemporaryDirectory()
    }

    override func tearDown() {
        removeTemporaryDirectory(root)
    }

    /// Counts what the readers saw.
    private struct Outcomes {
        var values = 0
        var notFound = 0
        var others: [String] = []
        var otherCount = 0
        var writes = 0

        mutating func record(_ body: () throws -> Bool) {
            do {
                if try body() { values += 1 } else { others.append("wrong value"); otherCount += 1 }
            } catch StoreError.keyNotFound {
                notFound += 1
            } catch {
                otherCount += 1
                if others.count < 5 { others.append("\(error)") }
            }
        }

        var summary: String {
            "\(writes) writes; reads: values \(values), keyNotFound \(notFound), other \(otherCount): \(others)"
        }
    }

    /// Runs `writer` until it returns false (or the deadline) while `reader` runs in a
    /// second thread; returns what the reader recorded and the writer's errors.
    private func race(seconds: Double = 1.5, writer: @escaping @Sendable (Int) throws -> Bool,
                      reader: @escaping @Sendable (inout Outcomes) -> Void) -> (Outcomes, [String]) {
        let done = Atomic<Bool>(false)
        let outcomes = ConcurrencyLocked(Outcomes())
        let writerErrors = ConcurrencyLocked<[String]>([])
        let writes = Atomic<Int>(0)
        let deadline = Date().addingTimeInterval(seconds)
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            if thread == 0 {
                var i = 0
                do {
                    while Date() < deadline, try writer(i) { i += 1 }
                } catch {
                    writerErrors.withLock { $0.append("\(error)") }
                }
                writes.store(i, ordering: .relaxed)
                done.store(true, ordering: .releasing)
            } else {
                var local = Outcomes()
                while !done.load(ordering: .acquiring) {
                    reader(&local)
                }
                outcomes.withLock { $0 = local }
            }
        }
        var seen = outcomes.withLock { $0 }
        seen.writes = writes.load(ordering: .relaxed)
        return (seen, writerErrors.withLock { $0 })
    }

    func testGetRacingSetAndErase() {
        let store = LocalStore(root)
        let value = Data(repeating: 7, count: 1000)
        let (seen, writerErrors) = race(writer: { i in
            if i.isMultiple(of: 2) { try store.set("c/0", value) } else { try store.erase("c/0") }
            return i < 2000
        }, reader: { outcomes in
            outcomes.record { try store.get("c/0") == value }
            outcomes.record { try store.getPartialValues([("c/0", 10, 20)]) == [value[10..<30]] }
        })
        print("get racing set/erase: \(seen.summary)")
        XCTAssertEqual(writerErrors, [])
        XCTAssertEqual(seen.otherCount, 0, seen.summary)
    }

    func testGetRacingErasePrefix() {
        let store = LocalStore(root)
        let value = Data(repeating: 3, count: 100)
        let (seen, writerErrors) = race(writer: { i in
            if i.isMultiple(of: 2) { try store.set("g/a/c/0", value) } else { try store.erasePrefix("g/") }
            return i < 2000
        }, reader: { outcomes in
            outcomes.record { try store.get("g/a/c/0") == value }
            outcomes.record { try store.getPartialValues([("g/a/c/0", 0, nil)]) == [value] }
        })
        print("get racing set/erasePrefix: \(seen.summary)")
        XCTAssertEqual(writerErrors, [])
        XCTAssertEqual(seen.otherCount, 0, seen.summary)
    }

    func testListingRacingCreateAndErase() {
        let store = LocalStore(root)
        let (seen, writerErrors) = race(writer: { i in
            switch i % 4 {
            case 0: try store.set("g/a/k\(i % 7)", Data([1]))
            case 1: try store.set("g/b/c/k", Data([2]))
            case 2: try store.erase("g/a/k\((i - 2) % 7)")
            default: try store.erasePrefix("g/b/")
            }
            return i < 2000
        }, reader: { outcomes in
            outcomes.record {
                let keys = try store.list() + store.listPrefix("g/") + store.listDir("g/") + store.listDir("g/b/c/")
                return keys.allSatisfy { $0.hasPrefix("g/") && !$0.contains("/.") }
            }
        })
        print("listing racing set/erase: \(seen.summary)")
        XCTAssertEqual(writerErrors, [])
        XCTAssertEqual(seen.otherCount, 0, seen.summary)
    }

    /// One thread sets versions of a value, another patches its first bytes: a
    /// patch must never write back a value older than the last completed set.
    func testPartialWritesNeverRevertASet() throws {
        for store in [LocalStore(root) as any FullStore, MemoryStore()] {
            try store.set("k", Data(count: 8))
            let done = Atomic<Bool>(false)
            let problems = ConcurrencyLocked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                do {
                    if t == 0 {
                        defer { done.store(true, ordering: .releasing) }
                        for version in 1...600 {
                            try store.set("k", Data(count: 4) + withUnsafeBytes(of: UInt32(version).littleEndian) { Data($0) })
                            let seen = try store.get("k").suffix(4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
                            if UInt32(littleEndian: seen) != UInt32(version) {
                                problems.withLock { $0.append("set \(version), then read \(UInt32(littleEndian: seen))") }
                            }
                        }
                    } else {
                        var i: UInt8 = 0
                        while !done.load(ordering: .acquiring) {
                            i &+= 1
                            try store.setPartialValues([("k", 0, Data(repeating: i, count: 4))])
                        }
                    }
                } catch {
                    problems.withLock { $0.append("thread \(t): \(error)") }
                }
            }
            let found = problems.withLock { $0 }
            XCTAssertEqual(found.count, 0, "\(type(of: store)): \(found.prefix(5))")
        }
    }

    /// Two threads patch disjoint bytes of one value; neither loses the other's bytes.
    func testConcurrentPartialWritesKeepEachOthersBytes() throws {
        let perThread = 300
        for store in [LocalStore(root) as any FullStore, MemoryStore()] {
            try store.set("k", Data(repeating: 0, count: 2 * perThread))
            let errors = ConcurrencyLocked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                do {
                    for i in 0..<perThread {
                        try store.setPartialValues([("k", t * perThread + i, Data([UInt8(t + 1)]))])
                    }
                } catch {
                    errors.withLock { $0.append("\(error)") }
                }
            }
            XCTAssertEqual(errors.withLock { $0 }, [])
            let value = try store.get("k")
            XCTAssertEqual(value, Data(repeating: 1, count: perThread) + Data(repeating: 2, count: perThread),
                           "\(type(of: store)): \(value.filter { $0 == 0 }.count) bytes lost")
        }
    }
}
