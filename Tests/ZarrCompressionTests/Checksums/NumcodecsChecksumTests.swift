import Foundation
import XCTest
@testable import ZarrCompression

/// Fletcher-32 and lookup3 against the values numcodecs computes
/// (Vectors/checksums, written by Scripts/make_checksum_vectors.py), and at every size
/// and alignment.
final class NumcodecsChecksumTests: XCTestCase {
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/checksums")

    func testAgainstNumcodecsVectors() throws {
        let text = try String(contentsOf: Self.vectors.appendingPathComponent("checksums.txt"), encoding: .utf8)
        var sources: [String: [UInt8]] = [:]
        for name in ["random", "smooth"] {
            sources[name] = [UInt8](try Data(contentsOf: Self.vectors.appendingPathComponent("\(name).bin")))
        }
        sources["ones"] = [UInt8](repeating: 0xFF, count: 102_400)
        sources["zeros"] = [UInt8](repeating: 0, count: 102_400)
        var checked = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            XCTAssertEqual(fields.count, 5, line.description)
            guard fields.count == 5, let size = Int(fields[1]) else { continue }
            let data: [UInt8]
            if fields[0].hasPrefix("hex:") {
                data = try XCTUnwrap(bytes(hex: String(fields[0].dropFirst(4))), line.description)
            } else {
                data = Array(try XCTUnwrap(sources[fields[0]], line.description).prefix(size))
            }
            XCTAssertEqual(data.count, size, line.description)
            let label = "\(fields[0]) of \(size) bytes"
            if fields[2] == "none" {
                XCTAssertEqual(Fletcher32.checksum(data), 0, "Fletcher-32 of \(label)")
            } else {
                XCTAssertEqual(Fletcher32.checksum(data), UInt32(fields[2], radix: 16), "Fletcher-32 of \(label)")
            }
            XCTAssertEqual(JenkinsLookup3.hash(data), UInt32(fields[3], radix: 16), "lookup3 of \(label)")
            XCTAssertEqual(JenkinsLookup3.hash(data, initval: 0x9E37_79B9), UInt32(fields[4], radix: 16), "seeded lookup3 of \(label)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 200)
    }

    /// Every size up to 1100 bytes (all tails, two reference blocks) at every alignment of an
    /// 8-byte word, then a few large ones: Fletcher-32 against a word-at-a-time model, lookup3
    /// against itself on an aligned copy (its sizes are covered by the numcodecs vectors).
    func testEverySizeAndAlignment() {
        let data = TestRandom.bytes(40_008, seed: 91)
        data.withUnsafeBytes { raw in
            for offset in 0..<8 {
                for size in Array(0...1100) + [8191, 8192, 8193, 20_000, 40_000] {
                    let unaligned = UnsafeRawBufferPointer(rebasing: raw[offset..<offset + size])
                    let copy = Array(unaligned)
                    XCTAssertEqual(Fletcher32.checksum(unaligned), modelFletcher32(copy), "Fletcher-32 of \(size) at +\(offset)")
                    XCTAssertEqual(JenkinsLookup3.hash(unaligned, initval: UInt32(size)), JenkinsLookup3.hash(copy, initval: UInt32(size)),
                                   "lookup3 of \(size) at +\(offset)")
                }
            }
        }
    }

    /// The worst case for the deferred folds: every word 0xFFFF, over several lane blocks.
    func testLargestWordsOverManyBlocks() {
        for size in [65_534, 65_535, 65_536, 300_001] {
            let ones = [UInt8](repeating: 0xFF, count: size)
            XCTAssertEqual(Fletcher32.checksum(ones), modelFletcher32(ones), "\(size) bytes of 0xFF")
        }
    }

    // MARK: - Helpers

    /// Fletcher-32 one big-endian word at a time, folding after each one as the definition allows.
    private func modelFletcher32(_ data: [UInt8]) -> UInt32 {
        var sum1: UInt32 = 0, sum2: UInt32 = 0
        var i = 0
        while i < data.count {
            let word = UInt32(data[i]) << 8 | (i + 1 < data.count ? UInt32(data[i + 1]) : 0)
            sum1 += word
            sum1 = (sum1 & 0xFFFF) + (sum1 >> 16)
            sum2 += sum1
            sum2 = (sum2 & 0xFFFF) + (sum2 >> 16)
            i += 2
        }
        return sum2 << 16 | sum1
    }

    private func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16) }
    }
}
