// `simplezarr info PATH[/node] [--json] [--count-fill]`: a node's metadata,
// pretty-printed, and what is stored: chunks present out of the grid, bytes
// stored against uncompressed bytes and their ratio. Chunks holding only the
// fill value are counted when asked (`--count-fill`), since that decodes every
// stored chunk; a plain `info` reads only listings and sizes (a store without a size call
// reads each value).

import Foundation
import SimpleZarr

let infoSpec = CommandSpec(
    name: "info", positionals: ["PATH"], requiredPositionals: 1,
    summary: "Print the metadata of the node at PATH and what is stored: chunks present out of the grid, bytes stored vs uncompressed, compression ratio.",
    options: [
        .init(name: "json", value: nil, help: "print one JSON object (for scripts)"),
        .init(name: "count-fill", value: nil, help: "decode every stored chunk to count those holding only the fill value"),
    ],
    brief: "print the metadata and what is stored (chunks, bytes, ratio)")

func runInfo(_ arguments: ParsedArguments) throws {
    let location = try openNodeLocation(arguments.positionals[0])
    let node = try location.open()
    var facts: [(String, JSONValue)] = [
        ("path", .string(node.path.isEmpty ? "/" : node.path)),
        ("node_type", .string(node is ZarrArray ? "array" : "group")),
        ("zarr_format", .int(Int64(node.zarrFormat))),
    ]
    do {
        if let array = node as? ZarrArray {
            facts += try arrayFacts(array, location: location, countFill: arguments.flag("count-fill"))
        } else if let group = node as? ZarrGroup {
            facts.append(("children", .array(try group.children.map { .string($0.name) })))
        }
        if !node.attributes.isEmpty { facts.append(("attributes", .object(node.attributes))) }
    } catch {
        throw CommandFailure(location.argument, error)
    }
    if arguments.flag("json") {
        var object = JSONObject()
        for (key, value) in facts { object[key] = value }
        object["metadata"] = .object(node.metadata)
        print(JSONValue.object(object).prettyPrinted(indent: 2, asciiOnly: true))
        return
    }
    let width = (facts.map(\.0.count).max() ?? 0) + 2
    for (key, value) in facts {
        let text: String
        switch value {
        case .string(let string): text = string
        case .array(let items): text = items.map { $0.stringValue ?? $0.jsonText }.joined(separator: ", ")
        default: text = value.jsonText
        }
        print((key.replacingOccurrences(of: "_", with: " ") + ":").padding(toLength: width, withPad: " ", startingAt: 0) + text)
    }
    print("\nmetadata:")
    print(node.metadataText)
}

// MARK: Arrays

/// The facts about an array: its description, then what the store holds of it.
private func arrayFacts(_ array: ZarrArray, location: NodeLocation, countFill: Bool) throws -> [(String, JSONValue)] {
    var facts: [(String, JSONValue)] = [
        ("data_type", .string(array.dtype.description)),
        ("shape", .string(NodeSummary.shape(array.shape))),
        ("chunk_shape", .string(NodeSummary.shape(array.shardShape == nil ? array.chunkShape : array.innerChunkShape))),
    ]
    if let shards = array.shardShape { facts.append(("shard_shape", .string(NodeSummary.shape(shards)))) }
    facts += [
        ("codecs", .string(NodeSummary.codecs(array.arrayMetadata.codecs))),
        ("fill_value", array.fillValue.json),
    ]
    if let names = array.dimensionNames {
        facts.append(("dimension_names", .array(names.map { $0.map(JSONValue.string) ?? .null })))
    }
    let objectName = array.shardShape == nil ? "chunks" : "shards"
    guard let listable = location.store as? any ReadableStore & ListableStore else {
        facts.append(("\(objectName)_stored", .string("unknown (\(location.store) cannot list its keys)")))
        return facts
    }
    let stored = try StoredChunks(array, in: listable)
    let gridCount = array.arrayMetadata.chunkCount
    let percent = gridCount == 0 ? 0 : Double(stored.keys.count) * 100 / Double(gridCount)
    facts += [
        ("\(objectName)_stored", .string("\(stored.keys.count) of \(gridCount) (\(String(format: "%.1f", percent))%) in a grid of \(NodeSummary.shape(array.chunkGridShape))")),
        ("bytes_stored", .int(Int64(stored.byteCount))),
    ]
    // What the stored chunks decode to (edge chunks count whole, as they are stored), so that
    // the ratio compares like with like; a missing chunk is neither stored nor uncompressed.
    let storedUncompressed = stored.keys.count.multipliedReportingOverflow(by: array.chunkNbytes)
    if !storedUncompressed.overflow {
        facts.append(("bytes_uncompressed", .int(Int64(storedUncompressed.partialValue))))
        if stored.byteCount > 0 {
            facts.append(("compression_ratio", .string(String(format: "%.2f", Double(storedUncompressed.partialValue) / Double(stored.byteCount)))))
        }
    }
    if countFill {
        facts.append(("fill_value_only_\(objectName)", .int(Int64(try stored.fillOnlyCount(array)))))
    }
    return facts
}

/// The stored objects (chunks or shards) of an array and their total size.
struct StoredChunks {
    /// The keys of the stored chunks, sorted.
    let keys: [String]
    let byteCount: Int

    init(_ array: ZarrArray, in store: any ReadableStore & ListableStore) throws {
        let prefix = array.path.isEmpty ? "" : array.path + "/"
        let ignored: Set<String> = ["zarr.json", ".zarray", ".zattrs", ".zgroup", ".zmetadata"]
        keys = try (prefix.isEmpty ? store.list() : store.listPrefix(prefix)).filter { !ignored.contains(String($0.dropFirst(prefix.count))) }.sorted()
        var total = 0
        for key in keys { total += try Self.storedSize(of: key, in: store) }
        byteCount = total
    }

    /// The size of the value of `key`: from the file system or the store's own size call when
    /// it has one, else by reading the value.
    private static func storedSize(of key: String, in store: any ReadableStore & ListableStore) throws -> Int {
        switch store {
        case let local as LocalStore:
            let attributes = try FileManager.default.attributesOfItem(atPath: local.path + "/" + key)
            return (attributes[.size] as? NSNumber)?.intValue ?? 0
        case let zip as ZipStore:
            return try zip.size(of: key)
        default:
            return try store.get(key).count
        }
    }

    /// How many stored chunks hold only the fill value (decodes each, a few at a time in parallel).
    func fillOnlyCount(_ array: ZarrArray) throws -> Int {
        let stored = Set(keys)
        let grid = array.chunkGridShape
        let batchSize = 16
        var pending: [Future<NDArray>] = []
        var count = 0
        func drain() throws {
            for future in pending where try future.result().withUnsafeBytes({ array.fillValue.matchesEveryElement(of: $0) }) {
                count += 1
            }
            pending.removeAll(keepingCapacity: true)
        }
        for ordinal in 0..<(ChunkGrid.count(grid) ?? 0) {
            let index = ChunkGrid.index(ordinal, in: grid)
            guard stored.contains(try array.chunkKey(index)) else { continue }
            pending.append(array.getChunkFuture(index))
            if pending.count == batchSize { try drain() }
        }
        try drain()
        return count
    }
}
