import Foundation
import XCTest
@testable import SimpleZarr

/// Writing archives: the modes, `close()`, overwrites and erasures in the written directory,
/// zip64 records, failed writes, and the export for Scripts/check_zip_interop.py.
final class ZipStoreWriteTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try makeTemporaryDirectory() }
    override func tearDown() { removeTemporaryDirectory(dir) }

    private func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// The names the central directory of the archive at `path` lists, in order.
    private func directoryNames(_ path: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try ZipCentralDirectory.read(from: .memory(data), size: data.count, context: "test").entries.map(\.name)
    }

    func testModes() throws {
        let p = path("m.zip")
        let w = try ZipStore(p, mode: "w")
        try w.set("a", bytes("1"))
        try w.close()
        try w.close()  // a second close does nothing
        assertStoreError(try w.get("a")) { if case .unsupported(let m) = $0 { return m.contains("closed") }; return false }
        assertStoreError(try ZipStore(p, mode: .exclusive)) { if case .io(let m) = $0 { return m.contains("mode 'x'") }; return false }
        XCTAssertThrowsError(try ZipStore(p, mode: "q"))
        let r = try ZipStore(p)
        assertStoreError(try r.set("b", bytes("2"))) { if case .unsupported(let m) = $0 { return m.contains("read-only") }; return false }
        assertStoreError(try r.erase("a")) { if case .unsupported = $0 { return true }; return false }
        XCTAssertEqual(try r.get("a"), bytes("1"))
        // Appending keeps the old entries; an unchanged append leaves the file as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: p))
        try ZipStore(p, mode: .append).close()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: p)), before)
        let a = try ZipStore(p, mode: .append)
        try a.set("b", bytes("2"))
        try a.close()
        XCTAssertEqual(try ZipStore(p).list(), ["a", "b"])
        // "w" replaces an existing archive; "x" creates a new one.
        try ZipStore(p, mode: .write).close()
        XCTAssertEqual(try ZipStore(p).list(), [])
        let x = try ZipStore(path("new.zip"), mode: .exclusive)
        try x.set("k", bytes("v"))
        try x.close()
        XCTAssertEqual(try ZipStore(path("new.zip")).get("k"), bytes("v"))
    }

    func testOverwriteAndEraseLeaveOneLiveEntryPerName() throws {
        let p = path("o.zip")
        let s = try ZipStore(p, mode: .write, compression: .deflated(level: 6))
        try s.set("a", Data(repeating: 1, count: 1000))
        try s.set("a", Data(repeating: 2, count: 1000))
        try s.set("b/c", bytes("c"))
        try s.set("b/d", bytes("d"))
        try s.erase("b/c")
        try s.setPartialValues([("b/d", 1, bytes("DD"))])
        try s.close()
        XCTAssertEqual(try directoryNames(p), ["a", "b/d"])
        let r = try ZipStore(p)
        XCTAssertEqual(try r.get("a"), Data(repeating: 2, count: 1000))
        XCTAssertEqual(try r.get("b/d"), bytes("dDD"))
        // Appending to it: an overwrite of an old entry and an erasure are written at close.
        let a = try ZipStore(p, mode: .append)
        try a.set("a", bytes("new"))
        try a.erasePrefix("b/")
        try a.close()
        XCTAssertEqual(try directoryNames(p), ["a"])
        XCTAssertEqual(try ZipStore(p).get("a"), bytes("new"))
    }

    func testDeinitWritesTheDirectory() throws {
        let p = path("d.zip")
        do {
            let s = try ZipStore(p, mode: .write)
            try s.set("kept", bytes("yes"))
        }
        XCTAssertEqual(try ZipStore(p).get("kept"), bytes("yes"))
    }

    func testManyEntriesUseZip64EndRecords() throws {
        let p = path("many.zip")
        let s = try ZipStore(p, mode: .write)
        let n = 66_000
        for i in 0..<n { try s.set("c/\(i)", Data([UInt8(truncatingIfNeeded: i)])) }
        try s.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: p))
        XCTAssertEqual(data[(data.count - 22 + 10)...].prefix(2), Data([0xFF, 0xFF]))  // count marked as zip64
        let r = try ZipStore(p)
        XCTAssertEqual(try r.list().count, n)
        XCTAssertEqual(try r.get("c/65999"), Data([UInt8(truncatingIfNeeded: 65_999)]))
    }

    /// An archive whose new entries lie past 4 GiB: a small archive, a sparse gap, and a copy of
    /// its end record at the end, appended to.
    static func makeSparseArchivePast4GiB(_ path: String) throws {
        let s = try ZipStore(path, mode: .write)
        try s.set("low", bytes("below 4 GiB"))
        try s.close()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let end = try handle.seekToEnd()
        try handle.seek(toOffset: end - 22)
        let record = try XCTUnwrap(try handle.read(upToCount: 22))
        try handle.truncate(atOffset: (1 << 32) + 4096)  // sparse: no disk blocks
        try handle.seekToEnd()
        try handle.write(contentsOf: record)
        try handle.close()
        let a = try ZipStore(path, mode: .append)
        try a.set("high", bytes("above 4 GiB"))
        try a.set("low", bytes("replaced above 4 GiB"))
        try a.close()
    }

    func testOffsetsPast4GiBUseZip64Fields() throws {
        let p = path("sparse.zip")
        try Self.makeSparseArchivePast4GiB(p)
        let r = try ZipStore(p)
        XCTAssertEqual(try r.list(), ["high", "low"])
        XCTAssertEqual(try r.get("high"), bytes("above 4 GiB"))
        XCTAssertEqual(try r.getPartialValues([("low", 0, 8)]), [bytes("replaced")])
    }

    func testFailedWriteLeavesNoEntry() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full on this system") }
        let s = try ZipStore("/dev/full", mode: .write)
        assertStoreError(try s.set("a", bytes("x"))) { if case .io(let m) = $0 { return m.contains("'a'") }; return false }
        XCTAssertEqual(try s.list(), [])
        XCTAssertThrowsError(try s.close())
    }

    func testConcurrentWritersAndReaders() throws {
        let s = try ZipStore(path("c.zip"), mode: .write)
        DispatchQueue.concurrentPerform(iterations: 32) { i in
            let key = "k/\(i % 8)"
            try? s.set(key, Data(repeating: UInt8(i), count: 100 + i))
            if let v = try? s.get(key) { XCTAssertTrue(v.allSatisfy { $0 == v.first }) }
        }
        XCTAssertEqual(try s.list().count, 8)
        try s.close()
    }

    /// With ZIP_INTEROP_DIR set, writes v3 and v2 hierarchies (groups, arrays, an overwritten
    /// and an erased key) into zips, one of 66,000 entries and one with entries past 4 GiB, for Scripts/check_zip_interop.py;
    /// skipped otherwise.
    func testExportForZarrPython() throws {
        guard let out = ProcessInfo.processInfo.environment["ZIP_INTEROP_DIR"] else {
            throw XCTSkip("set ZIP_INTEROP_DIR to export zips for Scripts/check_zip_interop.py")
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for format in [2, 3] {
            for (suffix, compression) in [("stored", ZipStore.Compression.stored), ("deflated", .deflated(level: 6))] {
                let store = try ZipStore(out + "/v\(format)-\(suffix).zip", mode: .write, compression: compression)
                try ZarrGroup.create(store, "", attributes: ["title": "from swift"], zarrFormat: format)
                try ZarrGroup.create(store, "sub", zarrFormat: format)
                let ints = try ZarrArray.create(store, "ints", shape: [6, 5], dtype: .int32, chunkShape: [4, 3],
                                                zarrFormat: format)
                try ints[...].set(NDArray((0..<30).map { Int32($0 * 7 - 50) }, shape: [6, 5]))
                let floats = try ZarrArray.create(store, "sub/floats", shape: [7], dtype: .float64, chunkShape: [3],
                                                  zarrFormat: format)
                try floats[...].set(NDArray((0..<7).map { Double($0) / 4 - 1 }, shape: [7]))
                try floats[...].set(NDArray((0..<7).map { Double($0) / 4 - 1 }, shape: [7]))  // every chunk again
                try store.set("scratch", bytes("gone"))
                try store.erase("scratch")
                try store.close()
            }
        }
        // More entries than the classic end record can count: zip64 end records.
        try FileManager.default.createDirectory(atPath: out + "/zip64", withIntermediateDirectories: true)
        let many = try ZipStore(out + "/zip64/many.zip", mode: .write)
        for i in 0..<66_000 { try many.set("c/\(i)", Data([UInt8(truncatingIfNeeded: i)])) }
        try many.close()
        try Self.makeSparseArchivePast4GiB(out + "/zip64/sparse.zip")
    }
}
