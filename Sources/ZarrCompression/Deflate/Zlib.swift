// The zlib format (RFC 1950): a two-byte header, a raw deflate stream, and the
// Adler-32 of the original data (big-endian).

/// Zlib streams (RFC 1950).
public enum Zlib {
    /// Compresses `input` into a zlib stream (32 KiB window, no dictionary).
    ///
    /// - Parameter level: 0 (stored) to 9 (best); other values are clamped.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int) -> [UInt8] {
        let level = min(max(level, 0), 9)
        // CMF: method 8 (deflate), CINFO 7 (32 KiB window). FLG: FLEVEL, then
        // FCHECK so that CMF * 256 + FLG is a multiple of 31.
        let cmf: UInt32 = 0x78
        let flevel: UInt32 = level <= 1 ? 0 : level <= 5 ? 1 : level == 6 ? 2 : 3
        var flg = flevel << 6
        flg += (31 - (cmf << 8 | flg) % 31) % 31
        return Deflate.compressWrapped(input, level: level, header: [UInt8(cmf), UInt8(flg)]) {
            let adler = Adler32.checksum(input)
            return stride(from: 24, through: 0, by: -8).map { UInt8(truncatingIfNeeded: adler >> $0) }
        }
    }

    /// Compresses a byte array into a zlib stream (see `compress(_:level:)`).
    public static func compress(_ input: [UInt8], level: Int) -> [UInt8] {
        input.withUnsafeBytes { compress($0, level: level) }
    }

    /// Decompresses a zlib stream and verifies its Adler-32. Bytes after the
    /// checksum are ignored.
    ///
    /// - Parameters:
    ///   - expectedSize: the decompressed size if known; used only to size the
    ///     output buffer (never trusted beyond what the input could produce).
    ///   - maxOutputSize: decompression fails rather than produce more bytes.
    /// - Throws: `CompressionError` for a malformed, truncated or corrupt
    ///   stream, for a stream that needs a preset dictionary (FDICT), or when
    ///   the output would exceed `maxOutputSize`.
    public static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int? = nil,
                                  maxOutputSize: Int = Deflate.defaultMaxOutputSize) throws -> [UInt8] {
        try checkHeader(input)
        let capacity = Deflate.initialCapacity(inputCount: input.count, expectedSize: expectedSize, maxOutputSize: maxOutputSize)
        return try InflateOutput.collect(initialCapacity: capacity, maxOutputSize: maxOutputSize) { out in
            try inflateChecked(input, into: &out)
        }
    }

    /// Decompresses a zlib stream (as `decompress(_:expectedSize:maxOutputSize:)`) into `output`,
    /// whose last `Deflate.decompressionSlack` bytes the decoder may use as scratch room;
    /// returns the decoded size. More output than the rest of `output` is an error.
    ///
    /// - Throws: as `decompress(_:expectedSize:maxOutputSize:)`, and when `output` is too small.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try checkHeader(input)
        return try InflateOutput.fill(output) { try inflateChecked(input, into: &$0) }
    }

    /// Checks the two header bytes: deflate, a valid window size, the header check, no dictionary.
    private static func checkHeader(_ input: UnsafeRawBufferPointer) throws {
        let n = input.count
        guard n >= 2 else { throw CompressionError("zlib: input of \(n) bytes is too short for a zlib header") }
        let cmf = input[0]
        let flg = input[1]
        guard cmf & 0x0F == 8 else {
            throw CompressionError("zlib: unsupported compression method \(cmf & 0x0F) (only 8, deflate)")
        }
        guard cmf >> 4 <= 7 else {
            throw CompressionError("zlib: invalid window size (CINFO \(cmf >> 4), at most 7)")
        }
        guard (UInt32(cmf) << 8 | UInt32(flg)) % 31 == 0 else {
            throw CompressionError("zlib: header check failed (0x\(DeflateFormat.hex(UInt32(cmf) << 8 | UInt32(flg))) is not a multiple of 31)")
        }
        guard flg & 0x20 == 0 else {
            throw CompressionError("zlib: the stream needs a preset dictionary (FDICT), which is not supported")
        }
    }

    /// Inflates the stream after the header into `out` and checks its Adler-32 trailer.
    private static func inflateChecked(_ input: UnsafeRawBufferPointer, into out: inout InflateOutput) throws {
        let n = input.count
        let end = try Deflate.inflate(input, from: 2, into: &out)
        guard n - end >= 4 else {
            throw CompressionError("zlib: truncated input (missing the 4-byte Adler-32 trailer)")
        }
        let expected = UInt32(input[end]) << 24 | UInt32(input[end + 1]) << 16
            | UInt32(input[end + 2]) << 8 | UInt32(input[end + 3])
        let actual = Adler32.checksum(UnsafeRawBufferPointer(start: out.base, count: out.count))
        guard actual == expected else {
            throw CompressionError("zlib: Adler-32 mismatch: trailer says 0x\(DeflateFormat.hex(expected)), data gives 0x\(DeflateFormat.hex(actual))")
        }
    }

    /// Decompresses a zlib stream held in a byte array (see `decompress(_:expectedSize:maxOutputSize:)`).
    public static func decompress(_ input: [UInt8], expectedSize: Int? = nil,
                                  maxOutputSize: Int = Deflate.defaultMaxOutputSize) throws -> [UInt8] {
        try input.withUnsafeBytes { try decompress($0, expectedSize: expectedSize, maxOutputSize: maxOutputSize) }
    }
}
