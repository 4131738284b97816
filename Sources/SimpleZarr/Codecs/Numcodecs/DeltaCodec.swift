// The `numcodecs.delta` codec (array -> array), numcodecs' Delta as zarr-python 3 writes it
// (v2 id "delta"): the chunk's elements, flattened in C order, are stored as the first
// element followed by the difference of each element from the one before, computed in
// `dtype` (integers wrap around) and cast to `astype`. Decoding is numpy's running sum
// (`cumsum`) into an array of `dtype`: it adds in the type numpy promotes `dtype` and
// `astype` to (for two integer types the sum wraps the same in `dtype` itself), casting
// each running total to `dtype`.

/// Stores each element as its difference from the previous one (numcodecs' Delta).
public struct DeltaCodec: NumcodecsConversionFilter {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.delta"
    /// numcodecs' id, as Zarr v2 filters name it.
    public static let aliases = ["delta"]

    private static let members = (decoded: "dtype", encoded: "astype")
    var types: NumcodecsTypes

    /// The array's element type.
    public let dataType: DataType
    /// The stored element type (by default `dataType`).
    public var encodedDataType: DataType { types.encoded?.dataType ?? dataType }

    /// A codec for arrays of `dtype` storing the differences as `astype` (`nil`: `dtype`).
    ///
    /// - Throws: `ZarrError.invalidArgument` for a type that is not an integer or float type.
    public init(dtype: DataType, astype: DataType? = nil) throws {
        types = try NumcodecsTypes(codec: Self.name, members: Self.members, decoded: dtype, encoded: astype)
        dataType = dtype
    }

    /// Reads `{"dtype": "<i4", "astype": "<i2"}` (`astype` optional).
    public init(configuration: JSONObject) throws {
        types = try NumcodecsTypes(codec: Self.name, members: Self.members, configuration: configuration)
        dataType = try types.requiredDecoded()
    }

    func encoder(for array: NDArray) -> DeltaEncoder { DeltaEncoder(array: array) }

    func decoder(for array: NDArray, shape: [Int]) -> DeltaDecoder { DeltaDecoder(array: array, shape: shape) }
}

/// The differences of `array`'s elements (`D`) as `E`s.
struct DeltaEncoder: NumpyNumberPairVisitor {
    let array: NDArray

    func visit<D: NumpyNumber, E: NumpyNumber>(_ decoded: D.Type, _ encoded: E.Type) throws -> NDArray {
        try mapNumpyNumbers(array, from: D.self, to: E.self) { input, output in
            guard var previous = input.first else { return }
            output[0] = previous.cast(to: E.self)
            for i in input.indices.dropFirst() {
                let value = input[i]
                output[i] = value.minus(previous).cast(to: E.self)
                previous = value
            }
        }
    }
}

/// The running sums of `array`'s differences (`E`) as `D`s, in an array of `shape`.
struct DeltaDecoder: NumpyNumberPairVisitor {
    let array: NDArray
    let shape: [Int]

    func visit<E: NumpyNumber, D: NumpyNumber>(_ encoded: E.Type, _ decoded: D.Type) throws -> NDArray {
        let sumType = D.dataType.numpyPromoted(with: E.dataType)
        if !sumType.isFloatingPoint || sumType == D.dataType { return try sum(E.self, in: D.self, to: D.self) }
        if sumType == E.dataType { return try sum(E.self, in: E.self, to: D.self) }
        return try sumType == .float32 ? sum(E.self, in: Float.self, to: D.self) : sum(E.self, in: Double.self, to: D.self)
    }

    /// numpy's `cumsum` of `E`s adding in `L` into `D`s.
    private func sum<E: NumpyNumber, L: NumpyNumber, D: NumpyNumber>(
        _ encoded: E.Type, in sumType: L.Type, to decoded: D.Type
    ) throws -> NDArray {
        try mapNumpyNumbers(array, from: E.self, to: D.self, shape: shape) { input, output in
            guard let first = input.first else { return }
            var total = first.cast(to: L.self)
            output[0] = total.cast(to: D.self)
            for i in input.indices.dropFirst() {
                total = total.plus(input[i].cast(to: L.self))
                output[i] = total.cast(to: D.self)
            }
        }
    }
}
