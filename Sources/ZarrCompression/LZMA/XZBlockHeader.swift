// The .xz block header (xz-file-format.txt 3.1): a size byte ((size / 4) - 1),
// block flags (filter count - 1 in bits 0-1, compressed / uncompressed size
// present in bits 6 / 7), the optional sizes, the filter flags (id, properties
// size, properties) of each filter, zero padding and a CRC-32 of it all.

/// A filter of an xz block's chain.
enum XZFilter: Equatable, Sendable {
    /// The delta filter with its distance (1...256).
    case delta(distance: Int)
    /// LZMA2 with its dictionary size.
    case lzma2(dictionarySize: Int)
}

/// A parsed (or to be written) xz block header.
struct XZBlockHeader: Equatable {
    /// The header's size in bytes (a multiple of 4, 8...1024).
    var size: Int
    var compressedSize: UInt64?
    var uncompressedSize: UInt64?
    /// The filters in encoding order; LZMA2 is last.
    var filters: [XZFilter]

    /// Reads the block header at `pos` (whose size byte is not 0, the index indicator).
    static func parse(_ p: UnsafePointer<UInt8>, at pos: Int, end: Int) throws -> XZBlockHeader {
        let size = (Int(p[pos]) + 1) * 4
        guard size <= end - pos else { throw CompressionError("xz: block header of \(size) bytes runs past the input") }
        let crcAt = pos + size - 4
        guard XZFormat.load32(p, crcAt) == XZFormat.crc32(p, pos, size - 4) else {
            throw CompressionError("xz: block header CRC-32 mismatch")
        }
        let flags = p[pos + 1]
        guard flags & 0x3C == 0 else { throw CompressionError("xz: block header has reserved flags \(flags) set") }
        var q = pos + 2
        var header = XZBlockHeader(size: size, compressedSize: nil, uncompressedSize: nil, filters: [])
        if flags & 0x40 != 0 {
            let value = try XZFormat.readVLI(p, &q, end: crcAt, what: "block compressed size")
            guard value > 0 else { throw CompressionError("xz: block compressed size is 0") }
            header.compressedSize = value
        }
        if flags & 0x80 != 0 {
            header.uncompressedSize = try XZFormat.readVLI(p, &q, end: crcAt, what: "block uncompressed size")
        }
        let filterCount = Int(flags & 3) + 1
        for index in 0..<filterCount {
            let id = try XZFormat.readVLI(p, &q, end: crcAt, what: "filter id")
            let propertiesSize = try XZFormat.readVLI(p, &q, end: crcAt, what: "filter properties size")
            guard propertiesSize <= UInt64(crcAt - q) else {
                throw CompressionError("xz: filter properties of \(propertiesSize) bytes run past the block header")
            }
            let last = index == filterCount - 1
            switch id {
            case XZFormat.lzma2FilterID:
                guard propertiesSize == 1 else { throw CompressionError("xz: LZMA2 filter properties must be 1 byte") }
                guard last else { throw CompressionError("xz: LZMA2 must be the last filter of a block") }
                header.filters.append(.lzma2(dictionarySize: try LZMADictionarySize.lzma2(byte: p[q])))
            case XZFormat.deltaFilterID:
                guard propertiesSize == 1 else { throw CompressionError("xz: delta filter properties must be 1 byte") }
                guard !last else { throw CompressionError("xz: the delta filter cannot end a filter chain") }
                header.filters.append(.delta(distance: Int(p[q]) + 1))
            case XZFormat.bcjFilterIDs:
                throw CompressionError("xz: branch/call/jump (BCJ) filter \(id) is not supported")
            default:
                throw CompressionError("xz: unknown filter id \(id)")
            }
            q += Int(propertiesSize)
        }
        while q < crcAt {
            guard p[q] == 0 else { throw CompressionError("xz: block header padding is not zero") }
            q += 1
        }
        return header
    }

    /// The header's bytes (its `size` is computed here; the one passed in is ignored).
    func encoded() -> [UInt8] {
        var body: [UInt8] = [0, UInt8(filters.count - 1)]
        if let compressedSize {
            body[1] |= 0x40
            XZFormat.appendVLI(compressedSize, to: &body)
        }
        if let uncompressedSize {
            body[1] |= 0x80
            XZFormat.appendVLI(uncompressedSize, to: &body)
        }
        for filter in filters {
            switch filter {
            case .delta(let distance):
                body += [UInt8(XZFormat.deltaFilterID), 1, UInt8(distance - 1)]
            case .lzma2(let dictionarySize):
                body += [UInt8(XZFormat.lzma2FilterID), 1, LZMADictionarySize.lzma2Byte(for: dictionarySize)]
            }
        }
        body += [UInt8](repeating: 0, count: XZFormat.padding(body.count))
        body[0] = UInt8((body.count + 4) / 4 - 1)
        body.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { XZFormat.append32(XZFormat.crc32(base, 0, b.count), to: &body) }
        }
        return body
    }
}
