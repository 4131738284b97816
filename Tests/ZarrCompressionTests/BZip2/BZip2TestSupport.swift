import Foundation
@testable import ZarrCompression

/// Vector access and array wrappers shared by the bzip2 tests.
enum BZip2TestSupport {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/bzip2")

    struct Entry {
        let file: String
        let size: Int
        let crc32: UInt32
        let adler32: UInt32
        /// The input's name (the file name up to its first dot).
        var input: String { String(file.prefix { $0 != "." }) }
    }

    /// The lines of manifest.txt.
    static func manifest() throws -> [Entry] {
        let text = try String(contentsOf: folder.appendingPathComponent("manifest.txt"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 4, let size = Int(f[1]), let crc = UInt32(f[2], radix: 16), let adler = UInt32(f[3], radix: 16)
            else { return nil }
            return Entry(file: String(f[0]), size: size, crc32: crc, adler32: adler)
        }
    }

    static func vector(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func decompress(_ stream: [UInt8], maxOutputSize: Int = Int.max) throws -> [UInt8] {
        try stream.withUnsafeBytes { try BZip2.decompress($0, maxOutputSize: maxOutputSize) }
    }

    /// Decodes into a buffer of `capacity` bytes and returns the bytes written.
    static func decompress(_ stream: [UInt8], capacity: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: capacity)
        let written = try stream.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { try BZip2.decompress(input, into: $0) }
        }
        return Array(output[..<written])
    }
}

extension BZip2TestSupport {
    static func compress(_ input: [UInt8], level: Int) -> [UInt8] {
        input.withUnsafeBytes { BZip2.compress($0, level: level) }
    }

    /// Inputs of every kind the encoder must handle: (name, bytes).
    static func roundTripInputs() -> [(String, [UInt8])] {
        var inputs: [(String, [UInt8])] = [("empty", []), ("one", [0x42]), ("two", [1, 2])]
        inputs.append(("zeros", [UInt8](repeating: 0, count: 250_000)))
        inputs.append(("random", TestRandom.bytes(120_000, seed: 1)))
        for period in 1...7 {
            let pattern = TestRandom.bytes(period, seed: UInt64(period))
            inputs.append(("period\(period)", (0..<90_000).map { pattern[$0 % period] }))
        }
        var g = TestRandom(seed: 9)
        var runs: [UInt8] = []
        while runs.count < 150_000 { runs += [UInt8](repeating: UInt8(g.below(4)), count: 1 + g.below(700)) }
        inputs.append(("runs", runs))
        inputs.append(("text", TestRandom.text(230_000, seed: 4, words: ["zarr", "chunk", "array", "the", "of", "bzip2", "block"],
                                               newlineOneIn: 9)))
        inputs.append(("allBytes", (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }))
        return inputs
    }
}
