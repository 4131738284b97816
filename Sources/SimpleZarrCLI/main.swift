// The `simplezarr` command: look inside stores (tree, info, get, preview), copy
// them (cp), and the demo, benchmarks and test helpers of the project. Exit
// status 0 on success, 1 on failure (`simplezarr: <path>: <cause>`), 2 on a
// usage error (the message and the usage on stderr).

import Foundation
import SimpleZarr

/// A subcommand: its spec and what runs it.
struct Subcommand {
    let spec: CommandSpec
    let run: (ParsedArguments) throws -> Void
}

/// The subcommands for people, in the order the help lists them.
let subcommands: [Subcommand] = [
    Subcommand(spec: treeSpec, run: runTree),
    Subcommand(spec: infoSpec, run: runInfo),
    Subcommand(spec: getSpec, run: runGet),
    Subcommand(spec: copySpec, run: runCopy),
    Subcommand(spec: previewSpec, run: runPreview),
]

let topUsage = """
    usage: simplezarr <command> [arguments]   (simplezarr <command> --help for its options)

    commands:
    \(subcommands.map { "  " + $0.spec.synopsis.padding(toLength: 34, withPad: " ", startingAt: 0) + $0.spec.brief }.joined(separator: "\n"))
      demo                              build a small hierarchy in memory, write and read it in parallel
      interop-write MANIFEST OUTDIR     write every group and array of a fixture manifest into OUTDIR
      bench OP STORE_DIR ARRAY_PATH     time one operation (see Scripts/bench); prints a JSON line;
                                        STORE_DIR may be an http(s):// or s3://bucket/prefix URL
            [--out DIR] [--regions FILE] [--repeat N] [--concurrency C]
      bench-codecs CORPUS_DIR           time the compressors on a corpus (see Scripts/bench_codecs.py)
            [--repeat N] [--codecs gzip,zstd]
      crash-writer DIR SEED             write a known sequence into DIR until killed (Scripts/crash_test.py)
      crash-check DIR SEED ACKS         check DIR after the writer was killed having acknowledged ACKS writes

    PATH may be a directory, a path through a .zip file (data.zip/group/array), or a zip://,
    http(s):// or s3://bucket/prefix URL naming the node (s3 endpoint: AWS_ENDPOINT_URL).
    """

/// Writes `text` and a newline to stderr.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case let name? where subcommands.contains(where: { $0.spec.name == name }):
        guard let command = subcommands.first(where: { $0.spec.name == name }) else { break }
        try command.run(ParsedArguments(Array(arguments.dropFirst()), spec: command.spec))
    case "-h", "--help", "help":
        print(topUsage)
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
    case nil:
        printError("simplezarr: missing command\n" + topUsage)
        exit(2)
    case let name?:
        printError("simplezarr: unknown command '\(name)' (or wrong arguments)\n" + topUsage)
        exit(2)
    }
} catch let help as HelpRequest {
    print(help.text, terminator: "")
} catch let usage as UsageError {
    printError("simplezarr: \(usage.message)\n\(usage.usage)\n(simplezarr \(usage.usage.split(separator: " ").dropFirst(2).first ?? "") --help for more)")
    exit(2)
} catch let failure as CommandFailure {
    printError("simplezarr: \(failure.path): \(failure.cause)")
    exit(1)
} catch {
    printError("simplezarr: \(CommandFailure.cause(of: error))")
    exit(1)
}
