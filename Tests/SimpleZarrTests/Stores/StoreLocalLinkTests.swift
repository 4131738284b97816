import Foundation
import XCTest
@testable import SimpleZarr

/// LocalStore and symbolic links: reads may follow them, writes and erases never
/// act on anything outside the root.
final class StoreLocalLinkTests: XCTestCase {
    private var root = FileManager.default.temporaryDirectory
    private var outside = FileManager.default.temporaryDirectory
    private let fm = FileManager.default

    override func setUpWithError() throws {
        root = try makeTemporaryDirectory()
        outside = try makeTemporaryDirectory()
        try fm.createDirectory(at: outside.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try bytes("outside").write(to: outside.appendingPathComponent("existing"))
        try bytes("deep").write(to: outside.appendingPathComponent("sub/deep"))
        try link("link", to: outside.path)
        try link("filelink", to: outside.appendingPathComponent("existing").path)
        try fm.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try bytes("mine").write(to: root.appendingPathComponent("a/own"))
        try link("a/inner", to: outside.path)
    }

    override func tearDown() {
        removeTemporaryDirectory(root)
        removeTemporaryDirectory(outside)
    }

    private func link(_ name: String, to target: String) throws {
        let path = root.appendingPathComponent(name).path
        try? fm.removeItem(atPath: path)
        try fm.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    /// Every file below `outside` with its contents (links not followed).
    private func snapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        for case let name as String in fm.enumerator(atPath: outside.path) ?? FileManager.DirectoryEnumerator() {
            let full = outside.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[name] = fm.contents(atPath: full)
            }
        }
        return result
    }

    private lazy var expectedOutside: [String: Data] = ["existing": bytes("outside"), "sub/deep": bytes("deep")]

    private func isLink(_ name: String) -> Bool {
        (try? fm.destinationOfSymbolicLink(atPath: root.appendingPathComponent(name).path)) != nil
    }

    private func refusesLink(_ method: String, _ key: String) -> (StoreError) -> Bool {
        { error in
            guard case .conflict(let m) = error else { return false }
            return m.hasPrefix("LocalStore.\(method)(): ") && m.contains(StoreKeys.repr(key)) && m.contains("symbolic link")
        }
    }

    func testReadsFollowLinks() throws {
        let store = LocalStore(root)
        XCTAssertEqual(try store.get("link/existing"), bytes("outside"))
        XCTAssertEqual(try store.get("link/sub/deep"), bytes("deep"))
        XCTAssertEqual(try store.get("filelink"), bytes("outside"))
        XCTAssertEqual(try store.getPartialValues([("link/existing", 1, 3)]), [bytes("uts")])
        XCTAssertEqual(try store.listDir("link/"), ["link/existing", "link/sub/"])
        XCTAssertEqual(try store.listPrefix("link/"), ["link/existing", "link/sub/deep"])
        // The whole-tree walk does not enter linked directories (a cycle could not end).
        XCTAssertEqual(try store.list(), ["a/own", "filelink"])
    }

    func testWritesThroughALinkedDirectoryAreRefused() throws {
        let store = LocalStore(root)
        assertStoreError(try store.set("link/new", bytes("x")), refusesLink("set", "link/new"))
        assertStoreError(try store.set("link/existing", bytes("x")), refusesLink("set", "link/existing"))
        assertStoreError(try store.set("link/sub/new", bytes("x")), refusesLink("set", "link/sub/new"))
        assertStoreError(try store.set("a/inner/new", bytes("x")), refusesLink("set", "a/inner/new"))
        assertStoreError(try store.setPartialValues([("link/existing", 0, bytes("X"))]),
                         refusesLink("setPartialValues", "link/existing"))
        assertStoreError(try store.erase("link/existing"), refusesLink("erase", "link/existing"))
        assertStoreError(try store.erase("a/inner/sub/deep"), refusesLink("erase", "a/inner/sub/deep"))
        assertStoreError(try store.eraseValues(["link/existing"]), refusesLink("erase", "link/existing"))
        assertStoreError(try store.erasePrefix("link/sub/"), refusesLink("erasePrefix", "link/sub/"))
        XCTAssertEqual(snapshot(), expectedOutside)
        XCTAssertFalse(fm.fileExists(atPath: outside.appendingPathComponent("new").path))
    }

    func testALinkedDirectoryIsNoKeyToSet() throws {
        let store = LocalStore(root)
        assertStoreError(try store.set("link", bytes("x"))) {
            $0 == .conflict("LocalStore.set(): cannot set 'link' because it is a directory")
        }
        XCTAssertTrue(isLink("link"))
        XCTAssertEqual(snapshot(), expectedOutside)
    }

    func testNodesCannotBeCreatedThroughALink() throws {
        let store = LocalStore(root)
        XCTAssertThrowsError(try ZarrArray.create(store, "link/arr", shape: [4], dtype: .uint8))
        XCTAssertThrowsError(try ZarrGroup.create(store, "link/g"))
        XCTAssertThrowsError(try ZarrArray.create(store, "a/inner/sub/arr", shape: [4], dtype: .uint8))
        XCTAssertEqual(snapshot(), expectedOutside)
    }

    func testALinkedKeyIsReplacedNotWrittenThrough() throws {
        let store = LocalStore(root)
        try store.set("filelink", bytes("replaced"))
        XCTAssertFalse(isLink("filelink"))
        XCTAssertEqual(try store.get("filelink"), bytes("replaced"))
        XCTAssertEqual(snapshot(), expectedOutside)

        try link("filelink", to: outside.appendingPathComponent("existing").path)
        try store.setPartialValues([("filelink", 0, bytes("IN"))])
        XCTAssertFalse(isLink("filelink"))
        XCTAssertEqual(try store.get("filelink"), bytes("INtside"))
        XCTAssertEqual(snapshot(), expectedOutside)

        try link("filelink", to: outside.appendingPathComponent("existing").path)
        try store.erase("filelink")
        XCTAssertFalse(fm.fileExists(atPath: root.appendingPathComponent("filelink").path))
        XCTAssertEqual(snapshot(), expectedOutside)
    }

    func testErasePrefixRemovesLinksNeverTheirTargets() throws {
        let store = LocalStore(root)
        try store.erasePrefix("a/")
        XCTAssertFalse(fm.fileExists(atPath: root.appendingPathComponent("a").path))
        XCTAssertEqual(snapshot(), expectedOutside)

        try store.erasePrefix("link/")
        XCTAssertFalse(isLink("link"))
        XCTAssertEqual(snapshot(), expectedOutside)

        try link("link", to: outside.path)
        try link("b", to: root.path)  // a loop as well
        try store.set("c/d", bytes("1"))
        try store.erasePrefix("/")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: root.path), [])
        XCTAssertEqual(snapshot(), expectedOutside)
    }

    func testErasePrefixKeepsAKeyOfThePrefixName() throws {
        let store = LocalStore(root)
        // "filelink" is a key (a link to a file), not a directory: "filelink/" holds nothing.
        try store.erasePrefix("filelink/")
        XCTAssertTrue(isLink("filelink"))
        try store.set("k", bytes("v"))
        try store.erasePrefix("k/")
        XCTAssertEqual(try store.get("k"), bytes("v"))
        XCTAssertEqual(snapshot(), expectedOutside)
    }
}
