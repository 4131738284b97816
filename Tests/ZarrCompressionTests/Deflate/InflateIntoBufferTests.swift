import XCTest
@testable import ZarrCompression

/// Gzip and zlib decoding into a caller's buffer (the path a chunk of known size takes): the
/// C zlib vectors decode to the same bytes as through the growable output, and a buffer too
/// small for the data is an error, never a write past its end.
final class InflateIntoBufferTests: XCTestCase {
    private typealias Into = (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) throws -> Int

    /// Decodes `compressed` into a buffer of `room` bytes plus the slack; the bytes after the
    /// slack are a guard that must stay untouched.
    private func decode(_ compressed: [UInt8], room: Int, _ into: Into) throws -> [UInt8] {
        let guardBytes = 64
        var buffer = [UInt8](repeating: 0xA5, count: room + Deflate.decompressionSlack + guardBytes)
        let count = try compressed.withUnsafeBytes { input in
            try buffer.withUnsafeMutableBytes { output in
                try into(input, UnsafeMutableRawBufferPointer(rebasing: output[..<(room + Deflate.decompressionSlack)]))
            }
        }
        XCTAssertTrue(buffer.suffix(guardBytes).allSatisfy { $0 == 0xA5 }, "wrote past the buffer")
        return Array(buffer.prefix(count))
    }

    private func check(suffix: String, _ into: @escaping Into, whole: ([UInt8]) throws -> [UInt8]) throws {
        let names = try DeflateTestSupport.vectorNames().filter { $0.hasSuffix(suffix) }
        XCTAssertGreaterThan(names.count, 5)
        for name in names {
            let compressed = try DeflateTestSupport.vector(name)
            let expected = try whole(compressed)
            XCTAssertEqual(try decode(compressed, room: expected.count, into), expected, name)
            XCTAssertEqual(try decode(compressed, room: expected.count + 1000, into), expected, name)
            if !expected.isEmpty {
                XCTAssertThrowsError(try decode(compressed, room: expected.count - 1, into), name)
            }
        }
    }

    func testGzipVectorsDecodeIntoABufferOfTheirSize() throws {
        try check(suffix: ".gz", { try Gzip.decompress($0, into: $1) }, whole: { try Gzip.decompress($0) })
    }

    func testZlibVectorsDecodeIntoABufferOfTheirSize() throws {
        try check(suffix: ".zz", { try Zlib.decompress($0, into: $1) }, whole: { try Zlib.decompress($0) })
    }

    func testABufferSmallerThanTheSlackAndCorruptStreamsAreErrors() throws {
        let data = DeflateTestSupport.smoothUInt16(100_000)
        let gz = Gzip.compress(data, level: 6)
        var tiny = [UInt8](repeating: 0, count: Deflate.decompressionSlack - 1)
        XCTAssertThrowsError(try gz.withUnsafeBytes { i in try tiny.withUnsafeMutableBytes { try Gzip.decompress(i, into: $0) } })
        var corrupt = gz
        corrupt[corrupt.count / 2] ^= 0x5A
        XCTAssertThrowsError(try decode(corrupt, room: data.count) { try Gzip.decompress($0, into: $1) })
        XCTAssertThrowsError(try decode(Array(gz.prefix(gz.count - 3)), room: data.count) { try Gzip.decompress($0, into: $1) })
        XCTAssertThrowsError(try decode([0x78, 0x9C, 1], room: 10) { try Zlib.decompress($0, into: $1) })
        XCTAssertEqual(try decode(Zlib.compress(data, level: 1), room: data.count) { try Zlib.decompress($0, into: $1) }, data)
    }
}
