// Reading and checking `zarr.json` documents (v3 core spec, "Metadata":
// https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#metadata).
// The whole document is kept as read (unknown members included); these
// types pull out and validate what the library needs.

/// The kind of node a `zarr.json` describes.
public enum NodeType: String, Sendable {
    case group, array
}

/// Checks shared by every `zarr.json`.
enum NodeMetadata {
    /// Members that this library understands (or that zarr-python writes and we may ignore).
    private static let knownArrayMembers: Set<String> = [
        "zarr_format", "node_type", "shape", "data_type", "chunk_grid", "chunk_key_encoding",
        "fill_value", "codecs", "attributes", "dimension_names", "storage_transformers",
    ]
    private static let knownGroupMembers: Set<String> = [
        "zarr_format", "node_type", "attributes", "consolidated_metadata",
    ]

    /// Parses the bytes of a `zarr.json` into its object and node type.
    static func parse(_ bytes: some Collection<UInt8>, key: String) throws -> (JSONObject, NodeType) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch let error as ZarrError {
            throw ZarrError.invalidMetadata("'\(key)' is not valid JSON: \(error.message)")
        }
        guard let object = json.objectValue else {
            throw ZarrError.invalidMetadata("'\(key)' must hold a JSON object, got \(json.kindName)")
        }
        return (object, try nodeType(of: object, key: key))
    }

    /// Checks `zarr_format` and returns `node_type`.
    static func nodeType(of object: JSONObject, key: String) throws -> NodeType {
        guard let format = object["zarr_format"] else {
            throw ZarrError.invalidMetadata("'\(key)' has no zarr_format")
        }
        guard format.intValue == 3 else {
            throw ZarrError.unsupported("'\(key)' has zarr_format \(format); only Zarr v3 is supported")
        }
        guard let text = object["node_type"]?.stringValue, let type = NodeType(rawValue: text) else {
            throw ZarrError.invalidMetadata(
                "'\(key)' has node_type \(object["node_type"]?.description ?? "missing"); expected \"group\" or \"array\"")
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
}

/// The validated contents of an array's `zarr.json`.
///
/// Every size derived from the shape, the chunk shape and the data type is computed here,
/// once, with overflow checks, so that nothing read from a file can make later arithmetic
/// trap. Chunk-level sizes must fit in `Int` (the document is refused otherwise); the
/// array-level totals may not, for a huge sparse array, and then saturate at `Int.max`.
public struct ArrayMetadata: Sendable {
    /// The array's shape (empty for 0-d).
    public let shape: [Int]
    /// The element type.
    public let dataType: DataType
    /// The shape of every chunk of the regular grid.
    public let chunkShape: [Int]
    /// How chunk indices become keys.
    public let chunkKeyEncoding: ChunkKeyEncoding
    /// The value of elements never written.
    public let fillValue: FillValue
    /// The `codecs` list as written.
    public let codecs: JSONValue
    /// The optional name of each dimension.
    public let dimensionNames: [String?]?
    /// User attributes.
    public let attributes: JSONObject

    /// The number of elements of the array; `Int.max` if that does not fit in `Int`.
    public let elementCount: Int
    /// The uncompressed size of the array in bytes; `Int.max` if that does not fit in `Int`.
    public let byteCount: Int
    /// The number of elements of one chunk (always exact).
    public let chunkElementCount: Int
    /// The uncompressed size of one chunk in bytes (always exact).
    public let chunkByteCount: Int
    /// The number of chunks along each dimension, `⌈shape / chunkShape⌉`.
    public let chunkGridShape: [Int]
    /// The number of chunks of the grid; `Int.max` if that does not fit in `Int`.
    public let chunkCount: Int

    /// Reads and checks the members of an array's `zarr.json` (`key` names it in errors).
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the member at fault (`shape`,
    ///   `chunk_shape`, `data_type`, `fill_value`, `codecs`, ...), `ZarrError.unsupported`
    ///   for a feature this library does not implement.
    public init(_ object: JSONObject, key: String) throws {
        func invalid(_ message: String) -> ZarrError { .invalidMetadata("'\(key)': \(message)") }
        func required(_ name: String) throws -> JSONValue {
            guard let value = object[name] else { throw invalid("missing required member '\(name)'") }
            return value
        }

        shape = try ArrayMetadata.dimensions(try required("shape"), minimum: 0, what: "shape", invalid)

        let typeValue = try required("data_type")
        guard let typeName = typeValue.stringValue ?? typeValue["name"]?.stringValue else {
            throw invalid("data_type must be a string, got \(ArrayMetadata.brief(typeValue))")
        }
        do {
            dataType = try DataType(zarrName: typeName)
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
        chunkShape = try ArrayMetadata.dimensions(chunkShapeValue, minimum: 1, what: "chunk_shape", invalid)
        guard chunkShape.count == shape.count else {
            throw invalid("chunk_shape has \(chunkShape.count) dimensions but shape has \(shape.count)")
        }

        // Chunk-level sizes must be exact: chunks are allocated, encoded and decoded whole.
        guard let chunkElements = ShapeArithmetic.product(chunkShape),
            let chunkBytes = ShapeArithmetic.product(chunkElements, dataType.itemSize)
        else {
            throw invalid("chunk_shape \(ArrayMetadata.brief(chunkShape)) of \(dataType) has more bytes than fit in a 64-bit integer")
        }
        chunkElementCount = chunkElements
        chunkByteCount = chunkBytes
        // Array-level totals only describe the array; a huge sparse array may exceed Int.
        chunkGridShape = zip(shape, chunkShape).map { ShapeArithmetic.ceilingDivision($0, $1) }
        chunkCount = ShapeArithmetic.product(chunkGridShape) ?? Int.max
        let elements = ShapeArithmetic.product(shape)
        elementCount = elements ?? Int.max
        let itemSize = dataType.itemSize
        byteCount = elements.flatMap { ShapeArithmetic.product($0, itemSize) } ?? Int.max

        do {
            chunkKeyEncoding = try object["chunk_key_encoding"].map(ChunkKeyEncoding.init(json:)) ?? .default(separator: "/")
        } catch let error as ZarrError {
            throw error.prefixed("'\(key)'")
        }
        let fillJSON = try required("fill_value")
        do {
            fillValue = try FillValue(json: fillJSON, dataType: dataType)
        } catch let error as ZarrError {
            throw error.prefixed("'\(key)'")
        }
        codecs = try required("codecs")
        guard let codecList = codecs.arrayValue, !codecList.isEmpty else {
            throw invalid("codecs must be a non-empty array, got \(ArrayMetadata.brief(codecs))")
        }

        if let transformers = object["storage_transformers"], let list = transformers.arrayValue, !list.isEmpty {
            throw ZarrError.unsupported("'\(key)': storage_transformers are not supported")
        }

        if let names = object["dimension_names"], !names.isNull {
            guard let list = names.arrayValue, list.count == shape.count,
                list.allSatisfy({ $0.isNull || $0.stringValue != nil })
            else {
                throw invalid("dimension_names must be an array of \(shape.count) strings or nulls")
            }
            dimensionNames = list.map(\.stringValue)
        } else {
            dimensionNames = nil
        }
        attributes = try NodeMetadata.attributes(of: object, key: key)
    }

    /// A JSON value for an error message, cut after 100 characters.
    static func brief(_ value: JSONValue) -> String {
        let text = value.description
        return text.count > 100 ? text.prefix(100) + "..." : text
    }

    /// A shape for an error message, shortened when it has many dimensions.
    static func brief(_ shape: [Int]) -> String {
        guard shape.count > 8 else { return "\(shape)" }
        return "[" + shape.prefix(4).map(String.init).joined(separator: ", ") + ", ... (\(shape.count) dimensions)]"
    }

    /// An array of integers ≥ `minimum`.
    /// The most dimensions an array may have: numpy's limit (so every array Python simplezarr
    /// can read opens here), which also keeps per-element work, linear in the dimension count,
    /// small on hostile documents.
    public static let maximumDimensionCount = 64

    private static func dimensions(
        _ value: JSONValue, minimum: Int, what: String, _ invalid: (String) -> ZarrError
    ) throws -> [Int] {
        guard let list = value.arrayValue else { throw invalid("\(what) must be an array of integers, got \(brief(value))") }
        guard list.count <= maximumDimensionCount else {
            throw invalid("\(what) has \(list.count) dimensions; at most \(maximumDimensionCount) are supported")
        }
        return try list.enumerated().map { position, element in
            guard case .int(let v) = element, let length = Int(exactly: v), length >= minimum else {
                throw invalid(
                    "\(what) must hold integers ≥ \(minimum) that fit in 64 bits, got \(brief(element)) at position \(position)")
            }
            return length
        }
    }
}
