// The .xz index (xz-file-format.txt 4): an indicator byte 0, the number of
// records, a record (unpadded size, uncompressed size) per block, zero padding
// to a multiple of 4 and a CRC-32 of the index. The unpadded size of a block is
// its header, compressed data and check, without the block padding.

/// One block as the index records it.
struct XZIndexRecord: Equatable {
    var unpaddedSize: UInt64
    var uncompressedSize: UInt64
}

/// Reading and writing the index.
enum XZIndex {
    /// Reads the index at `pos` and checks it lists exactly `records`; returns its size.
    static func verify(_ p: UnsafePointer<UInt8>, at pos: Int, end: Int, records: [XZIndexRecord]) throws -> Int {
        guard pos < end, p[pos] == 0 else { throw CompressionError("xz: index indicator missing") }
        var q = pos + 1
        let count = try XZFormat.readVLI(p, &q, end: end, what: "index record count")
        guard count == UInt64(records.count) else {
            throw CompressionError("xz: index lists \(count) blocks, the stream has \(records.count)")
        }
        for (n, record) in records.enumerated() {
            let unpadded = try XZFormat.readVLI(p, &q, end: end, what: "index record")
            let uncompressed = try XZFormat.readVLI(p, &q, end: end, what: "index record")
            guard XZIndexRecord(unpaddedSize: unpadded, uncompressedSize: uncompressed) == record else {
                throw CompressionError("xz: index record \(n) (\(unpadded), \(uncompressed)) does not match block "
                    + "(\(record.unpaddedSize), \(record.uncompressedSize))")
            }
        }
        let padded = q + XZFormat.padding(q - pos)
        guard padded <= end - 4 else { throw CompressionError("xz: index is cut short") }
        while q < padded {
            guard p[q] == 0 else { throw CompressionError("xz: index padding is not zero") }
            q += 1
        }
        guard XZFormat.load32(p, q) == XZFormat.crc32(p, pos, q - pos) else {
            throw CompressionError("xz: index CRC-32 mismatch")
        }
        return q + 4 - pos
    }

    /// The index listing `records`.
    static func encoded(_ records: [XZIndexRecord]) -> [UInt8] {
        var out: [UInt8] = [0]
        XZFormat.appendVLI(UInt64(records.count), to: &out)
        for record in records {
            XZFormat.appendVLI(record.unpaddedSize, to: &out)
            XZFormat.appendVLI(record.uncompressedSize, to: &out)
        }
        out += [UInt8](repeating: 0, count: XZFormat.padding(out.count))
        let crc = out.withUnsafeBufferPointer { b in b.baseAddress.map { XZFormat.crc32($0, 0, b.count) } ?? 0 }
        XZFormat.append32(crc, to: &out)
        return out
    }
}
