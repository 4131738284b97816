// The `simplezarr` command: a demo of the library, the writer half of the
// zarr-python interop check, and the two halves of the kill -9 test.

import Foundation
import SimpleZarr

let usage = """
    usage: simplezarr <command> [arguments]

    commands:
      demo                              build a small hierarchy in memory, write and read it in parallel
      interop-write MANIFEST OUTDIR     write every group and array of a fixture manifest into OUTDIR
      bench OP STORE_DIR ARRAY_PATH     time one operation (see Scripts/bench); prints a JSON line;
                                        STORE_DIR may be an http(s):// or s3://bucket/prefix URL
            [--out DIR] [--regions FILE] [--repeat N] [--concurrency C]
      bench-codecs CORPUS_DIR           time the compressors on a corpus (see Scripts/bench_codecs.py)
            [--repeat N] [--codecs gzip,zstd]
      crash-writer DIR SEED             write a known sequence into DIR until killed (Scripts/crash_test.py)
      crash-check DIR SEED ACKS         check DIR after the writer was killed having acknowledged ACKS writes
    """

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "demo":
        try runDemo()
    case "bench-codecs":
        try runCodecBench(Array(arguments.dropFirst()))
    case "bench":
        try runBench(Array(arguments.dropFirst()))
    case "interop-write" where arguments.count == 3:
        try runInteropWrite(manifestPath: arguments[1], outputPath: arguments[2])
    case "crash-writer" where arguments.count == 3:
        guard let seed = UInt64(arguments[2]) else { throw ZarrError.invalidArgument("crash-writer: SEED must be an integer") }
        try runCrashWriter(directory: arguments[1], seed: seed)
    case "crash-check" where arguments.count == 4:
        guard let seed = UInt64(arguments[2]), let acks = Int(arguments[3]), acks >= 0 else {
            throw ZarrError.invalidArgument("crash-check: SEED and ACKS must be non-negative integers")
        }
        try runCrashCheck(directory: arguments[1], seed: seed, acknowledged: acks)
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("simplezarr: \(error)\n".utf8))
    exit(1)
}
