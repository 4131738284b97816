import Foundation
import XCTest
@testable import SimpleZarr

/// Counts every get (found or not) and every list call made through it.
final class RequestCountingStore: WrapperStore, @unchecked Sendable {
    let gets = ConcurrencyLocked<[String]>([])
    let lists = ConcurrencyLocked<Int>(0)

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
