// The `numcodecs.packbits` codec (array -> array), numcodecs' PackBits as zarr-python 3
// writes it (v2 id "packbits"): a chunk of booleans, flattened in C order, becomes a 1-d
// uint8 array of 1 + ceil(n / 8) bytes. The first byte is the number of padding bits in
// the last byte (0...7); then eight booleans a byte, the first in the most significant bit
// (numpy's `packbits`), the padding bits zero.

/// Packs booleans eight to a byte (numcodecs' PackBits).
public struct PackBitsCodec: ArrayToArrayCodec {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.packbits"
    /// numcodecs' id, as Zarr v2 filters name it.
    public static let aliases = ["packbits"]

    /// The codec (it has no parameters).
    public init() {}

    /// Reads the empty configuration.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: [])
    }

    /// The configuration written to `zarr.json`: empty.
    public var configuration: JSONObject { [:] }

    /// The padding bits after `count` booleans, and the bytes that hold them with the padding count.
    private static func layout(of count: Int) -> (padding: Int, bytes: Int) {
        let partial = count % 8
        return (partial == 0 ? 0 : 8 - partial, 1 + count / 8 + (partial == 0 ? 0 : 1))
    }

    /// Throws unless `dataType` is bool.
    private func checkBoolean(_ dataType: DataType) throws {
        guard dataType == .bool else {
            throw ZarrError.codec("codec '\(Self.name)': only bool arrays can be packed, not \(dataType)")
        }
    }

    /// A 1-d uint8 array of 1 + ceil(n / 8) bytes, fill value 0.
    public func encodedRepresentation(of decoded: ArrayRepresentation) throws -> ArrayRepresentation {
        try checkBoolean(decoded.dataType)
        return ArrayRepresentation(
            shape: [Self.layout(of: decoded.elementCount).bytes], dataType: .uint8, fillValue: .zero(.uint8))
    }

    /// Packing always builds a new array.
    public var encodeReturnsNewStorage: Bool { true }

    /// Packs one chunk of booleans.
    public func encode(_ array: NDArray) throws -> NDArray {
        try checkBoolean(array.dtype)
        let (padding, byteCount) = Self.layout(of: array.count)
        let result = try NDArray(uninitialized: .uint8, shape: [byteCount])
        let output = result.unsafeMutableBytesOfNewArray
        array.withUnsafeBytes { input in
            assert(output.count == 1 + (input.count + 7) / 8)
            output[0] = UInt8(padding)
            for byte in 0..<(byteCount - 1) {
                let start = byte * 8
                var packed: UInt8 = 0
                for bit in 0..<min(8, input.count - start) where input[start + bit] != 0 {
                    packed |= 0x80 >> UInt8(bit)
                }
                output[1 + byte] = packed
            }
        }
        return result
    }

    /// Unpacks one chunk, checking its length and padding count.
    public func decode(_ array: NDArray, to decoded: ArrayRepresentation) throws -> NDArray {
        try checkBoolean(decoded.dataType)
        let count = decoded.elementCount
        let (padding, byteCount) = Self.layout(of: count)
        try checkEncoded(array, codec: Self.name, dataType: .uint8, count: byteCount)
        let result = try NDArray(uninitialized: .bool, shape: decoded.shape)
        let output = result.unsafeMutableBytesOfNewArray
        try array.withUnsafeBytes { input in
            guard input[0] == padding else {
                throw ZarrError.codec(
                    "codec '\(Self.name)': the chunk says \(input[0]) padding bits, but \(count) booleans leave \(padding)")
            }
            assert(input.count == byteCount && output.count == count)
            for i in 0..<count {
                output[i] = (input[1 + i / 8] >> UInt8(7 - i % 8)) & 1
            }
        }
        return result
    }
}
