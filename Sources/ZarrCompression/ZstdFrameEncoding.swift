// Frames and blocks, encoder side (RFC 8878 §3.1.1).

enum ZstdFrameEncoder {
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, checksum: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 128 + 32)
        writeHeader(into: &out, contentSize: input.count, checksum: checksum)
        let n = input.count
        var pos = 0
        repeat {
            let size = min(n - pos, ZstdDecoderState.maxBlockSize)
            let last = pos + size == n
            let bh = (last ? 1 : 0) | (size << 3)
            out.append(UInt8(truncatingIfNeeded: bh)); out.append(UInt8(truncatingIfNeeded: bh >> 8)); out.append(UInt8(truncatingIfNeeded: bh >> 16))
            if size > 0 { out.append(contentsOf: input[pos..<(pos + size)]) }
            pos += size
        } while pos < n
        if checksum {
            let h = UInt32(truncatingIfNeeded: XXHash64.hash(input))
            for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: h >> UInt32(8 * i))) }
        }
        return out
    }

    /// Writes magic and a single-segment frame header with the content size.
    static func writeHeader(into out: inout [UInt8], contentSize n: Int, checksum: Bool) {
        for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: ZstdFrameHeader.magic >> UInt32(8 * i))) }
        let fcsFlag: Int
        let fcsBytes: Int
        var value = UInt64(n)
        if n < 256 { fcsFlag = 0; fcsBytes = 1 }
        else if n < 65536 + 256 { fcsFlag = 1; fcsBytes = 2; value -= 256 }
        else if UInt64(n) <= UInt64(UInt32.max) { fcsFlag = 2; fcsBytes = 4 }
        else { fcsFlag = 3; fcsBytes = 8 }
        out.append(UInt8(fcsFlag << 6 | 0x20 | (checksum ? 4 : 0)))
        for i in 0..<fcsBytes { out.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * i))) }
    }
}
