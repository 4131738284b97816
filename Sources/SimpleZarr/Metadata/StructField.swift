// A member of a `struct` data type (zarr-extensions "struct", numpy's
// structured dtypes): a named field of a fixed-size type at a byte offset in
// the packed record. Fields follow each other without padding, as numpy lays
// out a structured dtype built from a list of (name, type) pairs.

/// One named field of a structured data type.
public struct StructField: Sendable, Hashable, CustomStringConvertible {
    /// The field's name.
    public let name: String
    /// The field's type (any fixed-size type, a structured one included).
    public let dataType: DataType
    /// Where the field starts in the record, in bytes.
    public let offset: Int

    /// Packs `fields` (name and type pairs) into records, each field right after the one before.
    ///
    /// - Throws: `ZarrError.invalidArgument` for no fields, an empty or repeated name, a
    ///   variable-length field type, or a record larger than `DataType.maximumFixedLength`.
    public static func packed(_ fields: [(name: String, dataType: DataType)]) throws -> [StructField] {
        guard !fields.isEmpty else { throw ZarrError.invalidArgument("a struct data type needs at least one field") }
        var result: [StructField] = []
        var names: Set<String> = []
        var offset = 0
        for (name, type) in fields {
            guard !name.isEmpty, names.insert(name).inserted else {
                throw ZarrError.invalidArgument("struct field names must be non-empty and distinct, got '\(name.prefix(40))' twice or empty")
            }
            guard !type.isVariableLength else {
                throw ZarrError.invalidArgument("struct field '\(name.prefix(40))' has the variable-length type \(type)")
            }
            try type.validate(method: "struct field '\(name.prefix(40))'")
            result.append(StructField(name: name, dataType: type, offset: offset))
            offset += type.itemSize
            guard offset <= DataType.maximumFixedLength else {
                throw ZarrError.invalidArgument("a struct record may have at most \(DataType.maximumFixedLength) bytes")
            }
        }
        return result
    }

    /// `name: type`.
    public var description: String { "\(name): \(dataType)" }
}
