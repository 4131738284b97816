// A bzip2 stream from bytes: the header "BZh" and the level digit, blocks of
// at most level x 100,000 bytes after the initial run-length stage (runs of 4
// to 255 equal bytes become four bytes and a count of the rest), then the end
// magic and the combined CRC.

enum BZip2Encoder {
    /// A block is closed once it holds this many bytes short of its size (as bzip2 does:
    /// the last run written may add up to 5).
    static let blockMargin = 19

    /// One stream of `input` at `level` (1...9).
    static func compress(_ input: UnsafePointer<UInt8>, count: Int, level: Int, randomise: Bool = false) -> [UInt8] {
        assert(level >= 1 && level <= 9)
        let blockSize = level * BZip2Format.blockUnit
        var writer = BZip2BitWriter(initialCapacity: count / 3 + 64)
        writer.reserve(4)
        for byte in BZip2Format.streamMagic { writer.write(UInt32(byte), 8) }
        writer.write(UInt32(0x30 + level), 8)
        var streamCRC: UInt32 = 0
        if count > 0 {
            BZip2EncoderContext.withContext(blockSize: blockSize) { context in
                var offset = 0
                while offset < count {
                    let (consumed, size) = fillBlock(input + offset, count: count - offset, into: context.block,
                                                     limit: blockSize - blockMargin)
                    let crc = CRC32BZip2.checksum(UnsafeRawBufferPointer(start: input + offset, count: consumed))
                    BZip2BlockEncoder.write(context.block, count: size, crc: crc, randomise: randomise,
                                            context: context, to: &writer)
                    streamCRC = BZip2Format.combine(streamCRC, crc)
                    offset += consumed
                }
            }
        }
        writer.reserve(16)
        writer.write48(BZip2Format.endMagic)
        writer.write(streamCRC, 32)
        return writer.finish()
    }

    /// The initial run-length stage: fills `block` from `input` until it holds at least `limit`
    /// bytes or the input ends; returns the input bytes consumed and the block bytes written.
    static func fillBlock(_ input: UnsafePointer<UInt8>, count: Int, into block: UnsafeMutablePointer<UInt8>,
                          limit: Int) -> (consumed: Int, written: Int) {
        var i = 0
        var w = 0
        while i < count && w < limit {
            let byte = input[i]
            var run = 1
            while run < 255 && i &+ run < count && input[i &+ run] == byte { run &+= 1 }
            if run < 4 {
                for k in 0..<run { block[w &+ k] = byte }
                w &+= run
            } else {
                block[w] = byte; block[w &+ 1] = byte; block[w &+ 2] = byte; block[w &+ 3] = byte
                block[w &+ 4] = UInt8(run &- 4)
                w &+= 5
            }
            i &+= run
        }
        return (i, w)
    }
}
