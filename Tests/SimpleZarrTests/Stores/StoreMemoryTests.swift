import Foundation
import XCTest
@testable import SimpleZarr

final class StoreMemoryTests: XCTestCase {
    func testConflicts() throws {
        let store = MemoryStore()
        try store.set("a", bytes("A"))
        assertStoreError(try store.set("a/b", bytes("x"))) {
            $0 == .conflict("MemoryStore.set(): cannot set 'a/b' because 'a' exists")
        }
        try store.set("c/d/e", bytes("E"))
        assertStoreError(try store.set("c/d", bytes("x"))) {
            $0 == .conflict("MemoryStore.set(): cannot set 'c/d' because it is a directory")
        }
        assertStoreError(try store.set("c", bytes("x"))) { if case .conflict = $0 { return true }; return false }
        assertStoreError(try store.set("c/d/e/f", bytes("x"))) { if case .conflict = $0 { return true }; return false }
        // Failed sets leave nothing behind.
        XCTAssertEqual(try store.list(), ["a", "c/d/e"])
        XCTAssertEqual(try store.listDir("c/"), ["c/d/"])
        // Once a directory is empty, its name can become a key.
        try store.erase("c/d/e")
        try store.set("c/d", bytes("now a key"))
        XCTAssertEqual(try store.get("c/d"), bytes("now a key"))
        try store.erasePrefix("c/")
        try store.set("c", bytes("C"))
        XCTAssertEqual(try store.list(), ["a", "c"])
    }

    func testInitFields() throws {
        let store = try MemoryStore(fields: ["a/b": bytes("1"), "c": bytes("22")])
        XCTAssertEqual(try store.list(), ["a/b", "c"])
        XCTAssertEqual(store.nbytes, 3)
        XCTAssertEqual(store.dict, ["a/b": bytes("1"), "c": bytes("22")])
        XCTAssertEqual(store.description, "<MemoryStore with 2 keys>")
        assertStoreError(try MemoryStore(fields: ["/x": Data()])) {
            $0 == .invalidKey("MemoryStore.init(): key must not start with '/', got '/x'")
        }
        assertStoreError(try MemoryStore(fields: ["a": Data(), "a/b": Data()])) {
            if case .conflict = $0 { return true }; return false
        }
        XCTAssertEqual(try MemoryStore().list(), [])
    }

    func testValuesAreZeroBased() throws {
        let store = MemoryStore()
        let big = bytes("xxhello")
        try store.set("k", big[2...])
        let value = try store.get("k")
        XCTAssertEqual(value.startIndex, 0)
        XCTAssertEqual(value, bytes("hello"))
        XCTAssertEqual(try store.getPartialValues([("k", 1, 2)]), [bytes("el")])
    }

    func testEraseValuesStopsAtMissingKey() throws {
        let store = try MemoryStore(fields: ["a": Data(), "b": Data()])
        assertStoreError(try store.eraseValues(["a", "zz", "b"])) {
            $0 == .keyNotFound(key: "zz", method: "MemoryStore.eraseValues")
        }
        XCTAssertEqual(try store.list(), ["b"])
    }

    func testSubclassNameInMessages() {
        final class MyStore: MemoryStore, @unchecked Sendable {}
        let store = MyStore()
        assertStoreError(try store.get("x")) { $0.description == "MyStore.get(): key 'x' does not exist" }
        assertStoreError(try store.get("/x")) { $0.description.hasPrefix("MyStore.get(): ") }
    }
}
