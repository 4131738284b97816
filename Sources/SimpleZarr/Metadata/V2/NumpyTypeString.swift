// numpy's array-protocol type strings, as Zarr v2 `.zarray` documents and numcodecs
// configurations spell data types (v2 spec, "Data type encoding":
// https://zarr-specs.readthedocs.io/en/latest/v2/v2.0.html#data-type-encoding):
// a byte-order character ('<' little, '>' big, '|' not applicable), a kind
// character and the item size in bytes: "<i2", ">f8", "|b1", "|u1", "<c16", "|V6".
// Kinds this library maps onto its data types: b (bool), i, u, f, c, V (raw bytes),
// U (UTF-32 text of n characters: the size counts characters here, as numpy's
// "<U4" is 16 bytes), S (null-padded bytes), M and m (datetime64 / timedelta64,
// "<M8[ns]", "<m8[10s]", the unit with an optional scale factor in brackets), and
// O (Python objects: which type they are is told by the array's first filter,
// `vlen-utf8` or `vlen-bytes`; this reads as `string` until then).

/// A numpy type string such as `"<i2"`, split into a data type and a byte order.
public struct NumpyTypeString: Sendable, Hashable, CustomStringConvertible {
    /// The element type (`string` for numpy's object kind `"|O"`, see `isObject`).
    public let dataType: DataType
    /// Whether the text was numpy's object kind (`"|O"`), whose elements the filters define.
    public let isObject: Bool
    /// The byte order of stored elements; `nil` for one-byte elements and raw bytes (`'|'`).
    public let endian: Endianness?

    /// The type string of `dataType` in `endian` order (ignored where byte order does not apply).
    public init(dataType: DataType, endian: Endianness = .little) {
        self.dataType = dataType
        self.endian = dataType.byteSwapUnit > 1 ? endian : nil
        self.isObject = dataType.isVariableLength
    }

    /// Parses a type string.
    ///
    /// Also accepts a byte-order character of `'='` (native) and a missing one, as numpy does,
    /// and numpy's names for the types (`"int16"`, `"float32"`, `"bool"`), which some writers use.
    ///
    /// - Throws: `ZarrError.unsupported` for kinds this library has no data type for (generic
    ///   datetimes without a unit, Python objects other than text and bytes), naming the string;
    ///   `ZarrError.invalidMetadata` for text that is not a type string.
    public init(_ text: String) throws {
        if let named = DataType.namedTypes.first(where: { $0.name == text }) {
            self.init(dataType: named, endian: .native)
            return
        }
        var rest = Substring(text)
        var endian: Endianness? = .native
        switch rest.first {
        case "<": endian = .little; rest = rest.dropFirst()
        case ">": endian = .big; rest = rest.dropFirst()
        case "|": endian = nil; rest = rest.dropFirst()
        case "=": rest = rest.dropFirst()
        default: break
        }
        guard let kind = rest.first else {
            throw ZarrError.invalidMetadata("'\(text.prefix(40))' is not a numpy type string")
        }
        if kind == "O" {
            guard rest.dropFirst().allSatisfy({ $0 == "8" }) else {
                throw ZarrError.invalidMetadata("'\(text.prefix(40))' is not a numpy type string")
            }
            self.init(dataType: .string)
            return
        }
        if kind == "M" || kind == "m" {
            self.init(dataType: try NumpyTypeString.temporal(text, kind: kind, rest.dropFirst()), endian: endian ?? .native)
            return
        }
        let digits = rest.dropFirst()
        guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let size = Int(digits) else {
            if "SUa".contains(kind) {
                throw ZarrError.unsupported("the numpy data type '\(text.prefix(40))' is not supported")
            }
            throw ZarrError.invalidMetadata("'\(text.prefix(40))' is not a numpy type string")
        }
        let dataType: DataType
        switch (kind, size) {
        case ("b", 1): dataType = .bool
        case ("i", 1): dataType = .int8
        case ("i", 2): dataType = .int16
        case ("i", 4): dataType = .int32
        case ("i", 8): dataType = .int64
        case ("u", 1): dataType = .uint8
        case ("u", 2): dataType = .uint16
        case ("u", 4): dataType = .uint32
        case ("u", 8): dataType = .uint64
        case ("f", 2): dataType = .float16
        case ("f", 4): dataType = .float32
        case ("f", 8): dataType = .float64
        case ("c", 8): dataType = .complex64
        case ("c", 16): dataType = .complex128
        case ("V", _):
            guard size > 0, size * 8 <= DataType.maximumRawBits else {
                throw ZarrError.invalidMetadata(
                    "the numpy data type '\(text.prefix(40))' must have 1 to \(DataType.maximumRawBits / 8) bytes")
            }
            dataType = .raw(bits: size * 8)
        case ("U", _):
            guard size > 0, size * 4 <= DataType.maximumFixedLength else {
                throw ZarrError.invalidMetadata(
                    "the numpy data type '\(text.prefix(40))' must have 1 to \(DataType.maximumFixedLength / 4) characters")
            }
            dataType = .fixedLengthUTF32(characters: size)
        case ("S", _), ("a", _):
            guard size > 0, size <= DataType.maximumFixedLength else {
                throw ZarrError.invalidMetadata(
                    "the numpy data type '\(text.prefix(40))' must have 1 to \(DataType.maximumFixedLength) bytes")
            }
            dataType = .nullTerminatedBytes(length: size)
        default:
            throw ZarrError.unsupported("the numpy data type '\(text.prefix(40))' is not supported")
        }
        self.init(dataType: dataType, endian: endian ?? .native)
    }

    /// The type string: `"<i2"`, `">f8"`, `"|b1"`, `"|V6"`.
    public var text: String {
        let order: String
        switch endian {
        case .little: order = "<"
        case .big: order = ">"
        case nil: order = "|"
        }
        let kind: String
        switch dataType {
        case .bool: kind = "b"
        case .int8, .int16, .int32, .int64: kind = "i"
        case .uint8, .uint16, .uint32, .uint64: kind = "u"
        case .float16, .float32, .float64: kind = "f"
        case .complex64, .complex128: kind = "c"
        case .raw, .rawBytes: kind = "V"
        case .string, .bytes: return "|O"
        case .fixedLengthUTF32(let characters): return order + "U" + String(characters)
        case .nullTerminatedBytes: kind = "S"
        case .datetime64(let unit, let scale), .timedelta64(let unit, let scale):
            let letter = dataType.name == "numpy.datetime64" ? "M" : "m"
            return order + letter + "8[" + (scale == 1 ? "" : String(scale)) + unit.rawValue + "]"
        case .structured: return json.jsonText
        }
        return order + kind + String(dataType.itemSize)
    }

    // MARK: Structured types

    /// Parses a `.zarray` `dtype`: a type string, or a structured type's list of
    /// `[name, type]` pairs (`[["a", "<i4"], ["b", "<f8"]]`), whose multi-byte fields must
    /// share one byte order (the array's `bytes` codec has one).
    ///
    /// - Throws: as `init(_:)`; `ZarrError.unsupported` for sub-array fields or mixed byte orders.
    public init(json: JSONValue) throws {
        if let text = json.stringValue {
            try self.init(text)
            return
        }
        guard let list = json.arrayValue else {
            throw ZarrError.invalidMetadata("dtype must be a numpy type string or a list of fields, got \(ArrayMetadata.brief(json))")
        }
        var endian: Endianness?
        let fields = try list.prefix(DataType.maximumFixedLength + 1).map { field -> (name: String, dataType: DataType) in
            guard let pair = field.arrayValue, pair.count >= 2, let name = pair[0].stringValue else {
                throw ZarrError.invalidMetadata("a structured dtype field is [name, type], got \(ArrayMetadata.brief(field))")
            }
            guard pair.count == 2 else {
                throw ZarrError.unsupported("structured dtype field '\(name.prefix(40))' is a sub-array, which is not supported")
            }
            let type = try NumpyTypeString(json: pair[1])
            if let fieldEndian = type.endian {
                guard endian == nil || endian == fieldEndian else {
                    throw ZarrError.unsupported("structured dtype \(ArrayMetadata.brief(json)) mixes byte orders, which is not supported")
                }
                endian = fieldEndian
            }
            return (name, type.dataType)
        }
        do {
            self.init(dataType: .structured(fields: try StructField.packed(fields)), endian: endian ?? .little)
        } catch let error as ZarrError {
            throw ZarrError.invalidMetadata("dtype \(ArrayMetadata.brief(json)): \(error.message)")
        }
    }

    /// The `.zarray` `dtype` value: the type string, or for a structured type its field list.
    public var json: JSONValue {
        guard case .structured(let fields) = dataType else { return .string(text) }
        return .array(fields.map { field in
            .array([.string(field.name), NumpyTypeString(dataType: field.dataType, endian: endian ?? .little).json])
        })
    }

    /// The datetime64 (`kind` "M") or timedelta64 ("m") type of a string like `"<M8[10s]"`,
    /// given what follows the kind (`"8[10s]"`).
    private static func temporal(_ text: String, kind: Character, _ rest: Substring) throws -> DataType {
        func invalid() -> ZarrError {
            .invalidMetadata("'\(text.prefix(40))' is not a numpy datetime type string (such as '<M8[ns]' or '<m8[10s]')")
        }
        guard rest.hasPrefix("8["), rest.hasSuffix("]") else {
            if rest == "8" {
                throw ZarrError.unsupported("the numpy data type '\(text.prefix(40))' is not supported: it has no unit (a generic datetime)")
            }
            throw invalid()
        }
        let inner = rest.dropFirst(2).dropLast()
        let digits = inner.prefix(while: { $0.isASCII && $0.isNumber })
        guard digits.count <= 10, let scale = digits.isEmpty ? 1 : Int(digits), (1...DataType.maximumScaleFactor).contains(scale) else {
            throw invalid()
        }
        let unit: TimeUnit
        do { unit = try TimeUnit(numpyName: String(inner.dropFirst(digits.count))) } catch let error as ZarrError {
            throw ZarrError.invalidMetadata("'\(text.prefix(40))': \(error.message)")
        }
        return kind == "M" ? .datetime64(unit: unit, scaleFactor: scale) : .timedelta64(unit: unit, scaleFactor: scale)
    }

    public var description: String { text }
}
