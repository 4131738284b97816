// Bit shuffle, blosc's second filter (the bitshuffle transform of c-blosc 1.x):
// a buffer of `n` elements of `typesize` bytes is rewritten as 8 * typesize
// rows of n / 8 bytes. Row 8 * j + b holds bit b of byte j of every element:
// bit k of its byte m is that bit of element 8 * m + k.
//
// As in c-blosc, the transform needs a whole number of groups of eight
// elements: when n is not a multiple of 8 the buffer is copied unchanged, and
// otherwise the count % typesize bytes past the last element are.
//
// The work goes in tiles of 512 elements (64 groups): the byte shuffle splits
// a tile into its typesize byte streams; each run of 128 bytes of a stream is
// split into 8 vectors (vector k, lane m: the byte of element 8m + k), whose bit
// transpose gives 16 bytes of each of the stream's 8 rows. A tile reads or
// writes 64 bytes, one cache line, of every row at a time: rows are often a
// power of two apart, and shorter runs across 8 * typesize rows would keep
// evicting each other from the cache. The groups after the last whole tile go
// through zero-padded runs.

/// Blosc's bit shuffle and its inverse, for any element size.
public enum BitShuffle {
    /// Bit-shuffles `input` into `output` (see the file header for the layout).
    ///
    /// - Precondition: `input.count == output.count` (checked by `assert`;
    ///   callers check it) and the buffers do not overlap. A `typesize` below 1
    ///   copies the input.
    public static func shuffle(typesize: Int, _ input: UnsafeRawBufferPointer,
                               into output: UnsafeMutableRawBufferPointer) {
        transform(forward: true, typesize, input, output)
    }

    /// Undoes `shuffle(typesize:_:into:)`.
    ///
    /// - Precondition: `input.count == output.count` (checked by `assert`)
    ///   and the buffers do not overlap. A `typesize` below 1 copies the input.
    public static func unshuffle(typesize: Int, _ input: UnsafeRawBufferPointer,
                                 into output: UnsafeMutableRawBufferPointer) {
        transform(forward: false, typesize, input, output)
    }

    /// Shuffles (`forward`) or unshuffles: whole tiles in place, then the
    /// last groups through zero-padded runs (rows of 16 * runs bytes), of
    /// which only the real bytes are kept.
    private static func transform(forward: Bool, _ ts: Int, _ input: UnsafeRawBufferPointer,
                                  _ output: UnsafeMutableRawBufferPointer) {
        assert(input.count == output.count, "BitShuffle: input and output sizes differ")
        guard let span = ShuffleSpan(typesize: ts, input, output, minimumTypesize: 1, elementMultiple: 8) else { return }
        let groups = span.elements / 8, tileBytes = tileElements * ts
        // Element and row memory: the input on one side, the output on the other.
        let elements = forward ? UnsafeMutableRawPointer(mutating: span.src) : span.dst
        let rows = forward ? span.dst : UnsafeMutableRawPointer(mutating: span.src)
        withScratch(ts, groups) { scratch in
            let full = groups / tileGroups
            for t in 0..<full {
                tile(forward, ts, runsPerTile, elements + t &* tileBytes, rows + t &* tileGroups, groups, scratch)
            }
            let rest = groups - full * tileGroups
            guard rest > 0 else { return }
            let runs = (rest + runGroups - 1) / runGroups, width = runs * runGroups
            let restElements = elements + full * tileBytes, restRows = rows + full * tileGroups
            if forward {
                scratch.padded.initializeMemory(as: UInt8.self, repeating: 0, count: 8 * width * ts)
                scratch.padded.copyMemory(from: restElements, byteCount: 8 * rest * ts)
            } else {
                scratch.rows.initializeMemory(as: UInt8.self, repeating: 0, count: 8 * width * ts)
                for row in 0..<(8 * ts) {
                    (scratch.rows + row * width).copyMemory(from: restRows + row * groups, byteCount: rest)
                }
            }
            tile(forward, ts, runs, scratch.padded, scratch.rows, width, scratch)
            if forward {
                for row in 0..<(8 * ts) {
                    (restRows + row * groups).copyMemory(from: scratch.rows + row * width, byteCount: rest)
                }
            } else {
                restElements.copyMemory(from: scratch.padded, byteCount: 8 * rest * ts)
            }
        }
        span.copyTail()
    }

    // MARK: - Tiles

    /// Groups of eight elements in a run (one vector transpose) and runs in a
    /// tile; the groups and elements of a tile.
    private static let runGroups = 16
    private static let runsPerTile = 4
    private static let tileGroups = runGroups * runsPerTile
    private static let tileElements = 8 * tileGroups

    /// Working memory of one call, three tiles' worth (see `withScratch`).
    private struct Scratch {
        /// The byte streams of one tile.
        let streams: UnsafeMutableRawPointer
        /// The zero-padded last groups, as elements and as rows.
        let padded: UnsafeMutableRawPointer
        let rows: UnsafeMutableRawPointer
    }

    /// Runs `shuffleTile` (forward) or `unshuffleTile` between `runs` runs of
    /// elements and the rows, `stride` bytes apart.
    @inline(__always)
    private static func tile(_ forward: Bool, _ ts: Int, _ runs: Int, _ elements: UnsafeMutableRawPointer,
                             _ rows: UnsafeMutableRawPointer, _ stride: Int, _ scratch: Scratch) {
        if forward {
            shuffleTile(ts, runs, elements, rows, stride, scratch)
        } else {
            unshuffleTile(ts, runs, rows, stride, elements, scratch)
        }
    }

    /// Bit-shuffles the 128 * runs elements at `src` into the 8 * ts rows at
    /// `rows`, `stride` bytes apart (16 * runs bytes of each row are written).
    @inline(__always)
    private static func shuffleTile(_ ts: Int, _ runs: Int, _ src: UnsafeRawPointer, _ rows: UnsafeMutableRawPointer,
                                    _ stride: Int, _ scratch: Scratch) {
        let elements = 8 &* runGroups &* runs
        var streams = src
        if ts > 1 {
            ByteShuffle.transformElements(forward: true, ts, src, scratch.streams, elements)
            streams = UnsafeRawPointer(scratch.streams)
        }
        for j in 0..<ts {
            for q in 0..<runs {
                shuffleRun(streams + (j &* elements &+ 128 &* q), rows + (8 &* j &* stride &+ 16 &* q), stride)
            }
        }
    }

    /// Bit-shuffles 128 bytes of one stream (the same byte of 128 elements)
    /// into 16 bytes of each of its 8 rows, without moving bytes across
    /// vectors: vector r holds groups 2r and 2r + 1 (lane p: element p % 8 of
    /// group 2r + p / 8); the bit transpose across the vectors gives, in
    /// vector c, bit c of those elements with the group pair in the bit
    /// position; an 8 x 8 bit transpose of each half then gives row c's bytes
    /// of the even and the odd groups, and interleaving the two halves puts
    /// them in order. Kept out of line: in a small function the optimizer
    /// inlines the vector helpers, in a large one it calls them.
    @inline(never)
    private static func shuffleRun(_ stream: UnsafeRawPointer, _ rows: UnsafeMutableRawPointer, _ stride: Int) {
        let o = transposeBits(ShuffleVectors.load(stream, 16))
        @inline(__always) func row(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
            ShuffleVectors.interleaveHalves(transposeHalves(v))
        }
        ShuffleVectors.store((row(o.0), row(o.1), row(o.2), row(o.3), row(o.4), row(o.5), row(o.6), row(o.7)),
                             rows, stride)
    }

    /// Each 8-byte half of `v` transposed as an 8 x 8 bit matrix (byte r,
    /// bit c goes to byte c, bit r), in three rounds of swapping blocks across
    /// the diagonal on 64-bit lanes.
    @inline(__always)
    private static func transposeHalves(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
        typealias W = SIMD2<UInt64>
        var x = unsafeBitCast(v, to: W.self)
        var t = (x ^ (x &>> 7)) & W(repeating: 0x00AA_00AA_00AA_00AA)
        x = x ^ t ^ (t &<< 7)
        t = (x ^ (x &>> 14)) & W(repeating: 0x0000_CCCC_0000_CCCC)
        x = x ^ t ^ (t &<< 14)
        t = (x ^ (x &>> 28)) & W(repeating: 0x0000_0000_F0F0_F0F0)
        x = x ^ t ^ (t &<< 28)
        return unsafeBitCast(x, to: SIMD16<UInt8>.self)
    }

    /// Undoes `shuffleTile`: rebuilds 128 * runs elements at `dst` from
    /// 16 * runs bytes of each of the 8 * ts rows at `rows`, `stride` bytes apart.
    @inline(__always)
    private static func unshuffleTile(_ ts: Int, _ runs: Int, _ rows: UnsafeRawPointer, _ stride: Int,
                                      _ dst: UnsafeMutableRawPointer, _ scratch: Scratch) {
        let elements = 8 &* runGroups &* runs
        let streams = ts > 1 ? scratch.streams : dst
        for j in 0..<ts {
            for q in 0..<runs {
                unshuffleRun(rows + (8 &* j &* stride &+ 16 &* q), stride, streams + (j &* elements &+ 128 &* q))
            }
        }
        if ts > 1 { ByteShuffle.transformElements(forward: false, ts, UnsafeRawPointer(scratch.streams), dst, elements) }
    }

    /// Undoes `shuffleRun`.
    @inline(never)
    private static func unshuffleRun(_ rows: UnsafeRawPointer, _ stride: Int, _ stream: UnsafeMutableRawPointer) {
        let bytes = transposeBits(ShuffleVectors.load(rows, stride))
        stream.storeBytes(of: ShuffleVectors.join(bytes), as: SIMD16<UInt64>.self)
    }

    /// The bit transpose of eight vectors of 16 bytes: bit c of vector k,
    /// lane m, goes to bit k of vector c, lane m. Three rounds swap the
    /// off-diagonal blocks of 4, 2 and 1 bits; the transpose is its own inverse.
    @inline(__always)
    private static func transposeBits(_ o: ByteOctet) -> ByteOctet {
        typealias V = SIMD16<UInt8>
        var (r0, r1, r2, r3, r4, r5, r6, r7) = o
        @inline(__always) func swap(_ a: inout V, _ b: inout V, _ shift: UInt8, _ mask: UInt8) {
            let t = ((a &>> shift) ^ b) & V(repeating: mask)
            b ^= t
            a ^= t &<< shift
        }
        swap(&r0, &r4, 4, 0x0F); swap(&r1, &r5, 4, 0x0F); swap(&r2, &r6, 4, 0x0F); swap(&r3, &r7, 4, 0x0F)
        swap(&r0, &r2, 2, 0x33); swap(&r1, &r3, 2, 0x33); swap(&r4, &r6, 2, 0x33); swap(&r5, &r7, 2, 0x33)
        swap(&r0, &r1, 1, 0x55); swap(&r2, &r3, 1, 0x55); swap(&r4, &r5, 1, 0x55); swap(&r6, &r7, 1, 0x55)
        return (r0, r1, r2, r3, r4, r5, r6, r7)
    }

    /// Runs `body` with the working memory of a call: three tiles, or three
    /// times the groups rounded up to whole runs when there are fewer
    /// (3 * 8 * typesize bytes per group).
    private static func withScratch(_ ts: Int, _ groups: Int, _ body: (Scratch) -> Void) {
        let tileBytes = 8 * min(tileGroups, (groups + runGroups - 1) / runGroups * runGroups) * ts
        withUnsafeTemporaryAllocation(byteCount: 3 * tileBytes, alignment: 16) { memory in
            guard let base = memory.baseAddress else { return }
            body(Scratch(streams: base, padded: base + tileBytes, rows: base + 2 * tileBytes))
        }
    }
}
