// The .lzma container of LZMA Utils ("FORMAT_ALONE", lzma-specification.txt,
// "the .lzma file format"): a properties byte, the dictionary size (32 bits,
// little-endian), the uncompressed size (64 bits, little-endian, all ones when
// unknown, then the data ends with an end marker) and one LZMA stream.

/// The .lzma container.
enum LZMAAlone {
    /// Size of the header.
    static let headerSize = 13
    /// The uncompressed size that means "unknown, ended by a marker".
    static let unknownSize = UInt64.max

    /// Decodes a .lzma file into `output` (bytes after the LZMA data are ignored, as liblzma does).
    static func decode(_ p: UnsafePointer<UInt8>, count: Int, into output: inout LZMAOutput) throws {
        guard count >= headerSize else {
            throw CompressionError("lzma: a .lzma header needs 13 bytes, the input has \(count)")
        }
        let properties = try LZMAProperties(byte: p[0], family: "lzma")
        let dictionarySize = max(4096, Int(XZFormat.load32(p, 1)))
        let size = UInt64(XZFormat.load32(p, 5)) | UInt64(XZFormat.load32(p, 9)) << 32
        let limit: Int
        let marker: LZMADecoder.EndMarker
        if size == unknownSize {
            limit = output.maxSize
            marker = .required
        } else {
            guard size <= UInt64(output.maxSize) else {
                throw CompressionError("lzma: the header declares \(size) bytes, above the maximum of \(output.maxSize)")
            }
            limit = Int(size)  // the buffer grows as data is decoded, not to the declared size up front
            marker = .optional
        }
        var decoder = LZMADecoder(properties: properties, dictionarySize: dictionarySize, family: "lzma")
        var rc = try LZMARangeDecoder(p, position: headerSize, end: count, family: "lzma")
        _ = try decoder.decode(&rc, into: &output, limit: limit, endMarker: marker)
        guard !rc.overran else { throw CompressionError("lzma: data is cut short") }
        guard rc.isFinished else { throw CompressionError("lzma: range coder does not end cleanly") }
    }

    /// The header of a .lzma file of `size` bytes (nil: unknown size).
    static func header(properties: LZMAProperties, dictionarySize: Int, size: Int?) -> [UInt8] {
        var out: [UInt8] = [properties.byte]
        XZFormat.append32(UInt32(clamping: dictionarySize), to: &out)
        let value = size.map { UInt64($0) } ?? unknownSize
        XZFormat.append32(UInt32(truncatingIfNeeded: value), to: &out)
        XZFormat.append32(UInt32(truncatingIfNeeded: value >> 32), to: &out)
        return out
    }
}
