// The parameters of a data type built in code rather than parsed: the cases
// with lengths, scale factors and fields are public, so a caller can write
// `.fixedLengthUTF32(characters: -1)`. Everything that allocates by a data type
// checks it here first, with the bounds the parsers apply.

extension DataType {
    /// Throws `ZarrError.invalidArgument` naming `method` unless the type's parameters are in
    /// range: lengths of 1...`maximumFixedLength` bytes, raw types of 8...`maximumRawBits` bits in
    /// whole bytes, scale factors of 1...`maximumScaleFactor`, and struct fields of fixed-size
    /// valid types packed one after the other (as `StructField.packed` lays them out).
    public func validate(method: String) throws {
        func fail(_ reason: String) -> ZarrError {
            .invalidArgument("\(method): data type \(self) \(reason)")
        }
        switch self {
        case .raw(let bits):
            guard bits > 0, bits % 8 == 0, bits <= DataType.maximumRawBits else {
                throw fail("needs a positive multiple of 8 bits, at most \(DataType.maximumRawBits)")
            }
        case .fixedLengthUTF32(let characters):
            guard characters > 0, characters <= DataType.maximumFixedLength / 4 else {
                throw fail("needs 1 to \(DataType.maximumFixedLength / 4) characters")
            }
        case .nullTerminatedBytes(let length), .rawBytes(let length):
            guard length > 0, length <= DataType.maximumFixedLength else {
                throw fail("needs 1 to \(DataType.maximumFixedLength) bytes")
            }
        case .datetime64(_, let scale), .timedelta64(_, let scale):
            guard scale > 0, scale <= DataType.maximumScaleFactor else {
                throw fail("needs a scale factor of 1 to \(DataType.maximumScaleFactor)")
            }
        case .structured(let fields):
            guard !fields.isEmpty else { throw fail("has no fields") }
            var offset = 0
            for field in fields {
                try field.dataType.validate(method: method)
                guard !field.dataType.isVariableLength, field.offset == offset else {
                    throw fail("has field '\(field.name.prefix(40))' that is variable-length or not packed after the one before")
                }
                offset += field.dataType.itemSize
                guard offset <= DataType.maximumFixedLength else {
                    throw fail("has records of more than \(DataType.maximumFixedLength) bytes")
                }
            }
        default:
            return
        }
    }
}
