// The .xz format (xz-file-format.txt of the XZ Utils project): public entry
// points. Decoding takes any number of streams with stream padding, every
// block, the check types none, CRC-32, CRC-64 and SHA-256, and the filters
// LZMA2 and delta; encoding writes one stream of one LZMA2 block at xz's presets.

/// xz compression and decompression on whole buffers.
public enum XZ {
    /// Decodes every stream of an .xz file.
    ///
    /// The output (which is also the LZMA2 dictionary) grows as chunks declare their sizes
    /// and never beyond `maxOutputSize`: a block or chunk that would pass it throws before
    /// memory is allocated for it. Throws `CompressionError("xz: ...")` for malformed
    /// input, a check mismatch, an index that does not match the blocks, a check type
    /// other than none / CRC-32 / CRC-64 / SHA-256, or a BCJ or unknown filter.
    public static func decompress(_ input: UnsafeRawBufferPointer, maxOutputSize: Int) throws -> [UInt8] {
        guard let base = input.baseAddress, input.count > 0 else {
            throw CompressionError("xz: empty input (an xz file has at least a stream header)")
        }
        var output = try LZMAOutput(maxSize: maxOutputSize, family: "xz")
        try XZStreamDecoder.decode(base.assumingMemoryBound(to: UInt8.self), count: input.count, into: &output)
        return output.finish()
    }

    /// Compresses `input` as one .xz stream with one LZMA2 block.
    ///
    /// - Parameters:
    ///   - preset: 0...9 as xz's presets (dictionary size, match finder depth and nice
    ///     length); values outside mean the nearest preset.
    ///   - check: the integrity check stored after the block (CRC-64 by default, as xz).
    ///   - deltaDistance: when given, the delta filter with this distance (clamped to 1...256) runs before LZMA2.
    public static func compress(_ input: UnsafeRawBufferPointer, preset: Int = 6, check: XZCheck = .crc64,
                                deltaDistance: Int? = nil) -> [UInt8] {
        XZStreamEncoder.encode(input, options: LZMAEncoderOptions(preset: preset), check: check,
                               deltaDistance: deltaDistance.map { min(DeltaFilter.distances.upperBound, max(1, $0)) })
    }
}

/// The .lzma ("FORMAT_ALONE") container of LZMA Utils.
public enum LZMA {
    /// Decodes a .lzma file, with a known uncompressed size or one ended by a marker;
    /// never produces more than `maxOutputSize` bytes (a larger declared size throws before
    /// any allocation).
    public static func decompressAlone(_ input: UnsafeRawBufferPointer, maxOutputSize: Int) throws -> [UInt8] {
        guard let base = input.baseAddress else {
            throw CompressionError("lzma: empty input (a .lzma file has a 13-byte header)")
        }
        var output = try LZMAOutput(maxSize: maxOutputSize, family: "lzma")
        try LZMAAlone.decode(base.assumingMemoryBound(to: UInt8.self), count: input.count, into: &output)
        return output.finish()
    }

    /// Compresses `input` as a .lzma file at xz preset `preset` (0...9), with the size in
    /// the header and no end marker.
    public static func compressAlone(_ input: UnsafeRawBufferPointer, preset: Int = 6) -> [UInt8] {
        let options = LZMAEncoderOptions(preset: preset)
        return LZMAAlone.header(properties: .standard, dictionarySize: options.dictionarySize, size: input.count)
            + LZMAEncoder.encodeAlone(input, options: options)
    }
}
