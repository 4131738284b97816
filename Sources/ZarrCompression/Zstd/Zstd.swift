// Zstandard (RFC 8878): public entry points.
//
// Decoding supports the whole format except dictionaries: every frame
// header variant, raw/RLE/compressed blocks, all literal and sequence
// modes, repeat offsets, content checksums, concatenated and skippable
// frames. Encoding produces single-segment frames with the content size.

/// Zstandard compression and decompression on raw buffers.
public enum Zstd {
    /// Decompresses every frame in `input` (frames in a row are joined,
    /// skippable frames are skipped).
    ///
    /// - Parameter maxOutputSize: the most bytes the result may hold; a
    ///   larger output is an error. Memory is reserved according to what the
    ///   data actually contains, never from a declared size alone.
    /// - Throws: `CompressionError` for malformed, truncated or corrupt
    ///   input, a checksum mismatch, or frames that need a dictionary.
    public static func decompress(_ input: UnsafeRawBufferPointer, maxOutputSize: Int = 1 << 32) throws -> [UInt8] {
        try ZstdFrameDecoder.decompress(input, maxOutputSize: maxOutputSize)
    }

    /// Decompresses every frame in `input`; see `decompress(_:maxOutputSize:)`.
    public static func decompress(_ input: [UInt8], maxOutputSize: Int = 1 << 32) throws -> [UInt8] {
        try input.withUnsafeBytes { try ZstdFrameDecoder.decompress($0, maxOutputSize: maxOutputSize) }
    }

    /// How many bytes past the decoded data `decompress(_:into:)` may overwrite.
    public static let decompressionSlack = ZstdDecoderState.slack

    /// Decompresses every frame of `input` into `output`, whose last `decompressionSlack` bytes
    /// the decoder may use as scratch room; returns the decoded size. More output than
    /// `output.count - decompressionSlack` bytes is an error.
    ///
    /// - Throws: as `decompress(_:maxOutputSize:)`, and when `output` is too small.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = output.baseAddress, output.count >= decompressionSlack else {
            throw CompressionError("zstd: the output buffer is smaller than the decoder's \(decompressionSlack) bytes of slack")
        }
        return try ZstdFrameDecoder.decompress(
            input, into: base.assumingMemoryBound(to: UInt8.self), capacity: output.count - decompressionSlack)
    }

    /// The content size declared by the first frame (skippable frames
    /// before it are passed over), or nil if it does not declare one or the
    /// header is malformed.
    public static func decompressedSize(_ input: UnsafeRawBufferPointer) -> Int? {
        ZstdFrameDecoder.contentSize(input)
    }

    /// The content size declared by the first frame; see `decompressedSize(_:)`.
    public static func decompressedSize(_ input: [UInt8]) -> Int? {
        input.withUnsafeBytes { ZstdFrameDecoder.contentSize($0) }
    }

    /// Compresses `input` into one single-segment frame that records the
    /// content size.
    ///
    /// - Parameters:
    ///   - level: negative levels trade ratio for speed; 1...9 search
    ///     harder as the level rises; higher levels behave like the highest
    ///     one implemented.
    ///   - checksum: append the XXH64-based content checksum.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int = 3, checksum: Bool = false) -> [UInt8] {
        ZstdFrameEncoder.compress(input, level: level, checksum: checksum)
    }

    /// Compresses `input`; see `compress(_:level:checksum:)`.
    public static func compress(_ input: [UInt8], level: Int = 3, checksum: Bool = false) -> [UInt8] {
        input.withUnsafeBytes { ZstdFrameEncoder.compress($0, level: level, checksum: checksum) }
    }
}
