// Raw deflate (RFC 1951): the public entry points of the compressor and the
// decompressor. The zlib (RFC 1950) and gzip (RFC 1952) wrappers build on them.

/// Raw deflate streams (RFC 1951), without a zlib or gzip wrapper.
public enum Deflate {
    /// The default bound on decompressed size: 4 GiB.
    public static let defaultMaxOutputSize = 1 << 32

    /// How many bytes past the decoded data the `decompress(_:into:)` functions of gzip and
    /// zlib may overwrite.
    public static let decompressionSlack = InflateOutput.slack

    /// Compresses `input` into one raw deflate stream.
    ///
    /// - Parameters:
    ///   - input: the bytes to compress.
    ///   - level: 0 writes stored (uncompressed) blocks; 1 is fastest and 9
    ///     compresses best, as in zlib. Values outside 0...9 are clamped into
    ///     that range.
    /// - Returns: the compressed stream.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int) -> [UInt8] {
        var writer = DeflateBitWriter(initialCapacity: input.count / 2 + 64)
        Deflater.compress(input, level: level, into: &writer)
        return writer.finish()
    }

    /// Compresses a byte array into one raw deflate stream (see `compress(_:level:)`).
    public static func compress(_ input: [UInt8], level: Int) -> [UInt8] {
        input.withUnsafeBytes { compress($0, level: level) }
    }

    /// Decompresses one raw deflate stream. Bytes after its final block are ignored.
    ///
    /// - Parameters:
    ///   - input: the compressed stream.
    ///   - expectedSize: the decompressed size if known; used only to size the
    ///     output buffer (never trusted beyond what the input could produce).
    ///   - maxOutputSize: decompression fails rather than produce more bytes.
    /// - Throws: `CompressionError` for a malformed or truncated stream, or
    ///   when the output would exceed `maxOutputSize`.
    public static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int? = nil,
                                  maxOutputSize: Int = defaultMaxOutputSize) throws -> [UInt8] {
        let capacity = initialCapacity(inputCount: input.count, expectedSize: expectedSize,
                                       maxOutputSize: maxOutputSize)
        return try InflateOutput.collect(initialCapacity: capacity, maxOutputSize: maxOutputSize) { out in
            _ = try inflate(input, from: 0, into: &out)
        }
    }

    /// Decompresses a byte array holding one raw deflate stream
    /// (see `decompress(_:expectedSize:maxOutputSize:)`).
    public static func decompress(_ input: [UInt8], expectedSize: Int? = nil,
                                  maxOutputSize: Int = defaultMaxOutputSize) throws -> [UInt8] {
        try input.withUnsafeBytes {
            try decompress($0, expectedSize: expectedSize, maxOutputSize: maxOutputSize)
        }
    }

    // MARK: - Shared with the wrappers

    /// Compresses `input` at `level` (clamped to 0...9) between a wrapper's
    /// `header` bytes and the `trailer` bytes, which are computed once the
    /// deflate stream is written.
    static func compressWrapped(_ input: UnsafeRawBufferPointer, level: Int, header: [UInt8],
                                trailer: () -> [UInt8]) -> [UInt8] {
        var writer = DeflateBitWriter(initialCapacity: input.count / 2 + 64)
        for byte in header { writer.writeByte(byte) }
        Deflater.compress(input, level: level, into: &writer)
        writer.alignToByte()
        for byte in trailer() { writer.writeByte(byte) }
        return writer.finish()
    }

    /// The starting output capacity: the size hint if any, but never more than
    /// deflate could expand `inputCount` bytes into (each 258-byte match costs at
    /// least 2 bits, so about 1032 output bytes per input byte).
    static func initialCapacity(inputCount: Int, expectedSize: Int?, maxOutputSize: Int) -> Int {
        let (product, overflow) = inputCount.multipliedReportingOverflow(by: 1032)
        let bound = overflow ? Int.max / 2 : product + 1024
        let wanted = expectedSize.map { max($0, 0) } ?? max(inputCount * 3, 1024)
        return min(wanted, bound, max(maxOutputSize, 0)) + InflateOutput.slack
    }

    /// Decodes the deflate stream that starts at byte `offset` of `input`,
    /// appending to `out`. Returns the offset just past the stream.
    static func inflate(_ input: UnsafeRawBufferPointer, from offset: Int,
                        into out: inout InflateOutput) throws -> Int {
        guard let base = input.baseAddress, offset < input.count else { throw Inflater.truncated() }
        var inflater = Inflater(input: base.assumingMemoryBound(to: UInt8.self), count: input.count,
                                position: offset, output: out)
        defer { out = inflater.out }
        return try inflater.inflateStream()
    }
}
