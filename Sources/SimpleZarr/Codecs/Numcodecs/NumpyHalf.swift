// IEEE half precision (binary16) as numpy computes with it: each operation converts its
// operands to float32 exactly, computes there and rounds the result back to the nearest
// half (ties to even). Written on the bit pattern because Swift's `Float16` is missing on
// some platforms. Widening is exact and keeps NaN signs and payloads, as numpy's is;
// narrowing keeps a NaN's sign and top payload bits and makes it quiet.

/// A float16 element: its bit pattern, with numpy's arithmetic.
struct NumpyHalf: NumpyFloat {
    typealias FloatPromotion = NumpyHalf

    /// The IEEE binary16 bits.
    var bits: UInt16

    static var dataType: DataType { .float16 }

    init(bits: UInt16) { self.bits = bits }

    init(castingSigned value: Int64) { bits = float16Bits(Double(value)) }

    init(castingUnsigned value: UInt64) { bits = float16Bits(Double(value)) }

    init(castingReal value: Double) { bits = float16Bits(value) }

    /// The exact value as a double, NaN payloads and signs included.
    var doubleValue: Double {
        let sign: UInt64 = UInt64(bits & 0x8000) << 48
        let exponent = UInt64((bits >> 10) & 0x1F)
        let mantissa = UInt64(bits & 0x3FF)
        switch exponent {
        case 0x1F:  // infinities and NaNs: the mantissa moves to the top of the double's
            return Double(bitPattern: sign | 0x7FF0_0000_0000_0000 | mantissa << 42)
        case 0:  // zeros and subnormals: mantissa * 2^-24, exact
            let magnitude = Double(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        default:  // normal numbers: rebias the exponent from 15 to 1023
            return Double(bitPattern: sign | (exponent + 1008) << 52 | mantissa << 42)
        }
    }

    private var floatValue: Float { Float(doubleValue) }

    /// The half nearest to a float32 result.
    private init(rounding value: Float) { bits = float16Bits(Double(value)) }

    func cast<T: NumpyNumber>(to type: T.Type) -> T {
        if let same = self as? T { return same }
        return T(castingReal: doubleValue)
    }

    func plus(_ other: NumpyHalf) -> NumpyHalf { NumpyHalf(rounding: floatValue + other.floatValue) }

    func minus(_ other: NumpyHalf) -> NumpyHalf { NumpyHalf(rounding: floatValue - other.floatValue) }

    func times(_ other: NumpyHalf) -> NumpyHalf { NumpyHalf(rounding: floatValue * other.floatValue) }

    func divided(by other: NumpyHalf) -> NumpyHalf { NumpyHalf(rounding: floatValue / other.floatValue) }

    var roundedToEven: NumpyHalf { NumpyHalf(rounding: floatValue.rounded(.toNearestOrEven)) }
}
