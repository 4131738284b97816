import XCTest
@testable import ZarrCompression

/// Our encoder's output decodes back (here; liblzma checks it in Scripts/check_xz_interop.py).
final class XZEncoderTests: XCTestCase {
    func testRoundTripsAtEveryPresetAndCheck() throws {
        for (name, data) in XZTestSupport.corpus() {
            for preset in 0...9 where data.count <= 5000 || [0, 1, 6, 9].contains(preset) {
                let packed = XZTestSupport.compress(data, preset: preset)
                XCTAssertEqual(try XZTestSupport.decompress(packed, maxOutputSize: data.count), data, "\(name) p\(preset)")
            }
            for check in XZCheck.allCases {
                let packed = XZTestSupport.compress(data, preset: 1, check: check)
                XCTAssertEqual(try XZTestSupport.decompress(packed), data, "\(name) \(check)")
            }
            let alone = XZTestSupport.compressAlone(data, preset: 2)
            XCTAssertEqual(try XZTestSupport.decompressAlone(alone, maxOutputSize: data.count), data, "\(name) alone")
            let delta = XZTestSupport.compress(data, preset: 3, deltaDistance: 2)
            XCTAssertEqual(try XZTestSupport.decompress(delta), data, "\(name) delta")
        }
    }

    /// Long inputs span several LZMA2 chunks (2 MiB of input or 64 KiB of output each);
    /// incompressible ones fall back to uncompressed chunks.
    func testManyChunks() throws {
        let repetitive = [UInt8]((0..<5_000_000).map { UInt8(truncatingIfNeeded: $0 / 3 % 200) })
        let random = TestRandom.bytes(300_000, seed: 17)
        let mixed = random.prefix(100_000) + XZTestSupport.text(200_000, seed: 3) + random.suffix(70_000)
        for data in [repetitive, random, Array(mixed)] {
            let packed = XZTestSupport.compress(data, preset: 1)
            XCTAssertEqual(try XZTestSupport.decompress(packed), data)
        }
        XCTAssertLessThan(XZTestSupport.compress(random, preset: 6).count, random.count + 200)
    }

    /// The empty input is a stream without blocks, as liblzma writes it.
    func testEmptyInput() throws {
        let packed = XZTestSupport.compress([])
        XCTAssertEqual(packed.count, 32)
        XCTAssertEqual(try XZTestSupport.decompress(packed), [])
        XCTAssertEqual(packed, try XZTestSupport.vector("zeros_0.p6.xz"))
    }

    /// Sizes at presets 1 and 6 stay within 10% of liblzma's on the vector inputs we can rebuild.
    func testRatioBesideLiblzma() throws {
        var ours = [1: 0, 6: 0], theirs = [1: 0, 6: 0]
        for name in ["text_200000", "u16_65536", "text_5000", "f32_5000"] {  // the 3 MiB vector: release benchmark only
            let reference1 = try XZTestSupport.vector("\(name).p1.xz")
            let input = try XZTestSupport.decompress(reference1)
            for preset in [1, 6] {
                ours[preset, default: 0] += XZTestSupport.compress(input, preset: preset).count
                theirs[preset, default: 0] += try XZTestSupport.vector("\(name).p\(preset).xz").count
            }
        }
        for preset in [1, 6] {
            let (o, t) = (ours[preset] ?? 0, theirs[preset] ?? 1)
            XCTAssertLessThanOrEqual(Double(o), Double(t) * 1.10, "preset \(preset): \(o) bytes vs liblzma \(t)")
            print("xz preset \(preset): \(o) bytes vs liblzma \(t) (\(Double(o) / Double(t)))")
        }
    }
}
