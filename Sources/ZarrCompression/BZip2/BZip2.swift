// bzip2 (Julian Seward's block-sorting compressor, the format of bzip2 1.0 and
// libbz2, also written by Python's bz2 module and numcodecs' BZ2): public entry
// points. The decoder reads every stream libbz2 writes, concatenated streams,
// every block size and the randomised blocks of bzip2 0.9.0; the encoder
// writes one stream as libbz2 does (initial run-length stage, Burrows-Wheeler
// transform by suffix sorting, move-to-front with RUNA/RUNB, two to six Huffman
// tables chosen by iterative refinement).

/// bzip2 compression and decompression on raw buffers.
public enum BZip2 {
    /// Decodes all concatenated bzip2 streams in `input`.
    ///
    /// An empty input decodes to nothing; bytes after a complete stream that do not
    /// start another one are ignored (as Python's `bz2.decompress` does). Throws
    /// `CompressionError("bzip2: ...")` for a malformed or truncated stream, a block
    /// or stream CRC mismatch, or output beyond `maxOutputSize` bytes. A block is
    /// never given more memory than its stream's declared block size allows.
    public static func decompress(_ input: UnsafeRawBufferPointer, maxOutputSize: Int = 1 << 32) throws -> [UInt8] {
        guard let base = input.baseAddress, input.count > 0 else { return [] }
        let bound = max(0, maxOutputSize)
        var output = BZip2Output(maxOutputSize: bound, initialCapacity: min(bound, max(4096, input.count &* 4)))
        do {
            try BZip2Decoder.decode(base.assumingMemoryBound(to: UInt8.self), count: input.count, into: &output)
        } catch {
            output.release()
            throw error
        }
        return output.finish()
    }

    /// Decodes all concatenated bzip2 streams in `input` into `output`; returns the number of
    /// bytes written. Throws as `decompress(_:maxOutputSize:)` does, and when the
    /// decoded bytes do not fit in `output`.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = input.baseAddress, input.count > 0 else { return 0 }
        var scratch: UInt8 = 0
        return try withUnsafeMutablePointer(to: &scratch) { empty in
            let start = output.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? empty
            var out = BZip2Output(fixed: start, capacity: output.count)
            try BZip2Decoder.decode(base.assumingMemoryBound(to: UInt8.self), count: input.count, into: &out)
            return out.count
        }
    }
}

extension BZip2 {
    /// Compresses `input` as one bzip2 stream, as libbz2 does at block size `level`
    /// (1...9: blocks of 100,000 to 900,000 bytes; values outside are clamped).
    /// Python's `bz2.decompress` and the `bzip2` tool read the result.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int = 9) -> [UInt8] {
        let clamped = min(max(level, 1), 9)
        var empty: UInt8 = 0
        return withUnsafePointer(to: &empty) { none in
            let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? none
            return BZip2Encoder.compress(base, count: input.count, level: clamped)
        }
    }
}
