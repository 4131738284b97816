import XCTest
@testable import ZarrCompression

/// Round trips of both encoders, and their output limits.
final class LZ4EncoderTests: XCTestCase {
    /// (name, encoder) for every acceleration and level shape, including out-of-range values.
    private static var fastModes: [(String, (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int)] {
        [1, 2, 4, 17, 65537, 0, -3, 1 << 40].map { a in
            ("fast\(a)", { LZ4.compressBlock($0, into: $1, acceleration: a) })
        }
    }
    private static func hcModes(_ levels: [Int]) -> [(String, (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int)] {
        levels.map { level in ("hc\(level)", { LZ4.compressBlockHC($0, into: $1, level: level) }) }
    }

    /// Compresses into a buffer of `capacity` bytes followed by a guard zone;
    /// fails if anything past `capacity` was written.
    private func encode(_ data: [UInt8], capacity: Int, _ encoder: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int,
                        _ message: String) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0xEE, count: capacity + 64)
        let n = data.withUnsafeBytes { src in
            buffer.withUnsafeMutableBytes { encoder(src, UnsafeMutableRawBufferPointer(rebasing: $0[..<capacity])) }
        }
        XCTAssertTrue(buffer[capacity...].allSatisfy { $0 == 0xEE }, "wrote past the output: \(message)")
        XCTAssertLessThanOrEqual(n, capacity, message)
        return n == 0 ? nil : Array(buffer[..<n])
    }

    /// Round trip with an output of exactly compressBound, then the limit
    /// cases: the block's own size fits, one byte less does not.
    private func roundTrip(_ data: [UInt8], _ name: String,
                           _ modes: [(String, (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int)],
                           limits: Bool = true) throws {
        let bound = try XCTUnwrap(LZ4.compressBound(data.count))
        for (mode, encoder) in modes {
            let message = "\(name) \(data.count) bytes, \(mode)"
            let block = try XCTUnwrap(encode(data, capacity: bound, encoder, message), message)
            XCTAssertEqual(try LZ4TestSupport.decompress(block, decodedSize: data.count), data, message)
            guard limits else { continue }
            XCTAssertEqual(encode(data, capacity: block.count, encoder, message), block, message)
            XCTAssertNil(encode(data, capacity: block.count - 1, encoder, message), message)
        }
    }

    func testRoundTripsOfSmallAndMediumInputs() throws {
        for n in [0, 1, 4, 5, 11, 12, 13, 14, 17, 100, 1000, 5000] {
            for (name, data) in LZ4TestSupport.corpus(n) {
                try roundTrip(data, name, Self.fastModes + Self.hcModes([1, 3, 5, 9, 10, 11, 12, 0, 13]))
            }
        }
    }

    /// Around the 64 KiB switch of the fast encoder's table, and larger inputs.
    func testRoundTripsOfLargeInputs() throws {
        for n in [65546, 65547, 200_000] {
            for (name, data) in LZ4TestSupport.corpus(n) where ["text", "random", "u16", "period7"].contains(name) {
                try roundTrip(data, name, Array(Self.fastModes.prefix(3)) + Self.hcModes(n == 200_000 ? [4] : [9]),
                              limits: n < 100_000)
            }
        }
        try roundTrip(LZ4TestSupport.text(20000, seed: 9), "text", Self.hcModes([10, 12]), limits: false)
    }

    /// A match longer than 64 KiB (its length bytes fill the output) and a
    /// literal run as long: both encoders and the output checks handle them.
    func testLongRuns() throws {
        var data = [UInt8](repeating: 7, count: 150_000)
        data += TestRandom.bytes(100_000, seed: 3)
        data += [UInt8](repeating: 0, count: 70_000)
        try roundTrip(data, "runs", Array(Self.fastModes.prefix(2)) + Self.hcModes([9]))
    }

    func testCompressBound() {
        XCTAssertEqual(LZ4.compressBound(0), 16)
        XCTAssertEqual(LZ4.compressBound(255), 272)
        XCTAssertEqual(LZ4.compressBound(0x7E00_0000), 0x7E00_0000 + 0x7E00_0000 / 255 + 16)
        XCTAssertNil(LZ4.compressBound(0x7E00_0001))
        XCTAssertNil(LZ4.compressBound(-1))
        XCTAssertNil(LZ4.compressBound(Int.max))
    }

    func testParameterClamping() {
        let data = LZ4TestSupport.text(20000, seed: 4)
        let bytes = { (a: Int) in LZ4TestSupport.compress(data, acceleration: a) }
        XCTAssertEqual(bytes(0), bytes(1))
        XCTAssertEqual(bytes(-7), bytes(1))
        XCTAssertEqual(bytes(Int.max), bytes(65537))
        XCTAssertNotEqual(bytes(1), bytes(8))
        let hc = { (level: Int) in LZ4TestSupport.compressHC(data, level: level) }
        XCTAssertEqual(hc(0), hc(9))
        XCTAssertEqual(hc(-1), hc(9))
        XCTAssertEqual(hc(1), hc(2))
        XCTAssertEqual(hc(99), hc(12))
        XCTAssertLessThan(hc(9).count, bytes(1).count)
        XCTAssertLessThanOrEqual(hc(12).count, hc(9).count)
    }

    func testEmptyInputAndEmptyOutput() {
        XCTAssertEqual(LZ4.compress(UnsafeRawBufferPointer(start: nil, count: 0)), [0])
        XCTAssertEqual(LZ4.compressHC(UnsafeRawBufferPointer(start: nil, count: 0)), [0])
        let data: [UInt8] = [1, 2, 3]
        let written = data.withUnsafeBytes { LZ4.compressBlock($0, into: UnsafeMutableRawBufferPointer(start: nil, count: 0)) }
        XCTAssertEqual(written, 0)
    }
}
