// Frames and blocks, encoder side (RFC 8878 §3.1.1).
//
// One frame per input (inputs over 1 GiB are cut into 1 GiB frames so
// positions fit 32 bits). The header records the content size; frames up
// to 128 MiB are single-segment (window = content size), larger ones
// declare the match finder's window instead, so decoders with the usual
// window limits accept them. Each 128 KiB block is stored as RLE if it is
// one repeated byte, compressed if that is smaller, raw otherwise.

/// Working memory of one compression, kept in a pool between calls.
///
/// `@unchecked Sendable`: a context is used by one thread at a time, the
/// thread that took it out of `ZstdEncoderContext.pool` (whose lock hands it
/// over) until it gives it back.
final class ZstdEncoderContext: @unchecked Sendable {
    static let pool = ContextPool<ZstdEncoderContext>(capacity: 4)
    /// Contexts whose tables grew beyond this are not kept.
    static let maxPooledTableBytes = 4 << 20

    let blockEncoder = ZstdBlockEncoder()
    let store = ZstdSequenceStore()
    let tables = ZstdMatchTables()
    /// Room for one compressed block attempt: literals, sequences, tables.
    let scratch: UnsafeMutablePointer<UInt8>

    init() {
        scratch = .allocate(capacity: 2 * ZstdDecoderState.maxBlockSize + ZstdSequenceStore.capacity * 12 + 4096)
    }

    deinit { scratch.deallocate(); store.deallocate() }
}

enum ZstdFrameEncoder {
    static let maxFrameInput = 1 << 30
    static let singleSegmentLimit = 1 << 27

    static func compress(_ input: UnsafeRawBufferPointer, level: Int, checksum: Bool) -> [UInt8] {
        let n = input.count
        // Worst case: raw blocks (3-byte header each) plus frame overhead.
        let bound = n + (n >> 17 + 1) * 3 + 32 + (n / maxFrameInput + 1) * 24
        let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let params = ZstdLevelParameters.forLevel(level)
        return [UInt8](unsafeUninitializedCapacity: bound + 16) { buffer, written in
            let out = buffer.baseAddress!
            var op = 0
            guard let src = base, n > 0 else {
                op += writeHeader(out, contentSize: 0, checksum: checksum, windowLog: params.windowLog)
                // One empty last raw block.
                out[op] = 1; out[op + 1] = 0; out[op + 2] = 0; op += 3
                if checksum { op += writeLE32(out + op, UInt32(truncatingIfNeeded: XXHash64.hash(UnsafeRawBufferPointer(start: nil, count: 0)))) }
                written = op
                return
            }
            let context = ZstdEncoderContext.pool.take() ?? ZstdEncoderContext()
            defer {
                if context.tables.byteCount <= ZstdEncoderContext.maxPooledTableBytes { ZstdEncoderContext.pool.give(context) }
            }
            var frameStart = 0
            while frameStart < n {
                let frameSize = min(n - frameStart, maxFrameInput)
                op += encodeFrame(src + frameStart, count: frameSize, params: params, checksum: checksum,
                                  context: context, to: out + op)
                frameStart += frameSize
            }
            written = op
        }
    }

    @inline(__always)
    static func writeLE32(_ p: UnsafeMutablePointer<UInt8>, _ v: UInt32) -> Int {
        for i in 0..<4 { p[i] = UInt8(truncatingIfNeeded: v >> UInt32(8 * i)) }
        return 4
    }

    /// Writes magic and header; returns the header size.
    static func writeHeader(_ out: UnsafeMutablePointer<UInt8>, contentSize n: Int, checksum: Bool, windowLog: Int) -> Int {
        var p = writeLE32(out, ZstdFrameHeader.magic)
        let single = n <= singleSegmentLimit
        let fcsFlag: Int
        let fcsBytes: Int
        var value = UInt64(n)
        if n < 256 && single { fcsFlag = 0; fcsBytes = 1 }
        else if n < 65536 + 256 && n >= 256 { fcsFlag = 1; fcsBytes = 2; value -= 256 }
        else if UInt64(n) <= UInt64(UInt32.max) { fcsFlag = 2; fcsBytes = 4 }
        else { fcsFlag = 3; fcsBytes = 8 }
        out[p] = UInt8(fcsFlag << 6 | (single ? 0x20 : 0) | (checksum ? 4 : 0)); p += 1
        if !single {
            // Window_Descriptor: exponent only (mantissa 0).
            out[p] = UInt8((windowLog - 10) << 3); p += 1
        }
        for i in 0..<fcsBytes { out[p + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
        return p + fcsBytes
    }

    @inline(__always)
    static func writeBlockHeader(_ p: UnsafeMutablePointer<UInt8>, last: Bool, type: Int, size: Int) {
        let bh = (last ? 1 : 0) | type << 1 | size << 3
        p[0] = UInt8(truncatingIfNeeded: bh)
        p[1] = UInt8(truncatingIfNeeded: bh >> 8)
        p[2] = UInt8(truncatingIfNeeded: bh >> 16)
    }

    /// True if all `n` bytes equal the first.
    static func isRun(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let first = p[0]
        let pattern = UInt64(first) &* 0x0101_0101_0101_0101
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) != pattern { return false }
            i += 8
        }
        while i < n { if p[i] != first { return false }; i += 1 }
        return true
    }

    /// Encodes one frame; returns its size.
    static func encodeFrame(
        _ src: UnsafePointer<UInt8>, count n: Int, params: ZstdLevelParameters, checksum: Bool,
        context: ZstdEncoderContext, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var op = writeHeader(out, contentSize: n, checksum: checksum, windowLog: min(params.windowLog, 27))
        var finder = ZstdMatchFinder(params: params, base: src, count: n, tables: context.tables)
        let blockEncoder = context.blockEncoder
        let scratch = context.scratch
        var store = context.store
        var pos = 0
        while pos < n {
            let size = min(n - pos, ZstdDecoderState.maxBlockSize)
            let last = pos + size == n
            let block = src + pos
            if size > 1 && isRun(block, size) {
                writeBlockHeader(out + op, last: last, type: 1, size: size)
                out[op + 3] = block[0]
                op += 4
            } else {
                var compressedSize = Int.max
                // Raw and RLE blocks leave the decoder's repeat offsets
                // alone, so a discarded attempt must not change ours.
                let savedReps = (finder.rep0, finder.rep1, finder.rep2)
                if size >= 16 {
                    finder.findMatches(start: pos, end: pos + size, into: &store)
                    compressedSize = encodeBlockBody(store: &store, blockEncoder: blockEncoder, to: scratch)
                }
                if compressedSize >= size { (finder.rep0, finder.rep1, finder.rep2) = savedReps }
                if compressedSize < size {
                    writeBlockHeader(out + op, last: last, type: 2, size: compressedSize)
                    (out + op + 3).update(from: scratch, count: compressedSize)
                    op += 3 + compressedSize
                } else {
                    writeBlockHeader(out + op, last: last, type: 0, size: size)
                    (out + op + 3).update(from: block, count: size)
                    op += 3 + size
                }
            }
            pos += size
        }
        if checksum {
            op += writeLE32(out + op, UInt32(truncatingIfNeeded: XXHash64.hash(UnsafeRawBufferPointer(start: src, count: n))))
        }
        return op
    }

    /// Literals section + sequences section of a compressed block.
    static func encodeBlockBody(store: inout ZstdSequenceStore, blockEncoder: ZstdBlockEncoder,
                                to dst: UnsafeMutablePointer<UInt8>) -> Int {
        let litSize = blockEncoder.writeLiterals(store.literals, count: store.literalCount, to: dst)
        let seqSize = blockEncoder.writeSequences(&store, to: dst + litSize)
        return litSize + seqSize
    }
}
