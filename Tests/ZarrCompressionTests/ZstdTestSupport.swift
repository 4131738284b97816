import Foundation
import XCTest

/// Shared helpers for the Zstandard tests.
enum ZstdTestSupport {
    /// Folder of the vectors written by Scripts/make_zstd_vectors.py.
    static var vectorsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors").appendingPathComponent("zstd")
    }

    static func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: vectorsDirectory.appendingPathComponent(name)))
    }

    /// A small deterministic generator (SplitMix64).
    struct Rng {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func random(_ n: Int, seed: UInt64) -> [UInt8] {
        var rng = Rng(seed)
        var out = [UInt8](repeating: 0, count: n)
        var i = 0
        while i < n {
            let v = rng.next()
            for k in 0..<8 where i + k < n { out[i + k] = UInt8(truncatingIfNeeded: v >> UInt64(8 * k)) }
            i += 8
        }
        return out
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
        var rng = Rng(seed)
        var out = [UInt8]()
        out.reserveCapacity(n + 16)
        while out.count < n {
            out.append(contentsOf: Array(words[rng.below(words.count)].utf8))
            out.append(rng.below(12) == 0 ? 10 : 32)
        }
        return Array(out.prefix(n))
    }
}
