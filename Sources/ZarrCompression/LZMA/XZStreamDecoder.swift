// Decoding .xz files (xz-file-format.txt 2 and 3): one or more streams, each a
// 12-byte header (magic, stream flags, their CRC-32), blocks (header, compressed
// data, zero padding to 4 bytes, check), the index and a 12-byte footer (CRC-32,
// backward size = index size / 4 - 1, the same stream flags, "YZ"); streams may be
// separated and followed by stream padding, zero bytes in multiples of 4.

/// The .xz decoder over a whole input.
enum XZStreamDecoder {
    /// Decodes every stream of `input` into `output`.
    static func decode(_ p: UnsafePointer<UInt8>, count: Int, into output: inout LZMAOutput) throws {
        var pos = 0
        repeat {
            pos = try decodeStream(p, at: pos, end: count, into: &output)
            var zeros = 0
            while pos < count && p[pos] == 0 {
                pos += 1
                zeros += 1
            }
            guard zeros % 4 == 0 else {
                throw CompressionError("xz: stream padding of \(zeros) bytes is not a multiple of 4")
            }
        } while pos < count
    }

    // MARK: - Streams

    /// Decodes the stream at `pos`; returns the position after its footer.
    private static func decodeStream(_ p: UnsafePointer<UInt8>, at start: Int, end: Int,
                                     into output: inout LZMAOutput) throws -> Int {
        let headerSize = XZFormat.streamHeaderSize
        guard end - start >= headerSize, (0..<6).allSatisfy({ p[start + $0] == XZFormat.headerMagic[$0] }) else {
            throw CompressionError(start == 0 ? "xz: not an xz stream (no header magic)" : "xz: data after a stream is not a stream")
        }
        guard XZFormat.load32(p, start + 8) == XZFormat.crc32(p, start + 6, 2) else {
            throw CompressionError("xz: stream header CRC-32 mismatch")
        }
        let flags = (p[start + 6], p[start + 7])
        guard flags.0 == 0, flags.1 & 0xF0 == 0 else {
            throw CompressionError("xz: stream flags \(flags.0), \(flags.1) use reserved bits")
        }
        guard let check = XZCheck(rawValue: Int(flags.1)) else {
            throw CompressionError("xz: check type \(flags.1) is not supported (only none, CRC-32, CRC-64, SHA-256)")
        }
        var pos = start + headerSize
        var records: [XZIndexRecord] = []
        while true {
            guard pos < end else { throw CompressionError("xz: stream ends before its index") }
            if p[pos] == 0 { break }
            let (next, record) = try decodeBlock(p, at: pos, end: end, check: check, into: &output)
            records.append(record)
            pos = next
        }
        let indexSize = try XZIndex.verify(p, at: pos, end: end, records: records)
        pos += indexSize
        guard end - pos >= headerSize else { throw CompressionError("xz: stream footer is cut short") }
        guard XZFormat.load32(p, pos) == XZFormat.crc32(p, pos + 4, 6) else {
            throw CompressionError("xz: stream footer CRC-32 mismatch")
        }
        let backward = (Int(XZFormat.load32(p, pos + 4)) + 1) * 4
        guard backward == indexSize else {
            throw CompressionError("xz: stream footer gives an index of \(backward) bytes, it has \(indexSize)")
        }
        guard p[pos + 8] == flags.0, p[pos + 9] == flags.1 else {
            throw CompressionError("xz: stream footer flags differ from the header's")
        }
        guard p[pos + 10] == XZFormat.footerMagic[0], p[pos + 11] == XZFormat.footerMagic[1] else {
            throw CompressionError("xz: stream footer magic missing")
        }
        return pos + headerSize
    }

    // MARK: - Blocks

    /// Decodes the block at `pos`; returns the position after its check and its index record.
    private static func decodeBlock(_ p: UnsafePointer<UInt8>, at pos: Int, end: Int, check: XZCheck,
                                    into output: inout LZMAOutput) throws -> (Int, XZIndexRecord) {
        let header = try XZBlockHeader.parse(p, at: pos, end: end)
        let dataStart = pos + header.size
        var dataEnd = end
        if let declared = header.compressedSize {
            guard declared <= UInt64(end - dataStart) else {
                throw CompressionError("xz: block compressed size \(declared) runs past the input")
            }
            dataEnd = dataStart + Int(declared)
        }
        if let declared = header.uncompressedSize, declared > UInt64(output.maxSize - output.count) {
            throw CompressionError("xz: block of \(declared) bytes exceeds the maximum output of \(output.maxSize) bytes")
        }
        guard case .lzma2(let dictionarySize)? = header.filters.last else {
            throw CompressionError("xz: block filter chain does not end with LZMA2")
        }
        let blockStart = output.count
        let after = try LZMA2Decoder.decode(p, start: dataStart, end: dataEnd, dictionarySize: dictionarySize,
                                            into: &output, family: "xz")
        let compressed = after - dataStart
        let uncompressed = output.count - blockStart
        if let declared = header.compressedSize, declared != UInt64(compressed) {
            throw CompressionError("xz: block compressed size is \(compressed), its header says \(declared)")
        }
        if let declared = header.uncompressedSize, declared != UInt64(uncompressed) {
            throw CompressionError("xz: block uncompressed size is \(uncompressed), its header says \(declared)")
        }
        for case .delta(let distance) in header.filters.reversed() {
            DeltaFilter.decode(output.base + blockStart, count: uncompressed, distance: distance)
        }
        var q = after
        let paddingEnd = q + XZFormat.padding(compressed)
        guard paddingEnd <= end else { throw CompressionError("xz: block padding is cut short") }
        while q < paddingEnd {
            guard p[q] == 0 else { throw CompressionError("xz: block padding is not zero") }
            q += 1
        }
        guard check.size <= end - q else { throw CompressionError("xz: block check is cut short") }
        let expected = check.compute(UnsafeRawBufferPointer(start: output.base + blockStart, count: uncompressed))
        guard expected.elementsEqual(UnsafeBufferPointer(start: p + q, count: check.size)) else {
            throw CompressionError("xz: block \(check) check mismatch")
        }
        let unpadded = UInt64(header.size + compressed + check.size)
        return (q + check.size, XZIndexRecord(unpaddedSize: unpadded, uncompressedSize: UInt64(uncompressed)))
    }
}
