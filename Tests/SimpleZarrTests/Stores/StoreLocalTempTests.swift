import Foundation
import XCTest
@testable import SimpleZarr

/// LocalStore's temporary files: never a valid key, never hiding one, cleaned up
/// once their writer is surely gone; and the durable mode.
final class StoreLocalTempTests: XCTestCase {
    private var root = FileManager.default.temporaryDirectory
    private let fm = FileManager.default

    override func setUpWithError() throws {
        root = try makeTemporaryDirectory()
    }

    override func tearDown() {
        removeTemporaryDirectory(root)
    }

    private func periods(_ n: Int) -> String { String(repeating: ".", count: n) }

    /// Writes a file by hand, `age` seconds old.
    private func leave(_ relative: String, age: TimeInterval) throws {
        let url = root.appendingPathComponent(relative)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes("half a value").write(to: url)
        try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
    }

    private func exists(_ relative: String) -> Bool {
        fm.fileExists(atPath: root.appendingPathComponent(relative).path)
    }

    /// Keys shaped like the temporary files of other writers (ours before, and
    /// common editors' and tools') are ordinary keys.
    func testKeysShapedLikeTemporaryFilesAreListed() throws {
        let store = LocalStore(root)
        let keys = ["a/.b.tmp-" + UUID().uuidString, ".c.tmp-" + UUID().uuidString, "d~", ".#e", "f.tmp", "...g", "h..."]
        for key in keys { try store.set(key, bytes(key)) }
        XCTAssertEqual(try store.list(), StoreKeys.sorted(keys))
        XCTAssertEqual(try store.listDir("a/"), [keys[0]])
        for key in keys { XCTAssertEqual(try store.get(key), bytes(key)) }
    }

    func testStaleTemporaryFilesAreRemovedFreshOnesKept() throws {
        let store = LocalStore(root)
        try store.set("a/k", bytes("v"))
        try leave("a/" + periods(3), age: 2 * 3600)
        try leave("a/b/" + periods(200), age: 2 * 3600)
        try leave(periods(4), age: 2 * 3600)
        try leave("a/" + periods(5), age: 60)  // a writer may still be at it
        try leave("a/old-but-a-key", age: 2 * 3600)
        XCTAssertEqual(try store.list(), ["a/k", "a/old-but-a-key"])
        XCTAssertEqual(try store.removeStaleTemporaryFiles(), 3)
        XCTAssertFalse(exists("a/" + periods(3)))
        XCTAssertFalse(exists("a/b/" + periods(200)))
        XCTAssertFalse(exists(periods(4)))
        XCTAssertTrue(exists("a/" + periods(5)))
        XCTAssertEqual(try store.removeStaleTemporaryFiles(olderThan: 0), 1)
        XCTAssertFalse(exists("a/" + periods(5)))
        XCTAssertEqual(try store.list(), ["a/k", "a/old-but-a-key"])
        XCTAssertEqual(try LocalStore(root.appendingPathComponent("none")).removeStaleTemporaryFiles(), 0)
    }

    /// A writer that needs a name held by a dead writer's file takes it over; when
    /// every name is held by live writers it gives up with a clear error.
    func testTemporaryNamesOfDeadWritersAreTakenOver() throws {
        let store = LocalStore(root)
        for n in 3...255 { try leave("s/" + periods(n), age: 2 * 3600) }
        try store.set("s/k", bytes("1"))
        XCTAssertEqual(try store.get("s/k"), bytes("1"))
        let left = try fm.contentsOfDirectory(atPath: root.appendingPathComponent("s").path)
        XCTAssertEqual(left.count, 253)  // one stale file gone, "k" added
        XCTAssertTrue(left.contains("k"))

        for n in 3...255 { try leave("f/" + periods(n), age: 0) }
        assertStoreError(try store.set("f/k", bytes("1"))) {
            if case .io(let m) = $0 { return m.hasPrefix("LocalStore.set(): ") && m.contains("in use") }
            return false
        }
        XCTAssertEqual(try store.list(), ["s/k"])
    }

    func testDurableStoreWorksLikeAnyOther() throws {
        let store = LocalStore(root, durable: true)
        XCTAssertTrue(store.durable)
        XCTAssertFalse(LocalStore(root).durable)
        XCTAssertTrue(LocalStore(root.appendingPathComponent("x"), durable: true).durable)
        try store.set("a/b/c", bytes("0123"))
        try store.setPartialValues([("a/b/c", 2, bytes("xyz"))])
        XCTAssertEqual(try store.get("a/b/c"), bytes("01xyz"))
        try store.set("d", bytes("d"))
        try store.erase("d")
        try store.erasePrefix("a/")
        XCTAssertEqual(try store.list(), [])
        try store.set("e", Data())
        try store.erasePrefix("/")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: root.path), [])
    }

    /// A failing partial write leaves the value as it was, with no temporary behind.
    func testFailedPartialWriteKeepsTheValue() throws {
        let store = LocalStore(root)
        try store.set("k", bytes("0123"))
        assertStoreError(try store.setPartialValues([("k", 9, bytes("x"))])) {
            if case .invalidKey(let m) = $0 { return m.contains("beyond the end") }
            return false
        }
        // Earlier items of the call stay applied, as in MemoryStore.
        assertStoreError(try store.setPartialValues([("k", 0, bytes("A")), ("k", 9, bytes("x"))])) {
            if case .invalidKey = $0 { return true }
            return false
        }
        XCTAssertEqual(try store.get("k"), bytes("A123"))
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: root.path), ["k"])
    }
}
