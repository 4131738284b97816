// The chunk encoding shared by the `vlen-utf8` and `vlen-bytes` codecs, as
// numcodecs defines it (VLenUTF8 / VLenBytes) and zarr-python 3 writes it for
// v3 `string` and `variable_length_bytes` arrays: a little-endian UInt32 count
// of elements, then for each element in C order a little-endian UInt32 byte
// length followed by that many bytes. Like numcodecs, a reader ignores bytes
// after the last element.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Encoding and decoding the length-prefixed element list of a variable-length chunk.
enum VariableLengthEncoding {
    /// The bytes of the element count, and of each element's length.
    static let lengthSize = 4

    /// The stored bytes of `array`'s elements (`codec` names the codec in errors).
    static func encode(_ array: NDArray, codec: String) throws -> Data {
        let elements = array.variableLengthElements
        guard elements.count <= Int(UInt32.max) else {
            throw ZarrError.codec("codec '\(codec)': a chunk of \(elements.count) elements is more than its count field holds")
        }
        var total = lengthSize
        for element in elements {
            guard element.count <= Int(UInt32.max) else {
                throw ZarrError.codec("codec '\(codec)': an element of \(element.count) bytes is longer than its length field holds")
            }
            let (sum, overflow) = total.addingReportingOverflow(lengthSize + element.count)
            guard !overflow else { throw ZarrError.codec("codec '\(codec)': the chunk is larger than fits in memory") }
            total = sum
        }
        var data = Data(count: total)
        data.withUnsafeMutableBytes { output in
            guard let base = output.baseAddress else { return }
            base.storeBytes(of: UInt32(elements.count).littleEndian, as: UInt32.self)
            var position = lengthSize
            for element in elements {
                (base + position).storeBytes(of: UInt32(element.count).littleEndian, toByteOffset: 0, as: UInt32.self)
                position += lengthSize
                element.withUnsafeBytes { bytes in
                    if let start = bytes.baseAddress { memcpy(base + position, start, bytes.count) }
                }
                position += element.count
            }
            assert(position == total)
        }
        return data
    }

    /// The chunk of `decoded` held by `bytes`; with `validatingUTF8`, every element must be UTF-8.
    ///
    /// - Throws: `ZarrError.codec` naming the codec when the count disagrees with the chunk
    ///   shape, a length points past the end, or an element is not valid UTF-8.
    static func decode(_ bytes: Data, to decoded: ArrayRepresentation, validatingUTF8: Bool, codec: String) throws -> NDArray {
        let expected = decoded.elementCount
        guard bytes.count >= lengthSize else {
            throw ZarrError.codec("codec '\(codec)': stored chunk has \(bytes.count) bytes, too few for its element count")
        }
        let stored = bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
        guard stored == expected else {
            throw ZarrError.codec(
                "codec '\(codec)': stored chunk holds \(stored) elements, but shape \(ArrayMetadata.brief(decoded.shape)) has \(expected)")
        }
        // Two passes: check every length (and the UTF-8) first, so a chunk that is wrong
        // allocates nothing; then copy the elements out.
        try bytes.withUnsafeBytes { raw in
            try forEachElement(raw, count: expected, codec: codec) { index, start, length in
                if validatingUTF8, !UTF8Validation.isValid(start, count: length) {
                    throw ZarrError.codec("codec '\(codec)': element \(index) is not valid UTF-8")
                }
            }
        }
        let result = try NDArray(uninitialized: decoded.dataType, shape: decoded.shape)
        let elements = result.unsafeMutableElementsOfNewArray
        try bytes.withUnsafeBytes { raw in
            try forEachElement(raw, count: expected, codec: codec) { index, start, length in
                if length > 0 { elements[index] = Data(bytes: start, count: length) }
            }
        }
        return result
    }

    /// Calls `body` with each element's index, first byte and length, checking that every
    /// length field and element lies inside `raw` (which starts with the count).
    private static func forEachElement(
        _ raw: UnsafeRawBufferPointer, count: Int, codec: String,
        _ body: (_ index: Int, _ start: UnsafePointer<UInt8>, _ length: Int) throws -> Void
    ) throws {
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = raw.count
        var position = lengthSize
        for index in 0..<count {
            guard end - position >= lengthSize else {
                throw ZarrError.codec("codec '\(codec)': stored chunk ends inside the length of element \(index)")
            }
            let length = Int(UInt32(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt32.self)))
            position += lengthSize
            guard length <= end - position else {
                throw ZarrError.codec(
                    "codec '\(codec)': element \(index) has \(length) bytes, but only \(end - position) are left in the chunk")
            }
            try body(index, base + position, length)
            position += length
        }
    }
}
