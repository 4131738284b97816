// The `numcodecs.astype` codec (array -> array), numcodecs' AsType as zarr-python 3 writes
// it (v2 id "astype"): encoding casts each element from `decode_dtype` to `encode_dtype`,
// decoding casts back, both as numpy's `astype` does (see NumpyNumber.swift; float -> integer
// casts of values out of the target's range saturate here, where numpy's result depends on
// the platform). Casting to a narrower type loses what does not fit.

/// Stores the elements as another numeric type (numcodecs' AsType).
public struct AsTypeCodec: ArrayToArrayCodec {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.astype"
    /// numcodecs' id, as Zarr v2 filters name it.
    public static let aliases = ["astype"]

    private static let members = (decoded: "decode_dtype", encoded: "encode_dtype")
    private var types: NumcodecsTypes

    /// The stored element type.
    public let encodeDataType: DataType
    /// The array's element type; `nil`: whatever the array holds.
    public var decodeDataType: DataType? { types.decoded?.dataType }

    /// A codec storing elements of `decodeDataType` (`nil`: the array's type) as `encodeDataType`.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a type that is not an integer or float type.
    public init(encodeDataType: DataType, decodeDataType: DataType?) throws {
        types = try NumcodecsTypes(codec: Self.name, members: Self.members, decoded: decodeDataType, encoded: encodeDataType)
        self.encodeDataType = encodeDataType
    }

    /// Reads `{"encode_dtype": "<f4", "decode_dtype": "<f8"}`.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: [Self.members.decoded, Self.members.encoded])
        types = try NumcodecsTypes(codec: Self.name, members: Self.members, configuration: configuration)
        encodeDataType = try types.requiredEncoded()
    }

    /// The configuration written to `zarr.json`, type strings as given.
    public var configuration: JSONObject { types.configuration }

    /// This codec with a missing `decode_dtype` set to the array's data type.
    public func bound(to representation: ArrayRepresentation) throws -> AsTypeCodec {
        var copy = self
        copy.types = types.bound(to: representation.dataType)
        return copy
    }

    public func encodedRepresentation(of decoded: ArrayRepresentation) throws -> ArrayRepresentation {
        try elementwiseRepresentation(of: decoded, as: types.resolve(decoded.dataType).encoded, encode)
    }

    /// Casting always builds a new array.
    public var encodeReturnsNewStorage: Bool { true }

    public func encode(_ array: NDArray) throws -> NDArray {
        try numpyCast(array, to: types.resolve(array.dtype).encoded)
    }

    public func decode(_ array: NDArray, to decoded: ArrayRepresentation) throws -> NDArray {
        let (decodedType, _) = try types.resolve(encoded: array, decoded: decoded)
        return try numpyCast(array, to: decodedType, shape: decoded.shape)
    }
}
