// What `vlen-utf8` and `vlen-bytes` share: no configuration, one element type
// each, and the length-prefixed chunk layout of `VariableLengthEncoding`.

import Foundation

/// An array -> bytes codec for one variable-length data type, in numcodecs' VLen layout.
protocol VariableLengthCodec: ArrayToBytesCodec {
    /// The data type whose arrays the codec serialises.
    static var elementType: DataType { get }
    /// Whether decoding checks that every element is UTF-8.
    static var validatesUTF8: Bool { get }
    /// The codec (it has no settings).
    init()
}

extension VariableLengthCodec {
    public init(configuration: JSONObject) throws { self.init() }

    public var configuration: JSONObject { [:] }

    public func validate(_ decoded: ArrayRepresentation) throws {
        guard decoded.dataType == Self.elementType else {
            throw ZarrError.codec("codec '\(Self.name)' serialises \(Self.elementType) arrays, not \(decoded.dataType)")
        }
    }

    public func encode(_ array: NDArray) throws -> Data {
        try VariableLengthEncoding.encode(array, codec: Self.name)
    }

    public func decode(_ bytes: Data, to decoded: ArrayRepresentation) throws -> NDArray {
        try VariableLengthEncoding.decode(bytes, to: decoded, validatingUTF8: Self.validatesUTF8, codec: Self.name)
    }
}
