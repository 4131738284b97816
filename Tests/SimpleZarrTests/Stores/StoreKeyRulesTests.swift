import Foundation
import XCTest
@testable import SimpleZarr

/// The UTF-8 bytes of each key: `[String]` equality is canonical equivalence, which
/// would hide the very difference these tests are about.
func utf8(_ keys: [String]) -> [[UInt8]] { keys.map { Array($0.utf8) } }

/// A store keyed by UTF-8 bytes that implements only the required hooks, so the
/// protocol-extension defaults (partial get, listing) do the rest.
final class ByteKeyedMinimalStore: BaseStore, ReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    private let values = ConcurrencyLocked<[[UInt8]: Data]>([:])

    func uncheckedGet(_ key: String) throws -> Data {
        guard let value = values.withLock({ $0[Array(key.utf8)] }) else {
            throw StoreError.keyNotFound(key: key, method: "ByteKeyedMinimalStore.get")
        }
        return value
    }

    func uncheckedSet(_ key: String, _ value: Data) throws {
        values.withLock { $0[Array(key.utf8)] = value }
    }

    func uncheckedErase(_ key: String) throws {
        guard values.withLock({ $0.removeValue(forKey: Array(key.utf8)) }) != nil else {
            throw StoreError.keyNotFound(key: key, method: "ByteKeyedMinimalStore.erase")
        }
    }

    func uncheckedList() throws -> [String] {
        values.withLock { $0.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) } }
    }
}

/// Key rules: what every store refuses (NUL), what only the file system needs
/// (LocalStore's name and path limits), and keys compared by their UTF-8 bytes.
final class StoreKeyRulesTests: XCTestCase {
    // MARK: NUL

    private func isNULRefusal(_ error: StoreError, _ method: String, _ value: String, in store: AnyObject) -> Bool {
        guard case .invalidKey(let message) = error else { return false }
        return message.hasPrefix("\(type(of: store)).\(method)(): ")
            && message.contains("NUL")
            && message.hasSuffix("got \(StoreKeys.repr(value))")
    }

    /// The audit's cases: a NUL must never make a method act on the key before it.
    func testNULIsRefusedByEveryMethodAndTouchesNothing() {
        withEachStore { store in
            let original: [String: Data] = [
                "zarr.json": bytes("{root}"), "c/0": bytes("chunk"), "data/x": bytes("x"),
            ]
            for (key, value) in original { try store.set(key, value) }
            for key in ["c/0\u{0}x", "zarr.json\u{0}", "\u{0}", "data\u{0}x/y", "c/\u{0}/0"] {
                assertStoreError(try store.get(key)) { isNULRefusal($0, "get", key, in: store) }
                assertStoreError(try store.getPartialValues([(key, 0, nil)])) {
                    isNULRefusal($0, "getPartialValues", key, in: store)
                }
                assertStoreError(try store.set(key, bytes("evil"))) { isNULRefusal($0, "set", key, in: store) }
                assertStoreError(try store.setPartialValues([(key, 0, bytes("evil"))])) {
                    isNULRefusal($0, "setPartialValues", key, in: store)
                }
                assertStoreError(try store.erase(key)) { isNULRefusal($0, "erase", key, in: store) }
                assertStoreError(try store.eraseValues([key])) { isNULRefusal($0, "eraseValues", key, in: store) }
            }
            for prefix in ["data\u{0}x/", "data\u{0}/", "\u{0}/", "c/0\u{0}/"] {
                assertStoreError(try store.erasePrefix(prefix)) { isNULRefusal($0, "erasePrefix", prefix, in: store) }
                assertStoreError(try store.listPrefix(prefix)) { isNULRefusal($0, "listPrefix", prefix, in: store) }
                assertStoreError(try store.listDir(prefix)) { isNULRefusal($0, "listDir", prefix, in: store) }
            }
            XCTAssertEqual(try store.list(), ["c/0", "data/x", "zarr.json"])
            for (key, value) in original { XCTAssertEqual(try store.get(key), value, key) }
        }
    }

    func testNULMessage() {
        assertStoreError(try MemoryStore().erase("zarr.json\u{0}")) {
            $0 == .invalidKey("MemoryStore.erase(): key must not contain NUL characters, got 'zarr.json\\x00'")
        }
        assertStoreError(try MemoryStore(fields: ["a\u{0}": Data()])) {
            if case .invalidKey(let m) = $0 { return m.hasPrefix("MemoryStore.init(): key must not contain NUL") }
            return false
        }
    }

    /// The unchecked hooks, which a subclass or wrapper may call directly, refuse
    /// a NUL too: a C path would end at it and name another file.
    func testLocalStoreHooksRefuseNUL() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        let store = LocalStore(root)
        try store.set("c/0", bytes("chunk"))
        let refused: (StoreError) -> Bool = { if case .invalidKey(let m) = $0 { return m.contains("NUL") }; return false }
        assertStoreError(try store.uncheckedErase("c/0\u{0}x"), refused)
        assertStoreError(try store.uncheckedSet("c/0\u{0}x", Data()), refused)
        assertStoreError(try store.uncheckedGet("c/0\u{0}x"), refused)
        assertStoreError(try store.uncheckedErasePrefix("c\u{0}/"), refused)
        assertStoreError(try store.uncheckedListDir("c\u{0}/"), refused)
        XCTAssertEqual(try store.get("c/0"), bytes("chunk"))
        assertStoreError(try LocalStore(root.path + "\u{0}x").list()) {
            if case .io(let m) = $0 { return m.contains("NUL") }
            return false
        }
    }

    // MARK: LocalStore limits

    func testLocalStoreRefusesNamesTheFileSystemCannotHold() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        let store = LocalStore(root)
        let longest = String(repeating: "n", count: 255)
        try store.set("a/" + longest, bytes("ok"))
        XCTAssertEqual(try store.get("a/" + longest), bytes("ok"))
        let tooLong = [String(repeating: "n", count: 256), String(repeating: "\u{E9}", count: 128)]
        for part in tooLong {
            for key in [part, "a/" + part, part + "/b"] {
                let refused: (StoreError) -> Bool = {
                    if case .invalidKey(let m) = $0 { return m.contains("255 bytes") && m.contains(part) }
                    return false
                }
                assertStoreError(try store.set(key, bytes("x")), refused)
                assertStoreError(try store.get(key), refused)
                assertStoreError(try store.erase(key), refused)
                assertStoreError(try store.setPartialValues([(key, 0, bytes("x"))]), refused)
                assertStoreError(try store.getPartialValues([(key, 0, nil)]), refused)
            }
            assertStoreError(try store.erasePrefix(part + "/")) { if case .invalidKey = $0 { return true }; return false }
            assertStoreError(try store.listDir(part + "/")) { if case .invalidKey = $0 { return true }; return false }
        }
        // MemoryStore has no such limit.
        let memory = MemoryStore()
        try memory.set(tooLong[0], bytes("fine"))
        XCTAssertEqual(try memory.get(tooLong[0]), bytes("fine"))
        XCTAssertEqual(try store.list(), ["a/" + longest])
    }

    // MARK: Two spellings, two keys

    static let nfc = "caf\u{E9}"
    static let nfd = "cafe\u{301}"

    /// Skips a LocalStore on a file system that folds Unicode spellings together
    /// (such as APFS or HFS+), where two such keys cannot be two files.
    private func skipIfFolding(_ store: any FullStore) throws {
        guard let local = store as? LocalStore else { return }
        let probe = local.url.appendingPathComponent(Self.nfc)
        try Data().write(to: probe)
        defer { try? FileManager.default.removeItem(at: probe) }
        if FileManager.default.fileExists(atPath: local.url.appendingPathComponent(Self.nfd).path) {
            throw XCTSkip("the file system folds Unicode normalization forms")
        }
    }

    private func eachStore(_ body: (any FullStore) throws -> Void) {
        withEachStore { store in
            do {
                try skipIfFolding(store)
            } catch is XCTSkip {
                return
            }
            try body(store)
        }
        do {
            try body(ByteKeyedMinimalStore())
        } catch {
            XCTFail("ByteKeyedMinimalStore: unexpected error \(error)")
        }
    }

    func testCanonicallyEquivalentSpellingsAreTwoKeys() {
        let (nfc, nfd) = (Self.nfc, Self.nfd)
        XCTAssertEqual(nfc, nfd)  // Swift's String equality: the trap
        XCTAssertNotEqual(Array(nfc.utf8), Array(nfd.utf8))
        eachStore { store in
            let name = "\(type(of: store))"
            try store.set(nfc, bytes("composed"))
            try store.set(nfd, bytes("decomposed"))
            XCTAssertEqual(try store.get(nfc), bytes("composed"), name)
            XCTAssertEqual(try store.get(nfd), bytes("decomposed"), name)
            XCTAssertEqual(try store.getPartialValues([(nfc, 0, nil), (nfd, 0, 3), (nfc, 1, 2)]),
                           [bytes("composed"), bytes("dec"), bytes("om")], name)
            // Sorted by bytes: "e" (0x65) comes before "é" (0xC3 0xA9).
            XCTAssertEqual(utf8(try store.list()), utf8([nfd, nfc]), name)
            XCTAssertEqual(utf8(try store.listDir("/")), utf8([nfd, nfc]), name)
            try store.erase(nfc)
            XCTAssertEqual(utf8(try store.list()), utf8([nfd]), name)
            XCTAssertEqual(try store.get(nfd), bytes("decomposed"), name)
            assertStoreError(try store.get(nfc)) {
                if case .keyNotFound(let key, _) = $0 { return Array(key.utf8) == Array(nfc.utf8) }
                return false
            }
            try store.erase(nfd)
            XCTAssertEqual(try store.list(), [], name)
        }
    }

    func testCanonicallyEquivalentDirectoriesAreTwoDirectories() {
        let (nfc, nfd) = (Self.nfc, Self.nfd)
        eachStore { store in
            let name = "\(type(of: store))"
            // The audit's case: a group under one spelling next to an array under the other.
            try store.set(nfd, bytes("array"))
            try store.set(nfc + "/zarr.json", bytes("group"))
            XCTAssertEqual(try store.get(nfd), bytes("array"), name)
            try store.set(nfd + "x/k", bytes("other"))
            XCTAssertEqual(utf8(try store.listDir("/")), utf8([nfd, nfd + "x/", nfc + "/"]), name)
            XCTAssertEqual(utf8(try store.listPrefix(nfc + "/")), utf8([nfc + "/zarr.json"]), name)
            XCTAssertEqual(utf8(try store.listDir(nfc + "/")), utf8([nfc + "/zarr.json"]), name)
            XCTAssertEqual(try store.listPrefix(nfd + "/"), [], name)
            try store.erasePrefix(nfd + "/")  // nothing there
            XCTAssertEqual(try store.get(nfc + "/zarr.json"), bytes("group"), name)
            try store.erase(nfd)
            try store.set(nfd + "/zarr.json", bytes("group 2"))
            try store.erasePrefix(nfc + "/")
            XCTAssertEqual(utf8(try store.list()), utf8([nfd + "/zarr.json", nfd + "x/k"]), name)
            XCTAssertEqual(try store.get(nfd + "/zarr.json"), bytes("group 2"), name)
        }
    }

    func testMemoryStoreSpellingsInSnapshotAndErase() throws {
        let (nfc, nfd) = (Self.nfc, Self.nfd)
        let store = MemoryStore()
        try store.set(nfc, bytes("1"))
        try store.set(nfd, bytes("22"))
        XCTAssertEqual(store.nbytes, 3)
        XCTAssertEqual(store.description, "<MemoryStore with 2 keys>")
        try store.eraseValues([nfd])
        XCTAssertEqual(store.dict.count, 1)
        XCTAssertEqual(store.dict.keys.map { Array($0.utf8) }, [Array(nfc.utf8)])
    }
}
