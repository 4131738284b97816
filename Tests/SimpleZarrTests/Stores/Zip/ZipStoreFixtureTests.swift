import Foundation
import XCTest
@testable import SimpleZarr

/// Archives written by zarr-python's ZipStore, Python's zipfile and Info-ZIP's `zip`
/// (Scripts/make_zip_fixtures.py), read value by value through `openZarr(ZipStore(...))`.
/// ZIP_FIXTURES_DIR replaces the committed folder (Scripts/interop.sh points it at fresh ones).
final class ZipStoreFixtureTests: XCTestCase {
    static let folder = ProcessInfo.processInfo.environment["ZIP_FIXTURES_DIR"].map { URL(fileURLWithPath: $0) }
        ?? ZarrFixtures.folder.appendingPathComponent("zip")

    private func manifest() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("manifest.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    private static func bytes(hex: String) -> Data {
        var out = Data(capacity: hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v = c <= UInt8(ascii: "9") ? c - UInt8(ascii: "0") : c - UInt8(ascii: "a") + 10
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }

    func testEveryFixtureReadsValueByValue() throws {
        let entries = try manifest()
        XCTAssertGreaterThanOrEqual(entries.count, 11)
        for (file, spec) in entries.sorted(by: { $0.key < $1.key }) {
            let path = Self.folder.appendingPathComponent(file).path
            let nodePath = spec["path"] as? String ?? ""
            if let expectedError = spec["error"] as? String {
                let store = try ZipStore(path)
                XCTAssertThrowsError(try openZarr(store, path: nodePath).group.array("ints")[...].get(), file) { error in
                    XCTAssertTrue("\(error)".contains(expectedError), "\(file): \(error)")
                }
                continue
            }
            let store = try ZipStore(path)
            let group = try openZarr(store, path: nodePath).group
            XCTAssertEqual(group.attributes["title"], "zip fixture", file)
            let arrays = try XCTUnwrap(spec["arrays"] as? [String: [String: Any]])
            XCTAssertEqual(arrays.count, 3)
            for (name, expected) in arrays {
                let array = try group.array(name)
                XCTAssertEqual(array.dtype.description, expected["dtype"] as? String, "\(file) \(name)")
                let shape = try XCTUnwrap(expected["shape"] as? [Int])
                let want = try NDArray(dtype: array.dtype, shape: shape,
                                       bytes: Self.bytes(hex: try XCTUnwrap(expected["hex"] as? String)))
                XCTAssertEqual(try array[...].get(), want, "\(file) \(name)")
            }
            try store.close()
        }
    }

    func testPartialReadsOfStoredEntriesMatchWholeValues() throws {
        let store = try ZipStore(Self.folder.appendingPathComponent("zarr-python-v3.zip").path)
        for key in try store.list() {
            let whole = try store.get(key)
            let parts = try store.getPartialValues([(key, 1, 5), (key, -3, nil), (key, 0, nil), (key, whole.count, 1)])
            XCTAssertEqual(parts, [StoreKeys.slice(whole, start: 1, length: 5), StoreKeys.slice(whole, start: -3, length: nil),
                                   whole, Data()], key)
        }
    }

    func testSizeIsTheValueLengthWithoutReadingIt() throws {
        // Deflated entries: the size is the value's length, not the compressed one.
        let store = try ZipStore(Self.folder.appendingPathComponent("zipfile-deflated.zip").path)
        for key in try store.list() { XCTAssertEqual(try store.size(of: key), try store.get(key).count, key) }
        assertStoreError(try store.size(of: "no/such/key")) {
            guard case .keyNotFound(let key, _) = $0 else { return false }
            return key == "no/such/key"
        }
        try store.close()
        assertStoreError(try store.size(of: "zarr.json")) {
            guard case .unsupported(let m) = $0 else { return false }
            return m.contains("closed")
        }
    }

    func testTopLevelDirectoryEntryIsNotAKey() throws {
        let store = try ZipStore(Self.folder.appendingPathComponent("zipfile-toplevel.zip").path)
        XCTAssertEqual(try store.listDir("/"), ["data.zarr/"])
        XCTAssertTrue(try store.list().allSatisfy { $0.hasPrefix("data.zarr/") })
    }

    func testUnsupportedMethodNamesTheEntry() throws {
        let store = try ZipStore(Self.folder.appendingPathComponent("zipfile-lzma.zip").path)
        assertStoreError(try store.get("zarr.json")) {
            guard case .unsupported(let m) = $0 else { return false }
            return m.contains("'zarr.json'") && m.contains("method 14 (LZMA)")
        }
    }

    func testMaximumSizeIsCheckedBeforeReading() throws {
        let store = try ZipStore(Self.folder.appendingPathComponent("zipfile-deflated.zip").path)
        XCTAssertThrowsError(try store.get("zarr.json", maximumSize: 3)) { error in
            guard case ZarrError.limitExceeded = error else { return XCTFail("\(error)") }
        }
    }

    func testParallelReadsAgree() throws {
        let store = try ZipStore(Self.folder.appendingPathComponent("infozip-9.zip").path)
        let keys = try store.list()
        let expected = try keys.map { try store.get($0) }
        let failures = LockedValue(0)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let k = i % keys.count
            if (try? store.get(keys[k])) != expected[k] { failures.withLock { $0 += 1 } }
        }
        XCTAssertEqual(failures.withLock { $0 }, 0)
    }
}
