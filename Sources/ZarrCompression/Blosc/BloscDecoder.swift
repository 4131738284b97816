// Reading a blosc1 chunk with the checks of c-blosc 1.21's
// blosc_decompress_ctx, and the checks a hostile chunk needs on top of them.
//
// The header is checked before anything is allocated: format version 2, the
// reserved flag clear, a known compressor of format version 1, a block size
// between 1 and the decoded size, a typesize of at least 1, a chunk size no
// larger than the input; memcpyed chunks must hold exactly the decoded size,
// others at least the table of block starts. Then, for each block, its start
// and every stream size are checked against the chunk before use, and every
// stream must decode to exactly its share of the block.
//
// A block is read as `typesize` streams when the no-split flag is clear, the
// typesize is at most 16, the block holds at least 128 elements and it is not
// the short last block; otherwise as one stream (so chunks written before the
// flag existed still read). The byte unshuffle applies for typesize > 1, the
// bit unshuffle for blocks of at least one element; byte wins when both flags
// are set. An empty chunk (decoded size 0) is empty whatever else its header says.

enum BloscDecoder {
    static func decompress(_ input: UnsafeRawBufferPointer, maxOutputSize: Int) throws -> [UInt8] {
        let chunk = try Chunk(input, limit: maxOutputSize, of: "the limit of")
        let size = chunk.header.decodedSize
        return try [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            try chunk.decode(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = size
        }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        let chunk = try Chunk(input, limit: output.count, of: "an output of")
        let size = chunk.header.decodedSize
        try chunk.decode(into: UnsafeMutableRawBufferPointer(rebasing: output[0..<size]))
        return size
    }

    /// A chunk whose header passed the checks.
    private struct Chunk {
        let input: UnsafeRawBufferPointer
        let header: Blosc.Header
        /// The bytes of the chunk (cbytes), at most the input.
        let end: Int
        let blocks: Int

        /// Checks the header; `limit` (with the words for it, for the error)
        /// bounds the decoded size.
        init(_ input: UnsafeRawBufferPointer, limit: Int, of what: String) throws {
            let header = try Blosc.Header(parsing: input)
            self.input = input
            self.header = header
            let size = header.decodedSize, blockSize = header.blockSize
            end = header.compressedSize
            guard size > 0 else {
                blocks = 0
                return
            }
            guard size <= max(limit, 0) else {
                throw CompressionError("blosc: decoded size \(size) exceeds \(what) \(limit) bytes")
            }
            guard header.version == Blosc.formatVersion else {
                throw CompressionError("blosc: unsupported format version \(header.version) (c-blosc 1.x reads 2)")
            }
            guard header.flags & Blosc.Flag.reserved == 0 else {
                throw CompressionError("blosc: reserved flag 0x08 is set (a format from the future)")
            }
            guard header.typesize >= 1 else { throw CompressionError("blosc: typesize 0") }
            guard size <= Blosc.maxBufferSize else {
                throw CompressionError("blosc: decoded size \(size) exceeds the \(Blosc.maxBufferSize)-byte maximum")
            }
            guard blockSize >= 1, blockSize <= size, blockSize <= Blosc.maxBlockSize else {
                throw CompressionError("blosc: block size \(blockSize) is outside 1...\(min(size, Blosc.maxBlockSize))")
            }
            guard end >= Blosc.headerSize, end <= input.count else {
                throw CompressionError("blosc: chunk size \(end) is outside \(Blosc.headerSize)...\(input.count) (the input)")
            }
            blocks = size / blockSize + (size % blockSize > 0 ? 1 : 0)
            if header.isMemcpyed {
                guard end == size + Blosc.headerSize else {
                    throw CompressionError("blosc: stored chunk of \(size) bytes has chunk size \(end), not \(size + 16)")
                }
                return
            }
            switch header.formatCode {
            case 0, 1, 3, 4: break
            case 2: throw Blosc.snappyUnsupported()
            default: throw CompressionError("blosc: unknown compressor code \(header.formatCode)")
            }
            guard header.compressorVersion == Blosc.compressorFormatVersion else {
                throw CompressionError("blosc: unsupported compressor format version \(header.compressorVersion)")
            }
            guard blocks <= (end - Blosc.headerSize) / 4 else {
                throw CompressionError("blosc: \(blocks) block starts do not fit in a chunk of \(end) bytes")
            }
        }

        /// Decodes the whole chunk into `output` (exactly decodedSize bytes).
        func decode(into output: UnsafeMutableRawBufferPointer) throws {
            let size = header.decodedSize
            guard size > 0, let dst = output.baseAddress, let src = input.baseAddress else { return }
            if header.isMemcpyed {
                dst.copyMemory(from: src + Blosc.headerSize, byteCount: size)
                return
            }
            let shuffled = header.flags & (Blosc.Flag.byteShuffle | Blosc.Flag.bitShuffle) != 0
            // Streams never share bytes in a chunk c-blosc writes: their size fields and
            // bytes together fit in what follows the block starts. Holding the chunk to that
            // keeps a hostile one from pointing every block at one long stream (quadratic work).
            var streamBudget = end - Blosc.headerSize - 4 * blocks
            try BloscScratch.with(byteCount: shuffled ? header.blockSize + streamSlack : 0) { scratch in
                for block in 0..<blocks {
                    let first = block * header.blockSize
                    let target = UnsafeMutableRawBufferPointer(rebasing: output[first..<min(first + header.blockSize, size)])
                    let start = Int(Int32(littleEndian: src.loadUnaligned(fromByteOffset: Blosc.headerSize + 4 * block,
                                                                          as: Int32.self)))
                    // Unfiltered streams go straight to the output, whose later
                    // blocks (not decoded yet) are their room.
                    let room = UnsafeMutableRawBufferPointer(rebasing: output[first...])
                    try decodeBlock(block, target, start: start, direct: room, scratch: scratch, budget: &streamBudget)
                }
            }
        }

        /// Room past the end of the scratch block, so that the last stream's
        /// copies can run in wide steps too.
        private let streamSlack = 64

        /// Decodes block `index`, whose streams begin at chunk offset `start`,
        /// into `output` (the block's bytes). The streams go to `direct`
        /// (which starts at the block) or, when a filter follows, to `scratch`;
        /// either extends past the block as far as it may be overwritten. Each stream's
        /// size field and bytes are taken from `budget`, the chunk bytes not yet used.
        private func decodeBlock(_ index: Int, _ output: UnsafeMutableRawBufferPointer, start: Int,
                                 direct: UnsafeMutableRawBufferPointer, scratch: UnsafeMutableRawBufferPointer,
                                 budget: inout Int) throws {
            let typesize = header.typesize, size = output.count
            let last = size < header.blockSize
            let byteShuffled = header.flags & Blosc.Flag.byteShuffle != 0 && typesize > 1
            let bitShuffled = !byteShuffled && header.flags & Blosc.Flag.bitShuffle != 0 && size >= typesize
            let room = byteShuffled || bitShuffled ? scratch : direct
            assert(room.count >= size)
            let target = UnsafeMutableRawBufferPointer(rebasing: room[0..<size])
            let split = !header.blocksNotSplit && typesize <= Blosc.maxSplits && size / typesize >= Blosc.minBufferSize && !last
            let streams = split ? typesize : 1
            let streamSize = size / streams
            guard streamSize * streams == size else {
                throw CompressionError("blosc: block \(index): size \(size) is not a multiple of the \(streams) streams")
            }
            var at = start
            for stream in 0..<streams {
                guard at >= 0, at <= end - 4 else {
                    throw CompressionError("blosc: block \(index) stream \(stream) starts at \(at), outside the \(end)-byte chunk")
                }
                let compressed = Int(Int32(littleEndian: input.loadUnaligned(fromByteOffset: at, as: Int32.self)))
                at += 4
                guard compressed >= 0, compressed <= end - at else {
                    throw CompressionError("blosc: block \(index) stream \(stream) claims \(compressed) bytes, past the \(end)-byte chunk")
                }
                budget -= 4 + compressed
                guard budget >= 0 else {
                    throw CompressionError("blosc: block \(index) stream \(stream) overlaps other streams (the streams claim more bytes than the chunk holds)")
                }
                let source = UnsafeRawBufferPointer(rebasing: input[at..<(at + compressed)])
                let window = UnsafeMutableRawBufferPointer(rebasing: room[(stream * streamSize)...])
                if compressed == streamSize {
                    UnsafeMutableRawBufferPointer(rebasing: window[..<streamSize]).copyMemory(from: source)
                } else {
                    let written: Int
                    do {
                        written = try Blosc.decompressStream(formatCode: header.formatCode, source, into: window,
                                                             size: streamSize)
                    } catch let error as CompressionError {
                        throw CompressionError("blosc: block \(index) stream \(stream): \(error.message)")
                    }
                    guard written == streamSize else {
                        throw CompressionError("blosc: block \(index) stream \(stream) decodes to \(written) bytes, not \(streamSize)")
                    }
                }
                at += compressed
            }
            if byteShuffled {
                ByteShuffle.unshuffle(typesize: typesize, UnsafeRawBufferPointer(target), into: output)
            } else if bitShuffled {
                BitShuffle.unshuffle(typesize: typesize, UnsafeRawBufferPointer(target), into: output)
            }
        }
    }
}
