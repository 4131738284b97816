// Byte shuffle, the filter blosc (and numcodecs' shuffle codec) applies before
// compressing: a buffer of `n` elements of `typesize` bytes is rewritten as
// `typesize` streams of `n` bytes, stream j holding byte j of every element in
// order. Bytes past the last whole element (count % typesize of them) are not
// part of any element and are copied unchanged to the same place, exactly as
// c-blosc does for a block whose size is not a multiple of the type size.
//
// Typesizes 2, 4, 8 and 16 run on SIMD vectors, 16 elements per step (see
// ShuffleVectors.swift); every other typesize, and the elements left after the
// last full step, take the plain byte loops.

/// Blosc's byte shuffle and its inverse, for any element size.
public enum ByteShuffle {
    /// Shuffles `input` into `output`: byte j of element i goes to
    /// `output[j * n + i]`, where `n = input.count / typesize`; the trailing
    /// `input.count % typesize` bytes are copied unchanged.
    ///
    /// - Precondition: `input.count == output.count` (checked by `assert`;
    ///   callers check it) and the buffers do not overlap. A `typesize` below 2
    ///   copies the input.
    public static func shuffle(typesize: Int, _ input: UnsafeRawBufferPointer,
                               into output: UnsafeMutableRawBufferPointer) {
        transform(forward: true, typesize, input, output)
    }

    /// Undoes `shuffle(typesize:_:into:)`: `output[i * typesize + j]` is
    /// `input[j * n + i]`; the trailing `input.count % typesize` bytes are
    /// copied unchanged.
    ///
    /// - Precondition: `input.count == output.count` (checked by `assert`)
    ///   and the buffers do not overlap. A `typesize` below 2 copies the input.
    public static func unshuffle(typesize: Int, _ input: UnsafeRawBufferPointer,
                                 into output: UnsafeMutableRawBufferPointer) {
        transform(forward: false, typesize, input, output)
    }

    private static func transform(forward: Bool, _ typesize: Int, _ input: UnsafeRawBufferPointer,
                                  _ output: UnsafeMutableRawBufferPointer) {
        assert(input.count == output.count, "ByteShuffle: input and output sizes differ")
        guard let span = ShuffleSpan(typesize: typesize, input, output, minimumTypesize: 2, elementMultiple: 1) else { return }
        transformElements(forward: forward, typesize, span.src, span.dst, span.elements)
        span.copyTail()
    }

    // MARK: - Whole elements

    /// Shuffles (`forward`) `n` elements of `typesize` (at least 2) bytes
    /// from `src` into `typesize` streams of `n` bytes at `dst`, or rebuilds
    /// the elements from the streams. Out of line, so its vector code is the
    /// same wherever it is called from (inlined into a large caller, the
    /// optimizer compiles the SIMD steps into much slower code).
    @inline(never)
    static func transformElements(forward: Bool, _ typesize: Int, _ src: UnsafeRawPointer,
                                  _ dst: UnsafeMutableRawPointer, _ n: Int) {
        assert(typesize >= 2 && n >= 0)
        var done = 0
        switch (typesize, forward) {
        case (2, true): done = shuffle2(src, dst, n)
        case (4, true): done = shuffle4(src, dst, n)
        case (8, true): done = shuffle8(src, dst, n)
        case (16, true): done = shuffle16(src, dst, n)
        case (2, false): done = unshuffle2(src, dst, n)
        case (4, false): done = unshuffle4(src, dst, n)
        case (8, false): done = unshuffle8(src, dst, n)
        case (16, false): done = unshuffle16(src, dst, n)
        default: break
        }
        // The rest, byte by byte: element byte i * typesize + j, stream byte j * n + i.
        let s = src.assumingMemoryBound(to: UInt8.self), d = dst.assumingMemoryBound(to: UInt8.self)
        for j in 0..<typesize {
            var i = done
            while i < n {
                if forward { d[j * n + i] = s[i * typesize + j] } else { d[i * typesize + j] = s[j * n + i] }
                i += 1
            }
        }
    }

    // MARK: - SIMD steps (16 elements each)
    //
    // Each returns how many elements it handled (a multiple of 16, at most n);
    // the scalar loops finish the rest. Loads and stores stay inside
    // src[0 ..< n * typesize] and dst[0 ..< n * typesize].

    private typealias V = SIMD16<UInt8>

    /// Calls `step` for i = 0, 16, 32, ... while i + 16 <= n; returns the
    /// elements done.
    @inline(__always)
    private static func steps(_ n: Int, _ step: (Int) -> Void) -> Int {
        var i = 0
        while i &+ 16 <= n {
            step(i)
            i &+= 16
        }
        return i
    }

    private static func shuffle2(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Int {
        steps(n) { i in
            let (b0, b1) = ShuffleVectors.deinterleave(src.loadUnaligned(fromByteOffset: 2 &* i, as: SIMD16<UInt16>.self),
                                                       as: UInt8.self)
            dst.storeBytes(of: b0, toByteOffset: i, as: V.self)
            dst.storeBytes(of: b1, toByteOffset: n &+ i, as: V.self)
        }
    }

    private static func shuffle4(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Int {
        steps(n) { i in
            let (low, high) = ShuffleVectors.deinterleave(src.loadUnaligned(fromByteOffset: 4 &* i, as: SIMD16<UInt32>.self),
                                                          as: UInt16.self)
            let (b0, b1) = ShuffleVectors.deinterleave(low, as: UInt8.self)
            let (b2, b3) = ShuffleVectors.deinterleave(high, as: UInt8.self)
            dst.storeBytes(of: b0, toByteOffset: i, as: V.self)
            dst.storeBytes(of: b1, toByteOffset: n &+ i, as: V.self)
            dst.storeBytes(of: b2, toByteOffset: 2 &* n &+ i, as: V.self)
            dst.storeBytes(of: b3, toByteOffset: 3 &* n &+ i, as: V.self)
        }
    }

    private static func shuffle8(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Int {
        steps(n) { i in
            let v = src.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD16<UInt64>.self)
            ShuffleVectors.store(ShuffleVectors.split(v), dst + i, n)
        }
    }

    private static func shuffle16(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Int {
        // The low halves (bytes 0...7) and the high halves (bytes 8...15) of
        // sixteen elements, each split like typesize 8.
        steps(n) { i in
            let (low, high) = ShuffleVectors.deinterleave(src.loadUnaligned(fromByteOffset: 16 &* i, as: SIMD32<UInt64>.self),
                                                          as: UInt64.self)
            ShuffleVectors.store(ShuffleVectors.split(low), dst + i, n)
            ShuffleVectors.store(ShuffleVectors.split(high), dst + (8 &* n &+ i), n)
        }
    }

    private static func unshuffle2(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Int {
        steps(n) { i in
            let v = ShuffleVectors.interleave(src.loadUnaligned(fromByteOffset: i, as: V.self),
                                              src.loadUnaligned(fromByteOffset: n &+ i, as: V.self), as: SIMD16<UInt16>.self)
            dst.storeBytes(of: v, toByteOffset: 2 &* i, as: SIMD16<UInt16>.self)
        }
    }

    private static func unshuffle4(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Int {
        steps(n) { i in
            let low = ShuffleVectors.interleave(src.loadUnaligned(fromByteOffset: i, as: V.self),
                                                src.loadUnaligned(fromByteOffset: n &+ i, as: V.self), as: SIMD16<UInt16>.self)
            let high = ShuffleVectors.interleave(src.loadUnaligned(fromByteOffset: 2 &* n &+ i, as: V.self),
                                                 src.loadUnaligned(fromByteOffset: 3 &* n &+ i, as: V.self), as: SIMD16<UInt16>.self)
            dst.storeBytes(of: ShuffleVectors.interleave(low, high, as: SIMD16<UInt32>.self), toByteOffset: 4 &* i,
                           as: SIMD16<UInt32>.self)
        }
    }

    private static func unshuffle8(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Int {
        steps(n) { i in
            dst.storeBytes(of: ShuffleVectors.join(ShuffleVectors.load(src + i, n)), toByteOffset: 8 &* i, as: SIMD16<UInt64>.self)
        }
    }

    private static func unshuffle16(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Int {
        steps(n) { i in
            let low = ShuffleVectors.join(ShuffleVectors.load(src + i, n))
            let high = ShuffleVectors.join(ShuffleVectors.load(src + (8 &* n &+ i), n))
            dst.storeBytes(of: ShuffleVectors.interleave(low, high, as: SIMD32<UInt64>.self), toByteOffset: 16 &* i,
                           as: SIMD32<UInt64>.self)
        }
    }
}
