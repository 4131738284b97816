// Chunk key encodings of the v3 core spec
// (https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#chunk-key-encoding):
//   default: "c" followed by the indices, each preceded by the separator
//            ("c/1/2", or "c" for a 0-d array)
//   v2:      the indices joined by the separator ("1.2", or "0" for 0-d)
// The separator is "/" or ".".

/// How a chunk's grid index becomes its key below the array's path.
public enum ChunkKeyEncoding: Sendable, Hashable, CustomStringConvertible {
    /// `c/0/1` style keys with the given separator (`"/"` or `"."`).
    case `default`(separator: Character)
    /// Zarr v2 style keys, `0.1`, with the given separator.
    case v2(separator: Character)

    /// Reads the `chunk_key_encoding` member of `zarr.json`.
    public init(json: JSONValue) throws {
        guard let object = json.objectValue, let name = object["name"]?.stringValue else {
            throw ZarrError.invalidMetadata("chunk_key_encoding must be an object with a 'name', got \(json.jsonText)")
        }
        let configuration = object["configuration"]?.objectValue ?? [:]
        var separator: Character?
        if let value = configuration["separator"] {
            guard let text = value.stringValue, text == "/" || text == "." else {
                throw ZarrError.invalidMetadata("chunk_key_encoding separator must be \"/\" or \".\", got \(value.jsonText)")
            }
            separator = Character(text)
        }
        switch name {
        case "default": self = .default(separator: separator ?? "/")
        case "v2": self = .v2(separator: separator ?? ".")
        default:
            throw ZarrError.unsupported("chunk_key_encoding '\(name)' is not supported (use 'default' or 'v2')")
        }
    }

    /// Validates a separator given by a caller.
    static func checkedSeparator(_ separator: String, method: String) throws -> Character {
        guard separator == "/" || separator == "." else {
            throw ZarrError.invalidArgument("\(method): chunk key separator must be \"/\" or \".\", got '\(separator)'")
        }
        return Character(separator)
    }

    /// The separator between index components.
    public var separator: Character {
        switch self {
        case .default(let s), .v2(let s): return s
        }
    }

    /// The key of the chunk at `index`, relative to the array's path.
    public func key(for index: [Int]) -> String {
        let parts = index.map(String.init)
        let separator = String(self.separator)
        switch self {
        case .default:
            return (["c"] + parts).joined(separator: separator)
        case .v2:
            return parts.isEmpty ? "0" : parts.joined(separator: separator)
        }
    }

    /// The `zarr.json` form.
    public var json: JSONValue {
        switch self {
        case .default(let s): return ["name": "default", "configuration": ["separator": .string(String(s))]]
        case .v2(let s): return ["name": "v2", "configuration": ["separator": .string(String(s))]]
        }
    }

    public var description: String { json.jsonText }
}
