import Foundation
import XCTest
import ZarrCompression

/// When LZ4_INTEROP_DIR is set, writes our blocks (both encoders, several
/// accelerations and levels) and their inputs, for Scripts/check_lz4_interop.py
/// to decode with liblz4. Without the variable the test is skipped.
final class LZ4InteropExportTests: XCTestCase {
    func testExportForLiblz4() throws {
        guard let path = ProcessInfo.processInfo.environment["LZ4_INTEROP_DIR"] else {
            throw XCTSkip("set LZ4_INTEROP_DIR to export blocks for Scripts/check_lz4_interop.py")
        }
        let dir = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var written = 0
        for n in [0, 1, 13, 100, 5000, 65535, 65547, 300_000] {
            for (kind, data) in LZ4TestSupport.corpus(n) where n <= 5000 || !kind.hasPrefix("period") || kind == "period7" {
                let stem = "\(kind)_\(n)"
                try Data(data).write(to: dir.appendingPathComponent(stem + ".bin"))
                let big = n > 70000
                for acceleration in big ? [1, 8] : [1, 4, 17] {
                    try Data(LZ4TestSupport.compress(data, acceleration: acceleration))
                        .write(to: dir.appendingPathComponent("\(stem).fast\(acceleration).lz4"))
                    written += 1
                }
                for level in big ? [5, 9] : [1, 5, 9, 12] {
                    try Data(LZ4TestSupport.compressHC(data, level: level))
                        .write(to: dir.appendingPathComponent("\(stem).hc\(level).lz4"))
                    written += 1
                }
            }
        }
        XCTAssertGreaterThan(written, 300)
    }
}
