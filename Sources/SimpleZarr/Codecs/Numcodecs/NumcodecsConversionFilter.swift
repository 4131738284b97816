// What the numcodecs filters that map elements of a decoded type to an encoded one (Delta,
// FixedScaleOffset, Quantize, AsType) share: both types resolved for the array received
// and checked, a missing decoded type filled in when bound, the encoded representation with
// the fill value encoded like the elements, and the loops run for the pair of types. Each
// filter gives its types, any further check, and its encoding and decoding loops.

/// A numcodecs filter encoding elements of one number type into another.
protocol NumcodecsConversionFilter: ArrayToArrayCodec {
    associatedtype Encoder: NumpyNumberPairVisitor where Encoder.Result == NDArray
    associatedtype Decoder: NumpyNumberPairVisitor where Decoder.Result == NDArray

    /// The decoded and encoded types.
    var types: NumcodecsTypes { get set }
    /// Throws if the filter cannot convert between these types (beyond what `types` checks).
    /// None by default.
    func check(decoded: DataType, encoded: DataType) throws
    /// The loop encoding `array`, visited with the decoded, then the encoded type.
    func encoder(for array: NDArray) -> Encoder
    /// The loop decoding `array` into an array of `shape`, visited with the encoded, then the decoded type.
    func decoder(for array: NDArray, shape: [Int]) -> Decoder
}

extension NumcodecsConversionFilter {
    func check(decoded: DataType, encoded: DataType) throws {}

    /// The decoded and encoded types for a received array of `input`, checked.
    private func resolve(_ input: DataType) throws -> (decoded: DataType, encoded: DataType) {
        let resolved = try types.resolve(input)
        try check(decoded: resolved.decoded, encoded: resolved.encoded)
        return resolved
    }

    /// The configuration written to `zarr.json`: the type strings as given.
    public var configuration: JSONObject { types.configuration }

    /// This codec with a missing decoded type set to the array's data type.
    public func bound(to representation: ArrayRepresentation) throws -> Self {
        var copy = self
        copy.types = types.bound(to: representation.dataType)
        return copy
    }

    /// The same shape in the encoded type, with the fill value encoded like the elements.
    public func encodedRepresentation(of decoded: ArrayRepresentation) throws -> ArrayRepresentation {
        try elementwiseRepresentation(of: decoded, as: resolve(decoded.dataType).encoded, encode)
    }

    /// Encoding always builds a new array.
    public var encodeReturnsNewStorage: Bool { true }

    /// Encodes one chunk.
    public func encode(_ array: NDArray) throws -> NDArray {
        let (decoded, encoded) = try resolve(array.dtype)
        return try visitNumpyNumbers(decoded, encoded, encoder(for: array))
    }

    /// Decodes one chunk back to the `decoded` representation.
    public func decode(_ array: NDArray, to decoded: ArrayRepresentation) throws -> NDArray {
        let (decodedType, encodedType) = try resolve(decoded.dataType)
        try checkEncoded(array, codec: Self.name, dataType: encodedType, count: decoded.elementCount)
        return try visitNumpyNumbers(encodedType, decodedType, decoder(for: array, shape: decoded.shape))
    }
}
