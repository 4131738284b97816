// `simplezarr cp`: values and attributes survive conversion, recompression,
// rechunking and sharding; progress on a pipe, on a terminal and with --quiet;
// an existing destination is refused; an interrupted copy (into a directory or
// a zip archive) is completed by --resume.

import Foundation
import SimpleZarr
import XCTest

final class CopyCommandTests: XCTestCase {
    private let fixtures = CommandRunner.packageRoot.appendingPathComponent("Tests/SimpleZarrTests/Fixtures").path

    /// Every array below `source` reads the same below `copy`, with the same attributes.
    private func assertSameValues(_ source: String, _ copy: String, format: Int? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let original = try openZarr(LocalStore(source))
        let copied = try openZarr(LocalStore(copy))
        var compared = 0
        func walk(_ a: ZarrNode, _ b: ZarrNode) throws {
            XCTAssertEqual(a.attributes, b.attributes, "attributes of \(a.path)", file: file, line: line)
            if let format { XCTAssertEqual(b.zarrFormat, format, file: file, line: line) }
            if let x = a as? ZarrArray, let y = b as? ZarrArray {
                XCTAssertEqual(try x[...].get(), try y[...].get(), "values of \(x.path)", file: file, line: line)
                compared += 1
            } else if let g = a as? ZarrGroup, let h = b as? ZarrGroup {
                let names = try g.children.map(\.name)
                XCTAssertEqual(names, try h.children.map(\.name), file: file, line: line)
                for child in try g.children { try walk(child, try h[child.name]) }
            } else {
                XCTFail("\(a.path): node types differ", file: file, line: line)
            }
        }
        try walk(original, copied)
        XCTAssertGreaterThan(compared, 0, file: file, line: line)
    }

    func testV2ToV3RecompressedKeepsValuesAndAttributes() throws {
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("copy.zarr").path
        let source = fixtures + "/zarr-python-v2/compressors/blosc"
        let result = try CommandRunner.run(["cp", source, out, "--zarr-format", "3", "--codecs", "zstd:5", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        try assertSameValues(source, out, format: 3)
        let array = try XCTUnwrap(try openZarr(LocalStore(out), path: "blosclz_shuffle1_c5_u2_le") as? ZarrArray)
        XCTAssertEqual(array.arrayMetadata.codecs.last?["name"]?.stringValue, "zstd")
    }

    func testV3ToV2RechunkedAndV3Sharded() throws {
        let directory = try CommandRunner.temporaryDirectory(self)
        let source = fixtures + "/zarr-python/types/le"
        let v2 = directory.appendingPathComponent("v2.zarr").path
        XCTAssertEqual(try CommandRunner.run(["cp", source, v2, "--zarr-format=2", "--chunks", "3,4", "--codecs", "gzip:6", "--quiet"]).status, 0)
        try assertSameValues(source, v2, format: 2)
        let sharded = directory.appendingPathComponent("sharded.zarr").path
        let result = try CommandRunner.run(["cp", v2, sharded, "--zarr-format", "3", "--shards", "4,6", "--chunks", "2,3", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertSameValues(source, sharded, format: 3)
        let array = try XCTUnwrap(try openZarr(LocalStore(sharded), path: "uint16") as? ZarrArray)
        XCTAssertEqual(array.shardShape, [4, 6])
        XCTAssertEqual(array.innerChunkShape, [2, 3])
    }

    func testAnExistingDestinationIsRefusedUnlessOverwrite() throws {
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("copy.zarr").path
        let source = fixtures + "/zarr-python/types/le/uint16"
        XCTAssertEqual(try CommandRunner.run(["cp", source, out, "--quiet"]).status, 0)
        let again = try CommandRunner.run(["cp", source, out, "--quiet"])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "simplezarr: \(out): exists (use --overwrite to replace it, or --resume to complete an interrupted copy)\n")
        XCTAssertEqual(try CommandRunner.run(["cp", source, out, "--quiet", "--overwrite"]).status, 0)
        try assertSameValues(source, out)
        let bad = try CommandRunner.run(["cp", source, out + "2", "--chunks", "1,2,3"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("--chunks has 3 lengths; the array has 2 dimensions"), bad.stderr)
    }

    func testProgressOnAPipeIsPlainLines() throws {
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("copy.zarr").path
        let result = try CommandRunner.run(["cp", fixtures + "/zarr-python/types", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("cp: 100.0% "), result.stdout)
        XCTAssertTrue(result.stdout.contains(" chunks "), result.stdout)
        XCTAssertFalse(result.stdout.contains("\r"))
        XCTAssertFalse(result.stdout.contains("\u{1B}"))
    }

    func testProgressOnATerminalRedrawsOneLine() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("script(1) (util-linux) is missing") }
            throw XCTSkip("script(1) from util-linux is needed to run the command on a pseudo-terminal")
        }
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("copy.zarr").path
        let command = [CommandRunner.executable.path, "cp", fixtures + "/zarr-python/types", out].map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
        // The bar is drawn at least twice (at the start and at the end), each time from the
        // start of the same line, erasing what was left of the previous drawing.
        let draws = text.components(separatedBy: "\r[").count - 1
        XCTAssertGreaterThanOrEqual(draws, 2, text.debugDescription)
        XCTAssertTrue(text.contains("\u{1B}[K"), text.debugDescription)
        let bar = try XCTUnwrap(text.range(of: "\r["))
        let rest = text[bar.lowerBound...].replacingOccurrences(of: "\r\n", with: "\n")
        XCTAssertEqual(rest.filter { $0 == "\n" }.count, 1, "the bar stays on one line: \(rest.debugDescription)")
        XCTAssertTrue(rest.contains("100%"), rest)
    }

    func testAnInterruptedCopyIsCompletedByResume() throws {
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("copy.zarr").path
        try assertInterruptedCopyResumes(into: out, started: { FileManager.default.fileExists(atPath: out + "/zarr.json") }) {
            try LocalStore(out).list().count
        }
    }

    func testAnInterruptedCopyIntoAZipArchiveLeavesItValidAndResumes() throws {
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("copy.zip").path
        // Past 4 KiB the archive holds chunk entries, so the copy (and its SIGINT handler) is
        // running; appending to a zip is fast enough that any further wait could see it finish.
        let started = { ((try? FileManager.default.attributesOfItem(atPath: out))?[.size] as? NSNumber)?.intValue ?? 0 > 4096 }
        // Each count opens the archive afresh: its central directory must have been written.
        try assertInterruptedCopyResumes(into: out, started: started, settle: 0) {
            let zip = try ZipStore(out)
            defer { try? zip.close() }
            return try zip.list().count
        }
    }

    /// Interrupts a copy of 40,000 chunks into `out` `settle` microseconds after `started`, then checks it stopped
    /// cleanly with fewer keys than a full copy (`keyCount`), is refused without `--resume`,
    /// and is completed with it.
    private func assertInterruptedCopyResumes(
        into out: String, started: () -> Bool, settle: useconds_t = 200_000, keyCount: () throws -> Int,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let source = try CommandRunner.temporaryDirectory(self).appendingPathComponent("big.zarr").path
        // 40,000 chunks of 2x2: enough work that the copy is still running when interrupted, even
        // when a sanitizer slows the delivery of the signal.
        let array = try ZarrArray.create(LocalStore(source), "", shape: [400, 400], dtype: .uint16, chunkShape: [2, 2], codecs: [BytesCodec()])
        try array[...].set(try NDArray((0..<160_000).map { UInt16($0 % 65_000 + 1) }, shape: [400, 400]))
        let arguments = ["cp", source, out, "--jobs", "1"]

        let process = try CommandRunner.start(arguments)
        let deadline = Date().addingTimeInterval(10)
        while !started(), Date() < deadline { usleep(1_000) }
        usleep(settle)
        process.interrupt()
        let errData = (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        _ = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errData, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, stderr, file: file, line: line)
        XCTAssertTrue(stderr.contains("\(out): interrupted after "), stderr, file: file, line: line)
        XCTAssertTrue(stderr.contains("run the same command with --resume"), stderr, file: file, line: line)
        XCTAssertLessThan(try keyCount() - 1, 40_000, file: file, line: line)

        let again = try CommandRunner.run(arguments)
        XCTAssertEqual(again.status, 1, "without --resume the partial copy is refused", file: file, line: line)
        let resumed = try CommandRunner.run(arguments + ["--resume", "--jobs", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr, file: file, line: line)
        XCTAssertTrue(resumed.stdout.contains("skipped"), resumed.stdout, file: file, line: line)
        let store = try openStore(out)
        defer { try? (store as? ZipStore)?.close() }
        let copied = try XCTUnwrap(try openZarr(store) as? ZarrArray, file: file, line: line)
        XCTAssertEqual(try copied[...].get(), try array[...].get(), file: file, line: line)
        XCTAssertEqual(try keyCount(), 40_001, file: file, line: line)
    }
}
