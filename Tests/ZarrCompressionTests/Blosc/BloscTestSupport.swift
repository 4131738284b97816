import Foundation
import XCTest
@testable import ZarrCompression

/// Shared helpers for the blosc tests: the vectors of Scripts/make_blosc_vectors.py
/// and the payloads they were made from.
enum BloscTestSupport {
    static let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/blosc")

    /// One chunk c-blosc wrote, with what it was made from.
    struct Vector: Decodable {
        struct HeaderFields: Decodable, Equatable {
            var version: Int
            var versionlz: Int
            var flags: Int
            var typesize: Int
            var nbytes: Int
            var blocksize: Int
            var cbytes: Int
        }

        var name: String
        var kind: String
        var size: Int
        var typesize: Int
        var seed: UInt64
        var cname: String
        var clevel: Int
        var shuffle: Int
        var blocksize: Int
        var crc32: UInt32
        var header: HeaderFields
        var splitmode: String?

        var compressor: Blosc.Compressor { Blosc.Compressor(rawValue: cname) ?? .blosclz }
        var filter: Blosc.Shuffle { Blosc.Shuffle(rawValue: shuffle) ?? .none }
        var splitMode: Blosc.SplitMode {
            switch splitmode {
            case "always": .always
            case "never": .never
            case "auto": .auto
            default: .forwardCompatible
            }
        }
        var payload: [UInt8] { BloscTestSupport.payload(kind, size: size, typesize: typesize, seed: seed) }

        func chunk() throws -> [UInt8] {
            [UInt8](try Data(contentsOf: vectorsDirectory.appendingPathComponent("chunks/\(name).blosc")))
        }
    }

    /// A block c-blosc stored shuffled but uncompressed (see the script).
    struct ShuffledBlock: Decodable {
        var name: String
        var shuffle: Int
        var typesize: Int
        var seed: UInt64
        var offset: Int
        var size: Int
    }

    private struct Manifest: Decodable { var chunks: [Vector] }
    private struct ShuffleManifest: Decodable { var blocks: [ShuffledBlock] }

    static func vectors() throws -> [Vector] {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("manifest.json"))
        return try JSONDecoder().decode(Manifest.self, from: data).chunks
    }

    static func shuffledBlocks() throws -> [ShuffledBlock] {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("shuffles.json"))
        return try JSONDecoder().decode(ShuffleManifest.self, from: data).blocks
    }

    static func file(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: vectorsDirectory.appendingPathComponent(path)))
    }

    /// The header fields of a chunk, in the manifest's terms.
    static func fields(_ h: Blosc.Header) -> Vector.HeaderFields {
        .init(version: Int(h.version), versionlz: Int(h.compressorVersion), flags: Int(h.flags), typesize: h.typesize,
              nbytes: h.decodedSize, blocksize: h.blockSize, cbytes: h.compressedSize)
    }

    /// The payloads of Scripts/make_blosc_vectors.py (`payload` there), bit
    /// for bit: zeros, SplitMix64 random bytes, or a triangle wave plus a
    /// ramp ("smooth") with 0...7 of LCG noise added ("noisy").
    static func payload(_ kind: String, size: Int, typesize: Int, seed: UInt64) -> [UInt8] {
        switch kind {
        case "zeros": return [UInt8](repeating: 0, count: size)
        case "random": return TestRandom.bytes(size, seed: seed)
        default: break
        }
        var out: [UInt8] = []
        out.reserveCapacity(size + typesize)
        var state = UInt32(truncatingIfNeeded: seed)
        var i = 0
        while out.count < size {
            var v = abs(i % 2048 - 1024) * 61 + (i / 2048) * 1000
            if kind == "noisy" {
                state = state &* 1_664_525 &+ 1_013_904_223
                v += Int(state >> 29)
            }
            for b in 0..<typesize { out.append(b < 8 ? UInt8(truncatingIfNeeded: v >> (8 * b)) : UInt8((31 * b) & 0xFF)) }
            i += 1
        }
        return Array(out.prefix(size))
    }

    /// A smooth field with noise, like measured data: sines over a 3-D grid
    /// plus LCG noise, as little-endian `typesize`-byte integers.
    static func field(_ count: Int, typesize: Int, noise: Int = 24) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count * typesize)
        var state: UInt32 = 12345
        for i in 0..<count {
            let x = Double(i % 64), y = Double((i / 64) % 64), z = Double(i / 4096)
            let wave = sin(x / 9) + 0.7 * sin(y / 7 + 1) + 0.5 * cos(z / 5) + 0.4 * sin((x + y) / 13)
            state = state &* 1_664_525 &+ 1_013_904_223
            let v = Int((wave + 2.6) * 8000) + Int(state >> 16) % (2 * noise + 1) - noise
            for b in 0..<typesize { out.append(UInt8(truncatingIfNeeded: v >> (8 * min(b, 7)))) }
        }
        return out
    }

    /// `data` byte-shuffled with `typesize`.
    static func shuffled(_ data: [UInt8], _ typesize: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: data.count)
        data.withUnsafeBytes { i in out.withUnsafeMutableBytes { ByteShuffle.shuffle(typesize: typesize, i, into: $0) } }
        return out
    }

    static func compress(_ data: [UInt8], typesize: Int, clevel: Int, shuffle: Blosc.Shuffle,
                         compressor: Blosc.Compressor, blockSize: Int = 0,
                         splitMode: Blosc.SplitMode = .forwardCompatible) throws -> [UInt8] {
        try data.withUnsafeBytes {
            try Blosc.compress($0, typesize: typesize, clevel: clevel, shuffle: shuffle, compressor: compressor,
                               blockSize: blockSize, splitMode: splitMode)
        }
    }

    static func decompress(_ chunk: [UInt8], maxOutputSize: Int = 1 << 28) throws -> [UInt8] {
        try chunk.withUnsafeBytes { try Blosc.decompress($0, maxOutputSize: maxOutputSize) }
    }

    static func header(_ chunk: [UInt8]) throws -> Blosc.Header {
        try chunk.withUnsafeBytes { try Blosc.Header(parsing: $0) }
    }
}
