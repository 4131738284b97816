// SIMD building blocks of the byte and bit shuffles.
//
// Everything is built from two moves on 16-lane vectors: interleaving the lanes
// of two vectors into one of lanes twice as wide (the first vector in the low
// halves), and the inverse. Three rounds of either turn eight vectors of bytes
// into sixteen UInt64 lanes and back. They compile to SSE2 unpacks and packs;
// how they are written matters (see each), as the optimizer leaves some
// standard-library lane moves as out-of-line calls in larger functions.
// Callers keep every load and store inside their buffers; the helpers do no
// bounds checks of their own.

/// Eight vectors of 16 bytes: the rows of sixteen 8 x 8 byte (or bit) matrices.
typealias ByteOctet = (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>,
                       SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>)

/// Lane interleaving shared by ByteShuffle and BitShuffle.
enum ShuffleVectors {
    /// The lanes of `a` and `b` alternately, read as 16 lanes of twice the
    /// width: lane k of the result is `a[k]` in its low half, `b[k]` in its high half.
    /// (Two loops of lane moves, which the optimizer turns into unpacks; the
    /// `evenHalf`/`oddHalf` setters do not always get inlined.)
    @inline(__always)
    static func interleave<N: SIMDScalar, W: SIMD>(_ a: SIMD16<N>, _ b: SIMD16<N>, as: W.Type) -> W {
        var v = SIMD32<N>()
        for i in a.indices { v[2 &* i] = a[i] }
        for i in b.indices { v[2 &* i &+ 1] = b[i] }
        return unsafeBitCast(v, to: W.self)
    }

    /// Undoes `interleave`: the low and the high halves of the lanes of `w`.
    /// (Here the standard library's `evenHalf`/`oddHalf` give the better code,
    /// out of line or not.)
    @inline(__always)
    static func deinterleave<N: SIMDScalar, W: SIMD>(_ w: W, as: N.Type) -> (SIMD16<N>, SIMD16<N>) {
        let v = unsafeBitCast(w, to: SIMD32<N>.self)
        return (v.evenHalf, v.oddHalf)
    }

    /// The bytes of the low and the high half of `v` alternately (lane 2i is
    /// `v[i]`, lane 2i + 1 is `v[8 + i]`).
    @inline(__always)
    static func interleaveHalves(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
        var r = SIMD16<UInt8>()
        for i in 0..<8 { r[2 &* i] = v[i] }
        for i in 0..<8 { r[2 &* i &+ 1] = v[8 &+ i] }
        return r
    }

    /// Sixteen UInt64 lanes whose byte b comes from vector b of `o`.
    @inline(__always)
    static func join(_ o: ByteOctet) -> SIMD16<UInt64> {
        let p0 = interleave(o.0, o.1, as: SIMD16<UInt16>.self), p1 = interleave(o.2, o.3, as: SIMD16<UInt16>.self)
        let p2 = interleave(o.4, o.5, as: SIMD16<UInt16>.self), p3 = interleave(o.6, o.7, as: SIMD16<UInt16>.self)
        return interleave(interleave(p0, p1, as: SIMD16<UInt32>.self), interleave(p2, p3, as: SIMD16<UInt32>.self),
                          as: SIMD16<UInt64>.self)
    }

    /// Undoes `join`: vector b holds byte b of each lane of `v`.
    @inline(__always)
    static func split(_ v: SIMD16<UInt64>) -> ByteOctet {
        let (low, high) = deinterleave(v, as: UInt32.self)
        let (q0, q1) = deinterleave(low, as: UInt16.self), (q2, q3) = deinterleave(high, as: UInt16.self)
        let (b0, b1) = deinterleave(q0, as: UInt8.self), (b2, b3) = deinterleave(q1, as: UInt8.self)
        let (b4, b5) = deinterleave(q2, as: UInt8.self), (b6, b7) = deinterleave(q3, as: UInt8.self)
        return (b0, b1, b2, b3, b4, b5, b6, b7)
    }

    /// The eight vectors of 16 bytes at `p + k * stride` (k = 0..<8).
    @inline(__always)
    static func load(_ p: UnsafeRawPointer, _ stride: Int) -> ByteOctet {
        @inline(__always) func row(_ k: Int) -> SIMD16<UInt8> {
            p.loadUnaligned(fromByteOffset: k &* stride, as: SIMD16<UInt8>.self)
        }
        return (row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7))
    }

    /// Stores the eight vectors of `o` at `p + k * stride` (k = 0..<8).
    @inline(__always)
    static func store(_ o: ByteOctet, _ p: UnsafeMutableRawPointer, _ stride: Int) {
        p.storeBytes(of: o.0, as: SIMD16<UInt8>.self)
        p.storeBytes(of: o.1, toByteOffset: stride, as: SIMD16<UInt8>.self)
        p.storeBytes(of: o.2, toByteOffset: 2 &* stride, as: SIMD16<UInt8>.self)
        p.storeBytes(of: o.3, toByteOffset: 3 &* stride, as: SIMD16<UInt8>.self)
        p.storeBytes(of: o.4, toByteOffset: 4 &* stride, as: SIMD16<UInt8>.self)
        p.storeBytes(of: o.5, toByteOffset: 5 &* stride, as: SIMD16<UInt8>.self)
        p.storeBytes(of: o.6, toByteOffset: 6 &* stride, as: SIMD16<UInt8>.self)
        p.storeBytes(of: o.7, toByteOffset: 7 &* stride, as: SIMD16<UInt8>.self)
    }
}

/// The pointers and element count of one shuffle call, once the calls that
/// leave every byte in place are done.
struct ShuffleSpan {
    let src: UnsafeRawPointer
    let dst: UnsafeMutableRawPointer
    let elements: Int
    let typesize: Int
    let count: Int

    /// Nil when the call is finished already: an empty buffer, a typesize
    /// below `minimumTypesize`, or an element count that is 0 or not a
    /// multiple of `elementMultiple`; those leave every byte in place (copied here).
    init?(typesize: Int, _ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer,
          minimumTypesize: Int, elementMultiple: Int) {
        let count = min(input.count, output.count)
        guard count > 0, let src = input.baseAddress, let dst = output.baseAddress else { return nil }
        let elements = typesize >= minimumTypesize ? count / typesize : 0
        guard elements > 0, elements % elementMultiple == 0 else {
            dst.copyMemory(from: src, byteCount: count)
            return nil
        }
        self.src = src
        self.dst = dst
        self.elements = elements
        self.typesize = typesize
        self.count = count
    }

    /// Copies the bytes past the last whole element.
    func copyTail() {
        let body = elements * typesize
        (dst + body).copyMemory(from: src + body, byteCount: count - body)
    }
}
