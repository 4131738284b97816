// `simplezarr bench-codecs CORPUS_DIR [--repeat N] [--codecs gzip,zstd,lz4,lz4hc,bzip2,xz,...] [--typesize N]
// [--foreign DIR]`: times this library's compressors on every file of CORPUS_DIR (one chunk per
// file) and prints one JSON line per codec and level. With `--foreign DIR`, it also times
// decoding the streams the C library made of the same files (DIR/<codec>-<level>/<file name>,
// when that folder exists), so both decoders are measured on identical input. Block codecs
// (lz4, lz4hc) are also timed writing into buffers allocated once ("into" fields).
// Scripts/bench_codecs.py makes the corpus and the foreign streams, runs the C libraries and
// prints the two side by side.
//
// Blosc is named `blosc-<cname>-<noshuffle|shuffle|bitshuffle>` (level 5, the element size of
// `--typesize`); `shuffle` and `bitshuffle` time the filters alone (level: the typesize): the
// byte shuffle over each whole file, the bit shuffle as Scripts/bench_codecs.py times
// c-blosc's, inside blosc (see `bitShuffleInsideBlosc`), so that both sides are measured alike.

import Foundation
import SimpleZarr
import ZarrCompression

/// A compressor under test: a name, a level, and its two directions.
private struct CodecUnderTest {
    let name: String
    let level: Int
    let compress: (UnsafeRawBufferPointer) -> [UInt8]
    let decompress: (UnsafeRawBufferPointer, Int) throws -> [UInt8]
    /// Calls into caller buffers, timed as well when present (for block codecs so fast
    /// that allocating the result would weigh on the figure).
    var bufferCalls: BufferCalls?
}

/// A block codec's calls that write into a buffer the caller provides.
private struct BufferCalls {
    /// The output size that always fits for an input of the given size.
    let bound: (Int) -> Int
    let compress: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int
    let decompress: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) throws -> Int
}

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
    if names.contains("bzip2") {
        codecs += [1, 9].map { level in
            CodecUnderTest(
                name: "bzip2", level: level, compress: { BZip2.compress($0, level: level) },
                decompress: { try BZip2.decompress($0, maxOutputSize: $1) })
        }
    }
    if names.contains("xz") {
        codecs += [1, 6, 9].map { preset in
            CodecUnderTest(
                name: "xz", level: preset, compress: { XZ.compress($0, preset: preset) },
                decompress: { try XZ.decompress($0, maxOutputSize: $1) })
        }
    }
    // "Level" is the acceleration for the fast encoder.
    let lz4Modes: [(String, Int, (UnsafeRawBufferPointer) -> [UInt8],
                    (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int)] = [
        ("lz4", 1, { LZ4.compress($0, acceleration: 1) }, { LZ4.compressBlock($0, into: $1, acceleration: 1) }),
        ("lz4hc", 9, { LZ4.compressHC($0, level: 9) }, { LZ4.compressBlockHC($0, into: $1, level: 9) }),
    ]
    for (name, level, compress, compressBlock) in lz4Modes where names.contains(name) {
        let calls = BufferCalls(bound: { LZ4.compressBound($0) ?? 0 }, compress: compressBlock,
                                decompress: { try LZ4.decompressBlock($0, into: $1) })
        codecs.append(CodecUnderTest(name: name, level: level, compress: compress,
                                     decompress: { try LZ4.decompress($0, decodedSize: $1) }, bufferCalls: calls))
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
            name: "shuffle", level: typesize, compress: { filtered($0, ByteShuffle.shuffle, typesize) },
            decompress: { input, _ in filtered(input, ByteShuffle.unshuffle, typesize) }))
    }
    return codecs
}

/// `input` run through a shuffle filter (the whole buffer at once).
private func filtered(_ input: UnsafeRawBufferPointer,
                      _ filter: (Int, UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Void,
                      _ typesize: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: input.count) { buffer, initialized in
        filter(typesize, input, UnsafeMutableRawBufferPointer(buffer))
        initialized = input.count
    }
}

/// The bit shuffle timed inside blosc, as Scripts/bench_codecs.py times c-blosc's (which
/// does not export it): at least `total` bytes alternating 64 KiB blocks of random bytes
/// (which blosclz at level 1 gives up on at once and stores raw) and of zeros (which keep
/// the chunk from being stored whole, so decoding unshuffles every block) go through blosc
/// with and without the bit shuffle; the difference in time is the filter's. Prints one line.
private func bitShuffleInsideBlosc(total: Int, typesize: Int, repeats: Int) throws {
    let block = 64 * 1024
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let data = (0..<max(2, (total + block - 1) / block)).flatMap { k -> [UInt8] in
        (0..<block).map { _ in
            guard k % 2 == 0 else { return 0 }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }
    var times: [Blosc.Shuffle: (Double, Double)] = [:]
    for shuffle in [Blosc.Shuffle.none, .bit] {
        let pack = { try data.withUnsafeBytes { try Blosc.compress($0, typesize: typesize, clevel: 1, shuffle: shuffle, compressor: .blosclz) } }
        let chunk = try pack()
        let header = try chunk.withUnsafeBytes { try Blosc.Header(parsing: $0) }
        guard !header.isMemcpyed, header.blockSize == block else {
            throw ZarrError.codec("bitshuffle: the timing chunk is not made of 64 KiB blocks")
        }
        var failure: (any Error)?
        let compress = (0..<max(repeats, 15)).map { _ in timed { do { _ = try pack() } catch { failure = error } } }
        let decompress = (0..<max(repeats, 15)).map { _ in
            timed { do { _ = try chunk.withUnsafeBytes { try Blosc.decompress($0, maxOutputSize: data.count) } } catch { failure = error } }
        }
        if let failure { throw failure }
        times[shuffle] = (median(compress), median(decompress))
    }
    let (none, bit) = (times[.none] ?? (0, 0), times[.bit] ?? (0, 0))
    let line: JSONValue = [
        "library": "simplezarr-swift", "codec": "bitshuffle", "level": JSONValue(typesize),
        "compress_mbps": .double(Double(data.count) / max(bit.0 - none.0, 1e-9) / 1e6),
        "decompress_mbps": .double(Double(data.count) / max(bit.1 - none.1, 1e-9) / 1e6),
        "ratio": 1.0, "decompress_foreign_mbps": .null,
    ]
    print(line.jsonText)
}

func runCodecBench(_ arguments: [String]) throws {
    guard let corpusPath = arguments.first else {
        throw ZarrError.invalidArgument("bench-codecs: expected CORPUS_DIR")
    }
    var repeats = 5
    var names: Set<String> = ["gzip", "zstd", "lz4", "lz4hc", "bzip2", "xz", "blosc-lz4-shuffle", "blosc-zstd-shuffle",
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

    if names.contains("bitshuffle") { try bitShuffleInsideBlosc(total: total, typesize: typesize, repeats: repeats) }
    for codec in codecsUnderTest(names, typesize: typesize) {
        var compressed: [[UInt8]] = []
        let compressTimes = (0..<repeats).map { _ in
            timed { compressed = chunks.map { chunk in chunk.withUnsafeBytes { codec.compress($0) } } }
        }
        let decompressTimes = try timeDecoding(compressed, chunks, codec, repeats)
        var foreignMBps: JSONValue = .null
        var foreign: [[UInt8]]?
        if let foreignPath,
           case let directory = URL(fileURLWithPath: foreignPath).appendingPathComponent("\(codec.name)-\(codec.level)"),
           FileManager.default.fileExists(atPath: directory.path) {
            let streams = try files.map { [UInt8](try Data(contentsOf: directory.appendingPathComponent($0))) }
            foreignMBps = .double(Double(total) / median(try timeDecoding(streams, chunks, codec, repeats)) / 1e6)
            foreign = streams
        }
        var intoMBps: (compress: JSONValue, decompress: JSONValue) = (.null, .null)
        if let calls = codec.bufferCalls {
            let (compressTime, decompressTime) = try timeBufferCalls(calls, chunks, foreign ?? compressed, repeats)
            intoMBps = (.double(Double(total) / compressTime / 1e6), .double(Double(total) / decompressTime / 1e6))
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
            "compress_into_mbps": intoMBps.compress, "decompress_into_mbps": intoMBps.decompress,
        ]
        print(line.jsonText)
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

/// The median seconds of a pass compressing every chunk, and of one decoding
/// every stream (the foreign ones when given), into buffers allocated once.
private func timeBufferCalls(
    _ calls: BufferCalls, _ chunks: [[UInt8]], _ streams: [[UInt8]], _ repeats: Int
) throws -> (Double, Double) {
    var outputs = chunks.map { [UInt8](repeating: 0, count: calls.bound($0.count)) }
    let compressTimes = (0..<repeats).map { _ in
        passSeconds {
            for i in chunks.indices {
                _ = chunks[i].withUnsafeBytes { src in outputs[i].withUnsafeMutableBytes { calls.compress(src, $0) } }
            }
        }
    }
    var decoded = chunks.map { [UInt8](repeating: 0, count: $0.count) }
    var failure: (any Error)?
    let decompressTimes = (0..<repeats).map { _ in
        passSeconds {
            for i in chunks.indices {
                do {
                    let n = try streams[i].withUnsafeBytes { src in
                        try decoded[i].withUnsafeMutableBytes { try calls.decompress(src, $0) }
                    }
                    if n != chunks[i].count { failure = ZarrError.codec("buffer decode: wrong size") }
                } catch {
                    failure = error
                }
            }
        }
    }
    if let failure { throw failure }
    guard decoded == chunks else { throw ZarrError.codec("buffer decode: output differs") }
    return (median(compressTimes), median(decompressTimes))
}

/// Seconds per call of `body`, called as often as it takes to fill 20 ms (one pass
/// over the corpus can take a fraction of a millisecond, too short to time on a busy
/// machine); Scripts/bench_codecs.py times the C side of the "into" figures the same way.
private func passSeconds(_ body: () -> Void) -> Double {
    var calls = 0
    let start = DispatchTime.now().uptimeNanoseconds
    while true {
        body()
        calls += 1
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if elapsed >= 0.02 { return elapsed / Double(calls) }
    }
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
