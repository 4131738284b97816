// The Swift types that can be the elements of an `NDArray`, each tied to the
// Zarr data type whose bytes it reads and writes in native byte order.

/// A Swift type that is the element type of a Zarr data type.
///
/// Typed access to an `NDArray` (`withUnsafeBufferPointer(as:)`, `toArray(as:)`)
/// is allowed only with the type whose `zarrDataType` equals the array's dtype.
public protocol ZarrScalar: Sendable {
    /// The Zarr data type whose elements have this Swift type.
    static var zarrDataType: DataType { get }
}

extension Bool: ZarrScalar { public static var zarrDataType: DataType { .bool } }
extension Int8: ZarrScalar { public static var zarrDataType: DataType { .int8 } }
extension Int16: ZarrScalar { public static var zarrDataType: DataType { .int16 } }
extension Int32: ZarrScalar { public static var zarrDataType: DataType { .int32 } }
extension Int64: ZarrScalar { public static var zarrDataType: DataType { .int64 } }
extension UInt8: ZarrScalar { public static var zarrDataType: DataType { .uint8 } }
extension UInt16: ZarrScalar { public static var zarrDataType: DataType { .uint16 } }
extension UInt32: ZarrScalar { public static var zarrDataType: DataType { .uint32 } }
extension UInt64: ZarrScalar { public static var zarrDataType: DataType { .uint64 } }
#if !(os(macOS) && arch(x86_64))
extension Float16: ZarrScalar { public static var zarrDataType: DataType { .float16 } }
#endif
extension Float: ZarrScalar { public static var zarrDataType: DataType { .float32 } }
extension Double: ZarrScalar { public static var zarrDataType: DataType { .float64 } }

/// A real type that Zarr pairs into a complex data type: `Float` (complex64) and `Double` (complex128).
public protocol ZarrComplexComponent: BinaryFloatingPoint, Sendable {
    /// The complex data type made of two values of this type.
    static var complexDataType: DataType { get }
}

extension Float: ZarrComplexComponent { public static var complexDataType: DataType { .complex64 } }
extension Double: ZarrComplexComponent { public static var complexDataType: DataType { .complex128 } }

extension Complex: ZarrScalar where RealType: ZarrComplexComponent {
    /// `complex64` for `Complex<Float>`, `complex128` for `Complex<Double>`.
    public static var zarrDataType: DataType { RealType.complexDataType }
}
