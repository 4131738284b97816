// The inner compressors of a blosc chunk, one stream at a time, with c-blosc's
// mapping of the blosc level onto each: blosclz takes it as it is, lz4 runs at
// acceleration 10 - clevel, lz4hc at level clevel, zlib at level clevel, and
// zstd at 2 * clevel - 1 below 9 and 22 at 9. (c-blosc 1.21 also means to map
// level 8 to 20, but tests for 8 after doubling, so its level 8 is zstd 15.)

extension Blosc {
    /// Compresses one stream into `output` (at most `output.count` bytes) and
    /// returns the compressed size, or 0 when it does not fit or is not worth
    /// compressing.
    static func compressStream(_ compressor: Compressor, clevel: Int, splitBlocks: Bool,
                               _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        switch compressor {
        case .blosclz:
            return BloscLZ.compress(input, level: clevel, splitBlock: splitBlocks, into: output)
        case .lz4:
            return LZ4.compressBlock(input, into: output, acceleration: 10 - clevel)
        case .lz4hc:
            return LZ4.compressBlockHC(input, into: output, level: clevel)
        case .snappy:
            throw snappyUnsupported()
        case .zlib:
            return copyIfFits(Zlib.compress(input, level: clevel), into: output)
        case .zstd:
            let level = clevel < 9 ? 2 * clevel - 1 : 22
            return copyIfFits(Zstd.compress(input, level: level), into: output)
        }
    }

    /// Decodes one stream of the compressor `formatCode` into the start of
    /// `window` and returns the bytes written. A stream decoding to more than
    /// `size` bytes fails or returns more than `size`; blosclz, lz4 and zstd
    /// may overwrite the window past the bytes they decode (the room lets
    /// their copies run in wide steps to the last byte; zstd decodes in place
    /// only with its 64 bytes of slack), zlib writes at most `size`.
    static func decompressStream(formatCode: Int, _ input: UnsafeRawBufferPointer,
                                 into window: UnsafeMutableRawBufferPointer, size: Int) throws -> Int {
        assert(size <= window.count)
        let exact = UnsafeMutableRawBufferPointer(rebasing: window[..<size])
        switch formatCode {
        case 0:
            return try BloscLZ.decompress(input, into: window, limit: size)
        case 1:
            return try LZ4.decompressBlock(input, into: window)
        case 2:
            throw snappyUnsupported()
        case 3:
            return copyIfFits(try Zlib.decompress(input, expectedSize: size, maxOutputSize: size), into: exact)
        case 4:
            guard input.count > 0 else { return 0 }
            // Straight into the window when it has the decoder's slack past the stream.
            if window.count - size >= ZstdDecoderState.slack, let base = window.baseAddress {
                return try ZstdFrameDecoder.decompress(input, into: base.assumingMemoryBound(to: UInt8.self), capacity: size)
            }
            return copyIfFits(try Zstd.decompress(input, maxOutputSize: size), into: exact)
        default:
            throw CompressionError("blosc: unknown compressor code \(formatCode)")
        }
    }

    static func snappyUnsupported() -> CompressionError {
        CompressionError("blosc: the snappy compressor is not supported")
    }

    /// Copies `bytes` to the start of `output` and returns their count, or 0
    /// (nothing copied) when they do not fit.
    private static func copyIfFits(_ bytes: [UInt8], into output: UnsafeMutableRawBufferPointer) -> Int {
        guard bytes.count <= output.count else { return 0 }
        bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: output[0..<$0.count]).copyMemory(from: $0) }
        return bytes.count
    }
}
