import XCTest
@testable import ZarrCompression

/// Sizes read from a Zstandard input are hostile: sums of them must not
/// overflow, and none may make the decoder reserve what it claims.
final class ZstdHostileSizeTests: XCTestCase {
    /// A single-segment frame declaring `size` bytes of content, holding one
    /// empty raw block (so it decodes to nothing and fails the size check).
    private func frame(declaring size: UInt64) -> [UInt8] {
        var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0xE0]  // 8-byte content size, single segment
        for i in 0..<8 { frame.append(UInt8(truncatingIfNeeded: size >> UInt64(8 * i))) }
        frame += [0x01, 0x00, 0x00]  // last block, raw, 0 bytes
        return frame
    }

    /// Five frames each declaring just under Int.max / 4 bytes: their sum
    /// overflowed Int in the header survey, which trapped.
    func testDeclaredSizesThatOverflowWhenSummed() throws {
        let each = UInt64(Int.max / 4)
        for count in [4, 5, 8] {
            let input = Array((0..<count).map { _ in frame(declaring: each) }.joined())
            let survey = input.withUnsafeBufferPointer { ZstdFrameDecoder.survey($0.baseAddress!, count: $0.count) }
            XCTAssertNotNil(survey)
            if count > 4 { XCTAssertNil(survey?.declaredTotal, "\(count) frames") }
            XCTAssertEqual(survey?.bound, 0)
            XCTAssertThrowsError(try Zstd.decompress(input)) { error in
                XCTAssertTrue("\(error)".contains("declares"), "\(error)")
            }
        }
    }

    /// The largest output limit a caller can pass: buffer growth must
    /// saturate, not overflow, on the way to it.
    func testIntMaxOutputLimit() throws {
        let data = ZstdTestSupport.text(300_000, seed: 5)
        let framed = Zstd.compress(data)
        XCTAssertEqual(try Zstd.decompress(framed, maxOutputSize: Int.max), data)
        let noSize = try ZstdTestSupport.read("text_mid__l3_nosize.zst")
        XCTAssertEqual(try Zstd.decompress(noSize, maxOutputSize: Int.max).count, 39_999)
        XCTAssertEqual(try Deflate.decompress(Deflate.compress(data, level: 6), expectedSize: 10,
                                              maxOutputSize: Int.max), data)
        XCTAssertEqual(try Gzip.decompress(Gzip.compress(data, level: 1), maxOutputSize: Int.max), data)
    }

    /// Frames declaring the largest content size, alone and after a real frame.
    func testLargestDeclaredSize() throws {
        let input = frame(declaring: UInt64.max)
        XCTAssertThrowsError(try Zstd.decompress(input))
        XCTAssertThrowsError(try Zstd.decompress(Zstd.compress([1, 2, 3]) + input))
        XCTAssertEqual(Zstd.decompressedSize(input), nil)
    }
}
