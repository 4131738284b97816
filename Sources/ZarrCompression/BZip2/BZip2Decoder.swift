// A sequence of bzip2 streams: each is "BZh" and a block-size digit, blocks
// (48-bit magic, the block's CRC, the block), then the end magic and the
// stream's combined CRC, padded to a byte. Streams may follow one another;
// bytes after the last stream that do not start a new one are ignored, as
// Python's bz2 and the bzip2 tool do.

enum BZip2Decoder {
    /// Decodes every stream of `input` into `output`.
    static func decode(_ input: UnsafePointer<UInt8>, count: Int, into output: inout BZip2Output) throws {
        try BZip2DecoderContext.withContext { context in
            var offset = 0
            var streams = 0
            while offset < count {
                let level = streamLevel(input + offset, count: count - offset)
                if streams > 0 && level == nil { break }
                guard let level else { throw CompressionError("bzip2: not a bzip2 stream (no BZh1-9 header)") }
                offset = try decodeStream(input, count: count, from: offset + 4, level: level,
                                          into: &output, context: context)
                streams += 1
            }
        }
    }

    /// The block-size digit of a stream header at `p`, or nil if there is none.
    private static func streamLevel(_ p: UnsafePointer<UInt8>, count: Int) -> Int? {
        guard count >= 4, p[0] == BZip2Format.streamMagic[0], p[1] == BZip2Format.streamMagic[1],
              p[2] == BZip2Format.streamMagic[2], p[3] >= 0x31, p[3] <= 0x39 else { return nil }
        return Int(p[3] - 0x30)
    }

    /// Decodes the blocks of one stream starting at byte `start`; returns the offset after it.
    private static func decodeStream(_ input: UnsafePointer<UInt8>, count: Int, from start: Int, level: Int,
                                     into output: inout BZip2Output, context: BZip2DecoderContext) throws -> Int {
        var reader = BZip2BitReader(input, count: count, position: start)
        var streamCRC: UInt32 = 0
        let blockSize = level * BZip2Format.blockUnit
        while true {
            let magic = UInt64(reader.read(24)) << 24 | UInt64(reader.read(24))
            let storedCRC = UInt32(reader.read(32))
            guard !reader.isOverrun else { throw CompressionError("bzip2: input ends inside a stream") }
            if magic == BZip2Format.endMagic {
                guard storedCRC == streamCRC else {
                    throw CompressionError("bzip2: stream CRC mismatch (stored \(hex(storedCRC)), computed \(hex(streamCRC)))")
                }
                reader.alignToByte()
                return reader.byteOffset
            }
            guard magic == BZip2Format.blockMagic else { throw CompressionError("bzip2: bad block magic") }
            // Each 5 block bytes decode to at least 4 output bytes: a block longer than
            // this could not fit in the output, so no more is allocated for it.
            let room = output.room
            let limit = min(blockSize, room > Int.max / 2 ? blockSize : room + room / 4 + 5)
            let block = try BZip2BlockDecoder.decode(&reader, limit: limit, context: context)
            let blockStart = output.count
            try BZip2InverseTransform.write(block, entries: context.blockArray(block.count), to: &output)
            let crc = CRC32BZip2.checksum(UnsafeRawBufferPointer(start: output.base + blockStart, count: output.count - blockStart))
            guard crc == storedCRC else {
                throw CompressionError("bzip2: block CRC mismatch (stored \(hex(storedCRC)), computed \(hex(crc)))")
            }
            streamCRC = BZip2Format.combine(streamCRC, crc)
        }
    }

    private static func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16) }
}
