// Reading and writing Zarr v3 `zarr.json` documents (v3 core spec, "Metadata":
// https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#metadata).
// The whole document is kept as read (unknown members included); these
// functions check it and pull out what the format-neutral model needs.

/// The v3 reader and writer.
enum V3Metadata {
    /// The name of a v3 node's metadata document.
    static let documentName = "zarr.json"

    /// Members that this library understands (or that zarr-python writes and we may ignore).
    private static let knownArrayMembers: Set<String> = [
        "zarr_format", "node_type", "shape", "data_type", "chunk_grid", "chunk_key_encoding",
        "fill_value", "codecs", "attributes", "dimension_names", "storage_transformers",
    ]
    private static let knownGroupMembers: Set<String> = [
        "zarr_format", "node_type", "attributes", "consolidated_metadata",
    ]

    // MARK: Reading

    /// Parses the bytes of a `zarr.json`.
    static func document(from bytes: some Collection<UInt8>, key: String) throws -> NodeDocument {
        try document(from: try NodeDocument.object(from: bytes, key: key), key: key)
    }

    /// Checks a `zarr.json` object (its format, node type and extensions).
    static func document(from object: JSONObject, key: String) throws -> NodeDocument {
        let type = try nodeType(of: object, key: key)
        return NodeDocument(
            zarrFormat: 3, type: type, metadata: object, attributes: try attributes(of: object, key: key), key: key)
    }

    /// Checks `zarr_format` and returns `node_type`.
    static func nodeType(of object: JSONObject, key: String) throws -> NodeType {
        guard let format = object["zarr_format"] else {
            throw ZarrError.invalidMetadata("'\(key)' has no zarr_format")
        }
        guard format.intValue == 3 else {
            if format.intValue == 2 {
                throw ZarrError.invalidMetadata(
                    "'\(key)' has zarr_format 2, but v2 nodes are described by .zarray / .zgroup, not zarr.json")
            }
            throw ZarrError.unsupported("'\(key)' has zarr_format \(ArrayMetadata.brief(format)); Zarr formats 2 and 3 are supported")
        }
        guard let text = object["node_type"]?.stringValue, let type = NodeType(rawValue: text) else {
            throw ZarrError.invalidMetadata(
                "'\(key)' has node_type \(object["node_type"]?.jsonText ?? "missing"); expected \"group\" or \"array\"")
        }
        try checkExtensions(object, known: type == .array ? knownArrayMembers : knownGroupMembers, key: key)
        return type
    }

    /// Refuses unknown extension members that must be understood; keeps the rest.
    ///
    /// A member we do not know is an extension when its value is an object; it may be
    /// ignored only if it says `"must_understand": false`.
    private static func checkExtensions(_ object: JSONObject, known: Set<String>, key: String) throws {
        for (name, value) in object where !known.contains(name) {
            guard let extensionObject = value.objectValue else { continue }
            if extensionObject["must_understand"]?.boolValue != false {
                throw ZarrError.unsupported(
                    "'\(key)' uses the extension '\(name)', which this library does not understand (must_understand is not false)")
            }
        }
    }

    /// The `attributes` member, or an empty object.
    static func attributes(of object: JSONObject, key: String) throws -> JSONObject {
        guard let value = object["attributes"], !value.isNull else { return [:] }
        guard let attributes = value.objectValue else {
            throw ZarrError.invalidMetadata("'\(key)': attributes must be an object, got \(value.kindName)")
        }
        return attributes
    }

    /// Reads and checks the members of an array's `zarr.json` (`key` names it in errors).
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the member at fault (`shape`,
    ///   `chunk_shape`, `data_type`, `fill_value`, `codecs`, ...), `ZarrError.unsupported`
    ///   for a feature this library does not implement.
    static func arrayMetadata(_ object: JSONObject, key: String) throws -> ArrayMetadata {
        func invalid(_ message: String) -> ZarrError { .invalidMetadata("'\(key)': \(message)") }
        func required(_ name: String) throws -> JSONValue {
            guard let value = object[name] else { throw invalid("missing required member '\(name)'") }
            return value
        }

        let shape = try ArrayMetadata.dimensions(try required("shape"), minimum: 0, what: "shape", invalid)

        let typeValue = try required("data_type")
        let dataType: DataType
        do {
            dataType = try DataType(json: typeValue)
        } catch let error as ZarrError {
            if case .unsupported = error { throw error.prefixed("'\(key)': data_type") }
            throw invalid("data_type: \(error.message)")
        }

        let grid = try required("chunk_grid")
        guard let gridName = grid["name"]?.stringValue else { throw invalid("chunk_grid must be an object with a 'name'") }
        guard gridName == "regular" else {
            throw ZarrError.unsupported("'\(key)': chunk_grid '\(gridName.prefix(100))' is not supported (only 'regular')")
        }
        guard let chunkShapeValue = grid["configuration"]?["chunk_shape"] else {
            throw invalid("chunk_grid has no configuration.chunk_shape")
        }
        let chunkShape = try ArrayMetadata.dimensions(chunkShapeValue, minimum: 1, what: "chunk_shape", invalid)

        let chunkKeyEncoding: ChunkKeyEncoding
        let fillValue: FillValue
        do {
            chunkKeyEncoding = try object["chunk_key_encoding"].map(ChunkKeyEncoding.init(json:)) ?? .default(separator: "/")
            fillValue = try FillValue(json: try required("fill_value"), dataType: dataType)
        } catch let error as ZarrError {
            throw error.prefixed("'\(key)'")
        }
        let codecsValue = try required("codecs")
        guard let codecs = codecsValue.arrayValue, !codecs.isEmpty else {
            throw invalid("codecs must be a non-empty array, got \(ArrayMetadata.brief(codecsValue))")
        }

        if let transformers = object["storage_transformers"], let list = transformers.arrayValue, !list.isEmpty {
            throw ZarrError.unsupported("'\(key)': storage_transformers are not supported")
        }

        var dimensionNames: [String?]?
        if let names = object["dimension_names"], !names.isNull {
            guard let list = names.arrayValue, list.allSatisfy({ $0.isNull || $0.stringValue != nil }) else {
                throw invalid("dimension_names must be an array of strings or nulls")
            }
            dimensionNames = list.map(\.stringValue)
        }
        return try ArrayMetadata(
            zarrFormat: 3, shape: shape, dataType: dataType, chunkShape: chunkShape, chunkKeyEncoding: chunkKeyEncoding,
            fillValue: fillValue, codecs: codecs, dimensionNames: dimensionNames,
            attributes: try attributes(of: object, key: key), chunkShapeMember: "chunk_shape", invalid: invalid)
    }

    // MARK: Writing

    /// A group's `zarr.json`.
    static func groupDocument(attributes: JSONObject?) -> JSONObject {
        var object: JSONObject = ["zarr_format": 3, "node_type": "group"]
        if let attributes { object["attributes"] = .object(attributes) }
        return object
    }

    /// An array's `zarr.json`, members in the order the core spec lists them.
    static func arrayDocument(
        shape: [Int], dataType: DataType, chunkShape: [Int], chunkKeyEncoding: ChunkKeyEncoding, fillValue: FillValue,
        codecs: [JSONValue], dimensionNames: [String?]?, attributes: JSONObject?
    ) -> JSONObject {
        var object: JSONObject = [
            "zarr_format": 3,
            "node_type": "array",
            "shape": JSONValue(shape),
            "data_type": dataType.json,
            "chunk_grid": ["name": "regular", "configuration": ["chunk_shape": JSONValue(chunkShape)]],
            "chunk_key_encoding": chunkKeyEncoding.json,
            "fill_value": fillValue.json,
            "codecs": .array(codecs),
        ]
        if let attributes { object["attributes"] = .object(attributes) }
        if let dimensionNames {
            object["dimension_names"] = .array(dimensionNames.map { $0.map(JSONValue.string) ?? .null })
        }
        return object
    }
}
