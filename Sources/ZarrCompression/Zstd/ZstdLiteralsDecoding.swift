// Literals section of a compressed block (RFC 8878 §3.1.1.3.1).
//
// Header: 2 bits of type (raw, RLE, Huffman-compressed, Huffman with the
// previous block's tree), 2 bits of size format, then 5 to 36 bits of sizes.
// Raw and RLE carry only the regenerated size; the Huffman types also carry
// the compressed size and say whether the payload is 1 or 4 streams.

/// Where the decoded literals of a block are.
struct ZstdLiterals {
    var start: UnsafePointer<UInt8>
    var count: Int
    /// Readable memory ends here; copies may over-read up to it.
    var readLimit: UnsafePointer<UInt8>
}

extension ZstdDecoderState {
    /// Decodes the literals section at the start of a compressed block.
    /// Returns the literals and the size of the section in bytes.
    ///
    /// `inputEnd` is the end of the whole compressed input: raw literals
    /// far enough from it are used in place instead of being copied.
    mutating func decodeLiterals(
        _ src: UnsafePointer<UInt8>, count: Int, inputEnd: UnsafePointer<UInt8>
    ) throws -> (ZstdLiterals, Int) {
        guard count >= 1 else { throw CompressionError("zstd: missing literals section") }
        let b0 = Int(src[0])
        let type = b0 & 3
        let sizeFormat = (b0 >> 2) & 3
        switch type {
        case 0, 1:
            // Raw or RLE.
            var headerSize: Int
            var size: Int
            switch sizeFormat {
            case 0, 2:
                headerSize = 1; size = b0 >> 3
            case 1:
                headerSize = 2
                guard count >= 2 else { throw CompressionError("zstd: truncated literals header") }
                size = (b0 >> 4) | Int(src[1]) << 4
            default:
                headerSize = 3
                guard count >= 3 else { throw CompressionError("zstd: truncated literals header") }
                size = (b0 >> 4) | Int(src[1]) << 4 | Int(src[2]) << 12
            }
            guard size <= ZstdDecoderState.maxBlockSize else {
                throw CompressionError("zstd: literals size \(size) exceeds the block maximum")
            }
            if type == 0 {
                guard headerSize + size <= count else {
                    throw CompressionError("zstd: raw literals (\(size) bytes) run past the block")
                }
                let p = src + headerSize
                if inputEnd - (p + size) >= ZstdDecoderState.slack {
                    // In place: the sequence copies over-read up to 32 bytes
                    // past the literals, which the slack still leaves inside
                    // the input.
                    return (ZstdLiterals(start: p, count: size, readLimit: inputEnd), headerSize + size)
                }
                // size <= maxBlockSize, the literal buffer's size (plus slack).
                assert(size <= ZstdDecoderState.maxBlockSize)
                literalBuffer.update(from: p, count: size)
                headerSize += size
            } else {
                guard headerSize + 1 <= count else { throw CompressionError("zstd: truncated RLE literals") }
                literalBuffer.update(repeating: src[headerSize], count: size)
                headerSize += 1
            }
            return (ZstdLiterals(start: literalBuffer, count: size,
                                 readLimit: literalBuffer + ZstdDecoderState.maxBlockSize + ZstdDecoderState.slack),
                    headerSize)
        default:
            // Huffman-compressed (2) or treeless (3).
            var headerSize: Int
            var regenerated: Int
            var compressed: Int
            var fourStreams = true
            switch sizeFormat {
            case 0, 1:
                headerSize = 3
                guard count >= 3 else { throw CompressionError("zstd: truncated literals header") }
                let h = b0 | Int(src[1]) << 8 | Int(src[2]) << 16
                regenerated = (h >> 4) & 0x3FF
                compressed = (h >> 14) & 0x3FF
                fourStreams = sizeFormat == 1
            case 2:
                headerSize = 4
                guard count >= 4 else { throw CompressionError("zstd: truncated literals header") }
                let h = b0 | Int(src[1]) << 8 | Int(src[2]) << 16 | Int(src[3]) << 24
                regenerated = (h >> 4) & 0x3FFF
                compressed = (h >> 18) & 0x3FFF
            default:
                headerSize = 5
                guard count >= 5 else { throw CompressionError("zstd: truncated literals header") }
                let h = b0 | Int(src[1]) << 8 | Int(src[2]) << 16 | Int(src[3]) << 24 | Int(src[4]) << 32
                regenerated = (h >> 4) & 0x3FFFF
                compressed = (h >> 22) & 0x3FFFF
            }
            guard regenerated <= ZstdDecoderState.maxBlockSize else {
                throw CompressionError("zstd: literals size \(regenerated) exceeds the block maximum")
            }
            guard headerSize + compressed <= count else {
                throw CompressionError("zstd: compressed literals (\(compressed) bytes) run past the block")
            }
            var p = src + headerSize
            var remaining = compressed
            if type == 2 {
                let used = try huffman.readDescription(p, count: remaining, scratch: scratch)
                p += used
                remaining -= used
            } else {
                guard huffman.isValid else {
                    throw CompressionError("zstd: treeless literals but no previous Huffman table")
                }
            }
            guard remaining > 0 else { throw CompressionError("zstd: empty Huffman literal stream") }
            // The decoders write exactly `regenerated` <= maxBlockSize bytes
            // into the literal buffer, reading only [p, p + remaining).
            assert(regenerated <= ZstdDecoderState.maxBlockSize && p + remaining <= src + count)
            if fourStreams {
                try huffman.decodeFourStreams(p, size: remaining, into: literalBuffer, outCount: regenerated)
            } else {
                try huffman.decodeStream(p, size: remaining, into: literalBuffer, outCount: regenerated)
            }
            return (ZstdLiterals(start: literalBuffer, count: regenerated,
                                 readLimit: literalBuffer + ZstdDecoderState.maxBlockSize + ZstdDecoderState.slack),
                    headerSize + compressed)
        }
    }
}
