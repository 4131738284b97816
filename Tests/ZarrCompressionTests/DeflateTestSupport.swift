import Foundation
import XCTest

/// Shared helpers for the deflate family tests.
enum DeflateTestSupport {
    /// The folder of vectors written by Scripts/make_deflate_vectors.py.
    static let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Vectors/deflate")

    static func vector(_ name: String) throws -> [UInt8] {
        let url = vectorsDirectory.appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }

    static func vectorNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: vectorsDirectory.path).sorted()
    }

    /// A small deterministic generator (SplitMix64) so tests are reproducible.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomBytes(_ n: Int, seed: UInt64) -> [UInt8] {
        var g = SeededGenerator(seed: seed)
        var out = [UInt8](repeating: 0, count: n)
        var i = 0
        while i < n {
            let v = g.next()
            for k in 0..<min(8, n - i) { out[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
            i += 8
        }
        return out
    }

    /// Little-endian uint16 values that change slowly, like a smooth image.
    static func smoothUInt16(_ n: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        for i in 0..<n / 2 {
            let x = i % 64, y = (i / 64) % 64, z = i / 4096
            let v = UInt16(truncatingIfNeeded: z + y * y / 32 + x * x * x)
            out[2 * i] = UInt8(v & 0xFF)
            out[2 * i + 1] = UInt8(v >> 8)
        }
        if n % 2 == 1 { out[n - 1] = 7 }
        return out
    }

    /// English-like text from a small vocabulary.
    static func text(_ n: Int, seed: UInt64) -> [UInt8] {
        let words = ["zarr", "chunk", "array", "deflate", "shard", "codec", "the", "of", "and",
                     "compress", "metadata", "group", "store", "byte", "huffman", "window", "a", "is"]
        var g = SeededGenerator(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(n + 16)
        while out.count < n {
            out.append(contentsOf: Array(words[Int(g.next() % UInt64(words.count))].utf8))
            out.append(g.next() % 20 == 0 ? 10 : 32)
        }
        return Array(out.prefix(n))
    }
}
