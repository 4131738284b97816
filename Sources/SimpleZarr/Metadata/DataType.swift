// The Zarr v3 core data types (spec: "Data types" in the v3 core document,
// https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#data-types):
// booleans, signed and unsigned integers of 8 to 64 bits, IEEE floats of 16,
// 32 and 64 bits, complex numbers made of two such floats, and `rN`, an
// opaque value of N bits (N a positive multiple of 8).

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
        throw ZarrError.unsupported("data type '\(name.prefix(100))' is not a Zarr v3 core data type")
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
        }
    }

    public var description: String { name }

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .bool, .int8, .uint8: return 1
        case .int16, .uint16, .float16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64, .complex64: return 8
        case .complex128: return 16
        case .raw(let bits): return bits / 8
        }
    }

    /// The size of the unit whose bytes an endianness swap reverses: the scalar
    /// for numbers, each half for complex numbers, 1 for bool and raw types.
    public var byteSwapUnit: Int {
        switch self {
        case .complex64: return 4
        case .complex128: return 8
        case .raw, .bool: return 1
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

    /// Whether the element is an opaque raw value.
    public var isRaw: Bool {
        if case .raw = self { return true }
        return false
    }

    // MARK: Comparing with names

    /// True when `lhs` is named `rhs`.
    public static func == (lhs: DataType, rhs: String) -> Bool { lhs.name == rhs }
    /// True when `rhs` is named `lhs`.
    public static func == (lhs: String, rhs: DataType) -> Bool { lhs == rhs.name }
    /// True when `lhs` is not named `rhs`.
    public static func != (lhs: DataType, rhs: String) -> Bool { lhs.name != rhs }
    /// True when `rhs` is not named `lhs`.
    public static func != (lhs: String, rhs: DataType) -> Bool { lhs != rhs.name }
}
