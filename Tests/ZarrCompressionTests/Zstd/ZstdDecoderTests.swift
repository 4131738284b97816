import Foundation
import XCTest
@testable import ZarrCompression

/// Decoding frames written by the reference C library, and hostile input.
final class ZstdDecoderTests: XCTestCase {
    func testReferenceVectors() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ZstdTestSupport.vectorsDirectory.path)
            .filter { $0.hasSuffix(".zst") }.sorted()
        XCTAssertGreaterThan(names.count, 40)
        for name in names {
            let original = try ZstdTestSupport.read(String(name.split(separator: "_", maxSplits: 1)[0]) == name
                ? name : String(name[..<name.range(of: "__")!.lowerBound]) + ".bin")
            let compressed = try ZstdTestSupport.read(name)
            do {
                let decoded = try Zstd.decompress(compressed)
                XCTAssertEqual(decoded.count, original.count, name)
                XCTAssertTrue(decoded == original, "\(name): content differs")
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }

    /// Periodic data of every short period, with the periodic runs of
    /// varied length, so matches at offsets 1...17 take each branch of the
    /// short-offset copy, and copies ending right at the output's end take
    /// the careful path.
    func testShortPeriodMatchesRoundTrip() throws {
        for period in 1...17 {
            var data: [UInt8] = []
            var seed: UInt32 = UInt32(period) &* 2_654_435_761
            for run in 0..<200 {
                var pattern: [UInt8] = []
                for _ in 0..<period {
                    seed = seed &* 1_103_515_245 &+ 12_345
                    pattern.append(UInt8(truncatingIfNeeded: seed >> 16))
                }
                let length = 1 + (run * 37) % 150
                for i in 0..<length { data.append(pattern[i % period]) }
            }
            for level in [1, 3] {
                let compressed = Zstd.compress(data, level: level)
                XCTAssertEqual(try Zstd.decompress(compressed), data, "period \(period) level \(level)")
            }
        }
    }

    func testDecompressedSize() throws {
        let text = try ZstdTestSupport.read("text__l3.zst")
        XCTAssertEqual(Zstd.decompressedSize(text), 132_000)
        XCTAssertNil(Zstd.decompressedSize(try ZstdTestSupport.read("text_mid__l3_nosize.zst")))
        XCTAssertEqual(Zstd.decompressedSize(try ZstdTestSupport.read("empty__l3.zst")), 0)
        XCTAssertEqual(Zstd.decompressedSize(try ZstdTestSupport.read("multi__skippable.zst")), 3_000)
        XCTAssertNil(Zstd.decompressedSize([1, 2, 3]))
    }

    func testXXHash64KnownValues() throws {
        XCTAssertEqual(XXHash64.hash([UInt8]()), 0xEF46_DB37_51D8_E999)
        let pattern = (0..<4096).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }
        let lines = String(decoding: try ZstdTestSupport.read("xxh64.txt"), as: UTF8.self).split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 10)
        for line in lines {
            let f = line.split(separator: " ")
            let n = Int(f[0])!, seed = UInt64(f[1])!, expected = UInt64(f[2])!
            XCTAssertEqual(XXHash64.hash(Array(pattern.prefix(n)), seed: seed), expected, "length \(n) seed \(seed)")
        }
    }

    func testEmptyInputThrows() {
        XCTAssertThrowsError(try Zstd.decompress([UInt8]()))
    }

    func testDictionaryFrameIsRejected() {
        // Magic, descriptor (dictionary ID in 1 byte, single segment, 1-byte size), dict ID 7, size 0.
        let frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x21, 7, 0, 1, 0, 0]
        XCTAssertThrowsError(try Zstd.decompress(frame)) { error in
            XCTAssertTrue("\(error)".contains("dictionaries are not supported"), "\(error)")
        }
    }

    func testChecksumMismatchThrows() throws {
        var frame = try ZstdTestSupport.read("text_mid__l3_checksum.zst")
        frame[frame.count - 1] ^= 0x55
        XCTAssertThrowsError(try Zstd.decompress(frame)) { error in
            XCTAssertTrue("\(error)".contains("checksum"), "\(error)")
        }
    }

    func testMaxOutputSize() throws {
        let frame = try ZstdTestSupport.read("text__l3.zst")
        XCTAssertThrowsError(try Zstd.decompress(frame, maxOutputSize: 100_000))
        XCTAssertEqual(try Zstd.decompress(frame, maxOutputSize: 132_000).count, 132_000)
        let stream = try ZstdTestSupport.read("text_mid__l3_nosize.zst")
        XCTAssertThrowsError(try Zstd.decompress(stream, maxOutputSize: 39_998))
        XCTAssertEqual(try Zstd.decompress(stream, maxOutputSize: 39_999).count, 39_999)
    }

    /// A header declaring 4 GiB followed by one small block: must fail
    /// quickly without reserving the declared size.
    func testHugeDeclaredSizeIsNotAllocated() throws {
        var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0xE0]  // 8-byte size, single segment
        let size: UInt64 = 1 << 32
        for i in 0..<8 { frame.append(UInt8(truncatingIfNeeded: size >> UInt64(8 * i))) }
        let bh = 1 | (1 << 1) | (100 << 3)  // last RLE block of 100 bytes
        frame += [UInt8(bh & 255), UInt8(bh >> 8), 0, 0x41]
        frame += [UInt8](repeating: 0, count: 100 - frame.count)
        XCTAssertThrowsError(try Zstd.decompress(frame)) { error in
            XCTAssertFalse("\(error)".isEmpty)
        }
        // The survey gives a bound of a few KiB for this frame; the decoder
        // must not have trusted the declared size.
        let survey = frame.withUnsafeBufferPointer { ZstdFrameDecoder.survey($0.baseAddress!, count: $0.count) }
        XCTAssertNil(survey)  // trailing zeros are not a frame
        let trimmed = Array(frame.prefix(17))
        let s2 = trimmed.withUnsafeBufferPointer { ZstdFrameDecoder.survey($0.baseAddress!, count: $0.count) }
        XCTAssertEqual(s2?.bound, 100)
        XCTAssertThrowsError(try Zstd.decompress(trimmed))
    }

    /// Seeded random corruptions and truncations of valid frames: each must
    /// decode or throw, never trap or hang.
    func testCorruptedInputNeverTraps() throws {
        let sources = ["text_mid__l3_checksum.zst", "smooth__l19.zst", "small_text__l3.zst", "mixed__l1_checksum.zst",
                       "text__lm5.zst", "multi__skippable.zst", "smooth__l3_nosize.zst", "long_match__l3.zst"]
        var rng = TestRandom(seed: 12345)
        var outcomes = [0, 0]
        for name in sources {
            let valid = try ZstdTestSupport.read(name)
            for round in 0..<400 {
                var data = valid
                switch round % 4 {
                case 0:
                    data = Array(data.prefix(rng.below(data.count)))
                case 1:
                    // Corrupt bytes near the front, where headers and tables are.
                    for _ in 0..<(1 + rng.below(3)) {
                        let i = rng.below(min(data.count, 64))
                        data[i] ^= UInt8(1 + rng.below(255))
                    }
                default:
                    for _ in 0..<(1 + rng.below(4)) {
                        let i = rng.below(data.count)
                        data[i] = UInt8(truncatingIfNeeded: rng.next() as UInt64)
                    }
                }
                do {
                    _ = try Zstd.decompress(data, maxOutputSize: 1 << 24)
                    outcomes[0] += 1
                } catch {
                    outcomes[1] += 1
                }
            }
        }
        XCTAssertGreaterThan(outcomes[1], 1000)
    }

    /// A valid frame header followed by compressed blocks of random bytes:
    /// exercises the literal, table and sequence parsers with garbage.
    func testRandomBlockBodiesNeverTrap() {
        var rng = TestRandom(seed: 777)
        var failures = 0
        for round in 0..<2000 {
            var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x58]  // no size, 8 MiB window
            let blocks = 1 + rng.below(3)
            for b in 0..<blocks {
                let size = 1 + rng.below(round % 2 == 0 ? 40 : 600)
                let bh = (b == blocks - 1 ? 1 : 0) | (2 << 1) | (size << 3)
                frame += [UInt8(bh & 255), UInt8((bh >> 8) & 255), UInt8(bh >> 16)]
                var body = TestRandom.bytes(size, seed: rng.next())
                // Bias the literals header towards valid small sizes sometimes.
                if rng.below(2) == 0 { body[0] = UInt8(rng.below(4)) | UInt8(rng.below(4)) << 2 | 0x10 }
                frame += body
            }
            do { _ = try Zstd.decompress(frame, maxOutputSize: 1 << 22) } catch { failures += 1 }
        }
        XCTAssertGreaterThan(failures, 1500)
    }
}
