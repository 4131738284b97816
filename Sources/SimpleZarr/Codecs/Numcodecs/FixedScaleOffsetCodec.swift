// The `numcodecs.fixedscaleoffset` codec (array -> array), numcodecs' FixedScaleOffset as
// zarr-python 3 writes it (v2 id "fixedscaleoffset"): encoding stores
// `round((x - offset) * scale)` cast to `astype`, decoding gives `x / scale + offset` cast to
// `dtype`. The arithmetic is numpy's with Python numbers (see NumcodecsConfiguration.swift):
// on a float `dtype` every step runs in that type; on an integer `dtype` a Python-int offset
// subtracts in the integer type (wrapping) and a Python-float one in float64, and the scale
// multiplies likewise. Rounding is to nearest, ties to even (`np.around`). Decoding divides
// in `astype` if that is a float type, else in float64.

/// Stores `round((x - offset) * scale)`, typically as a small integer type (numcodecs' FixedScaleOffset).
public struct FixedScaleOffsetCodec: NumcodecsConversionFilter {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.fixedscaleoffset"
    /// numcodecs' id, as Zarr v2 filters name it.
    public static let aliases = ["fixedscaleoffset"]

    private static let members = (decoded: "dtype", encoded: "astype")
    var types: NumcodecsTypes
    private let offsetNumber: PythonNumber
    private let scaleNumber: PythonNumber

    /// The value subtracted before scaling.
    public var offset: Double { offsetNumber.doubleValue }
    /// The factor applied after subtracting the offset.
    public var scale: Double { scaleNumber.doubleValue }

    /// A codec storing `round((x - offset) * scale)` of elements of `dtype` (`nil`: the array's
    /// type) as `astype` (`nil`: the decoded type). `offset` and `scale` are written as floats.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a scale of 0, a number that is not finite, or
    ///   a type that is not an integer or float type.
    public init(offset: Double, scale: Double, dtype: DataType? = nil, astype: DataType? = nil) throws {
        do {
            try self.init(
                types: NumcodecsTypes(codec: Self.name, members: Self.members, decoded: dtype, encoded: astype),
                configuration: ["offset": .double(offset), "scale": .double(scale)])
        } catch let error as ZarrError {
            throw ZarrError.invalidArgument(error.details)
        }
    }

    /// Reads `{"offset": 1000, "scale": 10, "dtype": "<f8", "astype": "<u2"}` (`dtype` and
    /// `astype` optional). Integer and float numbers keep numpy's different arithmetic.
    public init(configuration: JSONObject) throws {
        try self.init(
            types: NumcodecsTypes(codec: Self.name, members: Self.members, configuration: configuration, others: ["offset", "scale"]),
            configuration: configuration)
    }

    private init(types: NumcodecsTypes, configuration: JSONObject) throws {
        self.types = types
        offsetNumber = try PythonNumber.read("offset", of: Self.name, from: configuration)
        scaleNumber = try PythonNumber.read("scale", of: Self.name, from: configuration)
        guard scaleNumber.doubleValue != 0 else {
            throw ZarrError.invalidMetadata("codec '\(Self.name)': scale must be a finite number other than 0, got \(scaleNumber.json.jsonText)")
        }
        if let decoded = types.decoded { try checkIntegerArithmetic(decoded.dataType) }
    }

    /// The configuration written to `zarr.json`: the numbers and type strings as given.
    public var configuration: JSONObject {
        var members: JSONObject = ["offset": offsetNumber.json, "scale": scaleNumber.json]
        for (key, value) in types.configuration { members[key] = value }
        return members
    }

    /// Throws for a Python int that numpy refuses to compute with in an integer `dataType`.
    private func checkIntegerArithmetic(_ dataType: DataType) throws {
        guard dataType.isInteger, offsetNumber.isInteger else { return }
        for (member, number) in [("offset", offsetNumber), ("scale", scaleNumber)] where !number.fits(integerType: dataType) {
            throw ZarrError.invalidMetadata(
                "codec '\(Self.name)': \(member) \(number.json.jsonText) is outside the range of dtype \(dataType), which numpy computes in")
        }
    }

    /// numpy refuses a Python int outside the range of the integer type it computes in.
    func check(decoded: DataType, encoded: DataType) throws {
        try checkIntegerArithmetic(decoded)
    }

    func encoder(for array: NDArray) -> FixedScaleOffsetEncoder {
        FixedScaleOffsetEncoder(array: array, offset: offsetNumber, scale: scaleNumber)
    }

    func decoder(for array: NDArray, shape: [Int]) -> FixedScaleOffsetDecoder {
        FixedScaleOffsetDecoder(array: array, shape: shape, offset: offsetNumber, scale: scaleNumber)
    }
}

/// `round((x - offset) * scale)` of `array`'s elements (`D`) as `E`s.
struct FixedScaleOffsetEncoder: NumpyNumberPairVisitor {
    let array: NDArray
    let offset: PythonNumber
    let scale: PythonNumber

    func visit<D: NumpyNumber, E: NumpyNumber>(_ decoded: D.Type, _ encoded: E.Type) throws -> NDArray {
        // The type of `x - offset`, then of `* scale`: the same as before for a Python int (or
        // a float array), float64 for a Python float meeting an integer array.
        if !offset.isInteger { return try run(D.self, D.FloatPromotion.self, D.FloatPromotion.self, E.self) }
        if !scale.isInteger { return try run(D.self, D.self, D.FloatPromotion.self, E.self) }
        return try run(D.self, D.self, D.self, E.self)
    }

    private func run<D: NumpyNumber, Difference: NumpyNumber, Product: NumpyNumber, E: NumpyNumber>(
        _ decoded: D.Type, _ difference: Difference.Type, _ product: Product.Type, _ encoded: E.Type
    ) throws -> NDArray {
        let offset = self.offset.converted(to: Difference.self)
        let scale = self.scale.converted(to: Product.self)
        return try mapNumpyNumbers(array, from: D.self, to: E.self) { input, output in
            for i in input.indices {
                let shifted = input[i].cast(to: Difference.self).minus(offset)
                output[i] = shifted.cast(to: Product.self).times(scale).roundedToEven.cast(to: E.self)
            }
        }
    }
}

/// `x / scale + offset` of `array`'s elements (`E`, computed in its float promotion) as `D`s.
struct FixedScaleOffsetDecoder: NumpyNumberPairVisitor {
    let array: NDArray
    let shape: [Int]
    let offset: PythonNumber
    let scale: PythonNumber

    func visit<E: NumpyNumber, D: NumpyNumber>(_ encoded: E.Type, _ decoded: D.Type) throws -> NDArray {
        typealias Real = E.FloatPromotion
        let offset = self.offset.converted(to: Real.self)
        let scale = self.scale.converted(to: Real.self)
        return try mapNumpyNumbers(array, from: E.self, to: D.self, shape: shape) { input, output in
            for i in input.indices {
                output[i] = input[i].cast(to: Real.self).divided(by: scale).plus(offset).cast(to: D.self)
            }
        }
    }
}
