// The `numcodecs.quantize` codec (array -> array), numcodecs' Quantize as zarr-python 3
// writes it (v2 id "quantize"): floats are rounded to a binary step small enough for
// `digits` decimal digits, `round(x * 2^bits) / 2^bits` computed in `dtype`, then cast to
// `astype`. `bits` follows numcodecs' formula: precision = 10^-digits, its decimal exponent
// rounded away from zero, bits = ceil(log2(10^-exponent)). Decoding only casts back to
// `dtype`. Both types must be float types, as numcodecs requires.

import Foundation

/// Rounds floats to a power-of-two step of about `digits` decimal digits (numcodecs' Quantize).
public struct QuantizeCodec: NumcodecsConversionFilter {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.quantize"
    /// numcodecs' id, as Zarr v2 filters name it.
    public static let aliases = ["quantize"]

    private static let members = (decoded: "dtype", encoded: "astype")
    var types: NumcodecsTypes
    /// The power of two that values are multiplied by before rounding.
    private let scale: Double

    /// The decimal digits kept after the point.
    public let digits: Int

    /// A codec keeping `digits` decimal digits of floats of `dtype` (`nil`: the array's type),
    /// stored as `astype` (`nil`: the decoded type).
    ///
    /// - Throws: `ZarrError.invalidArgument` for a type that is not a float type, or `digits`
    ///   for which numcodecs' step is not a finite positive number.
    public init(digits: Int, dtype: DataType? = nil, astype: DataType? = nil) throws {
        do {
            try self.init(
                types: NumcodecsTypes(codec: Self.name, members: Self.members, decoded: dtype, encoded: astype),
                digits: .int(Int64(digits)))
        } catch let error as ZarrError {
            throw ZarrError.invalidArgument(error.details)
        }
    }

    /// Reads `{"digits": 3, "dtype": "<f8", "astype": "<f4"}` (`dtype` and `astype` optional).
    public init(configuration: JSONObject) throws {
        let types = try NumcodecsTypes(codec: Self.name, members: Self.members, configuration: configuration, others: ["digits"])
        guard let digits = configuration["digits"] else {
            throw ZarrError.invalidMetadata("codec '\(Self.name)': configuration needs 'digits'")
        }
        try self.init(types: types, digits: digits)
    }

    private init(types: NumcodecsTypes, digits value: JSONValue) throws {
        // Beyond ±400 digits numcodecs' powers of ten overflow or vanish.
        guard let digits = value.intValue, (-400...400).contains(digits), let scale = Self.scale(digits: digits) else {
            throw ZarrError.invalidMetadata(
                "codec '\(Self.name)': digits must be an integer giving a finite, non-zero step, got \(value.jsonText.prefix(60))")
        }
        for (member, type) in [(types.decodedMember, types.decoded), (types.encodedMember, types.encoded)] {
            if let type, !type.dataType.isFloatingPoint {
                throw ZarrError.invalidMetadata("codec '\(Self.name)': \(member) must be a float type, got '\(type.text)'")
            }
        }
        self.types = types
        self.digits = digits
        self.scale = scale
    }

    /// numcodecs' power of two for `digits`, or `nil` where it is not a finite positive number.
    private static func scale(digits: Int) -> Double? {
        let precision = pow(10.0, -Double(digits))
        guard precision.isFinite, precision > 0 else { return nil }
        let exponent = log10(precision)
        let decimalExponent = exponent < 0 ? exponent.rounded(.down) : exponent.rounded(.up)
        let scale = pow(2.0, log2(pow(10.0, -decimalExponent)).rounded(.up))
        return scale.isFinite && scale > 0 ? scale : nil
    }

    /// The configuration written to `zarr.json`: digits and type strings as given.
    public var configuration: JSONObject {
        var members: JSONObject = ["digits": JSONValue(digits)]
        for (key, value) in types.configuration { members[key] = value }
        return members
    }

    /// Only float arrays are quantized.
    func check(decoded: DataType, encoded: DataType) throws {
        guard decoded.isFloatingPoint, !decoded.isComplex else {
            throw ZarrError.codec("codec '\(Self.name)': only float types are supported, but the array it receives is \(decoded)")
        }
    }

    func encoder(for array: NDArray) -> QuantizeEncoder { QuantizeEncoder(array: array, scale: scale) }

    func decoder(for array: NDArray, shape: [Int]) -> NumpyCaster { NumpyCaster(source: array, shape: shape) }
}

/// `round(x * scale) / scale` of `array`'s elements (`D`, a float type) as `E`s.
struct QuantizeEncoder: NumpyNumberPairVisitor {
    let array: NDArray
    let scale: Double

    func visit<D: NumpyNumber, E: NumpyNumber>(_ decoded: D.Type, _ encoded: E.Type) throws -> NDArray {
        // For the float types `D` accepts, this is `D` itself.
        typealias Real = D.FloatPromotion
        let scale = Real(castingReal: self.scale)
        return try mapNumpyNumbers(array, from: D.self, to: E.self) { input, output in
            for i in input.indices {
                output[i] = scale.times(input[i].cast(to: Real.self)).roundedToEven.divided(by: scale).cast(to: E.self)
            }
        }
    }
}
