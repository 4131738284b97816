import Foundation
import XCTest

/// Shared helpers for the deflate family tests.
enum DeflateTestSupport {
    /// The folder of vectors written by Scripts/make_deflate_vectors.py.
    static let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/deflate")

    static func vector(_ name: String) throws -> [UInt8] {
        let url = vectorsDirectory.appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }

    static func vectorNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: vectorsDirectory.path).sorted()
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

    static let words = ["zarr", "chunk", "array", "deflate", "shard", "codec", "the", "of", "and",
                        "compress", "metadata", "group", "store", "byte", "huffman", "window", "a", "is"]

    /// English-like text from a small vocabulary.
    static func text(_ n: Int, seed: UInt64) -> [UInt8] {
        TestRandom.text(n, seed: seed, words: words, newlineOneIn: 20)
    }
}
