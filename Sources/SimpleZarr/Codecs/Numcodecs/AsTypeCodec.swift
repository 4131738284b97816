// The `numcodecs.astype` codec (array -> array), numcodecs' AsType as zarr-python 3 writes
// it (v2 id "astype"): encoding casts each element from `decode_dtype` to `encode_dtype`,
// decoding casts back, both as numpy's `astype` does (see NumpyNumber.swift; float -> integer
// casts of values out of the target's range saturate here, where numpy's result depends on
// the platform). Casting to a narrower type loses what does not fit.

/// Stores the elements as another numeric type (numcodecs' AsType).
public struct AsTypeCodec: NumcodecsConversionFilter {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.astype"
    /// numcodecs' id, as Zarr v2 filters name it.
    public static let aliases = ["astype"]

    private static let members = (decoded: "decode_dtype", encoded: "encode_dtype")
    var types: NumcodecsTypes

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
        types = try NumcodecsTypes(codec: Self.name, members: Self.members, configuration: configuration)
        encodeDataType = try types.requiredEncoded()
    }

    func encoder(for array: NDArray) -> NumpyCaster { NumpyCaster(source: array) }

    func decoder(for array: NDArray, shape: [Int]) -> NumpyCaster { NumpyCaster(source: array, shape: shape) }
}
