import Foundation
import XCTest

/// Shared helpers for the Zstandard tests.
enum ZstdTestSupport {
    /// Folder of the vectors written by Scripts/make_zstd_vectors.py.
    static var vectorsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Vectors").appendingPathComponent("zstd")
    }

    static func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: vectorsDirectory.appendingPathComponent(name)))
    }

    /// Smooth uint16 volume data, little-endian: (z + y*y/32 + x*x*x) % 65536.
    static func smooth(nz: Int, ny: Int, nx: Int, oz: Int = 0, oy: Int = 0, ox: Int = 0) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(nz * ny * nx * 2)
        for z in oz..<(oz + nz) {
            for y in oy..<(oy + ny) {
                for x in ox..<(ox + nx) {
                    let v = (z + y * y / 32 + x * x * x) % 65536
                    out.append(UInt8(v & 255)); out.append(UInt8(v >> 8))
                }
            }
        }
        return out
    }

    static let words = ["the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "are", "with",
                        "zarr", "chunk", "array", "shard", "codec", "compression", "metadata", "time",
                        "water", "people", "number", "sound", "would", "could", "first", "down"]

    /// Text-like bytes.
    static func text(_ n: Int, seed: UInt64) -> [UInt8] {
        TestRandom.text(n, seed: seed, words: words, newlineOneIn: 12)
    }
}
