// The `bytes` codec (array -> bytes):
// https://zarr-specs.readthedocs.io/en/latest/v3/codecs/bytes/index.html
// Elements are laid out in C order, each in the configured byte order;
// `endian` is required when an element has more than one byte.

import Foundation

/// Serialises a chunk's elements in C order, little- or big-endian.
public struct BytesCodec: ArrayToBytesCodec {
    /// Byte order of multi-byte elements.
    public typealias Endian = Endianness

    public static let name = "bytes"

    /// The byte order; `nil` when the metadata gives none (allowed for 1-byte types), read as little.
    public let endian: Endian?

    /// A codec writing the given byte order.
    public init(endian: Endian = .little) {
        self.endian = endian
    }

    public init(configuration: JSONObject) throws {
        guard let value = configuration["endian"], !value.isNull else {
            endian = nil
            return
        }
        guard let text = value.stringValue, let parsed = Endian(rawValue: text) else {
            throw ZarrError.invalidMetadata("codec 'bytes': endian must be \"little\" or \"big\", got \(value.jsonText)")
        }
        endian = parsed
    }

    public var configuration: JSONObject {
        guard let endian else { return [:] }
        return ["endian": .string(endian.rawValue)]
    }

    /// Whether stored bytes need reversing for this machine (always little-endian in practice).
    func swaps(_ dataType: DataType) -> Bool {
        return (endian ?? .native) != .native && dataType.byteSwapUnit > 1
    }

    /// Refuses the variable-length types, whose elements have no fixed bytes (they take
    /// `vlen-utf8` or `vlen-bytes`).
    public func validate(_ decoded: ArrayRepresentation) throws {
        guard !decoded.dataType.isVariableLength else {
            throw ZarrError.codec(
                "codec 'bytes' cannot serialise \(decoded.dataType) elements (use 'vlen-utf8' or 'vlen-bytes')")
        }
    }

    /// Always the chunk's byte count: `bytes` neither adds nor removes anything.
    public func encodedByteCount(of decoded: ArrayRepresentation) -> Int? { decoded.checkedByteCount }

    /// True when no byte swap is needed for the data type on this machine.
    public func keepsMemoryLayout(of decoded: ArrayRepresentation) -> Bool { !swaps(decoded.dataType) }

    public func encode(_ array: NDArray) throws -> Data {
        guard swaps(array.dtype) else {
            return array.withUnsafeBytes { Data($0) }
        }
        var data = Data(count: array.nbytes)
        data.withUnsafeMutableBytes { destination in
            array.withUnsafeBytes { copySwappingBytes(from: $0, to: destination, dataType: array.dtype) }
        }
        return data
    }

    public func decode(_ bytes: Data, to decoded: ArrayRepresentation) throws -> NDArray {
        // Check the size before allocating, so a bad representation cannot cost memory.
        guard bytes.count == decoded.checkedByteCount else {
            throw ZarrError.codec(
                "codec 'bytes': stored chunk has \(bytes.count) bytes, but shape \(ArrayMetadata.brief(decoded.shape)) "
                    + "of \(decoded.dataType) needs \(decoded.byteCount)")
        }
        var array = try NDArray(uninitialized: decoded.dataType, shape: decoded.shape)
        bytes.withUnsafeBytes { stored in
            let destination = array.unsafeMutableBytesOfNewArray
            if swaps(decoded.dataType) {
                copySwappingBytes(from: stored, to: destination, dataType: decoded.dataType)
            } else {
                copySwappingBytes(from: stored, to: destination, unit: 1)
            }
        }
        if decoded.dataType == .bool { array.normalizeBooleans() }
        return array
    }
}
