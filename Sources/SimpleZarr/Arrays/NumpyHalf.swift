// IEEE half precision (binary16) as numpy holds it: a bit pattern, widened to a
// double exactly (NaN signs and payloads kept, as numpy's conversion keeps them)
// and narrowed by rounding to the nearest half, ties to even. Written on the bits
// because Swift's `Float16` is missing on some platforms. numpy's arithmetic on
// halves (for the numcodecs filters) is in Codecs/Numcodecs/NumpyNumber.swift.

/// A float16 element: its bit pattern, with numpy's casts.
struct NumpyHalf: NumpyCastable {
    /// The IEEE binary16 bits.
    var bits: UInt16

    static var dataType: DataType { .float16 }

    init(bits: UInt16) { self.bits = bits }

    init(castingSigned value: Int64) { bits = float16Bits(Double(value)) }

    init(castingUnsigned value: UInt64) { bits = float16Bits(Double(value)) }

    init(castingReal value: Double) { bits = float16Bits(value) }

    init(castingComplex real: Double, _ imaginary: Double) { bits = float16Bits(real) }

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

    func cast<T: NumpyCastable>(to type: T.Type) -> T {
        if let same = self as? T { return same }
        return T(castingReal: doubleValue)
    }
}
