// The command's answers to bad input: exit status 1 with `simplezarr: <path>:
// <cause>` for failures, 2 with the usage for usage errors, never a stack trace.

import Foundation
import XCTest

final class BadInputTests: XCTestCase {
    private let array = "Tests/SimpleZarrTests/Fixtures/zarr-python/types/le/uint16"

    private func assertFails(
        _ arguments: [String], status: Int32, mentions parts: [String], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try CommandRunner.run(arguments)
        XCTAssertEqual(result.status, status, "simplezarr \(arguments): \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("simplezarr: "), result.stderr, file: file, line: line)
        for part in parts {
            XCTAssertTrue(result.stderr.contains(part), "stderr \(result.stderr) lacks '\(part)'", file: file, line: line)
        }
        XCTAssertFalse(result.stderr.contains("Fatal error"), file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
    }

    func testAPathThatIsNotAStore() throws {
        let directory = try CommandRunner.temporaryDirectory(self)
        try assertFails(["tree", directory.path], status: 1, mentions: [directory.path + ": not a Zarr store"])
        try assertFails(["info", "/no/such/place/x.zarr"], status: 1, mentions: ["/no/such/place/x.zarr: not a Zarr store"])
        try assertFails(["get", array + "/nested"], status: 1, mentions: [array + "/nested: not a Zarr store"])
        try assertFails(["get", "Tests/SimpleZarrTests/Fixtures/zarr-python/types"], status: 1, mentions: ["is a group, not an array"])
    }

    func testBadURLsAndReadOnlyDestinations() throws {
        try assertFails(["tree", "ftp://example.com/data.zarr"], status: 1, mentions: ["ftp://example.com/data.zarr: ", "no store for the scheme 'ftp'"])
        try assertFails(["tree", "s3://"], status: 1, mentions: ["names no bucket"])
        let out = "http://127.0.0.1:9/copy.zarr"
        try assertFails(["cp", array, out, "--quiet"], status: 1, mentions: [out + ": HTTP stores are read-only"])
    }

    func testAZipThatIsNotAnArchive() throws {
        let fake = try CommandRunner.temporaryDirectory(self).appendingPathComponent("fake.zip")
        try Data("not a zip".utf8).write(to: fake)
        try assertFails(["tree", fake.path + "/node"], status: 1, mentions: [fake.path + "/node: "])
    }

    func testASliceThatDoesNotParse() throws {
        try assertFails(["get", array, "1, :x"], status: 1, mentions: [array + ": bad selection '1, :x'", "'x' is not an integer"])
        try assertFails(["get", array, "::0"], status: 1, mentions: ["slice step cannot be zero"])
        try assertFails(["get", array, "..., ..."], status: 1, mentions: ["only one '...'"])
        try assertFails(["get", array, "99999999999999999999"], status: 1, mentions: ["does not fit in a 64-bit integer"])
    }

    func testASliceOutOfRange() throws {
        try assertFails(["get", array, "7"], status: 1, mentions: [array + ": bad selection '7' for shape (7, 9)"])
        try assertFails(["get", array, "-8, 0"], status: 1, mentions: ["bad selection '-8, 0'"])
        try assertFails(["get", array, "1, 2, 3"], status: 1, mentions: ["2 dimensions but the selection has 3"])
    }

    func testUsageErrors() throws {
        try assertFails([], status: 2, mentions: ["usage: simplezarr <command>"])
        try assertFails(["frobnicate"], status: 2, mentions: ["unknown command 'frobnicate'"])
        try assertFails(["tree"], status: 2, mentions: ["missing PATH", "usage: simplezarr tree PATH"])
        try assertFails(["tree", array, "--depth"], status: 2, mentions: ["'--depth' needs a value"])
        try assertFails(["tree", array, "--depth", "x"], status: 2, mentions: ["--depth must be an integer"])
        try assertFails(["info", array, "--colour"], status: 2, mentions: ["unknown option '--colour'"])
        try assertFails(["get", array, "1", "2"], status: 2, mentions: ["unexpected argument '2'"])
        try assertFails(["get", array, "--out", "x.txt"], status: 2, mentions: ["--out must end in .npy, .raw or .csv"])
        try assertFails(["info", array, "--json=yes"], status: 2, mentions: ["takes no value"])
    }

    func testHelpForEverySubcommand() throws {
        for command in ["tree", "info", "get", "cp", "preview"] {
            let result = try CommandRunner.run([command, "--help"])
            XCTAssertEqual(result.status, 0)
            XCTAssertTrue(result.stdout.hasPrefix("usage: simplezarr \(command) "), result.stdout)
            XCTAssertTrue(result.stdout.contains("-h, --help"), result.stdout)
        }
        let top = try CommandRunner.run(["-h"])
        XCTAssertEqual(top.status, 0)
        for command in ["tree", "info", "get", "cp", "preview", "demo", "bench"] {
            XCTAssertTrue(top.stdout.contains("  \(command) "), top.stdout)
        }
    }
}
