import Foundation
import XCTest
@testable import SimpleZarr

/// Behaviour every full store must share, run against MemoryStore and LocalStore (and S3Store
/// on moto); the read-only part also against HTTPStore on nginx.
final class StoreContractTests: XCTestCase {
    func testGetSetEraseRoundTrip() {
        withEachStore { store in
            try store.set("a", bytes("A"))
            try store.set("b/c/d", bytes("D"))
            try store.set(".zattrs", bytes("{}"))
            XCTAssertEqual(try store.get("a"), bytes("A"))
            XCTAssertEqual(try store.get("b/c/d"), bytes("D"))
            try store.set("a", bytes("AA"))
            XCTAssertEqual(try store.get("a"), bytes("AA"))
            try store.set("empty", Data())
            XCTAssertEqual(try store.get("empty"), Data())
            XCTAssertEqual(try store.list(), [".zattrs", "a", "b/c/d", "empty"])
            try store.erase("a")
            assertStoreError(try store.get("a")) { $0 == .keyNotFound(key: "a", method: "\(type(of: store)).get") }
            assertStoreError(try store.erase("a")) { if case .keyNotFound(key: "a", _) = $0 { return true }; return false }
            assertStoreError(try store.get("b/c")) { if case .keyNotFound(key: "b/c", _) = $0 { return true }; return false }
            try store.eraseValues(["b/c/d", "empty"])
            XCTAssertEqual(try store.list(), [".zattrs"])
        }
    }

    func testKeyNotFoundDescription() {
        let store = MemoryStore()
        assertStoreError(try store.get("a/b")) { $0.description == "MemoryStore.get(): key 'a/b' does not exist" }
    }

    func testListPrefixExample() {
        withEachStore { store in
            for key in ["a/b", "a/c/d", "e/f/g"] { try store.set(key, bytes(key)) }
            XCTAssertEqual(try store.listPrefix("a/"), ["a/b", "a/c/d"])
            XCTAssertEqual(try store.listPrefix("a/c/"), ["a/c/d"])
            XCTAssertEqual(try store.listPrefix("/"), ["a/b", "a/c/d", "e/f/g"])
            XCTAssertEqual(try store.listPrefix("x/"), [])
            XCTAssertEqual(try store.listPrefix("a/b/"), [])
        }
    }

    func testListDirExample() {
        withEachStore { store in
            for key in ["a/b", "a/c", "a/d/e", "a/f/g"] { try store.set(key, bytes(key)) }
            XCTAssertEqual(try store.listDir("a/"), ["a/b", "a/c", "a/d/", "a/f/"])
            XCTAssertEqual(try store.listDir("b/"), [])
            XCTAssertEqual(try store.listDir("/"), ["a/"])
            XCTAssertEqual(try store.listDir("a/d/"), ["a/d/e"])
            XCTAssertEqual(try store.listDir("a/b/"), [])
        }
    }

    func testListIsSortedByCodePoint() {
        withEachStore { store in
            for key in ["b", "B", "a/z", "a-b", "é", "_"] { try store.set(key, Data()) }
            XCTAssertEqual(try store.list(), ["B", "_", "a-b", "a/z", "b", "é"])
            XCTAssertEqual(try store.listDir("/"), ["B", "_", "a-b", "a/", "b", "é"])
        }
    }

    func testErasePrefix() {
        withEachStore { store in
            for key in ["a/b", "a/c/d", "ab", "e/f"] { try store.set(key, bytes(key)) }
            try store.erasePrefix("a/")
            XCTAssertEqual(try store.list(), ["ab", "e/f"])
            XCTAssertEqual(try store.listDir("/"), ["ab", "e/"])
            try store.erasePrefix("zzz/")  // nothing there: no error
            try store.erasePrefix("/")
            XCTAssertEqual(try store.list(), [])
            try store.set("a", bytes("again"))  // the directory "a/" is gone
            XCTAssertEqual(try store.get("a"), bytes("again"))
        }
    }

    func testPartialGet() {
        withEachReadableStore(["k": bytes("0123456789"), "j": bytes("abc"), "d/e/f": bytes("F")]) { store in
            XCTAssertEqual(try store.get("k"), bytes("0123456789"))
            XCTAssertEqual(try store.get("d/e/f"), bytes("F"))
            assertStoreError(try store.get("d/e")) { if case .keyNotFound(key: "d/e", _) = $0 { return true }; return false }
            assertStoreError(try store.get("x")) { $0 == .keyNotFound(key: "x", method: "\(type(of: store)).get") }
            let parts = try store.getPartialValues([
                ("k", 0, nil), ("k", 2, 3), ("k", 8, 10), ("k", 10, nil), ("k", 20, 5),
                ("k", 3, 0), ("j", 1, nil), ("k", 9, Int.max), (key: "k", start: Int.max, length: 1),
            ])
            XCTAssertEqual(parts, [bytes("0123456789"), bytes("234"), bytes("89"), Data(), Data(),
                                   Data(), bytes("bc"), bytes("9"), Data()])
            XCTAssertEqual(parts[1].startIndex, 0)
            // A negative start counts from the end, as Python's value[-n:].
            let tails = try store.getPartialValues([
                ("k", -1, nil), ("k", -4, 2), ("k", -10, nil), ("k", -11, 3), (key: "k", start: Int.min, length: nil),
                ("j", -2, 1), ("k", -3, 0),
            ])
            XCTAssertEqual(tails, [bytes("9"), bytes("67"), bytes("0123456789"), bytes("012"), bytes("0123456789"),
                                   bytes("b"), Data()])
            assertStoreError(try store.getPartialValues([("k", 0, -2)])) {
                if case .invalidKey(let m) = $0 { return m.contains("-2") }
                return false
            }
            assertStoreError(try store.getPartialValues([("nope", 0, 1)])) {
                if case .keyNotFound(key: "nope", _) = $0 { return true }
                return false
            }
        }
    }

    func testPartialSet() {
        withEachStore { store in
            try store.set("k", bytes("0123456789"))
            try store.setPartialValues([("k", 2, bytes("xy"))])
            XCTAssertEqual(try store.get("k"), bytes("01xy456789"))
            try store.setPartialValues([("k", 9, bytes("ABC")), ("k", 12, bytes("Z"))])
            XCTAssertEqual(try store.get("k"), bytes("01xy45678ABCZ"))
            try store.setPartialValues([("k", 0, Data())])
            XCTAssertEqual(try store.get("k"), bytes("01xy45678ABCZ"))
            assertStoreError(try store.setPartialValues([("k", 20, bytes("Q"))])) {
                if case .invalidKey(let m) = $0 { return m.contains("beyond the end") }
                return false
            }
            XCTAssertEqual(try store.get("k"), bytes("01xy45678ABCZ"))
            assertStoreError(try store.setPartialValues([("k", -1, bytes("Q"))])) {
                if case .invalidKey = $0 { return true }
                return false
            }
            assertStoreError(try store.setPartialValues([("missing", 0, bytes("Q"))])) {
                if case .keyNotFound(key: "missing", _) = $0 { return true }
                return false
            }
        }
    }

    // MARK: Validation

    static let badKeys = ["", "/a", "/", "a/", "a//b", ".", "..", "./a", "a/../b", "a/...", "a/./b"]
    static let goodKeys = ["a", "a/b", ".zattrs", "a/.b", "a..b", "...a", "a/b.", "c/0/1"]
    static let badPrefixes = ["", "a", "/a/", "a//", "./", "../", "a/../", "//", "a/./b/", "a/b"]
    static let goodPrefixes = ["/", "a/", "a/b/", ".x/", "a../"]

    private func isInvalid(_ error: StoreError, _ method: String, _ value: String, in store: AnyObject) -> Bool {
        guard case .invalidKey(let message) = error else { return false }
        return message.hasPrefix("\(type(of: store)).\(method)(): ") && message.hasSuffix("got '\(value)'")
    }

    func testBadKeysAreRefusedByEveryMethod() {
        withEachStore { store in
            try store.set("ok", bytes("v"))
            for key in Self.badKeys {
                assertStoreError(try store.get(key)) { isInvalid($0, "get", key, in: store) }
                assertStoreError(try store.getPartialValues([("ok", 0, nil), (key, 0, nil)])) {
                    isInvalid($0, "getPartialValues", key, in: store)
                }
                assertStoreError(try store.set(key, bytes("x"))) { isInvalid($0, "set", key, in: store) }
                assertStoreError(try store.setPartialValues([(key, 0, bytes("x"))])) {
                    isInvalid($0, "setPartialValues", key, in: store)
                }
                assertStoreError(try store.erase(key)) { isInvalid($0, "erase", key, in: store) }
                assertStoreError(try store.eraseValues(["ok", key])) { isInvalid($0, "eraseValues", key, in: store) }
            }
            // eraseValues validates all keys before erasing any.
            XCTAssertEqual(try store.get("ok"), bytes("v"))
        }
    }

    func testBadKeysAreRefusedByEveryRead() {
        withEachReadableStore(["ok": bytes("v")]) { store in
            for key in Self.badKeys {
                assertStoreError(try store.get(key)) { isInvalid($0, "get", key, in: store) }
                assertStoreError(try store.getPartialValues([("ok", 0, nil), (key, 0, nil)])) {
                    isInvalid($0, "getPartialValues", key, in: store)
                }
                XCTAssertThrowsError(try store.getFuture(key).result(timeout: 10))
            }
            XCTAssertEqual(try store.getFuture("ok").result(timeout: 10), bytes("v"))
            XCTAssertEqual(try store.getPartialValuesFuture([("ok", -1, nil)]).result(timeout: 10), [bytes("v")])
        }
    }

    func testBadPrefixesAreRefusedByEveryMethod() {
        withEachStore { store in
            try store.set("a/b", bytes("v"))
            for prefix in Self.badPrefixes {
                assertStoreError(try store.listPrefix(prefix)) { isInvalid($0, "listPrefix", prefix, in: store) }
                assertStoreError(try store.listDir(prefix)) { isInvalid($0, "listDir", prefix, in: store) }
                assertStoreError(try store.erasePrefix(prefix)) { isInvalid($0, "erasePrefix", prefix, in: store) }
            }
            XCTAssertEqual(try store.list(), ["a/b"])
        }
    }

    func testGoodKeysAndPrefixesAreAccepted() {
        withEachStore { store in
            for key in Self.goodKeys where key != "a" && key != "a/b." {  // avoid file/dir clashes
                try store.set(key, bytes(key))
                XCTAssertEqual(try store.get(key), bytes(key))
            }
            for prefix in Self.goodPrefixes {
                _ = try store.listPrefix(prefix)
                _ = try store.listDir(prefix)
            }
        }
    }

    func testValidationMessages() {
        let store = MemoryStore()
        assertStoreError(try store.get("/a")) {
            $0 == .invalidKey("MemoryStore.get(): key must not start with '/', got '/a'")
        }
        assertStoreError(try store.get("")) {
            $0 == .invalidKey("MemoryStore.get(): key must not be empty, got ''")
        }
        assertStoreError(try store.set("a/", Data())) {
            $0 == .invalidKey("MemoryStore.set(): key must not end with '/', got 'a/'")
        }
        assertStoreError(try store.erase("a/../b")) {
            $0.description.hasPrefix("MemoryStore.erase(): key parts must not be empty or consist only of periods")
        }
        assertStoreError(try store.listDir("a")) {
            $0 == .invalidKey("MemoryStore.listDir(): prefix must end with '/', got 'a'")
        }
        assertStoreError(try store.listPrefix("/a/")) {
            $0 == .invalidKey("MemoryStore.listPrefix(): prefix must not start with '/', got '/a/'")
        }
        assertStoreError(try store.get("/it's")) { $0.description.hasSuffix("got \"/it's\"") }
    }
}
