import XCTest
@testable import ZarrCompression

/// Streams written by C zlib (Scripts/make_deflate_vectors.py) must decode here.
final class DeflateVectorTests: XCTestCase {
    private func original(of file: String) throws -> [UInt8] {
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        return try DeflateTestSupport.vector(stem + ".bin")
    }

    func testRawVectors() throws {
        let names = try DeflateTestSupport.vectorNames().filter { $0.hasSuffix(".raw") }
        XCTAssertGreaterThan(names.count, 20)
        for name in names {
            let expected = try original(of: name)
            let compressed = try DeflateTestSupport.vector(name)
            XCTAssertEqual(try Deflate.decompress(compressed), expected, name)
            XCTAssertEqual(try Deflate.decompress(compressed, expectedSize: expected.count), expected, name)
            XCTAssertEqual(try Deflate.decompress(compressed, expectedSize: 1), expected, name)
        }
    }

    func testZlibVectors() throws {
        let names = try DeflateTestSupport.vectorNames().filter { $0.hasSuffix(".zz") }
        XCTAssertGreaterThan(names.count, 5)
        for name in names {
            XCTAssertEqual(try Zlib.decompress(try DeflateTestSupport.vector(name)), try original(of: name), name)
        }
    }

    func testGzipVectors() throws {
        let names = try DeflateTestSupport.vectorNames().filter { $0.hasSuffix(".gz") }
        XCTAssertTrue(names.contains("headers.gz"))
        XCTAssertTrue(names.contains("two_members.gz"))
        for name in names {
            XCTAssertEqual(try Gzip.decompress(try DeflateTestSupport.vector(name)), try original(of: name), name)
        }
    }

    func testGzipZeroPaddingAndTrailingGarbage() throws {
        let member = try DeflateTestSupport.vector("one.gz")
        XCTAssertEqual(try Gzip.decompress(member + [0, 0, 0]), Array("A".utf8))
        XCTAssertThrowsError(try Gzip.decompress(member + [1, 2, 3]))
        XCTAssertEqual(try Gzip.decompress(member + [0, 0] + member), Array("AA".utf8))
        XCTAssertThrowsError(try Gzip.decompress(member + [0x1F, 0x8B, 8]))
    }

    func testChecksumMismatchesAreReported() throws {
        var gz = try DeflateTestSupport.vector("text.gz")
        gz[gz.count - 8] ^= 1
        XCTAssertThrowsError(try Gzip.decompress(gz)) { error in
            XCTAssertTrue("\(error)".contains("CRC-32 mismatch"), "\(error)")
        }
        var zz = try DeflateTestSupport.vector("repetitive.zz")
        zz[zz.count - 1] ^= 1
        XCTAssertThrowsError(try Zlib.decompress(zz)) { error in
            XCTAssertTrue("\(error)".contains("Adler-32 mismatch"), "\(error)")
        }
        var sized = try DeflateTestSupport.vector("repetitive.gz")
        sized[sized.count - 1] ^= 1
        XCTAssertThrowsError(try Gzip.decompress(sized)) { error in
            XCTAssertTrue("\(error)".contains("length mismatch"), "\(error)")
        }
    }

    func testZlibPresetDictionaryIsRejected() {
        // CMF 0x78, FLG with FDICT set and a valid check: 0x78 0xBB.
        XCTAssertThrowsError(try Zlib.decompress([0x78, 0xBB, 0, 0, 0, 1, 0x03, 0x00])) { error in
            XCTAssertTrue("\(error)".contains("FDICT"), "\(error)")
        }
    }

    func testMaxOutputSize() throws {
        let compressed = try DeflateTestSupport.vector("repetitive.l9.raw")
        XCTAssertThrowsError(try Deflate.decompress(compressed, maxOutputSize: 1000)) { error in
            XCTAssertTrue("\(error)".contains("maxOutputSize"), "\(error)")
        }
        XCTAssertEqual(try Deflate.decompress(compressed, maxOutputSize: 18000).count, 18000)
    }
}
