import Foundation
import XCTest
@testable import ZarrCompression

/// Round trips through our encoder and decoder, and the interop corpus.
final class ZstdEncoderTests: XCTestCase {
    static let levels = [-5, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 19, 22]

    static func shapes(_ n: Int) -> [(String, [UInt8])] {
        [
            ("zeros", [UInt8](repeating: 0, count: n)),
            ("random", TestRandom.bytes(n, seed: UInt64(n) &+ 1)),
            ("smooth", Array(ZstdTestSupport.smooth(nz: n / 8192 + 1, ny: 32, nx: 128, oz: 3, oy: 5, ox: 7).prefix(n))),
            ("text", ZstdTestSupport.text(n, seed: UInt64(n) &+ 2)),
        ]
    }

    func testRoundTripAllLevelsSmallSizes() throws {
        for n in [0, 1, 2, 3, 7, 16, 100, 1000, 4097] {
            for (shape, data) in Self.shapes(n) {
                for level in Self.levels {
                    for checksum in [false, true] where level == 3 || !checksum {
                        let c = Zstd.compress(data, level: level, checksum: checksum)
                        XCTAssertEqual(Zstd.decompressedSize(c), n)
                        let d = try Zstd.decompress(c)
                        XCTAssertTrue(d == data, "\(shape) n=\(n) level=\(level) checksum=\(checksum)")
                    }
                }
            }
        }
    }

    func testRoundTripAllLevelsLargeSizes() throws {
        for n in [65535, 131072, 131073, 1 << 20] {
            for (shape, data) in Self.shapes(n) {
                let levels = n >= 1 << 20 ? [-5, 1, 3, 6, 9, 19] : Self.levels
                for level in levels {
                    let c = Zstd.compress(data, level: level, checksum: level == 9)
                    let d = try Zstd.decompress(c)
                    XCTAssertTrue(d == data, "\(shape) n=\(n) level=\(level)")
                    if shape == "zeros" { XCTAssertLessThan(c.count, n / 100 + 64) }
                    if shape == "random" { XCTAssertLessThanOrEqual(c.count, n + n / 1000 + 32) }
                }
            }
        }
    }

    func testCompressionIsEffective() throws {
        let text = ZstdTestSupport.text(200_000, seed: 9)
        let smooth = ZstdTestSupport.smooth(nz: 16, ny: 64, nx: 64)
        for level in [1, 3, 9] {
            XCTAssertLessThan(Zstd.compress(text, level: level).count, text.count / 3, "text level \(level)")
            XCTAssertLessThan(Zstd.compress(smooth, level: level).count, smooth.count / 4, "smooth level \(level)")
        }
    }

    /// With ZSTD_INTEROP_DIR set, writes our frames and their originals for
    /// Scripts/check_zstd_interop.py to decode with the reference library.
    func testWriteInteropCorpus() throws {
        guard let dir = ProcessInfo.processInfo.environment["ZSTD_INTEROP_DIR"] else {
            throw XCTSkip("set ZSTD_INTEROP_DIR to export frames for Scripts/check_zstd_interop.py")
        }
        let url = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var written = 0
        for n in [0, 1, 3, 100, 65535, 131073, 1 << 20] {
            for (shape, data) in Self.shapes(n) {
                for level in [-5, 1, 3, 5, 7, 9, 19] {
                    for checksum in [false, true] where checksum == (level == 3) || level == 3 {
                        let name = "\(shape)_\(n)_l\(level)\(checksum ? "_ck" : "")"
                        try Data(data).write(to: url.appendingPathComponent(name + ".bin"))
                        try Data(Zstd.compress(data, level: level, checksum: checksum)).write(to: url.appendingPathComponent(name + ".zst"))
                        written += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(written, 100)
    }
}
