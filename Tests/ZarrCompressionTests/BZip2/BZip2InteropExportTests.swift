import Foundation
import XCTest
@testable import ZarrCompression

/// When BZIP2_INTEROP_DIR is set, writes our streams (levels 1, 5 and 9, and one with
/// randomised blocks) and their inputs, for Scripts/check_bzip2_interop.py to decode
/// with libbz2. Without the variable the test is skipped.
final class BZip2InteropExportTests: XCTestCase {
    func testExportForLibbz2() throws {
        guard let path = ProcessInfo.processInfo.environment["BZIP2_INTEROP_DIR"] else {
            throw XCTSkip("set BZIP2_INTEROP_DIR to export streams for Scripts/check_bzip2_interop.py")
        }
        let dir = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var written = 0
        for (name, input) in BZip2TestSupport.roundTripInputs() {
            try Data(input).write(to: dir.appendingPathComponent(name + ".bin"))
            for level in [1, 5, 9] {
                try Data(BZip2TestSupport.compress(input, level: level)).write(to: dir.appendingPathComponent("\(name).\(level).bz2"))
                written += 1
            }
        }
        // bzip2 0.9.0's randomised blocks, which no current encoder writes: libbz2 must
        // decode them to the input (the stream is then a test vector, see make_bzip2_vectors.py).
        let input = TestRandom.text(140_000, seed: 6, words: ["zarr", "bzip2", "block", "sort"], newlineOneIn: 7)
        let stream = input.withUnsafeBufferPointer {
            BZip2Encoder.compress($0.baseAddress.unsafelyUnwrapped, count: $0.count, level: 1, randomise: true)
        }
        try Data(input).write(to: dir.appendingPathComponent("randomised.bin"))
        try Data(stream).write(to: dir.appendingPathComponent("randomised.1.bz2"))
        XCTAssertGreaterThan(written + 1, 40)
    }
}
