// Reading and writing Zarr v2 metadata (v2 spec, "Metadata":
// https://zarr-specs.readthedocs.io/en/latest/v2/v2.0.html#metadata):
// an array is described by `.zarray` (shape, chunks, numpy dtype, compressor,
// fill_value, order, filters, dimension_separator), a group by `.zgroup`, and
// both keep their user attributes in `.zattrs`. The array becomes the same
// format-neutral model as a v3 one; its storage layout becomes codec entries:
//   order "F"          -> `transpose` reversing the axes (chunks are stored column-major)
//   filters            -> numcodecs' codecs, array -> array ones before the serialiser;
//                         `vlen-utf8` / `vlen-bytes` are the serialiser of an object
//                         ("|O") array, whose data type they decide (string / bytes)
//   dtype byte order   -> `bytes` with that endianness
//   compressor         -> the numcodecs codec of that id
// A numcodecs id `x` is looked up as the codec registered under `numcodecs.x`
// (zarr-python 3's name for it), then under `x`.

/// The v2 reader and writer.
enum V2Metadata {
    /// The document describing an array.
    static let arrayDocumentName = ".zarray"
    /// The document describing a group.
    static let groupDocumentName = ".zgroup"
    /// The document holding a node's user attributes.
    static let attributesDocumentName = ".zattrs"

    /// What the reader needs to know about a numcodecs id from the codec layer: the name
    /// of the codec registered for it, and its kind (array -> array filters come before the
    /// serialiser; an array -> bytes filter is the serialiser).
    typealias CodecLookup = (_ id: String) -> (name: String, kind: CodecKind)

    /// The kind of a codec named in a v2 document (an unknown id counts as bytes -> bytes).
    enum CodecKind {
        case arrayToArray, arrayToBytes, bytesToBytes
    }

    /// The data type of numpy's object arrays, told by their serialising filter.
    private static let objectTypes: [String: DataType] = ["vlen-utf8": .string, "vlen-bytes": .bytes]

    // MARK: Reading

    /// Checks a `.zarray` or `.zgroup` object and pairs it with its attributes.
    static func document(from object: JSONObject, attributes: JSONObject, type: NodeType, key: String) throws -> NodeDocument {
        guard let format = object["zarr_format"] else {
            throw ZarrError.invalidMetadata("'\(key)' has no zarr_format")
        }
        guard format.intValue == 2 else {
            throw ZarrError.invalidMetadata("'\(key)' has zarr_format \(ArrayMetadata.brief(format)); a v2 document needs 2")
        }
        return NodeDocument(zarrFormat: 2, type: type, metadata: object, attributes: attributes, key: key)
    }

    /// Parses the bytes of a `.zattrs` document.
    static func attributes(from bytes: some Collection<UInt8>, key: String) throws -> JSONObject {
        try NodeDocument.object(from: bytes, key: key)
    }

    /// Reads and checks a `.zarray` (`key` names it in errors), with its `.zattrs` object.
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the member and the value at fault,
    ///   `ZarrError.unsupported` for a numpy type this library has no data type for.
    static func arrayMetadata(
        _ object: JSONObject, attributes: JSONObject, key: String, codecLookup: CodecLookup
    ) throws -> ArrayMetadata {
        func invalid(_ message: String) -> ZarrError { .invalidMetadata("'\(key)': \(message)") }
        func required(_ name: String) throws -> JSONValue {
            guard let value = object[name] else { throw invalid("missing required member '\(name)'") }
            return value
        }

        let shape = try ArrayMetadata.dimensions(try required("shape"), minimum: 0, what: "shape", invalid)
        let chunkShape = try ArrayMetadata.dimensions(try required("chunks"), minimum: 1, what: "chunks", invalid)

        let dtypeValue = try required("dtype")
        let numpyType: NumpyTypeString
        do {
            numpyType = try NumpyTypeString(json: dtypeValue)
        } catch let error as ZarrError {
            throw error.prefixed("'\(key)': dtype")
        }
        let dtypeText = numpyType.text
        var dataType = numpyType.dataType
        if numpyType.isObject {
            let firstFilter = object["filters"]?.arrayValue?.first?["id"]?.stringValue
            guard let id = firstFilter, let type = objectTypes[id] else {
                throw ZarrError.unsupported(
                    "'\(key)': dtype \(dtypeText) with filter \(firstFilter.map { "'\($0.prefix(40))'" } ?? "none") "
                        + "is not supported (object arrays need a 'vlen-utf8' or 'vlen-bytes' filter)")
            }
            dataType = type
        }

        let fillValue: FillValue
        do {
            fillValue = try V2FillValue.parse(try required("fill_value"), dataType: dataType, endian: numpyType.endian)
        } catch let error as ZarrError {
            throw error.prefixed("'\(key)'")
        }

        let orderValue = object["order"] ?? "C"
        guard let order = orderValue.stringValue.flatMap(ChunkOrder.init(rawValue:)) else {
            throw invalid("order must be \"C\" or \"F\", got \(ArrayMetadata.brief(orderValue))")
        }

        let separatorValue = object["dimension_separator"] ?? "."
        guard let separator = separatorValue.stringValue, separator == "." || separator == "/" else {
            throw invalid("dimension_separator must be \".\" or \"/\", got \(ArrayMetadata.brief(separatorValue))")
        }

        let codecs = try codecEntries(
            order: order, dimensionCount: shape.count, endian: numpyType.endian, filters: object["filters"] ?? .null,
            compressor: object["compressor"] ?? .null, codecLookup: codecLookup, invalid: invalid)
        return try ArrayMetadata(
            zarrFormat: 2, shape: shape, dataType: dataType, chunkShape: chunkShape,
            chunkKeyEncoding: .v2(separator: Character(separator)), fillValue: fillValue, codecs: codecs,
            dimensionNames: nil, attributes: attributes, chunkShapeMember: "chunks", invalid: invalid)
    }

    /// The v3 codec entries for a v2 array's storage layout (see the top of this file).
    private static func codecEntries(
        order: ChunkOrder, dimensionCount: Int, endian: Endianness?, filters: JSONValue, compressor: JSONValue,
        codecLookup: CodecLookup, invalid: (String) -> ZarrError
    ) throws -> [JSONValue] {
        func entry(_ value: JSONValue, _ what: String) throws -> (json: JSONValue, kind: CodecKind, object: JSONObject) {
            guard var object = value.objectValue, let id = object["id"]?.stringValue, !id.isEmpty else {
                throw invalid("\(what) must be an object with a string 'id', got \(ArrayMetadata.brief(value))")
            }
            object["id"] = nil
            let codec = codecLookup(id)
            return (["name": .string(codec.name), "configuration": .object(object)], codec.kind, object)
        }
        var filterEntries: [(json: JSONValue, kind: CodecKind, object: JSONObject)] = []
        if !filters.isNull {
            guard let list = filters.arrayValue else {
                throw invalid("filters must be null or an array, got \(ArrayMetadata.brief(filters))")
            }
            filterEntries = try list.enumerated().map { try entry($1, "filters[\($0)]") }
        }

        var entries: [JSONValue] = []
        if order == .f, dimensionCount > 1 {
            entries.append(["name": "transpose", "configuration": ["order": JSONValue(Array((0..<dimensionCount).reversed()))]])
        }
        // An array -> bytes filter (vlen-utf8) is the serialiser. Otherwise `bytes` goes after the
        // last array -> array filter; the stored byte order is that of the last filter that changes
        // the type (numcodecs' `astype` / `encode_dtype`), else the array's own.
        if filterEntries.contains(where: { $0.kind == .arrayToBytes }) {
            entries += filterEntries.map(\.json)
        } else {
            let arrayFilterCount = (filterEntries.lastIndex { $0.kind == .arrayToArray }).map { $0 + 1 } ?? 0
            var storedEndian = endian
            for filter in filterEntries.prefix(arrayFilterCount) {
                entries.append(filter.json)
                if let text = (filter.object["astype"] ?? filter.object["encode_dtype"])?.stringValue,
                    let type = try? NumpyTypeString(text)
                {
                    storedEndian = type.endian
                }
            }
            if let storedEndian {
                entries.append(["name": "bytes", "configuration": ["endian": .string(storedEndian.rawValue)]])
            } else {
                entries.append(["name": "bytes"])
            }
            entries += filterEntries.dropFirst(arrayFilterCount).map(\.json)
        }
        if !compressor.isNull {
            entries.append(try entry(compressor, "compressor").json)
        }
        return entries
    }

    // MARK: Writing

    /// A group's `.zgroup`.
    static func groupDocument() -> JSONObject { ["zarr_format": 2] }

    /// An array's `.zarray`, members in the order zarr-python writes them.
    static func arrayDocument(
        shape: [Int], numpyType: NumpyTypeString, chunkShape: [Int], fillValue: FillValue, order: ChunkOrder,
        filters: [JSONValue], compressor: JSONValue?, separator: Character
    ) -> JSONObject {
        [
            "shape": JSONValue(shape),
            "chunks": JSONValue(chunkShape),
            "dtype": numpyType.json,
            "fill_value": V2FillValue.json(fillValue),
            "order": .string(order.rawValue),
            "filters": filters.isEmpty ? .null : .array(filters),
            "dimension_separator": .string(String(separator)),
            "compressor": compressor ?? .null,
            "zarr_format": 2,
        ]
    }
}
