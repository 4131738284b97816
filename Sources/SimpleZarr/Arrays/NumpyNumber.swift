// numpy's arithmetic on its integer and real float types, as numcodecs' filters rely on
// it: integer arithmetic wraps around at the type's width; float arithmetic is IEEE in the
// type's own precision (float16 is computed in float32 and rounded back after every
// operation, as numpy's half loops do). The casts between the types are numpy's `astype`
// (NumpyCast.swift). Also numpy's rule for the type two number types compute in together
// (`np.promote_types`).

// MARK: - The protocols

/// One of numpy's integer and real float types with numpy's arithmetic, for the numcodecs filters.
protocol NumpyNumber: NumpyCastable {
    /// The type numpy computes in when an array of this type meets a Python float or is
    /// divided with `/`: float64 for integers, the type itself for floats.
    associatedtype FloatPromotion: NumpyFloat
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
protocol NumpyInteger: NumpyNumber, NumpyCastableInteger where FloatPromotion == Double {}

extension NumpyInteger {
    func plus(_ other: Self) -> Self { self &+ other }

    func minus(_ other: Self) -> Self { self &- other }

    func times(_ other: Self) -> Self { self &* other }

    var roundedToEven: Self { self }
}

extension Int8: NumpyInteger {}
extension Int16: NumpyInteger {}
extension Int32: NumpyInteger {}
extension Int64: NumpyInteger {}
extension UInt8: NumpyInteger {}
extension UInt16: NumpyInteger {}
extension UInt32: NumpyInteger {}
extension UInt64: NumpyInteger {}

// MARK: - float32 and float64

/// `Float` and `Double`, whose arithmetic is the hardware's.
protocol NumpyHardwareFloat: NumpyFloat, NumpyCastableFloat where FloatPromotion == Self {}

extension NumpyHardwareFloat {
    func plus(_ other: Self) -> Self { self + other }

    func minus(_ other: Self) -> Self { self - other }

    func times(_ other: Self) -> Self { self * other }

    func divided(by other: Self) -> Self { self / other }

    var roundedToEven: Self { rounded(.toNearestOrEven) }
}

extension Float: NumpyHardwareFloat {}
extension Double: NumpyHardwareFloat {}

// MARK: - float16

extension NumpyHalf: NumpyFloat {
    typealias FloatPromotion = NumpyHalf

    private var floatValue: Float { Float(doubleValue) }

    /// The half nearest to a float32 result.
    private init(rounding value: Float) { self.init(bits: float16Bits(Double(value))) }

    func plus(_ other: NumpyHalf) -> NumpyHalf { NumpyHalf(rounding: floatValue + other.floatValue) }

    func minus(_ other: NumpyHalf) -> NumpyHalf { NumpyHalf(rounding: floatValue - other.floatValue) }

    func times(_ other: NumpyHalf) -> NumpyHalf { NumpyHalf(rounding: floatValue * other.floatValue) }

    func divided(by other: NumpyHalf) -> NumpyHalf { NumpyHalf(rounding: floatValue / other.floatValue) }

    var roundedToEven: NumpyHalf { NumpyHalf(rounding: floatValue.rounded(.toNearestOrEven)) }
}

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
