import Foundation
import XCTest
import ZarrCompression

/// When DEFLATE_INTEROP_DIR is set, writes our compressed output for a small
/// corpus at every level, for Scripts/check_deflate_interop.py to decode with
/// C zlib. Without the variable the test does nothing.
final class DeflateInteropExportTests: XCTestCase {
    func testExportForZlib() throws {
        guard let path = ProcessInfo.processInfo.environment["DEFLATE_INTEROP_DIR"] else {
            throw XCTSkip("set DEFLATE_INTEROP_DIR to export streams for Scripts/check_deflate_interop.py")
        }
        let dir = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let corpus: [(String, [UInt8])] = [
            ("empty", []),
            ("one", [42]),
            ("zeros", [UInt8](repeating: 0, count: 200_000)),
            ("random", TestRandom.bytes(100_000, seed: 11)),
            ("smooth", DeflateTestSupport.smoothUInt16(300_000)),
            ("text", DeflateTestSupport.text(300_000, seed: 12)),
            ("long", (try? DeflateTestSupport.vector("long_matches.bin")) ?? []),
        ]
        for (name, data) in corpus {
            try Data(data).write(to: dir.appendingPathComponent("\(name).bin"))
            for level in 0...9 {
                let stem = "\(name).l\(level)"
                try Data(Deflate.compress(data, level: level)).write(to: dir.appendingPathComponent(stem + ".raw"))
                try Data(Zlib.compress(data, level: level)).write(to: dir.appendingPathComponent(stem + ".zz"))
                try Data(Gzip.compress(data, level: level)).write(to: dir.appendingPathComponent(stem + ".gz"))
            }
        }
    }
}
