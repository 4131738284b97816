// The `data_type` member of a v3 `zarr.json`: a plain name for the core and
// variable-length types, or an object `{"name": ..., "configuration": {...}}`
// for the parameterised extension types (zarr-extensions, "data-types"):
//   fixed_length_utf32, null_terminated_bytes, raw_bytes  {"length_bytes": N}
//   numpy.datetime64, numpy.timedelta64                    {"unit": "s", "scale_factor": 1}
//   struct   {"fields": [{"name": "a", "data_type": "int32"}, ...]} (or [["a", "int32"], ...])

extension DataType {
    /// Parses a `data_type` value: a name, or an object with `name` and `configuration`.
    ///
    /// - Throws: `ZarrError.unsupported` for a type this library does not know (and for
    ///   datetimes of numpy's `generic` unit),
    ///   `ZarrError.invalidArgument` for a configuration out of range or malformed.
    public init(json: JSONValue) throws {
        if let name = json.stringValue {
            guard !DataType.configuredNames.contains(name) else {
                throw ZarrError.invalidArgument("data type '\(name)' needs a configuration")
            }
            try self.init(zarrName: name)
            return
        }
        guard let name = json["name"]?.stringValue else {
            throw ZarrError.invalidArgument("data_type must be a name or an object with a 'name', got \(ArrayMetadata.brief(json))")
        }
        let configuration = json["configuration"] ?? .object([:])
        func integer(_ member: String, _ range: ClosedRange<Int>) throws -> Int {
            guard let value = configuration[member]?.intValue, range.contains(value) else {
                throw ZarrError.invalidArgument(
                    "data type '\(name)': configuration.\(member) must be an integer in \(range.lowerBound)...\(range.upperBound), "
                        + "got \(ArrayMetadata.brief(configuration[member] ?? .null))")
            }
            return value
        }
        switch name {
        case "fixed_length_utf32":
            let length = try integer("length_bytes", 4...DataType.maximumFixedLength)
            guard length % 4 == 0 else {
                throw ZarrError.invalidArgument("data type '\(name)': length_bytes must be a multiple of 4, got \(length)")
            }
            self = .fixedLengthUTF32(characters: length / 4)
        case "null_terminated_bytes":
            self = .nullTerminatedBytes(length: try integer("length_bytes", 1...DataType.maximumFixedLength))
        case "raw_bytes":
            self = .rawBytes(length: try integer("length_bytes", 1...DataType.maximumFixedLength))
        case "numpy.datetime64", "numpy.timedelta64":
            guard let unitName = configuration["unit"]?.stringValue else {
                throw ZarrError.invalidArgument("data type '\(name)': configuration.unit must be a unit name such as \"ns\"")
            }
            // numpy's unit-less datetimes are valid in zarr.json, but not supported here (as in v2).
            guard unitName != "generic" else {
                throw ZarrError.unsupported("data type '\(name)' with unit 'generic' (numpy's datetimes without a unit) is not supported")
            }
            let unit: TimeUnit
            do { unit = try TimeUnit(numpyName: unitName) } catch let error as ZarrError {
                throw ZarrError.invalidArgument("data type '\(name)': \(error.message)")
            }
            let scale = configuration["scale_factor"] == nil ? 1 : try integer("scale_factor", 1...DataType.maximumScaleFactor)
            self = name == "numpy.datetime64" ? .datetime64(unit: unit, scaleFactor: scale) : .timedelta64(unit: unit, scaleFactor: scale)
        case "struct", "structured":  // zarr-python 3.0 and 3.1 wrote "structured"
            guard let list = configuration["fields"]?.arrayValue else {
                throw ZarrError.invalidArgument("data type 'struct': configuration.fields must be a list of fields")
            }
            let fields = try list.prefix(DataType.maximumFixedLength + 1).map { field -> (name: String, dataType: DataType) in
                let name = field["name"]?.stringValue ?? field.arrayValue?.first?.stringValue
                let type = field["data_type"] ?? field.arrayValue.flatMap { $0.count == 2 ? $0[1] : nil }
                guard let name, let type else {
                    throw ZarrError.invalidArgument(
                        "data type 'struct': a field is {\"name\": ..., \"data_type\": ...}, got \(ArrayMetadata.brief(field))")
                }
                return (name, try DataType(json: type))
            }
            self = .structured(fields: try StructField.packed(fields))
        default:
            try self.init(zarrName: name)
        }
    }

    /// The `data_type` value written to `zarr.json`.
    public var json: JSONValue {
        switch self {
        case .fixedLengthUTF32, .nullTerminatedBytes, .rawBytes:
            return ["name": .string(name), "configuration": ["length_bytes": .int(Int64(itemSize))]]
        case .datetime64(let unit, let scale), .timedelta64(let unit, let scale):
            return ["name": .string(name), "configuration": ["unit": .string(unit.rawValue), "scale_factor": .int(Int64(scale))]]
        case .structured(let fields):
            let list = fields.map { JSONValue.object(["name": .string($0.name), "data_type": $0.dataType.json]) }
            return ["name": .string(name), "configuration": ["fields": .array(list)]]
        default:
            return .string(name)
        }
    }

    /// The names that only come with a configuration.
    private static let configuredNames: Set<String> = [
        "fixed_length_utf32", "null_terminated_bytes", "raw_bytes", "numpy.datetime64", "numpy.timedelta64", "struct",
    ]
}
