// numpy's arithmetic on its numeric types, as numcodecs' filters rely on it: integer
// arithmetic wraps around at the type's width; float arithmetic is IEEE in the type's own
// precision (float16 is computed in float32 and rounded back after every operation, as
// numpy's half loops do); `astype` casts integers to integers by keeping the low bits,
// integers and floats to floats by rounding to nearest even, and floats to integers by
// truncating towards zero. numpy leaves float -> integer casts of out-of-range values and
// NaN to the platform (x86 gives wrapped or minimum values); here they saturate at the
// target's minimum and maximum and NaN becomes 0. Also numpy's rule for the type two
// number types compute in together (`np.promote_types`).

// MARK: - The protocols

/// One of numpy's numeric types with numpy's casts and arithmetic, for the numcodecs filters.
protocol NumpyNumber: Sendable {
    /// The type numpy computes in when an array of this type meets a Python float or is
    /// divided with `/`: float64 for integers, the type itself for floats.
    associatedtype FloatPromotion: NumpyFloat
    /// The data type of the elements.
    static var dataType: DataType { get }
    /// A signed integer cast to this type (wrapped to the width, or rounded to nearest even).
    init(castingSigned value: Int64)
    /// An unsigned integer cast to this type (wrapped to the width, or rounded to nearest even).
    init(castingUnsigned value: UInt64)
    /// A real number cast to this type (rounded to nearest even, or truncated towards zero
    /// and saturated, NaN giving 0).
    init(castingReal value: Double)
    /// This value cast to `T` as numpy's `astype` does (a cast to the same type keeps the bits).
    func cast<T: NumpyNumber>(to type: T.Type) -> T
    /// `self + other` in this type.
    func plus(_ other: Self) -> Self
    /// `self - other` in this type.
    func minus(_ other: Self) -> Self
    /// `self * other` in this type.
    func times(_ other: Self) -> Self
    /// The nearest integral value, ties to even (`np.around`); integers are unchanged.
    var roundedToEven: Self { get }
}

/// A numpy float type: the numeric types that also divide.
protocol NumpyFloat: NumpyNumber {
    /// `self / other` in this type.
    func divided(by other: Self) -> Self
}

// MARK: - Integers

/// The integer types, whose arithmetic wraps around.
protocol NumpyInteger: NumpyNumber, FixedWidthInteger where FloatPromotion == Double {}

extension NumpyInteger {
    init(castingSigned value: Int64) { self.init(truncatingIfNeeded: value) }

    init(castingUnsigned value: UInt64) { self.init(truncatingIfNeeded: value) }

    init(castingReal value: Double) {
        if value.isNaN {
            self = 0
        } else if value <= Double(Self.min) {
            self = .min
        } else if value >= Double(Self.max) {
            // Double(max) of 64-bit types rounds up to 2^63 or 2^64, so every value below it
            // truncates to a representable integer.
            self = .max
        } else {
            self.init(value)
        }
    }

    func cast<T: NumpyNumber>(to type: T.Type) -> T {
        Self.isSigned ? T(castingSigned: Int64(truncatingIfNeeded: self)) : T(castingUnsigned: UInt64(truncatingIfNeeded: self))
    }

    func plus(_ other: Self) -> Self { self &+ other }

    func minus(_ other: Self) -> Self { self &- other }

    func times(_ other: Self) -> Self { self &* other }

    var roundedToEven: Self { self }
}

extension Int8: NumpyInteger { static var dataType: DataType { .int8 } }
extension Int16: NumpyInteger { static var dataType: DataType { .int16 } }
extension Int32: NumpyInteger { static var dataType: DataType { .int32 } }
extension Int64: NumpyInteger { static var dataType: DataType { .int64 } }
extension UInt8: NumpyInteger { static var dataType: DataType { .uint8 } }
extension UInt16: NumpyInteger { static var dataType: DataType { .uint16 } }
extension UInt32: NumpyInteger { static var dataType: DataType { .uint32 } }
extension UInt64: NumpyInteger { static var dataType: DataType { .uint64 } }

// MARK: - float32 and float64

/// `Float` and `Double`, whose arithmetic is the hardware's.
protocol NumpyHardwareFloat: NumpyFloat, BinaryFloatingPoint where FloatPromotion == Self {}

extension NumpyHardwareFloat {
    init(castingSigned value: Int64) { self.init(value) }

    init(castingUnsigned value: UInt64) { self.init(value) }

    init(castingReal value: Double) { self.init(value) }

    func cast<T: NumpyNumber>(to type: T.Type) -> T {
        // A float widened and narrowed again may lose a signalling NaN's payload; numpy copies.
        if let same = self as? T { return same }
        return T(castingReal: Double(self))
    }

    func plus(_ other: Self) -> Self { self + other }

    func minus(_ other: Self) -> Self { self - other }

    func times(_ other: Self) -> Self { self * other }

    func divided(by other: Self) -> Self { self / other }

    var roundedToEven: Self { rounded(.toNearestOrEven) }
}

extension Float: NumpyHardwareFloat { static var dataType: DataType { .float32 } }
extension Double: NumpyHardwareFloat { static var dataType: DataType { .float64 } }

// MARK: - Type promotion

extension DataType {
    /// Whether numcodecs' numeric filters take this type: the integers and the real floats.
    var isNumpyNumber: Bool { isInteger || (isFloatingPoint && !isComplex) }

    /// The type numpy computes in when arrays of this type and `other` meet (`np.promote_types`),
    /// for two number types.
    func numpyPromoted(with other: DataType) -> DataType {
        if self == other { return self }
        if isFloatingPoint && other.isFloatingPoint { return itemSize >= other.itemSize ? self : other }
        if isFloatingPoint || other.isFloatingPoint {
            let (real, integer) = isFloatingPoint ? (self, other) : (other, self)
            // The smallest float holding every value of the integer type (float16 for one byte,
            // float32 for two, float64 beyond), unless the float is wider.
            let needed: DataType = integer.itemSize == 1 ? .float16 : integer.itemSize == 2 ? .float32 : .float64
            return real.itemSize >= needed.itemSize ? real : needed
        }
        let selfSigned = isSignedInteger, otherSigned = other.isSignedInteger
        if selfSigned == otherSigned { return itemSize >= other.itemSize ? self : other }
        let (signed, unsigned) = selfSigned ? (self, other) : (other, self)
        if signed.itemSize > unsigned.itemSize { return signed }
        // A signed type twice the unsigned one's width, or float64 above 32-bit unsigned.
        switch unsigned.itemSize {
        case 1: return .int16
        case 2: return .int32
        case 4: return .int64
        default: return .float64
        }
    }

    /// Whether the element is a signed integer.
    var isSignedInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: return true
        default: return false
        }
    }
}
