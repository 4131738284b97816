// The blosc1 container (c-blosc 1.x, format version 2), as written and read by
// the c-blosc that numcodecs bundles: a 16-byte header (BloscHeader.swift), then
// either the data as it is ("memcpyed") or a table of block starts followed by
// the blocks. Each block is shuffled as a whole, then compressed as one stream
// or as `typesize` streams (one per byte of the elements), each stream preceded
// by its 4-byte compressed size and stored raw when that size equals its
// decoded size. Encoding is in BloscEncoder.swift, decoding in
// BloscDecoder.swift, the choice of block size in BloscBlockSize.swift and the
// inner compressors in BloscCodecs.swift.

/// The blosc1 meta-compressor: shuffle filters plus an inner compressor, in
/// blocks, in c-blosc's chunk format.
public enum Blosc {
    /// The inner compressor of a chunk.
    public enum Compressor: String, Sendable, CaseIterable {
        /// c-blosc's own LZ77 codec.
        case blosclz
        /// LZ4 at an acceleration derived from the level.
        case lz4
        /// LZ4's high-compression mode (the same stream format as `lz4`).
        case lz4hc
        /// Snappy: recognised, but neither written nor read here.
        case snappy
        /// Deflate in the zlib format.
        case zlib
        /// Zstandard.
        case zstd
    }

    /// The filter applied to each block before compression.
    public enum Shuffle: Int, Sendable {
        /// None.
        case none = 0
        /// Byte shuffle: the bytes of the elements regrouped by position.
        case byte = 1
        /// Bit shuffle: the bits of the elements regrouped by position.
        case bit = 2
    }

    /// When blocks are compressed as one stream per byte of the elements
    /// ("split"), as c-blosc's `blosc_set_splitmode` chooses.
    public enum SplitMode: Sendable {
        /// Split whenever c-blosc can: elements of at most 16 bytes and at
        /// least 128 of them per block.
        case always
        /// Never split.
        case never
        /// Split for blosclz and snappy with at most 16-byte elements and
        /// at least 128 elements per block (c-blosc's `AUTO`).
        case auto
        /// Split for every compressor but zstd with at most 16-byte elements
        /// and at least 128 elements per block: c-blosc's default, which older
        /// readers understand.
        case forwardCompatible
    }

    /// The size of the chunk header.
    public static let headerSize = 16

    /// The largest input c-blosc compresses (2^31 - 1 minus the header).
    public static let maxBufferSize = Int(Int32.max) - headerSize

    /// Compresses `input` into one blosc chunk, as c-blosc's
    /// `blosc_compress_ctx` does.
    ///
    /// - Parameters:
    ///   - typesize: the element size the shuffles work on (1 or more; above
    ///     255 the data is treated as bytes, as in c-blosc).
    ///   - clevel: 0 (store only) to 9.
    ///   - blockSize: 0 chooses the block size as c-blosc does; otherwise the
    ///     requested size, adjusted as c-blosc adjusts a forced block size.
    ///   - splitMode: c-blosc's split mode (its default unless changed).
    /// - Returns: the chunk; at most `input.count + 16` bytes (data that does
    ///   not compress is stored as it is).
    /// - Throws: `CompressionError` for a level outside 0...9, a typesize
    ///   below 1, an input above `maxBufferSize`, or the snappy compressor.
    public static func compress(_ input: UnsafeRawBufferPointer, typesize: Int, clevel: Int, shuffle: Shuffle,
                                compressor: Compressor, blockSize: Int = 0,
                                splitMode: SplitMode = .forwardCompatible) throws -> [UInt8] {
        try BloscEncoder.compress(input, typesize: typesize, clevel: clevel, shuffle: shuffle,
                                  compressor: compressor, blockSize: blockSize, splitMode: splitMode)
    }

    /// Decompresses one blosc chunk.
    ///
    /// - Parameter maxOutputSize: the most bytes the result may hold; a chunk
    ///   declaring more is an error before anything is allocated.
    /// - Throws: `CompressionError` for a malformed or truncated chunk, one
    ///   that c-blosc would refuse, an unsupported compressor, or a stream
    ///   that does not decode to its declared size.
    public static func decompress(_ input: UnsafeRawBufferPointer, maxOutputSize: Int) throws -> [UInt8] {
        try BloscDecoder.decompress(input, maxOutputSize: maxOutputSize)
    }

    /// Decompresses one blosc chunk into `output`, which must hold at least
    /// the header's `decodedSize` bytes (for decoding in place); returns the
    /// bytes written (that size).
    ///
    /// - Throws: as `decompress(_:maxOutputSize:)`, and when `output` is too small.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try BloscDecoder.decompress(input, into: output)
    }
}
