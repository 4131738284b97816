import Foundation
import XCTest
import ZarrCompression

/// When XZ_INTEROP_DIR is set, writes our .xz and .lzma files (every preset and check,
/// delta) and their inputs, for Scripts/check_xz_interop.py to decode with liblzma.
/// Without the variable the test is skipped.
final class XZInteropExportTests: XCTestCase {
    func testExportForLiblzma() throws {
        guard let path = ProcessInfo.processInfo.environment["XZ_INTEROP_DIR"] else {
            throw XCTSkip("set XZ_INTEROP_DIR to export files for Scripts/check_xz_interop.py")
        }
        let dir = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var written = 0
        func write(_ bytes: [UInt8], _ file: String) throws {
            try Data(bytes).write(to: dir.appendingPathComponent(file))
            written += 1
        }
        for (name, data) in XZTestSupport.corpus() {
            try write(data, name + ".bin")
            for preset in 0...9 where data.count <= 5000 || [1, 6, 9].contains(preset) {
                try write(XZTestSupport.compress(data, preset: preset), "\(name).p\(preset).xz")
            }
            for check in XZCheck.allCases {
                try write(XZTestSupport.compress(data, preset: 1, check: check), "\(name).\(check).xz")
            }
            try write(XZTestSupport.compress(data, preset: 6, deltaDistance: 2), "\(name).delta2.xz")
            try write(XZTestSupport.compressAlone(data, preset: 6), "\(name).alone6.lzma")
        }
        XCTAssertGreaterThan(written, 300)
    }
}
