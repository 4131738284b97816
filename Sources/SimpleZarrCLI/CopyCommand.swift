// `simplezarr cp SRC DST`: copy a node or a whole hierarchy, attributes kept,
// between Zarr formats (v2 <-> v3), recompressed (`--codecs`), rechunked
// (`--chunks`) and sharded (`--shards`). Destination chunks are the unit of
// work: `--jobs` workers each read the source region of one chunk and write it,
// with no more chunks in flight than `--max-memory` allows. Ctrl-C stops after
// the chunks being written (each store write is atomic; a zip archive still
// gets its central directory), and `--resume` completes the copy, skipping
// chunks already present and equal.

import Dispatch
import Foundation
import SimpleZarr
import Synchronization

let copySpec = CommandSpec(
    name: "cp", positionals: ["SRC", "DST"], requiredPositionals: 2,
    summary: "Copy the node (array, or group with everything below it) at SRC to DST, optionally converting, recompressing, rechunking or sharding.",
    options: [
        .init(name: "codecs", value: "SPEC", help: "zstd[:LEVEL], gzip[:LEVEL], blosc[:CNAME[:LEVEL]], none, joined with + ; or a JSON codecs list"),
        .init(name: "chunks", value: "A,B,...", help: "chunk shape of the copy (the inner chunks with --shards)"),
        .init(name: "shards", value: "A,B,...", help: "store the copy sharded with shards of this shape (Zarr v3)"),
        .init(name: "zarr-format", value: "2|3", help: "format of the copy (default: that of SRC)"),
        .init(name: "overwrite", value: nil, help: "replace DST if it exists"),
        .init(name: "resume", value: nil, help: "complete an interrupted copy into DST, skipping chunks already present and equal"),
        .init(name: "quiet", value: nil, help: "no progress output"),
        .init(name: "jobs", value: "N", help: "chunks copied in parallel (default: the number of cores)"),
        .init(name: "max-memory", value: "SIZE", help: "bound on the chunk data held at once, like 512M or 2G (default 1G)"),
    ],
    details: """
        --chunks and --shards apply to every array copied (their lengths must match its dimensions).
        Progress goes to stdout: a bar redrawn in place on a terminal, a line every 2 s otherwise.
        Ctrl-C stops cleanly (exit status 130); rerun the same command with --resume to complete it.
        DST may be a directory, a .zip file (created, or appended to; finished even after Ctrl-C) or an
        s3://bucket/prefix URL; http(s) URLs are read-only.
        """,
    brief: "copy, convert, recompress, rechunk or shard a node")

/// The options of a copy, checked.
private struct CopyOptions {
    var codecs: String?
    var chunks: [Int]?
    var shards: [Int]?
    var zarrFormat: Int?
    var resume: Bool
    var jobs: Int
    var maxMemory: Int
}

/// One array to copy: the source, the destination, the destination's chunk (or shard) grid.
private struct ArrayCopy {
    let source: ZarrArray
    let destination: ZarrArray
    var unitCount: Int { ChunkGrid.count(destination.chunkGridShape) ?? 0 }
}

func runCopy(_ arguments: ParsedArguments) throws {
    let options = CopyOptions(
        codecs: arguments.value("codecs"), chunks: try arguments.shape("chunks"), shards: try arguments.shape("shards"),
        zarrFormat: try arguments.value("zarr-format").map { _ in try arguments.integer("zarr-format", default: 3, in: 2...3) },
        resume: arguments.flag("resume"),
        jobs: try arguments.integer("jobs", default: ProcessInfo.processInfo.activeProcessorCount, in: 1...1024),
        maxMemory: try byteSize(arguments.value("max-memory") ?? "1G", arguments))
    if options.shards != nil, options.zarrFormat == 2 { throw arguments.usageError("--shards needs Zarr v3 (sharding is a v3 codec)") }
    if arguments.flag("overwrite"), options.resume { throw arguments.usageError("--overwrite and --resume exclude each other") }

    let sourceLocation = try openNodeLocation(arguments.positionals[0])
    let source = try sourceLocation.open()
    let destination = try openDestinationLocation(arguments.positionals[1])
    let interruption: String?
    do {
        let store = try destination.writableStore()
        try prepareDestination(destination, store: store, overwrite: arguments.flag("overwrite"), resume: options.resume)
        var copies: [ArrayCopy] = []
        do {
            try createNodes(source, at: destination.nodePath, in: store, options: options, copies: &copies)
        } catch {
            throw CommandFailure(destination.argument, error)
        }
        interruption = try copyChunks(copies, options: options, quiet: arguments.flag("quiet"), destination: destination.argument)
    } catch {
        // A zip archive is finished even so: what was written stays readable and `--resume` appends to it.
        try? destination.close()
        throw error
    }
    try destination.close()
    if let interruption {
        printError("simplezarr: \(destination.argument): \(interruption)")
        exit(130)
    }
}

// MARK: The destination

/// Refuses an existing destination unless `overwrite` (which erases it) or `resume`.
private func prepareDestination(_ location: NodeLocation, store: any ReadableStore & WritableStore, overwrite: Bool, resume: Bool) throws {
    let prefix = location.nodePath.isEmpty ? "" : location.nodePath + "/"
    let existing: [String]
    do {
        existing = try location.listableStore().listDir(prefix.isEmpty ? "/" : prefix)
    } catch {
        throw CommandFailure(location.argument, error)
    }
    if !existing.isEmpty {
        if resume { return }
        guard overwrite else {
            throw CommandFailure(location.argument, "exists (use --overwrite to replace it, or --resume to complete an interrupted copy)")
        }
        do {
            if prefix.isEmpty {
                try store.eraseValues(location.listableStore().list())
            } else {
                try store.erasePrefix(prefix)
            }
        } catch {
            throw CommandFailure(location.argument, error)
        }
    } else if resume {
        throw CommandFailure(location.argument, "nothing to resume: the destination is empty (run without --resume)")
    }
}

/// Creates the groups and arrays below `node` at `path` (or, resuming, opens those already
/// written, checking they fit), and lists the arrays whose chunks are to be copied.
private func createNodes(
    _ node: ZarrNode, at path: String, in store: any ReadableStore & WritableStore, options: CopyOptions, copies: inout [ArrayCopy]
) throws {
    let format = options.zarrFormat ?? node.zarrFormat
    if let group = node as? ZarrGroup {
        if !(options.resume && (try? openZarr(store, path: path)) is ZarrGroup) {
            try ZarrGroup.create(store, path, attributes: group.attributes, zarrFormat: format)
        }
        for child in try group.children {
            try createNodes(child, at: path.isEmpty ? child.name : path + "/" + child.name, in: store, options: options, copies: &copies)
        }
        if let broken = try group.unreadableChildren.first {
            throw CommandFailure(broken.path, "cannot be read: \(CommandFailure.cause(of: broken.error))")
        }
        return
    }
    guard let array = node as? ZarrArray else { return }
    if options.resume, let existing = try? openZarr(store, path: path) as? ZarrArray {
        guard existing.shape == array.shape, existing.dtype == array.dtype else {
            throw CommandFailure(path, "the array already in the destination has shape \(existing.shape) and type \(existing.dtype), the source \(array.shape) and \(array.dtype)")
        }
        copies.append(ArrayCopy(source: array, destination: existing))
        return
    }
    copies.append(ArrayCopy(source: array, destination: try createArray(like: array, at: path, in: store, format: format, options: options)))
}

/// Writes the metadata of the copy of `array`.
private func createArray(like array: ZarrArray, at path: String, in store: any ReadableStore & WritableStore, format: Int, options: CopyOptions) throws -> ZarrArray {
    // The source's codecs as bound codecs (v2 numcodecs entries become their v3 codecs),
    // with a sharding codec unwrapped to the codecs of its inner chunks.
    var sourceCodecs = try array.codecPipeline().codecs
    if let sharding = sourceCodecs.first as? ShardingCodec { sourceCodecs = sharding.codecs }
    let serialiser = ZarrArray.serialiser(for: array.dtype).json
    var entries = try options.codecs.map { try CodecSpec.entries($0, serialiser: serialiser) } ?? sourceCodecs.map(\.json)
    let keepSharding = options.chunks == nil && options.shards == nil && array.shardShape != nil
    let shards = options.shards ?? (keepSharding ? array.shardShape : nil)
    let chunks = options.chunks ?? (keepSharding ? array.innerChunkShape : (options.shards == nil ? array.chunkShape : nil))
    for (name, shape) in [("--chunks", chunks), ("--shards", shards)] {
        if let shape, shape.count != array.ndim {
            throw CommandFailure(array.path, "\(name) has \(shape.count) lengths; the array has \(array.ndim) dimensions")
        }
    }
    switch format {
    case 2:
        guard shards == nil else { throw CommandFailure(array.path, "is sharded; Zarr v2 has no sharding (add --chunks to unshard)") }
        let codecs = try entries.map { try CodecRegistry.makeCodec(from: $0) }
        let filters = codecs.filter { $0 is any ArrayToArrayCodec }
        let bytesCodecs = codecs.compactMap { $0 as? any BytesToBytesCodec }
        return try ZarrArray.create(
            store, path, shape: array.shape, dtype: array.dtype, chunkShape: chunks, fillValue: array.fillValue.json,
            zarrFormat: 2, compressor: bytesCodecs.last, filters: filters + bytesCodecs.dropLast().map { $0 as any Codec },
            attributes: array.attributes)
    default:
        if entries.isEmpty { entries = [serialiser] }
        return try ZarrArray.create(
            store, path, shape: array.shape, dtype: array.dtype, chunkShape: chunks, shardShape: shards,
            fillValue: array.fillValue.json, codecs: entries,
            dimensionNames: array.zarrFormat == 3 ? array.dimensionNames : nil, attributes: array.attributes)
    }
}

// MARK: Copying chunks

/// Set by the SIGINT handler of a running copy (an atomic store is async-signal-safe).
private let interruptRequested = Atomic<Bool>(false)

/// Copies every destination chunk of `copies` with parallel workers, stopping cleanly on SIGINT.
///
/// - Returns: `nil` when every chunk was copied, else (interrupted) what to tell the user.
private func copyChunks(_ copies: [ArrayCopy], options: CopyOptions, quiet: Bool, destination: String) throws -> String? {
    let total = copies.reduce(0) { $0 + $1.unitCount }
    let largestChunk = copies.map { max($0.destination.chunkNbytes, $0.source.chunkNbytes) }.max() ?? 1
    // A worker holds the source region, the source chunks it is cut from and the encoded copy.
    let perJob = max(1, largestChunk.multipliedReportingOverflow(by: 3).partialValue)
    let jobs = max(1, min(options.jobs, options.maxMemory / perJob, max(total, 1)))

    // A plain handler, installed before the first chunk is copied: a dispatch signal source
    // registers itself asynchronously, and a SIGINT that came before it was lost.
    interruptRequested.store(false, ordering: .relaxed)
    let previousHandler = signal(SIGINT) { _ in interruptRequested.store(true, ordering: .relaxed) }
    defer { signal(SIGINT, previousHandler) }

    let progress = CopyProgress(total: total, quiet: quiet)
    let next = Atomic<Int>(0)
    let firstError = Mutex<(any Error)?>(nil)
    // Every unit: which array, and which chunk of its grid.
    let offsets = copies.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.unitCount) }
    let group = DispatchGroup()
    for _ in 0..<jobs {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            while !interruptRequested.load(ordering: .relaxed), firstError.withLock({ $0 == nil }) {
                let unit = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard unit < total else { return }
                let arrayIndex = offsets.lastIndex(where: { $0 <= unit }) ?? 0
                let copy = copies[arrayIndex]
                do {
                    let index = ChunkGrid.index(unit - offsets[arrayIndex], in: copy.destination.chunkGridShape)
                    let (bytes, skipped) = try copyChunk(copy, index, resume: options.resume)
                    progress.record(bytes: bytes, skipped: skipped)
                } catch {
                    firstError.withLock { $0 = $0 ?? CommandFailure("\(copy.source.path) -> \(destination)", error) }
                }
            }
        }
    }
    // Short sleeps rather than one blocking wait: a sanitizer runtime holds a signal for the
    // thread it arrived on (this one) until that thread makes a call it intercepts.
    while group.wait(timeout: .now()) == .timedOut { usleep(10_000) }
    progress.finish()
    if let error = firstError.withLock({ $0 }) { throw error }
    guard interruptRequested.load(ordering: .relaxed) else { return nil }
    return "interrupted after \(progress.counts.done) of \(total) chunks; run the same command with --resume to complete it"
}

/// Copies the destination chunk at `index`; returns its uncompressed size and whether it was
/// skipped (resuming: already present and equal).
private func copyChunk(_ copy: ArrayCopy, _ index: [Int], resume: Bool) throws -> (Int, Bool) {
    let chunk = copy.destination.chunkShape
    let region = index.indices.map { axis -> AxisSelection in
        let start = index[axis] * chunk[axis]
        return .slice(start: start, stop: min(start + chunk[axis], copy.destination.shape[axis]), step: 1)
    }
    let values = try copy.source.select(region).get()
    let target = try copy.destination.select(region)
    if resume, try target.get() == values { return (values.nbytes, true) }
    try target.set(values)
    return (values.nbytes, false)
}

/// `512M`, `2G`, `1000`: a size in bytes (K, M, G are powers of 1024).
private func byteSize(_ text: String, _ arguments: ParsedArguments) throws -> Int {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
    var digits = Substring(text.uppercased())
    if digits.last == "B" { digits = digits.dropLast() }
    let scale = digits.last.flatMap { units[$0] } ?? 1
    if scale > 1 { digits = digits.dropLast() }
    guard let value = Int(digits), value > 0, !value.multipliedReportingOverflow(by: scale).overflow else {
        throw arguments.usageError("--max-memory must be a size like 512M or 2G, got '\(text)'")
    }
    return value * scale
}
