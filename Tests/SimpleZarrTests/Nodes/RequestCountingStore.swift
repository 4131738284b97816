import Foundation
import XCTest
@testable import SimpleZarr

/// Counts every get (found or not), every partial get with the bytes it returned, every set and
/// every list call made through it.
final class RequestCountingStore: WrapperStore, @unchecked Sendable {
    let gets = ConcurrencyLocked<[String]>([])
    let lists = ConcurrencyLocked<Int>(0)
    /// One entry per getPartialValues call: its ranges and the bytes it returned.
    let partialGets = ConcurrencyLocked<[(ranges: [KeyRange], bytes: Int)]>([])
    let sets = ConcurrencyLocked<[String]>([])

    override func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        let result = try super.uncheckedGetPartialValues(keyRanges)
        partialGets.withLock { $0.append((keyRanges, result.reduce(0) { $0 + $1.count })) }
        return result
    }

    override func uncheckedSet(_ key: String, _ value: Data) throws {
        sets.withLock { $0.append(key) }
        try super.uncheckedSet(key, value)
    }

    override func uncheckedGet(_ key: String) throws -> Data {
        gets.withLock { $0.append(key) }
        return try super.uncheckedGet(key)
    }

    override func uncheckedList() throws -> [String] {
        lists.withLock { $0 += 1 }
        return try super.uncheckedList()
    }

    override func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        lists.withLock { $0 += 1 }
        return try super.uncheckedListPrefix(prefix)
    }

    override func uncheckedListDir(_ prefix: String) throws -> [String] {
        lists.withLock { $0 += 1 }
        return try super.uncheckedListDir(prefix)
    }

    /// Forgets what was counted so far.
    func reset() {
        gets.withLock { $0.removeAll() }
        lists.withLock { $0 = 0 }
        partialGets.withLock { $0.removeAll() }
        sets.withLock { $0.removeAll() }
    }
}

/// A store that can be read but not listed (like a plain HTTP server).
final class ReadOnlyUnlistableStore: BaseStore, ReadableStore, @unchecked Sendable {
    let inner: MemoryStore

    init(_ inner: MemoryStore) {
        self.inner = inner
        super.init()
    }

    func uncheckedGet(_ key: String) throws -> Data { try inner.uncheckedGet(key) }
}
