import Foundation
import XCTest
@testable import ZarrCompression

/// Valid streams that once made the inflater write past its output buffer
/// (issue 8, defect 1: one fast-loop pass decoded literals and then a
/// 258-byte match, and the loop's bound did not allow for the literals).
///
/// The expected lengths, CRC-32s and edge bytes were computed with CPython's
/// `zlib` module; the decoders check the stream's own Adler-32 / CRC-32 too.
final class InflateRegressionTests: XCTestCase {
    private static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/regressions")

    private func vector(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
    }

    /// What CPython's `zlib.decompress` gives for the zlib stream (and for the
    /// first member of the gzip stream).
    private static let zlibLength = 84_468
    private static let zlibCRC: UInt32 = 0xC651_9336
    /// The whole two-member gzip stream: the bytes above, then one byte "x".
    private static let gzipLength = 84_469
    private static let gzipCRC: UInt32 = 0x43A0_D289
    private static let head: [UInt8] = Array("abcabcabdabcabca".utf8)
    private static let zlibTail = [UInt8](repeating: 0x61, count: 16)
    private static let gzipTail = [UInt8](repeating: 0x61, count: 15) + [0x78]

    private func check(_ output: [UInt8], length: Int, crc: UInt32, tail: [UInt8],
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(output.count, length, file: file, line: line)
        XCTAssertEqual(CRC32.checksum(output), crc, file: file, line: line)
        XCTAssertEqual(Array(output.prefix(16)), Self.head, file: file, line: line)
        XCTAssertEqual(Array(output.suffix(16)), tail, file: file, line: line)
    }

    /// The raw deflate stream inside the zlib wrapper (2-byte header, 4-byte trailer).
    private func rawDeflate() throws -> [UInt8] {
        let zlib = try vector("inflate-fastloop-overflow.zlib")
        return Array(zlib[2..<(zlib.count - 4)])
    }

    func testZlibStreamDecodes() throws {
        let stream = try vector("inflate-fastloop-overflow.zlib")
        XCTAssertEqual(stream.count, 384)
        check(try Zlib.decompress(stream), length: Self.zlibLength, crc: Self.zlibCRC, tail: Self.zlibTail)
    }

    func testTwoMemberGzipStreamDecodes() throws {
        let stream = try vector("inflate-fastloop-overflow-2members.gz")
        XCTAssertEqual(stream.count, 417)
        check(try Gzip.decompress(stream), length: Self.gzipLength, crc: Self.gzipCRC, tail: Self.gzipTail)
        // With the output bounded to exactly its size, as a Zarr codec does.
        check(try Gzip.decompress(stream, maxOutputSize: Self.gzipLength),
              length: Self.gzipLength, crc: Self.gzipCRC, tail: Self.gzipTail)
    }

    /// The exact size, a tiny hint and no hint: the first decodes entirely in
    /// the borrowed buffer, the others grow it (to exactly the bound, when
    /// `maxOutputSize` is the output size).
    func testSizeHints() throws {
        let raw = try rawDeflate()
        let zlib = try vector("inflate-fastloop-overflow.zlib")
        let gzip = try vector("inflate-fastloop-overflow-2members.gz")
        let n = Self.zlibLength
        let g = Self.gzipLength
        for limit in [n, Deflate.defaultMaxOutputSize] {
            for hint in [n, 0, 1, nil] as [Int?] {
                check(try Deflate.decompress(raw, expectedSize: hint, maxOutputSize: limit),
                      length: n, crc: Self.zlibCRC, tail: Self.zlibTail)
                check(try Zlib.decompress(zlib, expectedSize: hint, maxOutputSize: limit),
                      length: n, crc: Self.zlibCRC, tail: Self.zlibTail)
            }
        }
        for limit in [g, Deflate.defaultMaxOutputSize] {
            for hint in [g, 0, 1, nil] as [Int?] {
                check(try Gzip.decompress(gzip, expectedSize: hint, maxOutputSize: limit),
                      length: g, crc: Self.gzipCRC, tail: Self.gzipTail)
            }
        }
    }

    /// `maxOutputSize` holds to the byte, whatever the hint: the buffer's
    /// slack for 8-byte match stores must not let the output grow past it.
    func testOutputLimitIsExact() throws {
        let zlib = try vector("inflate-fastloop-overflow.zlib")
        let gzip = try vector("inflate-fastloop-overflow-2members.gz")
        for hint in [nil, 1, Self.zlibLength] as [Int?] {
            XCTAssertThrowsError(try Zlib.decompress(zlib, expectedSize: hint, maxOutputSize: Self.zlibLength - 1))
            XCTAssertThrowsError(try Gzip.decompress(gzip, expectedSize: hint, maxOutputSize: Self.gzipLength - 1))
        }
        // A small stream that fits the initial buffer (slack included).
        let data = Array("one hundred bytes of text, one hundred bytes of text, one hundred bytes of text!!".utf8)
        for level in [0, 6] {
            let stream = Deflate.compress(data, level: level)
            XCTAssertEqual(try Deflate.decompress(stream, maxOutputSize: data.count), data)
            XCTAssertThrowsError(try Deflate.decompress(stream, maxOutputSize: data.count - 1))
            XCTAssertThrowsError(try Deflate.decompress(stream, expectedSize: data.count, maxOutputSize: data.count - 1))
            XCTAssertThrowsError(try Zlib.decompress(Zlib.compress(data, level: level), maxOutputSize: data.count - 1))
            XCTAssertThrowsError(try Gzip.decompress(Gzip.compress(data, level: level), maxOutputSize: data.count - 1))
        }
    }

    /// Every starting capacity near the output size, and near the sizes at
    /// which the fast loop hands over to the careful path: whatever capacity
    /// the buffer has when a long match arrives, nothing is written past it
    /// (the fast loop's `assert`s and AddressSanitizer check this).
    func testHintSweep() throws {
        let raw = try rawDeflate()
        let n = Self.zlibLength
        var hints = Array((n - 300)...(n + 40))
        hints += Array(stride(from: 0, through: 4096, by: 37))
        for hint in hints {
            let output = try Deflate.decompress(raw, expectedSize: hint, maxOutputSize: n)
            XCTAssertEqual(output.count, n, "hint \(hint)")
            XCTAssertEqual(CRC32.checksum(output), Self.zlibCRC, "hint \(hint)")
        }
    }
}
