import Foundation
import Synchronization
import XCTest
@testable import SimpleZarr

/// A store that implements only the required hooks, so every other method comes
/// from the protocol-extension defaults.
final class MinimalStore: BaseStore, ReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    private let values = ConcurrencyLocked<[String: Data]>([:])
    let getCount = Atomic<Int>(0)

    func uncheckedGet(_ key: String) throws -> Data {
        getCount.add(1, ordering: .relaxed)
        guard let value = values.withLock({ $0[key] }) else {
            throw StoreError.keyNotFound(key: key, method: "MinimalStore.get")
        }
        return value
    }

    func uncheckedSet(_ key: String, _ value: Data) throws {
        values.withLock { $0[key] = value }
    }

    func uncheckedErase(_ key: String) throws {
        guard values.withLock({ $0.removeValue(forKey: key) }) != nil else {
            throw StoreError.keyNotFound(key: key, method: "MinimalStore.erase")
        }
    }

    func uncheckedList() throws -> [String] {
        Array(values.withLock { $0.keys }).shuffled()  // the defaults must sort
    }
}

/// Writable only: the defaults that need reading or listing must refuse.
final class WriteOnlyStore: BaseStore, WritableStore, @unchecked Sendable {
    func uncheckedSet(_ key: String, _ value: Data) throws {}
    func uncheckedErase(_ key: String) throws {}
}

final class StoreDefaultsTests: XCTestCase {
    func testDefaultPartialGet() throws {
        let store = MinimalStore()
        try store.set("k", bytes("0123456789"))
        XCTAssertEqual(try store.getPartialValues([("k", 2, 3), ("k", 8, nil), ("k", 11, 1), ("k", 0, 0)]),
                       [bytes("234"), bytes("89"), Data(), Data()])
        // Consecutive ranges of one key read the value once.
        XCTAssertEqual(store.getCount.load(ordering: .relaxed), 1)
        XCTAssertEqual(try store.getPartialValues([("k", -5, nil), ("k", -20, 2)]), [bytes("56789"), bytes("01")])
        assertStoreError(try store.getPartialValues([("zz", 0, nil)])) {
            $0 == .keyNotFound(key: "zz", method: "MinimalStore.get")
        }
    }

    func testDefaultPartialSet() throws {
        let store = MinimalStore()
        try store.set("k", bytes("0123456789"))
        try store.setPartialValues([("k", 1, bytes("ab")), ("k", 9, bytes("XYZ"))])
        XCTAssertEqual(try store.get("k"), bytes("0ab345678XYZ"))
        try store.setPartialValues([("k", 12, bytes("!"))])
        XCTAssertEqual(try store.get("k"), bytes("0ab345678XYZ!"))
        assertStoreError(try store.setPartialValues([("k", 14, bytes("?"))])) {
            $0 == .invalidKey("MinimalStore.setPartialValues(): start 14 lies beyond the end of key 'k' (13 bytes)")
        }
        assertStoreError(try store.setPartialValues([("nope", 0, bytes("?"))])) {
            if case .keyNotFound(key: "nope", _) = $0 { return true }; return false
        }
    }

    func testDefaultListing() throws {
        let store = MinimalStore()
        for key in ["a/b", "a/c", "a/d/e", "a/f/g", "e/f/g", "ab"] { try store.set(key, Data()) }
        XCTAssertEqual(try store.listPrefix("a/"), ["a/b", "a/c", "a/d/e", "a/f/g"])
        XCTAssertEqual(try store.listPrefix("/"), ["a/b", "a/c", "a/d/e", "a/f/g", "ab", "e/f/g"])
        XCTAssertEqual(try store.listDir("a/"), ["a/b", "a/c", "a/d/", "a/f/"])
        XCTAssertEqual(try store.listDir("b/"), [])
        XCTAssertEqual(try store.listDir("/"), ["a/", "ab", "e/"])
    }

    func testDefaultErasing() throws {
        let store = MinimalStore()
        for key in ["a/b", "a/c/d", "ab", "x", "y"] { try store.set(key, Data()) }
        try store.erasePrefix("a/")
        XCTAssertEqual(try store.listPrefix("/"), ["ab", "x", "y"])
        try store.eraseValues(["x", "y"])
        XCTAssertEqual(try store.listPrefix("/"), ["ab"])
        assertStoreError(try store.eraseValues(["ab", "zz"])) {
            $0 == .keyNotFound(key: "zz", method: "MinimalStore.erase")
        }
        try store.erasePrefix("/")
        XCTAssertEqual(try store.list(), [])
    }

    func testDefaultsNeedingMissingCapabilities() throws {
        let store = WriteOnlyStore()
        try store.set("a", Data())
        assertStoreError(try store.setPartialValues([("a", 0, Data())])) {
            if case .unsupported(let m) = $0 { return m.hasPrefix("WriteOnlyStore.setPartialValues(): ") }
            return false
        }
        assertStoreError(try store.erasePrefix("a/")) {
            if case .unsupported(let m) = $0 { return m.hasPrefix("WriteOnlyStore.erasePrefix(): ") }
            return false
        }
    }
}
