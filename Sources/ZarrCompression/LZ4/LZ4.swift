// LZ4 block format (lz4_Block_format.md of the lz4 project): public entry points.
//
// Raw blocks only, as blosc and numcodecs store them: no frame, no size
// header, no checksum. The decoder takes any valid block (from the fast or
// the high-compression encoder of liblz4, or from another encoder); the
// encoders are liblz4's fast (LZ4_compress_fast) and high-compression
// (LZ4_compress_HC) algorithms.

/// LZ4 block compression and decompression on raw buffers.
public enum LZ4 {
    /// Largest block `compressBlock`/`compressBlockHC` can produce from `count` input bytes
    /// (liblz4's LZ4_compressBound); nil when count is negative, above 0x7E000000, or the bound overflows.
    public static func compressBound(_ count: Int) -> Int? {
        guard count >= 0 && count <= LZ4Format.maxInputSize else { return nil }
        let (withLengths, o1) = count.addingReportingOverflow(count / 255)
        let (bound, o2) = withLengths.addingReportingOverflow(16)
        return o1 || o2 ? nil : bound
    }

    /// Decodes one raw LZ4 block into `output` and returns the number of bytes written.
    ///
    /// Bytes of `output` past the returned count may be overwritten (the
    /// decoder copies in wide strides). Throws `CompressionError("lz4: ...")`
    /// for an empty or malformed block, a match offset of 0 or before the
    /// start of the output, or a literal run or match that would run past the
    /// end of the input or of `output`.
    public static func decompressBlock(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let src = input.baseAddress, input.count > 0 else {
            throw CompressionError("lz4: empty block (even an empty input encodes to one byte)")
        }
        let source = src.assumingMemoryBound(to: UInt8.self)
        guard let dst = output.baseAddress else {
            // No output memory: only a block that decodes to nothing is valid.
            var scratch: UInt8 = 0
            return try LZ4BlockDecoder.decode(source, count: input.count, into: &scratch, capacity: 0)
        }
        return try LZ4BlockDecoder.decode(source, count: input.count, into: dst.assumingMemoryBound(to: UInt8.self),
                                          capacity: output.count)
    }

    /// Compresses `input` as one LZ4 block into `output`; returns the compressed size, or 0 when the
    /// block does not fit in `output.count` (as LZ4_compress_fast does).
    ///
    /// - Parameter acceleration: 1 (the default) searches at every position;
    ///   larger values skip ahead faster over data that does not match,
    ///   trading ratio for speed. Values below 1 mean 1; values above 65537
    ///   act as 65537, as in liblz4.
    public static func compressBlock(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                                     acceleration: Int = 1) -> Int {
        LZ4EncoderContext.withContext { encode(input, into: output, .fast(acceleration: acceleration), $0) }
    }

    /// Compresses `input` as one LZ4 block into `output` with liblz4's high-compression match finder
    /// (LZ4_compress_HC); returns the compressed size, or 0 when the block does not fit.
    ///
    /// - Parameter level: 1...12 (higher is smaller and slower); below 1
    ///   means the default 9, above 12 means 12. Levels 1...9 search hash
    ///   chains of growing depth with lz4hc's lookahead parse; 10...12 price
    ///   every position (an optimal parse).
    public static func compressBlockHC(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                                       level: Int = 9) -> Int {
        LZ4EncoderContext.withContext { encode(input, into: output, .highCompression(level: level), $0) }
    }

    /// Compresses `input` as one block, with room for `compressBound` bytes
    /// so it always fits; the array holds just the block (it is empty only
    /// for an input above the format's 0x7E000000 bytes).
    public static func compress(_ input: UnsafeRawBufferPointer, acceleration: Int = 1) -> [UInt8] {
        encodedArray(input, .fast(acceleration: acceleration))
    }

    /// Compresses `input` as one block with the high-compression encoder; see `compressBlockHC`.
    public static func compressHC(_ input: UnsafeRawBufferPointer, level: Int = 9) -> [UInt8] {
        encodedArray(input, .highCompression(level: level))
    }

    /// Decodes a block whose decoded size is exactly `decodedSize` (throws if the block decodes to
    /// another size, or if `decodedSize` is negative or more than the block could hold).
    public static func decompress(_ input: UnsafeRawBufferPointer, decodedSize: Int) throws -> [UInt8] {
        // Each input byte yields at most 255 output bytes (a run of 255-valued
        // length bytes), so a larger size is refused before any allocation.
        let (limit, overflow) = input.count.multipliedReportingOverflow(by: 255)
        guard decodedSize >= 0 && (overflow || decodedSize - 64 <= limit) else {
            throw CompressionError("lz4: a block of \(input.count) bytes cannot decode to \(decodedSize) bytes")
        }
        return try [UInt8](unsafeUninitializedCapacity: decodedSize) { buffer, initialized in
            let written = try decompressBlock(input, into: UnsafeMutableRawBufferPointer(buffer))
            guard written == decodedSize else {
                throw CompressionError("lz4: block decodes to \(written) bytes, expected \(decodedSize)")
            }
            initialized = written
        }
    }

    // MARK: - Helpers

    private enum EncoderMode {
        case fast(acceleration: Int)
        case highCompression(level: Int)
    }

    /// Runs an encoder on typed views of the buffers; 0 for an input the format cannot take.
    private static func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                               _ mode: EncoderMode, _ context: LZ4EncoderContext) -> Int {
        guard let dst = output.baseAddress, input.count <= LZ4Format.maxInputSize else { return 0 }
        let out = dst.assumingMemoryBound(to: UInt8.self)
        var empty: UInt8 = 0
        return withUnsafePointer(to: &empty) { emptyInput in
            let src = input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput
            switch mode {
            case .fast(let acceleration):
                return LZ4FastEncoder.compress(src, count: input.count, into: out, capacity: output.count,
                                               acceleration: acceleration, table: context.fastTable)
            case .highCompression(let level):
                return LZ4HCEncoder.compress(src, count: input.count, into: out, capacity: output.count,
                                             level: level, context: context)
            }
        }
    }

    /// A block encoded into the context's scratch memory (`compressBound` bytes)
    /// and returned in an array of its own size. Compressing straight into a
    /// fresh bound-sized array would cost new pages on every call and keep the
    /// whole bound alive in the result.
    private static func encodedArray(_ input: UnsafeRawBufferPointer, _ mode: EncoderMode) -> [UInt8] {
        guard let bound = compressBound(input.count) else { return [] }
        return LZ4EncoderContext.withContext { context in
            let scratch = context.scratchBlock(bound)
            let count = encode(input, into: scratch, mode, context)
            return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: scratch[..<count]))
                initialized = count
            }
        }
    }
}
