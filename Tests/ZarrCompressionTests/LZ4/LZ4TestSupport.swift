import Foundation
import XCTest
import ZarrCompression

/// Shared helpers for the LZ4 tests.
enum LZ4TestSupport {
    /// The folder of vectors written by Scripts/make_lz4_vectors.py.
    static let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/lz4")

    static func vector(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: vectorsDirectory.appendingPathComponent(name)))
    }

    /// One line of manifest.txt: a block made by liblz4 and what it decodes to.
    struct VectorEntry {
        let file: String
        let size: Int
        let crc32: UInt32
        let adler32: UInt32
        /// The input's name ("text_65536"), the part of `file` before the mode.
        var input: String { String(file.split(separator: ".")[0]) }
        /// "fast1" ... "hc12".
        var mode: String { String(file.split(separator: ".")[1]) }
    }

    static func manifest() throws -> [VectorEntry] {
        let text = try String(contentsOf: vectorsDirectory.appendingPathComponent("manifest.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 4, let size = Int(f[1]), let crc = UInt32(f[2]), let adler = UInt32(f[3]) else { return nil }
            return VectorEntry(file: String(f[0]), size: size, crc32: crc, adler32: adler)
        }
    }

    /// The blocks of vectors/lz4/exact: (input name, mode, input, block made by
    /// LZ4_compress_fast or LZ4_compress_HC).
    static func exactBlocks() throws -> [(String, String, [UInt8], [UInt8])] {
        let folder = vectorsDirectory.appendingPathComponent("exact")
        var result: [(String, String, [UInt8], [UInt8])] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".lz4") {
            let parts = file.split(separator: ".")
            let name = String(parts[0])
            let input = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name + ".bin")))
            let block = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            result.append((name, String(parts[1]), input, block))
        }
        return result
    }

    // MARK: - Array conveniences

    static func compress(_ data: [UInt8], acceleration: Int = 1) -> [UInt8] {
        data.withUnsafeBytes { LZ4.compress($0, acceleration: acceleration) }
    }

    static func compressHC(_ data: [UInt8], level: Int = 9) -> [UInt8] {
        data.withUnsafeBytes { LZ4.compressHC($0, level: level) }
    }

    static func decompress(_ block: [UInt8], decodedSize: Int) throws -> [UInt8] {
        try block.withUnsafeBytes { try LZ4.decompress($0, decodedSize: decodedSize) }
    }

    /// Decodes into a buffer of `capacity` bytes; returns the decoded prefix.
    static func decodeBlock(_ block: [UInt8], capacity: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: capacity)
        let n = try block.withUnsafeBytes { src in
            try out.withUnsafeMutableBytes { try LZ4.decompressBlock(src, into: $0) }
        }
        return Array(out[..<n])
    }

    // MARK: - Inputs

    static let words = ["the", "of", "and", "to", "in", "is", "zarr", "chunk", "array", "shard", "codec",
                        "lz4", "block", "literal", "match", "offset", "token", "people", "water", "number"]

    static func text(_ n: Int, seed: UInt64) -> [UInt8] {
        TestRandom.text(n, seed: seed, words: words, newlineOneIn: 10)
    }

    /// `pattern` repeated to `n` bytes.
    static func periodic(_ n: Int, period: Int, seed: UInt64) -> [UInt8] {
        let pattern = TestRandom.bytes(period, seed: seed)
        return (0..<n).map { pattern[$0 % period] }
    }

    /// Sine waves over 64x64-element planes with gaussian-ish noise, as
    /// little-endian uint16 (`float: false`) or float32 in steps of 1/8.
    static func smooth(_ n: Int, float: Bool, seed: UInt64) -> [UInt8] {
        var g = TestRandom(seed: seed)
        var out = [UInt8]()
        out.reserveCapacity(n + 4)
        var i = 0
        while out.count < n {
            let x = Double(i % 64), y = Double((i / 64) % 64), z = Double(i / 4096)
            let wave = sin(x / 9) + 0.6 * sin(y / 13 + 1) + 0.3 * sin(z / 5 + x / 31)
            // Sum of three uniforms: roughly normal, sigma about 0.7.
            let noise = (0..<3).reduce(0.0) { acc, _ in acc + Double(g.below(1000)) / 1000 - 0.5 } * 1.2
            if float {
                let v = Float(280 + (100 * wave + noise).rounded() / 8)
                withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            } else {
                let v = UInt16(3000 + (30 * wave + noise).rounded())
                withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
            }
            i += 1
        }
        return Array(out.prefix(n))
    }

    /// Every kind of input of `n` bytes, named.
    static func corpus(_ n: Int) -> [(String, [UInt8])] {
        var kinds: [(String, [UInt8])] = [
            ("zeros", [UInt8](repeating: 0, count: n)),
            ("byte", [UInt8](repeating: 0xA7, count: n)),
            ("text", text(n, seed: UInt64(n) + 1)),
            ("random", TestRandom.bytes(n, seed: UInt64(n) + 2)),
            ("u16", smooth(n, float: false, seed: UInt64(n) + 3)),
            ("f32", smooth(n, float: true, seed: UInt64(n) + 4)),
        ]
        for period in [2, 3, 5, 7, 8, 12, 15] {
            kinds.append(("period\(period)", periodic(n, period: period, seed: UInt64(n * 16 + period))))
        }
        return kinds
    }
}
