// A minimal complex number, laid out as two consecutive reals (real first),
// which is the in-memory and on-disk layout of Zarr's complex64/complex128.

/// A complex number with `real` and `imaginary` parts of type `RealType`.
///
/// `Complex<Float>` is the element type of `complex64` arrays and
/// `Complex<Double>` that of `complex128`.
@frozen
public struct Complex<RealType: BinaryFloatingPoint & Sendable>: Sendable, Hashable, CustomStringConvertible {
    /// The real part.
    public var real: RealType
    /// The imaginary part.
    public var imaginary: RealType

    /// Creates `real + imaginary·i`.
    public init(_ real: RealType, _ imaginary: RealType = 0) {
        self.real = real
        self.imaginary = imaginary
    }

    /// Prints like Python's complex repr: `(1.0+2.0j)`.
    public var description: String {
        let sign = imaginary.sign == .minus ? "-" : "+"
        return "(\(real)\(sign)\(imaginary.magnitude)j)"
    }
}
