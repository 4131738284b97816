// The Zarr v3 core data types (spec: "Data types" in the v3 core document,
// https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#data-types):
// booleans, signed and unsigned integers of 8 to 64 bits, IEEE floats of 16,
// 32 and 64 bits, complex numbers made of two such floats, and `rN`, an
// opaque value of N bits (N a positive multiple of 8). Beyond the core, the
// types zarr-python 3 writes and zarr-extensions names: variable-length
// `string` and `variable_length_bytes`, `fixed_length_utf32`,
// `null_terminated_bytes` and `raw_bytes` of a fixed length (numpy's U, S and V
// kinds), and `numpy.datetime64` / `numpy.timedelta64` counts of a unit.

/// The element type of a Zarr array, named exactly as in `zarr.json`.
///
/// It prints as its Zarr name and compares naturally with a string:
/// `array.dtype == "uint16"`.
public enum DataType: Sendable, Hashable, CustomStringConvertible {
    case bool
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float16, float32, float64
    case complex64, complex128
    /// An opaque value of `bits` bits (`"r8"`, `"r16"`, ...).
    case raw(bits: Int)
    /// Text of any length, stored as UTF-8 (`"string"`; numpy's object or `StringDType`).
    case string
    /// Byte strings of any length (`"variable_length_bytes"`).
    case bytes
    /// Text of at most `characters` Unicode scalars, each stored as a 32-bit code unit and
    /// padded with zeros (`"fixed_length_utf32"`; numpy's `U<characters>`).
    case fixedLengthUTF32(characters: Int)
    /// Byte strings of `length` bytes whose trailing zero bytes are padding
    /// (`"null_terminated_bytes"`; numpy's `S<length>`).
    case nullTerminatedBytes(length: Int)
    /// Opaque values of `length` bytes, as zarr-python names numpy's `V<length>` (`"raw_bytes"`).
    case rawBytes(length: Int)
    /// Points in time as 64-bit counts of `scaleFactor` x `unit` since 1970-01-01T00:00
    /// (`"numpy.datetime64"`); the smallest count is NaT ("not a time").
    case datetime64(unit: TimeUnit, scaleFactor: Int)
    /// Durations as 64-bit counts of `scaleFactor` x `unit` (`"numpy.timedelta64"`); the
    /// smallest count is NaT.
    case timedelta64(unit: TimeUnit, scaleFactor: Int)
    /// Records of named fields, packed one after the other (`"struct"`; numpy's structured dtypes).
    case structured(fields: [StructField])

    /// The named (non-raw) types, in the order the spec lists them.
    public static let namedTypes: [DataType] = [
        .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
        .float16, .float32, .float64, .complex64, .complex128,
    ]

    /// The most bits a raw type may have: 524,288 (`"r524288"`, elements of 64 KiB).
    ///
    /// The spec sets no bound, but every raw element is held in memory whole (the fill value,
    /// and its `zarr.json` spelling as one number per byte), so a name like `"r8589934592"`
    /// would make opening an array allocate a gigabyte. Real raw types are a few bytes to a
    /// few kilobytes (numpy's fixed-size records).
    public static let maximumRawBits = 8 << 16

    /// The most bytes an element of a fixed-length string or bytes type may have (64 KiB, as
    /// for raw types).
    public static let maximumFixedLength = maximumRawBits / 8

    /// The largest scale factor of a datetime or timedelta type (numpy's limit, 2^31 - 1).
    public static let maximumScaleFactor = Int(Int32.max)

    /// The count that stands for NaT ("not a time") in datetime and timedelta elements.
    public static let notATime = Int64.min

    /// Parses a Zarr data type name such as `"float32"` or `"r24"`.
    ///
    /// - Throws: `ZarrError.unsupported` for an unknown name, `ZarrError.invalidArgument`
    ///   for a raw type whose bit count is not a positive multiple of 8 up to `maximumRawBits`.
    public init(zarrName name: String) throws {
        if let named = DataType.namedTypes.first(where: { $0.name == name }) {
            self = named
            return
        }
        let digits = name.utf8.dropFirst()
        if name.hasPrefix("r"), !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            guard let bits = Int(name.dropFirst()), bits > 0, bits % 8 == 0, bits <= DataType.maximumRawBits else {
                throw ZarrError.invalidArgument(
                    "raw data type '\(name.prefix(40))' must have a positive multiple of 8 bits, "
                        + "at most \(DataType.maximumRawBits)")
            }
            self = .raw(bits: bits)
            return
        }
        switch name {
        case "string": self = .string
        case "variable_length_bytes", "bytes": self = .bytes
        default:
            throw ZarrError.unsupported("data type '\(name.prefix(100))' is not a Zarr v3 core data type")
        }
    }

    /// The Zarr name (`"bool"`, `"int16"`, `"r24"`, ...).
    public var name: String {
        switch self {
        case .bool: return "bool"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .uint8: return "uint8"
        case .uint16: return "uint16"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .float16: return "float16"
        case .float32: return "float32"
        case .float64: return "float64"
        case .complex64: return "complex64"
        case .complex128: return "complex128"
        case .raw(let bits): return "r\(bits)"
        case .string: return "string"
        case .bytes: return "variable_length_bytes"
        case .fixedLengthUTF32: return "fixed_length_utf32"
        case .nullTerminatedBytes: return "null_terminated_bytes"
        case .rawBytes: return "raw_bytes"
        case .datetime64: return "numpy.datetime64"
        case .timedelta64: return "numpy.timedelta64"
        case .structured: return "struct"
        }
    }

    /// The name with the configuration of a parameterised type, as `zarr.json` configures it:
    /// `"uint16"`, `"fixed_length_utf32(length_bytes=16)"`, `"numpy.datetime64(unit='s', scale_factor=10)"`.
    public var description: String {
        switch self {
        case .fixedLengthUTF32, .nullTerminatedBytes, .rawBytes: return "\(name)(length_bytes=\(itemSize))"
        case .datetime64(let unit, let scale), .timedelta64(let unit, let scale):
            return "\(name)(unit='\(unit)', scale_factor=\(scale))"
        case .structured(let fields): return "\(name)(\(fields.map(\.description).joined(separator: ", ")))"
        default: return name
        }
    }

    /// Bytes per element; 0 for the variable-length types (`string`, `bytes`), whose elements
    /// an `NDArray` holds one by one rather than in its byte buffer.
    public var itemSize: Int {
        switch self {
        case .bool, .int8, .uint8: return 1
        case .int16, .uint16, .float16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64, .complex64, .datetime64, .timedelta64: return 8
        case .complex128: return 16
        case .raw(let bits): return max(bits / 8, 0)
        case .string, .bytes: return 0
        case .fixedLengthUTF32(let characters):
            let (size, overflow) = characters.multipliedReportingOverflow(by: 4)
            return overflow ? 0 : max(size, 0)
        case .nullTerminatedBytes(let length), .rawBytes(let length): return max(length, 0)
        case .structured(let fields):
            // The end of the furthest field (`validate(method:)` checks that fields are packed).
            return fields.reduce(0) { end, field in
                let (fieldEnd, overflow) = field.offset.addingReportingOverflow(field.dataType.itemSize)
                return overflow ? end : max(end, fieldEnd)
            }
        }
    }

    /// The parts of one element that an endianness swap reverses, each at a byte offset with its
    /// unit: the whole element (in units of `byteSwapUnit`) for every type but structs, whose
    /// fields are swapped one by one. Units of 1 are left out.
    var byteSwapSegments: [(offset: Int, unit: Int, count: Int)] {
        guard case .structured(let fields) = self else {
            return byteSwapUnit > 1 ? [(0, byteSwapUnit, itemSize / byteSwapUnit)] : []
        }
        return fields.flatMap { field in
            field.dataType.byteSwapSegments.map { (field.offset + $0.offset, $0.unit, $0.count) }
        }
    }

    /// The bytes an element takes in an `NDArray`: `itemSize`, or for variable-length types the
    /// 16 bytes of the reference to its contents (numpy counts 8 per object). Chunk sizes, `nbytes`
    /// and `ZarrLimits.maximumChunkByteCount` count with it.
    public var memoryItemSize: Int { isVariableLength ? 16 : itemSize }

    /// Whether elements have no fixed size (`string`, `bytes`).
    public var isVariableLength: Bool { self == .string || self == .bytes }

    /// Whether elements are datetimes or timedeltas (64-bit counts of a unit).
    public var isTemporal: Bool {
        switch self {
        case .datetime64, .timedelta64: return true
        default: return false
        }
    }

    /// The numeric type whose Swift scalar reads this type's elements: itself for numbers and
    /// booleans, `int64` for datetimes and timedeltas, `nil` for text, bytes and raw types.
    public var scalarType: DataType? {
        switch self {
        case .raw, .string, .bytes, .fixedLengthUTF32, .nullTerminatedBytes, .rawBytes, .structured: return nil
        case .datetime64, .timedelta64: return .int64
        default: return self
        }
    }

    /// The size of the unit whose bytes an endianness swap reverses: the scalar
    /// for numbers, each half for complex numbers, 1 for bool and raw types; for a struct,
    /// the largest of its fields' (each field is swapped by its own unit, see `byteSwapSegments`).
    public var byteSwapUnit: Int {
        switch self {
        case .structured(let fields): return fields.map(\.dataType.byteSwapUnit).max() ?? 1
        case .complex64: return 4
        case .complex128, .datetime64, .timedelta64: return 8
        case .fixedLengthUTF32: return 4
        case .raw, .bool, .string, .bytes, .nullTerminatedBytes, .rawBytes: return 1
        default: return itemSize
        }
    }

    /// Whether the element is an IEEE float (or a pair of them).
    public var isFloatingPoint: Bool {
        switch self {
        case .float16, .float32, .float64, .complex64, .complex128: return true
        default: return false
        }
    }

    /// Whether the element is a signed or unsigned integer.
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: return true
        default: return false
        }
    }

    /// Whether the element is a complex number.
    public var isComplex: Bool { self == .complex64 || self == .complex128 }

    /// Whether the element is an opaque raw value (`rN` or `raw_bytes`).
    public var isRaw: Bool {
        switch self {
        case .raw, .rawBytes: return true
        default: return false
        }
    }

    // MARK: Comparing with names

    /// True when `lhs` is named `rhs` (its name, or its name with configuration).
    public static func == (lhs: DataType, rhs: String) -> Bool { lhs.name == rhs || lhs.description == rhs }
    /// True when `rhs` is named `lhs`.
    public static func == (lhs: String, rhs: DataType) -> Bool { rhs == lhs }
    /// True when `lhs` is not named `rhs`.
    public static func != (lhs: DataType, rhs: String) -> Bool { !(lhs == rhs) }
    /// True when `rhs` is not named `lhs`.
    public static func != (lhs: String, rhs: DataType) -> Bool { !(rhs == lhs) }
}
