// The command on stores other than directories: a path through a zip archive
// names the node inside it, `cp` writes a zip archive that `get` reads back,
// and an `http://` URL (nginx from Scripts/test-servers.sh) is read like a directory.

import Foundation
import SimpleZarr
import XCTest

final class StoreArgumentTests: XCTestCase {
    private let zipFixture = "Tests/SimpleZarrTests/Fixtures/zip/zarr-python-v3.zip"

    /// The elements `get argument [selection]` writes to a .raw file (C order, little-endian).
    private func rawValues(_ argument: String, _ selection: String = "...", file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("values.raw")
        let result = try CommandRunner.run(["get", argument, selection, "--out", out.path])
        XCTAssertEqual(result.status, 0, "get \(argument): \(result.stderr)", file: file, line: line)
        return try Data(contentsOf: out)
    }

    func testTreeAndGetInsideAZipArchive() throws {
        let tree = try CommandRunner.run(["tree", zipFixture])
        XCTAssertEqual(tree.status, 0, tree.stderr)
        for name in ["floats", "ints", "sub", "bytes"] { XCTAssertTrue(tree.stdout.contains(name), tree.stdout) }

        // The manifest written with the fixture holds the bytes of the values zarr-python stored.
        let manifestURL = CommandRunner.packageRoot.appendingPathComponent("Tests/SimpleZarrTests/Fixtures/zip/manifest.json")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any]
        let arrays = try XCTUnwrap((manifest?["zarr-python-v3.zip"] as? [String: Any])?["arrays"] as? [String: Any])
        for name in ["sub/bytes", "ints", "floats"] {
            let hex = try XCTUnwrap((arrays[name] as? [String: Any])?["hex"] as? String)
            let expected = Data(stride(from: 0, to: hex.utf8.count, by: 2).compactMap { offset -> UInt8? in
                let start = hex.utf8.index(hex.utf8.startIndex, offsetBy: offset)
                return UInt8(String(hex[start..<hex.utf8.index(start, offsetBy: 2)]), radix: 16)
            })
            XCTAssertEqual(try rawValues(zipFixture + "/" + name), expected, name)
        }
        // The same archive through a zip:// URL names its root.
        let url = try CommandRunner.run(["tree", "zip://" + CommandRunner.packageRoot.path + "/" + zipFixture])
        XCTAssertEqual(url.status, 0, url.stderr)
        XCTAssertEqual(url.stdout.split(separator: "\n").dropFirst(), tree.stdout.split(separator: "\n").dropFirst())
    }

    func testInfoInsideAZipArchiveCountsTheStoredBytes() throws {
        let result = try CommandRunner.run(["info", zipFixture + "/ints", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // The four chunk entries of the archive, as its central directory records them.
        let zip = try ZipStore(CommandRunner.packageRoot.path + "/" + zipFixture)
        defer { try? zip.close() }
        let chunkKeys = try zip.listPrefix("ints/c/")
        XCTAssertEqual(chunkKeys.count, 4)
        let total = try chunkKeys.reduce(0) { $0 + (try zip.get($1).count) }
        XCTAssertEqual((object["bytes_stored"] as? NSNumber)?.intValue, total)
    }

    func testCopyIntoAZipArchiveAndReadItBack() throws {
        let directory = try CommandRunner.temporaryDirectory(self)
        let source = "Tests/SimpleZarrTests/Fixtures/zarr-python/types/le"
        let archive = directory.appendingPathComponent("x.zip").path
        let copy = try CommandRunner.run(["cp", source, archive + "/node", "--quiet"])
        XCTAssertEqual(copy.status, 0, copy.stderr)
        // A valid archive: its central directory was written.
        let zip = try ZipStore(archive)
        XCTAssertFalse(try zip.listPrefix("node/").isEmpty)
        try zip.close()
        for name in ["uint16", "float32", "int8"] {
            XCTAssertEqual(try rawValues(archive + "/node/" + name), try rawValues(source + "/" + name), name)
        }
        let again = try CommandRunner.run(["cp", source, archive + "/node", "--quiet"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("exists"), again.stderr)
        let resumed = try CommandRunner.run(["cp", source, archive + "/node", "--quiet", "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try rawValues(archive + "/node/uint16"), try rawValues(source + "/uint16"))
    }

    func testGetOverHTTP() throws {
        let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
        guard let base = ProcessInfo.processInfo.environment["SIMPLEZARR_TEST_HTTP_URL"], !base.isEmpty else {
            let message = "SIMPLEZARR_TEST_HTTP_URL is not set, so nginx is not available; start it with `bash Scripts/test-servers.sh start && source .test-servers/env`"
            if isCI { return XCTFail(message) }
            throw XCTSkip(message)
        }
        let url = (base.hasSuffix("/") ? base : base + "/") + "fixtures/v3.zarr/data"
        // Scripts/make_http_fixtures.py writes arange(37 * 23) as int32 (37, 23).
        let expected = [Int32(0), 1, 2, 23, 24, 25].reduce(into: Data()) { data, value in
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        XCTAssertEqual(try rawValues(url, "0:2, 0:3"), expected)
    }
}
