// Short texts about a node shared by `tree` and `info`: shapes as numpy prints
// them and codec lists as `name(key=value, ...)`.

import SimpleZarr

enum NodeSummary {
    /// `(20, 30)`, `(5,)`, `()`: a shape as numpy prints it.
    static func shape(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// `bytes(endian=little) zstd(level=5, checksum=false)`; a sharding codec shows its inner codecs.
    static func codecs(_ entries: [JSONValue]) -> String {
        entries.map(codec).joined(separator: " ")
    }

    /// One codec entry: its name and its scalar configuration members.
    static func codec(_ entry: JSONValue) -> String {
        let name = entry["name"]?.stringValue ?? entry["id"]?.stringValue ?? "?"
        let configuration = entry["configuration"]?.objectValue ?? [:]
        if name == "sharding_indexed" {
            let inner = configuration["codecs"]?.arrayValue ?? []
            return "sharding_indexed[" + codecs(inner) + "]"
        }
        let members = configuration.compactMap { key, value -> String? in
            switch value {
            case .array, .object: return nil
            default: return "\(key)=\(value.jsonText)"
            }
        }
        return members.isEmpty ? name : name + "(" + members.joined(separator: ", ") + ")"
    }

    /// `uint16 (20, 30) chunks (10, 10) [shards (10, 30)] codecs ...`: an array on one line.
    static func arrayLine(_ array: ZarrArray) -> String {
        var parts = [array.dtype.description, shape(array.shape)]
        if let shards = array.shardShape {
            parts += ["chunks", shape(array.innerChunkShape), "shards", shape(shards)]
        } else {
            parts += ["chunks", shape(array.chunkShape)]
        }
        parts += ["codecs", codecs(array.arrayMetadata.codecs)]
        return parts.joined(separator: " ")
    }
}
