// numpy's `astype` between its numeric types, one element at a time (numpy's
// "unsafe" casting, which `astype` uses by default):
// - integers to integers keep the low bits (wrap around at the target's width);
// - integers and floats to floats round to the nearest value, ties to even, and
//   overflow to an infinity;
// - floats to integers truncate towards zero. numpy leaves NaN, the infinities and
//   values beyond the target's range to the platform (x86-64 gives the minimum or
//   wrapped values, arm64 mostly saturates) and warns "invalid value encountered
//   in cast"; here such values saturate at the target's minimum or maximum, and NaN
//   becomes 0, on every platform;
// - to bool: whether the value is not zero (NaN is true; a complex number is true
//   when either part is not zero); from bool: 0 or 1;
// - complex to real drops the imaginary part (numpy warns, ComplexWarning); real to
//   complex has an imaginary part of 0.
// Every source type reaches the target through the exact 64-bit value of its kind
// (Int64, UInt64, Double, or a pair of Doubles), so each cast rounds once.

/// A numeric element type with numpy's casts to and from every other one.
protocol NumpyCastable: Sendable {
    /// The data type of the elements.
    static var dataType: DataType { get }
    /// A signed integer cast to this type.
    init(castingSigned value: Int64)
    /// An unsigned integer cast to this type.
    init(castingUnsigned value: UInt64)
    /// A real number cast to this type.
    init(castingReal value: Double)
    /// A complex number cast to this type.
    init(castingComplex real: Double, _ imaginary: Double)
    /// This value cast to `T` as numpy's `astype` does (a cast to the same type keeps the bits).
    func cast<T: NumpyCastable>(to type: T.Type) -> T
}

// MARK: - Integers

/// The integer types.
protocol NumpyCastableInteger: NumpyCastable, FixedWidthInteger {}

extension NumpyCastableInteger {
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

    init(castingComplex real: Double, _ imaginary: Double) { self.init(castingReal: real) }

    func cast<T: NumpyCastable>(to type: T.Type) -> T {
        Self.isSigned ? T(castingSigned: Int64(truncatingIfNeeded: self)) : T(castingUnsigned: UInt64(truncatingIfNeeded: self))
    }
}

extension Int8: NumpyCastableInteger { static var dataType: DataType { .int8 } }
extension Int16: NumpyCastableInteger { static var dataType: DataType { .int16 } }
extension Int32: NumpyCastableInteger { static var dataType: DataType { .int32 } }
extension Int64: NumpyCastableInteger { static var dataType: DataType { .int64 } }
extension UInt8: NumpyCastableInteger { static var dataType: DataType { .uint8 } }
extension UInt16: NumpyCastableInteger { static var dataType: DataType { .uint16 } }
extension UInt32: NumpyCastableInteger { static var dataType: DataType { .uint32 } }
extension UInt64: NumpyCastableInteger { static var dataType: DataType { .uint64 } }

// MARK: - float32 and float64

/// `Float` and `Double`, converted by the hardware.
protocol NumpyCastableFloat: NumpyCastable, BinaryFloatingPoint {}

extension NumpyCastableFloat {
    init(castingSigned value: Int64) { self.init(value) }

    init(castingUnsigned value: UInt64) { self.init(value) }

    init(castingReal value: Double) { self.init(value) }

    init(castingComplex real: Double, _ imaginary: Double) { self.init(real) }

    func cast<T: NumpyCastable>(to type: T.Type) -> T {
        // A float widened and narrowed again may lose a signalling NaN's payload; numpy copies.
        if let same = self as? T { return same }
        return T(castingReal: Double(self))
    }
}

extension Float: NumpyCastableFloat { static var dataType: DataType { .float32 } }
extension Double: NumpyCastableFloat { static var dataType: DataType { .float64 } }

// MARK: - bool and complex

extension Bool: NumpyCastable {
    static var dataType: DataType { .bool }

    init(castingSigned value: Int64) { self = value != 0 }

    init(castingUnsigned value: UInt64) { self = value != 0 }

    /// NaN is not zero, so it is true (as in numpy).
    init(castingReal value: Double) { self = value != 0 }

    init(castingComplex real: Double, _ imaginary: Double) { self = real != 0 || imaginary != 0 }

    func cast<T: NumpyCastable>(to type: T.Type) -> T { T(castingUnsigned: self ? 1 : 0) }
}

extension Complex: NumpyCastable where RealType: NumpyCastableFloat & ZarrComplexComponent {
    static var dataType: DataType { RealType.complexDataType }

    init(castingSigned value: Int64) { self.init(RealType(castingSigned: value)) }

    init(castingUnsigned value: UInt64) { self.init(RealType(castingUnsigned: value)) }

    init(castingReal value: Double) { self.init(RealType(castingReal: value)) }

    init(castingComplex real: Double, _ imaginary: Double) {
        self.init(RealType(castingReal: real), RealType(castingReal: imaginary))
    }

    func cast<T: NumpyCastable>(to type: T.Type) -> T {
        if let same = self as? T { return same }
        return T(castingComplex: Double(real), Double(imaginary))
    }
}
