// `simplezarr bench-codecs CORPUS_DIR [--repeat N] [--codecs gzip,zstd,lz4,lz4hc,...] [--typesize N]
// [--foreign DIR]`: times this library's compressors on every file of CORPUS_DIR (one chunk per
// file) and prints one JSON line per codec and level. With `--foreign DIR`, it also times
// decoding the streams the C library made of the same files (DIR/<codec>-<level>/<file name>,
// when that folder exists), so both decoders are measured on identical input.
// Scripts/bench_codecs.py makes the corpus and the foreign streams, runs the C libraries and
// prints the two side by side.
//
// Blosc is named `blosc-<cname>-<noshuffle|shuffle|bitshuffle>` (level 5, the element size of
// `--typesize`); `shuffle` and `bitshuffle` time the filters alone (level: the typesize), the
// byte shuffle over each whole file, the bit shuffle in 64 KiB blocks as blosc applies it.

import Foundation
import SimpleZarr
import ZarrCompression

/// A compressor under test: a name, a level, and its two directions.
private struct CodecUnderTest {
    let name: String
    let level: Int
    let compress: (UnsafeRawBufferPointer) -> [UInt8]
    let decompress: (UnsafeRawBufferPointer, Int) throws -> [UInt8]
}

/// The blocks the `bitshuffle` row works in: c-blosc's block for blosclz at level 1 and
/// typesize 2 or 4 (16 KiB x typesize, raised to 64 KiB), where Scripts/bench_codecs.py
/// measures c-blosc's bit shuffle, so both sides see the same block size.
private let bitShuffleBlock = 64 * 1024

private func codecsUnderTest(_ names: Set<String>, typesize: Int) -> [CodecUnderTest] {
    var codecs: [CodecUnderTest] = []
    if names.contains("gzip") {
        codecs += [1, 5, 9].map { level in
            CodecUnderTest(
                name: "gzip", level: level, compress: { Gzip.compress($0, level: level) },
                decompress: { try Gzip.decompress($0, maxOutputSize: $1) })
        }
    }
    if names.contains("zstd") {
        codecs += [-1, 1, 3, 9].map { level in
            CodecUnderTest(
                name: "zstd", level: level, compress: { Zstd.compress($0, level: level) },
                decompress: { try Zstd.decompress($0, maxOutputSize: $1) })
        }
    }
    if names.contains("lz4") {
        // "Level" is the acceleration for the fast encoder.
        codecs.append(CodecUnderTest(
            name: "lz4", level: 1, compress: { LZ4.compress($0, acceleration: 1) },
            decompress: { try LZ4.decompress($0, decodedSize: $1) }))
    }
    if names.contains("lz4hc") {
        codecs.append(CodecUnderTest(
            name: "lz4hc", level: 9, compress: { LZ4.compressHC($0, level: 9) },
            decompress: { try LZ4.decompress($0, decodedSize: $1) }))
    }
    for name in names.sorted() where name.hasPrefix("blosc-") {
        let parts = name.split(separator: "-").map(String.init)
        let filters: [String: Blosc.Shuffle] = ["noshuffle": .none, "shuffle": .byte, "bitshuffle": .bit]
        guard parts.count == 3, let compressor = Blosc.Compressor(rawValue: parts[1]), let shuffle = filters[parts[2]]
        else { continue }
        codecs.append(CodecUnderTest(
            name: name, level: 5,
            compress: { (try? Blosc.compress($0, typesize: typesize, clevel: 5, shuffle: shuffle, compressor: compressor)) ?? [] },
            decompress: { try Blosc.decompress($0, maxOutputSize: $1) }))
    }
    if names.contains("shuffle") {
        codecs.append(CodecUnderTest(
            name: "shuffle", level: typesize, compress: { filtered($0, ByteShuffle.shuffle, typesize, block: $0.count) },
            decompress: { input, _ in filtered(input, ByteShuffle.unshuffle, typesize, block: input.count) }))
    }
    if names.contains("bitshuffle") {
        codecs.append(CodecUnderTest(
            name: "bitshuffle", level: typesize, compress: { filtered($0, BitShuffle.shuffle, typesize, block: bitShuffleBlock) },
            decompress: { input, _ in filtered(input, BitShuffle.unshuffle, typesize, block: bitShuffleBlock) }))
    }
    return codecs
}

/// `input` run through a shuffle filter in blocks of `block` bytes.
private func filtered(_ input: UnsafeRawBufferPointer,
                      _ filter: (Int, UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Void,
                      _ typesize: Int, block: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: input.count) { buffer, initialized in
        let output = UnsafeMutableRawBufferPointer(buffer)
        for start in stride(from: 0, to: input.count, by: max(block, 1)) {
            let end = min(start + block, input.count)
            filter(typesize, UnsafeRawBufferPointer(rebasing: input[start..<end]),
                   UnsafeMutableRawBufferPointer(rebasing: output[start..<end]))
        }
        initialized = input.count
    }
}

func runCodecBench(_ arguments: [String]) throws {
    guard let corpusPath = arguments.first else {
        throw ZarrError.invalidArgument("bench-codecs: expected CORPUS_DIR")
    }
    var repeats = 5
    var names: Set<String> = ["gzip", "zstd", "lz4", "lz4hc", "blosc-lz4-shuffle", "blosc-zstd-shuffle",
                              "blosc-lz4-bitshuffle", "blosc-blosclz-shuffle", "shuffle", "bitshuffle"]
    var typesize = 1
    var foreignPath: String?
    var iterator = arguments.dropFirst().makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--repeat": repeats = max(1, iterator.next().flatMap { Int($0) } ?? repeats)
        case "--codecs": names = Set((iterator.next() ?? "").split(separator: ",").map(String.init))
        case "--foreign": foreignPath = iterator.next()
        case "--typesize": typesize = max(1, iterator.next().flatMap { Int($0) } ?? typesize)
        default: throw ZarrError.invalidArgument("bench-codecs: unknown option \(argument)")
        }
    }
    let corpusURL = URL(fileURLWithPath: corpusPath)
    let files = try FileManager.default.contentsOfDirectory(atPath: corpusPath).sorted()
    let chunks = try files.map { [UInt8](try Data(contentsOf: corpusURL.appendingPathComponent($0))) }
    let total = chunks.reduce(0) { $0 + $1.count }

    for codec in codecsUnderTest(names, typesize: typesize) {
        var compressed: [[UInt8]] = []
        let compressTimes = (0..<repeats).map { _ in
            timed { compressed = chunks.map { chunk in chunk.withUnsafeBytes { codec.compress($0) } } }
        }
        let decompressTimes = try timeDecoding(compressed, chunks, codec, repeats)
        var foreignMBps: JSONValue = .null
        if let foreignPath,
           case let directory = URL(fileURLWithPath: foreignPath).appendingPathComponent("\(codec.name)-\(codec.level)"),
           FileManager.default.fileExists(atPath: directory.path) {
            let foreign = try files.map { [UInt8](try Data(contentsOf: directory.appendingPathComponent($0))) }
            foreignMBps = .double(Double(total) / median(try timeDecoding(foreign, chunks, codec, repeats)) / 1e6)
        }
        for (data, original) in zip(compressed, chunks) {
            let output = try data.withUnsafeBytes { try codec.decompress($0, original.count) }
            guard output == original else { throw ZarrError.codec("\(codec.name) level \(codec.level): round trip differs") }
        }
        let compressedTotal = compressed.reduce(0) { $0 + $1.count }
        let line: JSONValue = [
            "library": "simplezarr-swift", "codec": .string(codec.name), "level": JSONValue(codec.level),
            "compress_mbps": .double(Double(total) / median(compressTimes) / 1e6),
            "decompress_mbps": .double(Double(total) / median(decompressTimes) / 1e6),
            "ratio": .double(Double(total) / Double(max(compressedTotal, 1))),
            "decompress_foreign_mbps": foreignMBps,
        ]
        print(line)
    }
}

/// The seconds each of `repeats` passes takes to decode every stream, checking the sizes.
private func timeDecoding(
    _ streams: [[UInt8]], _ originals: [[UInt8]], _ codec: CodecUnderTest, _ repeats: Int
) throws -> [Double] {
    var times: [Double] = []
    for _ in 0..<repeats {
        var failure: (any Error)?
        times.append(timed {
            for (data, original) in zip(streams, originals) {
                do {
                    let output = try data.withUnsafeBytes { try codec.decompress($0, original.count) }
                    if output.count != original.count { failure = ZarrError.codec("\(codec.name): wrong size") }
                } catch {
                    failure = error
                }
            }
        })
        if let failure { throw failure }
    }
    return times
}

/// Seconds taken by `body`.
private func timed(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The median of a non-empty list.
private func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}
