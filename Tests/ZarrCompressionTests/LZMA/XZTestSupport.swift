import Foundation
import XCTest
@testable import ZarrCompression

/// Shared helpers for the xz / LZMA tests.
enum XZTestSupport {
    /// The folder of vectors written by Scripts/make_xz_vectors.py.
    static let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/xz")

    static func vector(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: vectorsDirectory.appendingPathComponent(name)))
    }

    /// One line of manifest.txt: a file made by liblzma and what it decodes to.
    struct VectorEntry {
        let file: String
        let size: Int
        let crc32: UInt32
        /// The input's name ("text_5000").
        var input: String { String(file.split(separator: ".")[0]) }
        /// "p6", "sha256", "alone0", ...
        var kind: String { String(file.split(separator: ".")[1]) }
        var isAlone: Bool { file.hasSuffix(".lzma") }
    }

    static func manifest() throws -> [VectorEntry] {
        let text = try String(contentsOf: vectorsDirectory.appendingPathComponent("manifest.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 3, let size = Int(f[1]), let crc = UInt32(f[2]) else { return nil }
            return VectorEntry(file: String(f[0]), size: size, crc32: crc)
        }
    }

    // MARK: - Array conveniences

    static func decompress(_ data: [UInt8], maxOutputSize: Int = 1 << 26) throws -> [UInt8] {
        try data.withUnsafeBytes { try XZ.decompress($0, maxOutputSize: maxOutputSize) }
    }

    static func decompressAlone(_ data: [UInt8], maxOutputSize: Int = 1 << 26) throws -> [UInt8] {
        try data.withUnsafeBytes { try LZMA.decompressAlone($0, maxOutputSize: maxOutputSize) }
    }

    static func compress(_ data: [UInt8], preset: Int = 6, check: XZCheck = .crc64, deltaDistance: Int? = nil) -> [UInt8] {
        data.withUnsafeBytes { XZ.compress($0, preset: preset, check: check, deltaDistance: deltaDistance) }
    }

    static func compressAlone(_ data: [UInt8], preset: Int = 6) -> [UInt8] {
        data.withUnsafeBytes { LZMA.compressAlone($0, preset: preset) }
    }

    // MARK: - Inputs

    static let words = ("the of and to in is was that for on are with as his they be at one have this from or had by "
        + "word but what some we can out other were all there when up use your how said an each she which "
        + "zarr chunk array shard codec compression metadata").split(separator: " ").map(String.init)

    static func text(_ n: Int, seed: UInt64) -> [UInt8] {
        TestRandom.text(n, seed: seed, words: words, newlineOneIn: 10)
    }

    /// A smooth noisy uint16 field: sine waves plus small noise, little-endian.
    static func smoothField(_ count: Int, seed: UInt64) -> [UInt8] {
        var g = TestRandom(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(2 * count)
        for i in 0..<count {
            let x = Double(i % 64), y = Double((i / 64) % 64)
            let wave = sin(x / 9) + 0.6 * sin(y / 13 + 1)
            let noise = Double(g.below(5)) - 2
            let v = UInt16(3000 + 30 * wave + noise)
            out.append(UInt8(v & 0xFF))
            out.append(UInt8(v >> 8))
        }
        return out
    }

    /// Named inputs of various kinds and sizes.
    static func corpus() -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        for n in [0, 1, 2, 3, 17, 300, 5000, 70000] {
            result.append(("zeros_\(n)", [UInt8](repeating: 0, count: n)))
            result.append(("text_\(n)", text(n, seed: UInt64(n))))
            result.append(("random_\(n)", TestRandom.bytes(n, seed: UInt64(n) + 1)))
            result.append(("field_\(n)", Array(smoothField(n / 2 + 1, seed: UInt64(n)).prefix(n))))
        }
        return result
    }
}
