import Foundation
import XCTest
@testable import SimpleZarr

final class StoreLocalTests: XCTestCase {
    private var root: URL = FileManager.default.temporaryDirectory

    override func setUpWithError() throws {
        root = try makeTemporaryDirectory()
    }

    override func tearDown() {
        removeTemporaryDirectory(root)
    }

    private func allFileNames() -> [String] {
        FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    }

    /// True for a path of a temporary file.
    private func isTemporary(_ path: String) -> Bool {
        LocalStore.isTemporaryName(Array((path.split(separator: "/").last ?? "").utf8))
    }

    func testPathsAndDescription() {
        let store = LocalStore(root.path + "/")
        XCTAssertEqual(store.path, root.path)
        XCTAssertEqual(store.description, "<LocalStore '\(root.path)'>")
        XCTAssertEqual(LocalStore(root).path, root.path)
        XCTAssertEqual(LocalStore(root).url.path, root.path)
        XCTAssertEqual(LocalStore("").path, ".")
    }

    func testKeysAreFiles() throws {
        let store = LocalStore(root)
        try store.set("a/b/c", bytes("abc"))
        XCTAssertEqual(try Data(contentsOf: root.appendingPathComponent("a/b/c")), bytes("abc"))
        try bytes("by hand").write(to: root.appendingPathComponent("a/hand"))
        XCTAssertEqual(try store.get("a/hand"), bytes("by hand"))
        XCTAssertEqual(try store.list(), ["a/b/c", "a/hand"])
        // A directory is not a key.
        assertStoreError(try store.get("a/b")) { $0 == .keyNotFound(key: "a/b", method: "LocalStore.get") }
        assertStoreError(try store.erase("a/b")) { $0 == .keyNotFound(key: "a/b", method: "LocalStore.erase") }
        XCTAssertEqual(try store.list(), ["a/b/c", "a/hand"])
    }

    func testStoreRootCreatedOnFirstSet() throws {
        let store = LocalStore(root.appendingPathComponent("new/root"))
        XCTAssertEqual(try store.list(), [])
        XCTAssertEqual(try store.listDir("/"), [])
        XCTAssertEqual(try store.listPrefix("a/"), [])
        assertStoreError(try store.get("x")) { if case .keyNotFound = $0 { return true }; return false }
        try store.set("x", bytes("1"))
        XCTAssertEqual(try store.get("x"), bytes("1"))
    }

    func testAtomicSetLeavesNoTemporaryFiles() throws {
        let store = LocalStore(root)
        for i in 0..<200 {
            try store.set("g/k\(i % 20)", Data(repeating: UInt8(i & 0xFF), count: i))
        }
        XCTAssertFalse(allFileNames().contains(where: isTemporary), "\(allFileNames())")
        XCTAssertEqual(try store.list().count, 20)
        XCTAssertEqual(try store.get("g/k19"), Data(repeating: 199, count: 199))
    }

    func testTemporaryFilesAreNeverListed() throws {
        let store = LocalStore(root)
        try store.set("a/b", bytes("1"))
        let fm = FileManager.default
        XCTAssertTrue(LocalStore.isTemporaryName(Array("...".utf8)))
        XCTAssertTrue(LocalStore.isTemporaryName(Array(String(repeating: ".", count: 255).utf8)))
        XCTAssertFalse(LocalStore.isTemporaryName(Array("..".utf8)))
        XCTAssertFalse(LocalStore.isTemporaryName(Array("...a".utf8)))
        for temp in ["a/...", "....", "a/" + String(repeating: ".", count: 200)] {
            try bytes("half").write(to: root.appendingPathComponent(temp))
        }
        // Period-only directories are no keys either.
        try fm.createDirectory(at: root.appendingPathComponent("a/....."), withIntermediateDirectories: true)
        try bytes("x").write(to: root.appendingPathComponent("a/...../x"))
        XCTAssertEqual(try store.list(), ["a/b"])
        XCTAssertEqual(try store.listPrefix("a/"), ["a/b"])
        XCTAssertEqual(try store.listDir("a/"), ["a/b"])
        XCTAssertEqual(try store.listDir("/"), ["a/"])
    }

    func testFailedSetKeepsOldValue() throws {
        let store = LocalStore(root)
        try store.set("a", bytes("old"))
        // The parent of "a/b" is a file: refused, old value intact.
        assertStoreError(try store.set("a/b", bytes("new"))) {
            $0 == .conflict("LocalStore.set(): cannot set 'a/b' because 'a' exists")
        }
        assertStoreError(try store.set("a/b/c", bytes("new"))) { if case .conflict = $0 { return true }; return false }
        XCTAssertEqual(try store.get("a"), bytes("old"))
        // The target is a directory: refused, its contents intact.
        try store.set("d/e", bytes("E"))
        assertStoreError(try store.set("d", bytes("new"))) {
            $0 == .conflict("LocalStore.set(): cannot set 'd' because it is a directory")
        }
        XCTAssertEqual(try store.get("d/e"), bytes("E"))
        XCTAssertEqual(try store.list(), ["a", "d/e"])
        XCTAssertFalse(allFileNames().contains(where: isTemporary))
    }

    func testErasePrefixRootKeepsRoot() throws {
        let store = LocalStore(root)
        try store.set("a/b", Data())
        try store.set("c", Data())
        try store.erasePrefix("/")
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory))
        XCTAssertTrue(isDirectory.boolValue)
        XCTAssertEqual(allFileNames(), [])
    }

    func testSymlinkLoopDoesNotHang() throws {
        let store = LocalStore(root)
        try store.set("a/b", bytes("1"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("a/loop").path,
                                                   withDestinationPath: root.path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path,
                                                   withDestinationPath: root.appendingPathComponent("a/b").path)
        XCTAssertEqual(try store.list(), ["a/b", "link"])
        XCTAssertEqual(try store.get("link"), bytes("1"))
        XCTAssertEqual(try store.listDir("a/"), ["a/b", "a/loop/"])
    }

    /// Names no key can have are skipped by listings (and removed by erasePrefix);
    /// special files are no keys (reading a FIFO must not wait for a writer).
    func testForeignNamesAndSpecialFilesAreNoKeys() throws {
        let store = LocalStore(root)
        try store.set("a/k", bytes("v"))
        let notUTF8: [CChar] = Array("a/f".utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0]
        let dir = open(root.path, O_RDONLY | O_DIRECTORY)
        defer { close(dir) }
        let made = openat(dir, notUTF8, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        XCTAssertGreaterThanOrEqual(made, 0)
        if made >= 0 { close(made) }
        XCTAssertEqual(mkfifo(root.appendingPathComponent("a/fifo").path, 0o644), 0)
        XCTAssertEqual(try store.list(), ["a/k"])
        XCTAssertEqual(try store.listDir("a/"), ["a/k"])
        assertStoreError(try store.get("a/fifo")) { $0 == .keyNotFound(key: "a/fifo", method: "LocalStore.get") }
        assertStoreError(try store.erase("a/fifo")) { $0 == .keyNotFound(key: "a/fifo", method: "LocalStore.erase") }
        try store.erasePrefix("a/")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), [])
    }

    /// Whole-file reads do not trust the size from `fstat` (the file may have grown or shrunk).
    func testReadAllReadsToTheEnd() throws {
        let file = root.appendingPathComponent("f")
        let content = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0) })
        try content.write(to: file)
        for expected in [0, 1, 99_999, 100_000, 100_001, 200_000] {
            let fd = open(file.path, O_RDONLY)
            XCTAssertGreaterThanOrEqual(fd, 0)
            defer { close(fd) }
            XCTAssertEqual(try FileCalls.readAll(fd, expected: expected).get(), content, "expected \(expected)")
        }
    }

    func testIOErrorsCarryPathAndReason() throws {
        let store = LocalStore(root)
        try store.set("k", bytes("v"))
        // A directory without permissions (unless we are root, who passes anyway).
        let locked = root.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try bytes("v").write(to: locked.appendingPathComponent("x"))
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        guard (try? Data(contentsOf: locked.appendingPathComponent("x"))) == nil else { return }
        assertStoreError(try store.get("locked/x")) {
            if case .io(let m) = $0 { return m.hasPrefix("LocalStore.get(): cannot open ") && m.contains(self.root.path) }
            return false
        }
        assertStoreError(try store.set("locked/y", bytes("v"))) {
            if case .io(let m) = $0 { return m.hasPrefix("LocalStore.set(): ") && m.contains("Permission denied") }
            return false
        }
        assertStoreError(try store.list()) {
            if case .io(let m) = $0 { return m.hasPrefix("LocalStore.list(): cannot ") }
            return false
        }
        XCTAssertEqual(try store.get("k"), bytes("v"))
    }
}
