// The `simplezarr` command: a demo of the library, and the writer half of
// the zarr-python interop check.

import Foundation

let usage = """
    usage: simplezarr <command> [arguments]

    commands:
      demo                              build a small hierarchy in memory, write and read it in parallel
      interop-write MANIFEST OUTDIR     write every group and array of a fixture manifest into OUTDIR
      bench OP STORE_DIR ARRAY_PATH     time one operation (see Scripts/bench); prints a JSON line
            [--out DIR] [--regions FILE] [--repeat N] [--concurrency C]
      bench-codecs CORPUS_DIR           time the compressors on a corpus (see Scripts/bench_codecs.py)
            [--repeat N] [--codecs gzip,zstd]
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
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("simplezarr: \(error)\n".utf8))
    exit(1)
}
