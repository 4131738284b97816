// Frames and blocks, decoder side (RFC 8878 §3.1).
//
// An input is a sequence of frames: Zstandard frames (header, blocks, an
// optional 4-byte checksum) and skippable frames (magic 0x184D2A5?, a
// 4-byte length, ignored payload). Each block starts with a 3-byte header:
// last-block flag, type (raw, RLE, compressed, reserved) and size.
//
// Output sizing. Before decoding we walk the block headers once (cheap: no
// entropy decoding) to get a hard upper bound on the output: raw and RLE
// blocks give their exact size, a compressed block at most the frame's
// block maximum (<= 128 KiB). If every frame declares its content size, the
// sum is consistent with that bound, fits `maxOutputSize`, and is at most
// 1024 times the input size plus 1 MiB, we decode straight into the result
// array, sized exactly. Otherwise we start with the smallest of those
// figures and grow geometrically as blocks actually produce data. A frame
// that claims 4 GiB in a few bytes therefore reserves at most the block
// bound (a few MiB), never what it claims.

enum ZstdFrameDecoder {
    /// Result of the block-header walk.
    struct Survey {
        /// Sum of declared content sizes, if every frame declares one.
        var declaredTotal: Int?
        /// Upper bound on the output size from the block structure.
        var bound: Int
    }

    @inline(__always)
    static func readLE24(_ p: UnsafePointer<UInt8>) -> Int {
        Int(p[0]) | Int(p[1]) << 8 | Int(p[2]) << 16
    }

    /// `a + b` for non-negative sizes, saturating at Int.max: sums of sizes
    /// read from the input must never trap.
    @inline(__always)
    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    /// Walks frame and block headers. Returns nil if the structure is
    /// broken (the real decoding pass then reports the precise error).
    static func survey(_ src: UnsafePointer<UInt8>, count: Int) -> Survey? {
        var p = 0
        var declared: Int? = 0
        var bound = 0
        while p < count {
            guard count - p >= 8 else { return nil }
            if let size = ZstdFrameHeader.skippableFrameSize(src + p) {
                guard size <= count - p else { return nil }
                p += size
                continue
            }
            guard let header = try? ZstdFrameHeader.parse(src + p, count: count - p) else { return nil }
            // Declared sizes are hostile: a sum that overflows is as good as
            // no declaration (the output is then sized from the blocks).
            if let d = declared, let c = header.contentSize, c <= UInt64(Int.max) {
                let (sum, overflow) = d.addingReportingOverflow(Int(c))
                declared = overflow ? nil : sum
            } else {
                declared = nil
            }
            p += header.headerSize
            let blockMax = header.blockMaximum
            while true {
                guard count - p >= 3 else { return nil }
                let bh = readLE24(src + p)
                p += 3
                let size = bh >> 3
                switch (bh >> 1) & 3 {
                case 0:
                    guard size <= count - p else { return nil }
                    bound = saturatingAdd(bound, size); p += size
                case 1:
                    guard count - p >= 1 else { return nil }
                    bound = saturatingAdd(bound, size); p += 1
                case 2:
                    guard size <= count - p else { return nil }
                    bound = saturatingAdd(bound, blockMax); p += size
                default:
                    return nil
                }
                if bh & 1 != 0 { break }
            }
            if header.hasChecksum {
                guard count - p >= 4 else { return nil }
                p += 4
            }
        }
        guard p == count else { return nil }
        return Survey(declaredTotal: declared, bound: bound)
    }

    /// Decodes every frame of `input`.
    static func decompress(_ input: UnsafeRawBufferPointer, maxOutputSize: Int) throws -> [UInt8] {
        guard let raw = input.baseAddress, input.count > 0 else {
            throw CompressionError("zstd: input is empty (no frame)")
        }
        let src = raw.assumingMemoryBound(to: UInt8.self)
        let count = input.count
        let limit = max(maxOutputSize, 0)
        let survey = survey(src, count: count)
        let ratioCap = count > (Int.max >> 11) ? Int.max : count * 1024 + (1 << 20)
        let context = ZstdDecoderContext.pool.take() ?? ZstdDecoderContext()
        defer { ZstdDecoderContext.pool.give(context) }

        if let s = survey, let declared = s.declaredTotal,
           declared <= s.bound, declared <= limit, declared <= ratioCap,
           declared <= Int.max - ZstdDecoderState.slack {
            return try [UInt8](unsafeUninitializedCapacity: declared + ZstdDecoderState.slack) { buffer, initialized in
                // The array's storage holds at least declared + slack bytes.
                assert(buffer.count >= declared + ZstdDecoderState.slack)
                guard let base = buffer.baseAddress else { throw CompressionError("zstd: no output storage") }
                var out = ZstdOutputBuffer(fixed: base, capacity: declared, limit: declared)
                try decodeFrames(src, count: count, state: &context.state, out: &out)
                initialized = out.count
            }
        }
        var initial = min(limit, ratioCap)
        if let s = survey {
            initial = min(initial, s.declaredTotal ?? s.bound, s.bound)
        } else {
            // The structure is broken, so decoding will most likely fail:
            // start at one block and grow only as blocks produce data.
            initial = min(initial, ZstdDecoderState.maxBlockSize)
        }
        var out = ZstdOutputBuffer(growableCapacity: initial, limit: limit)
        defer { out.deallocateIfOwned() }
        try decodeFrames(src, count: count, state: &context.state, out: &out)
        return [UInt8](UnsafeBufferPointer(start: out.base, count: out.count))
    }

    /// Decodes every frame of `input` into caller memory: `capacity` bytes at
    /// `base`, followed by `ZstdDecoderState.slack` more the decoder may
    /// overwrite; returns the decoded size. More output than `capacity` is an
    /// error. (For containers such as blosc that know the decoded size and
    /// own the memory around it.)
    static func decompress(_ input: UnsafeRawBufferPointer, into base: UnsafeMutablePointer<UInt8>,
                           capacity: Int) throws -> Int {
        guard let raw = input.baseAddress, input.count > 0 else {
            throw CompressionError("zstd: input is empty (no frame)")
        }
        let context = ZstdDecoderContext.pool.take() ?? ZstdDecoderContext()
        defer { ZstdDecoderContext.pool.give(context) }
        var out = ZstdOutputBuffer(fixed: base, capacity: capacity, limit: capacity)
        try decodeFrames(raw.assumingMemoryBound(to: UInt8.self), count: input.count, state: &context.state, out: &out)
        return out.count
    }

    /// Decodes all frames into `out`.
    static func decodeFrames(
        _ src: UnsafePointer<UInt8>, count: Int, state: inout ZstdDecoderState, out: inout ZstdOutputBuffer
    ) throws {
        let inputEnd = src + count
        var p = 0
        while p < count {
            guard count - p >= 4 else { throw CompressionError("zstd: truncated frame (\(count - p) stray bytes)") }
            let magic = ZstdFrameHeader.readLE32(src + p)
            if magic & ZstdFrameHeader.skippableMagicMask == ZstdFrameHeader.skippableMagic {
                guard count - p >= 8 else { throw CompressionError("zstd: truncated skippable frame header") }
                let size = Int(ZstdFrameHeader.readLE32(src + p + 4))
                guard size <= count - p - 8 else { throw CompressionError("zstd: truncated skippable frame") }
                p += 8 + size
                continue
            }
            p += try decodeFrame(src + p, count: count - p, inputEnd: inputEnd, state: &state, out: &out)
        }
    }

    /// Decodes one Zstandard frame; returns its size in bytes.
    static func decodeFrame(
        _ src: UnsafePointer<UInt8>, count: Int, inputEnd: UnsafePointer<UInt8>,
        state: inout ZstdDecoderState, out: inout ZstdOutputBuffer
    ) throws -> Int {
        let header = try ZstdFrameHeader.parse(src, count: count)
        state.resetForFrame()
        let frameStartIndex = out.count
        let blockMax = header.blockMaximum
        // Remaining content the header allows (unbounded without a size).
        var contentLeft = Int.max
        if let c = header.contentSize { contentLeft = c > UInt64(Int.max) ? Int.max : Int(c) }
        var p = header.headerSize
        while true {
            guard count - p >= 3 else { throw CompressionError("zstd: truncated block header") }
            let bh = readLE24(src + p)
            p += 3
            let last = bh & 1 != 0
            let type = (bh >> 1) & 3
            let size = bh >> 3
            switch type {
            case 0, 1:
                // Raw or RLE: `size` bytes of output.
                guard size <= blockMax else {
                    throw CompressionError("zstd: block size \(size) exceeds the block maximum \(blockMax)")
                }
                let inputSize = type == 0 ? size : 1
                guard inputSize <= count - p else { throw CompressionError("zstd: truncated block") }
                guard size <= contentLeft else {
                    throw CompressionError("zstd: frame content exceeds its declared size")
                }
                guard out.reserve(size) >= size else {
                    throw CompressionError("zstd: output exceeds the limit of \(out.limit) bytes")
                }
                // Exact copies: output [count, count + size) <= capacity and
                // input [p, p + inputSize) <= count (of this frame's bytes).
                assert(out.count + size <= out.capacity && p + inputSize <= count)
                if type == 0 {
                    (out.base + out.count).update(from: src + p, count: size)
                } else {
                    (out.base + out.count).update(repeating: src[p], count: size)
                }
                out.count += size
                contentLeft -= size
                p += inputSize
            case 2:
                guard size <= blockMax else {
                    throw CompressionError("zstd: compressed block size \(size) exceeds the block maximum \(blockMax)")
                }
                guard size <= count - p else { throw CompressionError("zstd: truncated block") }
                let available = min(out.reserve(min(blockMax, contentLeft)), blockMax, contentLeft)
                // The block may write [op, op + available) exactly, and its
                // fast copies up to writeEnd = capacity + slack, which every
                // output buffer has.
                assert(available >= 0 && out.count + available <= out.capacity)
                let op = out.base + out.count
                let (literals, used) = try state.decodeLiterals(src + p, count: size, inputEnd: inputEnd)
                let newOp = try state.decodeSequences(
                    src + p + used, count: size - used, literals: literals,
                    frameStart: out.base + frameStartIndex, op: op,
                    blockEnd: op + available, writeEnd: out.base + out.capacity + ZstdDecoderState.slack)
                let produced = newOp - op
                out.count += produced
                contentLeft -= produced
                p += size
            default:
                throw CompressionError("zstd: reserved block type")
            }
            if last { break }
        }
        let produced = out.count - frameStartIndex
        if let c = header.contentSize, UInt64(produced) != c {
            throw CompressionError("zstd: frame produced \(produced) bytes but declares \(c)")
        }
        if header.hasChecksum {
            guard count - p >= 4 else { throw CompressionError("zstd: truncated content checksum") }
            let expected = ZstdFrameHeader.readLE32(src + p)
            let actual = UInt32(truncatingIfNeeded: XXHash64.hash(out.base + frameStartIndex, count: produced, seed: 0))
            guard expected == actual else {
                throw CompressionError("zstd: content checksum mismatch (data is corrupt)")
            }
            p += 4
        }
        return p
    }

    /// Frame_Content_Size of the first Zstandard frame (after any skippable
    /// frames), if it declares one.
    static func contentSize(_ input: UnsafeRawBufferPointer) -> Int? {
        guard let raw = input.baseAddress else { return nil }
        let src = raw.assumingMemoryBound(to: UInt8.self)
        let count = input.count
        var p = 0
        while count - p >= 8 {
            if let size = ZstdFrameHeader.skippableFrameSize(src + p) {
                guard size <= count - p else { return nil }
                p += size
                continue
            }
            guard let header = try? ZstdFrameHeader.parse(src + p, count: count - p),
                  let c = header.contentSize, c <= UInt64(Int.max) else { return nil }
            return Int(c)
        }
        if count - p >= 5, let header = try? ZstdFrameHeader.parse(src + p, count: count - p),
           let c = header.contentSize, c <= UInt64(Int.max) {
            return Int(c)
        }
        return nil
    }
}
