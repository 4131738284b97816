// Writing a blosc1 chunk the way c-blosc 1.21's blosc_compress_ctx does.
//
// The header flags are set first: memcpyed at level 0 or for inputs below 128
// bytes, the shuffle bit asked for (kept even where the shuffle is a no-op, as
// for typesize 1), the no-split bit from the split rule, the compressor code.
// Then each block is shuffled (byte shuffle only for typesize > 1, bit shuffle
// only for blocks of at least one element), split into `typesize` streams
// unless it is the short last block or the no-split bit is set, and each
// stream is compressed behind its 4-byte size. A stream that does not shrink
// is stored raw (its size then equals its decoded size). The whole chunk may
// not exceed the input size plus the header: when it would, c-blosc starts
// again and stores the input as it is (memcpyed, keeping the other flags),
// and so do we.

enum BloscEncoder {
    static func compress(_ input: UnsafeRawBufferPointer, typesize requested: Int, clevel: Int, shuffle: Blosc.Shuffle,
                         compressor: Blosc.Compressor, blockSize forced: Int,
                         splitMode: Blosc.SplitMode) throws -> [UInt8] {
        guard (0...9).contains(clevel) else { throw CompressionError("blosc: clevel \(clevel) is outside 0...9") }
        guard requested >= 1 else { throw CompressionError("blosc: typesize \(requested) is below 1") }
        guard compressor != .snappy else { throw Blosc.snappyUnsupported() }
        let count = input.count
        guard count <= Blosc.maxBufferSize else {
            throw CompressionError("blosc: input of \(count) bytes exceeds the \(Blosc.maxBufferSize)-byte maximum")
        }
        let typesize = requested > 255 ? 1 : requested
        let blockSize = Blosc.blockSize(clevel: clevel, typesize: typesize, count: count, compressor: compressor,
                                        forced: max(forced, 0), splitMode: splitMode)
        let split = Blosc.splitsBlocks(splitMode, compressor, typesize: typesize, blockSize: blockSize)
        var flags = UInt8(formatCode(compressor) << 5) | (split ? 0 : Blosc.Flag.noSplit)
        switch shuffle {
        case .none: break
        case .byte: flags |= Blosc.Flag.byteShuffle
        case .bit: flags |= Blosc.Flag.bitShuffle
        }
        if clevel == 0 || count < Blosc.minBufferSize { flags |= Blosc.Flag.memcpyed }
        var header = Blosc.Header(version: Blosc.formatVersion, compressorVersion: Blosc.compressorFormatVersion,
                                  flags: flags, typesize: typesize, decodedSize: count, blockSize: blockSize,
                                  compressedSize: 0)
        let capacity = count + Blosc.headerSize
        if flags & Blosc.Flag.memcpyed == 0 {
            // Compressed into pooled memory of the largest size a chunk may
            // take, then copied out at its own size.
            let chunk = try BloscScratch.with(byteCount: capacity) { out -> [UInt8]? in
                let blocks = BlockWriter(input: input, output: out, header: header, compressor: compressor, clevel: clevel)
                let size = try blocks.run()
                guard size > 0, let base = out.baseAddress else { return nil }
                header.compressedSize = size
                header.write(to: base)
                return [UInt8](UnsafeRawBufferPointer(rebasing: out[0..<size]))
            }
            if let chunk { return chunk }
            header.flags |= Blosc.Flag.memcpyed
        }
        header.compressedSize = capacity
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            header.write(to: base)
            if count > 0, let src = input.baseAddress {
                UnsafeMutableRawPointer(base + Blosc.headerSize).copyMemory(from: src, byteCount: count)
            }
            initialized = capacity
        }
    }

    /// The compressor code of the header (lz4hc writes lz4's format).
    static func formatCode(_ compressor: Blosc.Compressor) -> Int {
        switch compressor {
        case .blosclz: 0
        case .lz4, .lz4hc: 1
        case .snappy: 2
        case .zlib: 3
        case .zstd: 4
        }
    }

    /// Compresses the blocks of one chunk behind the header and the table of
    /// block starts.
    private struct BlockWriter {
        let input: UnsafeRawBufferPointer
        let output: UnsafeMutableRawBufferPointer
        let header: Blosc.Header
        let compressor: Blosc.Compressor
        let clevel: Int

        /// Writes the table and the blocks and returns the chunk size, or 0
        /// when the chunk would not fit in `output` (input size + 16).
        func run() throws -> Int {
            let count = header.decodedSize, blockSize = header.blockSize
            let blocks = (count + blockSize - 1) / blockSize
            guard let base = output.baseAddress else { return 0 }
            var total = Blosc.headerSize + 4 * blocks
            guard total <= output.count else { return 0 }
            let shuffled = header.flags & (Blosc.Flag.byteShuffle | Blosc.Flag.bitShuffle) != 0
            return try BloscScratch.with(byteCount: shuffled ? blockSize : 0) { scratch in
                for block in 0..<blocks {
                    base.storeBytes(of: UInt32(total).littleEndian, toByteOffset: Blosc.headerSize + 4 * block,
                                    as: UInt32.self)
                    let start = block * blockSize
                    let source = UnsafeRawBufferPointer(rebasing: input[start..<min(start + blockSize, count)])
                    let written = try compressBlock(source, last: source.count < blockSize, at: total, scratch)
                    guard written > 0 else { return 0 }
                    total += written
                }
                return total
            }
        }

        /// Shuffles and compresses one block at output offset `at`; returns
        /// the bytes written, or 0 when the chunk would overflow.
        private func compressBlock(_ block: UnsafeRawBufferPointer, last: Bool, at start: Int,
                                   _ scratch: UnsafeMutableRawBufferPointer) throws -> Int {
            let typesize = header.typesize, size = block.count
            let filtered = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<min(size, scratch.count)])
            var data = block
            if header.flags & Blosc.Flag.byteShuffle != 0 && typesize > 1 {
                ByteShuffle.shuffle(typesize: typesize, block, into: filtered)
                data = UnsafeRawBufferPointer(filtered)
            } else if header.flags & Blosc.Flag.bitShuffle != 0 && size >= typesize {
                BitShuffle.shuffle(typesize: typesize, block, into: filtered)
                data = UnsafeRawBufferPointer(filtered)
            }
            let split = header.flags & Blosc.Flag.noSplit == 0
            let streams = split && !last ? typesize : 1
            let streamSize = size / streams
            var at = start
            for stream in 0..<streams {
                at += 4
                let room = min(streamSize, output.count - at)
                guard room > 0 else { return 0 }
                let source = UnsafeRawBufferPointer(rebasing: data[(stream * streamSize)..<((stream + 1) * streamSize)])
                var written = try Blosc.compressStream(compressor, clevel: clevel, splitBlocks: split, source,
                                                       into: UnsafeMutableRawBufferPointer(rebasing: output[at..<(at + room)]))
                if written == 0 || written == streamSize {
                    // Not compressible: stored raw, if that fits.
                    guard streamSize <= output.count - at, let dst = output.baseAddress, let src = source.baseAddress
                    else { return 0 }
                    (dst + at).copyMemory(from: src, byteCount: streamSize)
                    written = streamSize
                }
                output.storeBytes(of: UInt32(written).littleEndian, toByteOffset: at - 4, as: UInt32.self)
                at += written
            }
            return at - start
        }
    }
}
