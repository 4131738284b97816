// What `vlen-utf8`, `vlen-bytes` and zarrs' `vlen_v2` share: no configuration,
// the element types they take, and the length-prefixed chunk layout of
// `VariableLengthEncoding`. Text elements are checked to be UTF-8 when read.

import Foundation

/// An array -> bytes codec for variable-length data types, in numcodecs' VLen layout.
protocol VariableLengthCodec: ArrayToBytesCodec {
    /// The data types whose arrays the codec serialises.
    static var elementTypes: [DataType] { get }
    /// The codec (it has no settings).
    init()
}

extension VariableLengthCodec {
    public init(configuration: JSONObject) throws { self.init() }

    public var configuration: JSONObject { [:] }

    public func validate(_ decoded: ArrayRepresentation) throws {
        guard Self.elementTypes.contains(decoded.dataType) else {
            throw ZarrError.codec(
                "codec '\(Self.name)' serialises \(Self.elementTypes.map(\.name).joined(separator: " and ")) arrays, "
                    + "not \(decoded.dataType)")
        }
    }

    public func encode(_ array: NDArray) throws -> Data {
        try VariableLengthEncoding.encode(array, codec: Self.name)
    }

    public func decode(_ bytes: Data, to decoded: ArrayRepresentation) throws -> NDArray {
        try VariableLengthEncoding.decode(bytes, to: decoded, validatingUTF8: decoded.dataType == .string, codec: Self.name)
    }
}
