// `simplezarr bench OP STORE ARRAY_PATH [options]`: this library's side of the benchmark
// harness in Scripts/bench (and of Scripts/bench/bench_pyramid.py). STORE is any location
// `openStore` takes: a directory, a .zip archive, an http(s):// URL or s3://bucket/prefix
// (Scripts/bench/remote.sh). Runs one operation `--repeat` times
// in this process and prints one JSON line with the time and the minor page faults of each run.

import Foundation
import SimpleZarr

/// The options of `simplezarr bench`.
struct BenchOptions {
    var operation = ""
    var storePath = ""
    var arrayPath = ""
    var outputPath: String?
    var regionsPath: String?
    var repeats = 3
    var concurrency: Int?
    /// write-pyramid: store the levels uncompressed (`bytes` only) instead of with the source's codecs.
    var uncompressed = false

    init(_ arguments: [String]) throws {
        var positional: [String] = []
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            func value() throws -> String {
                guard let next = iterator.next() else { throw ZarrError.invalidArgument("bench: \(argument) needs a value") }
                return next
            }
            switch argument {
            case "--out": outputPath = try value()
            case "--regions": regionsPath = try value()
            case "--repeat": repeats = max(1, Int(try value()) ?? 1)
            case "--concurrency": concurrency = Int(try value())
            case "--uncompressed": uncompressed = true
            default: positional.append(argument)
            }
        }
        guard positional.count == 3 else {
            throw ZarrError.invalidArgument("bench: expected OP STORE_DIR ARRAY_PATH, got \(positional)")
        }
        (operation, storePath, arrayPath) = (positional[0], positional[1], positional[2])
    }
}

func runBench(_ arguments: [String]) throws {
    let options = try BenchOptions(arguments)
    let store = try openStore(options.storePath)
    guard let array = try openZarr(store, path: options.arrayPath) as? ZarrArray else {
        throw ZarrError.invalidArgument("bench: '\(options.arrayPath)' is not an array")
    }
    let executor = options.concurrency.map { ThreadPoolExecutor(maxWorkers: $0) }
    var nbytes = array.nbytes
    let operation: (Int) throws -> Void

    switch options.operation {
    case "read-whole":
        operation = { _ in _ = try array[...].get(executor: executor) }
    case "read-chunks":
        // The unit a reader fetches: the inner chunk of a sharded array (a region of its shard,
        // decoded partially), else the chunk.
        let unit = array.innerChunkShape
        let grid = zip(array.shape, unit).map { length, step in length / step + (length % step == 0 ? 0 : 1) }
        let (count, overflow) = grid.reduce((1, false)) { acc, n in
            let (product, o) = acc.0.multipliedReportingOverflow(by: n)
            return (product, acc.1 || o)
        }
        guard !overflow, count <= 1 << 24 else {
            throw ZarrError.invalidArgument("bench: read-chunks of \(grid) chunks is more than this benchmark reads")
        }
        var indices: [[Int]] = [[]]
        for length in grid { indices = indices.flatMap { prefix in (0..<length).map { prefix + [$0] } } }
        nbytes = array.shardShape == nil ? indices.count * array.chunkNbytes : array.nbytes
        if array.shardShape != nil {
            let slices = try indices.map { index in
                try array.select(zip(index, zip(unit, array.shape)).map { i, bounds in
                    .slice(start: i * bounds.0, stop: min((i + 1) * bounds.0, bounds.1), step: 1)
                })
            }
            if options.concurrency == 1 {
                operation = { _ in for slice in slices { _ = try slice.get(executor: executor) } }
            } else {
                operation = { _ in _ = try waitAll(slices.map { $0.getFuture(executor: executor) }) }
            }
        } else if options.concurrency == 1 {
            operation = { _ in for index in indices { _ = try array.getChunk(index) } }
        } else {
            operation = { _ in _ = try waitAll(indices.map { array.getChunkFuture($0, executor: executor) }) }
        }
    case "read-regions":
        guard let regionsPath = options.regionsPath else { throw ZarrError.invalidArgument("bench: read-regions needs --regions") }
        let regions: [[AxisSelection]] = try (JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: regionsPath))).arrayValue ?? []).map { region in
            (region.arrayValue ?? []).map { bounds in
                .slice(start: bounds.arrayValue?.first?.intValue, stop: bounds.arrayValue?.last?.intValue, step: 1)
            }
        }
        let slices = try regions.map { try array.select($0) }
        nbytes = slices.reduce(0) { $0 + $1.shape.reduce(1, *) * array.dtype.itemSize }
        operation = { _ in for slice in slices { _ = try slice.get(executor: executor) } }
    case "write-whole", "roundtrip":
        guard let outputPath = options.outputPath else { throw ZarrError.invalidArgument("bench: \(options.operation) needs --out") }
        let source = options.operation == "write-whole" ? try array[...].get(executor: executor) : nil
        operation = { run in
            let target = LocalStore(URL(fileURLWithPath: outputPath).appendingPathComponent("run\(run)").path)
            let copy = try createLike(array, in: target)
            let data = try source ?? array[...].get(executor: executor)
            try copy[...].set(data, executor: executor)
        }
    case "write-pyramid":
        // An OME-Zarr pyramid of the (z, y, x) array, read from the store as it goes, with
        // 64^3 chunks and the source's codecs, or `bytes` alone with --uncompressed
        // (Python: write_ome_zarr_pyramid(..., "zyx", PyramidData(src, codecs=...), ...)).
        guard let outputPath = options.outputPath else { throw ZarrError.invalidArgument("bench: write-pyramid needs --out") }
        let pyramid = try PyramidData(array, codecs: options.uncompressed ? [BytesCodec(endian: .little).json] : nil)
        operation = { run in
            let target = LocalStore(URL(fileURLWithPath: outputPath).appendingPathComponent("run\(run)").path)
            try writeOmeZarrPyramid(target, "pyramid", axes: "zyx", pyramid: pyramid, chunkShape: [64], executor: executor)
        }
    default:
        throw ZarrError.invalidArgument("bench: unknown operation '\(options.operation)'")
    }

    var times: [Double] = []
    var faults: [Int] = []
    for run in 0..<options.repeats {
        let faultsBefore = minorPageFaults()
        let start = DispatchTime.now().uptimeNanoseconds
        try operation(run)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        faults.append(minorPageFaults() - faultsBefore)
    }
    let line: JSONValue = [
        "library": "simplezarr-swift", "op": .string(options.operation),
        "times": .array(times.map(JSONValue.double)), "nbytes": JSONValue(nbytes),
        "minor_faults": .array(faults.map { JSONValue($0) }),
    ]
    print(line.jsonText)
}

/// The minor page faults of this process so far (the pages it touched for the first time).
private func minorPageFaults() -> Int {
    var usage = rusage()
    #if canImport(Glibc)
    let who = RUSAGE_SELF.rawValue
    #else
    let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return 0 }
    return usage.ru_minflt
}

/// A new array at the same path in `store`, with `array`'s metadata.
private func createLike(_ array: ZarrArray, in store: LocalStore) throws -> ZarrArray {
    let metadata = array.arrayMetadata
    return try ZarrArray.create(
        store, array.path, shape: array.shape, dtype: array.dtype, chunkShape: array.chunkShape,
        fillValue: metadata.fillValue.json, chunkKeyEncoding: metadata.chunkKeyEncoding,
        codecs: metadata.codecs, dimensionNames: metadata.dimensionNames, attributes: metadata.attributes)
}
