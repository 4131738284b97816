// Fletcher-32 as HDF5, netCDF-4 and numcodecs' `fletcher32` codec compute it.
//
// The data is read as big-endian 16-bit words (an odd final byte is the high
// byte of one last word whose low byte is zero). Two sums run over the words:
// `sum1` of the words and `sum2` of the successive values of `sum1`, both kept
// in ones'-complement form modulo 65535: they are folded
// (`(x & 0xFFFF) + (x >> 16)`) rather than reduced, so a non-zero sum that is a
// multiple of 65535 ends as 0xFFFF, and only all-zero data gives 0. The result
// is `sum2 << 16 | sum1`.
//
// Folding keeps a value's residue modulo 65535 and keeps it non-zero when it
// was non-zero, and the reference's 360-word blocks never overflow 32 bits, so
// the result depends only on the exact sums, not on where the folds happen:
// this implementation folds far less often than the reference, in 64-bit
// registers.
//
// Speed: 16 words (32 bytes) per step in vector lanes, each lane keeping its
// own `sum1` and `sum2`; a block of lanes is merged into the scalar sums with
// the weights the lanes' positions give them (see `mergeLanes`).

/// The Fletcher-32 checksum of HDF5 and numcodecs (`numcodecs.fletcher32`).
public enum Fletcher32 {
    /// 32 bytes: two lane vectors, one of the even and one of the odd words of 16.
    private typealias Lanes = SIMD8<UInt32>
    private static let wordsPerStep = 16
    private static let bytesPerStep = 32
    /// Steps per lane block: a lane's `sum2` grows by at most 65535 · n(n+1)/2
    /// after n steps, which stays below 2^32 for n up to 361.
    private static let stepsPerBlock = 256

    /// Computes the Fletcher-32 of `data`; 0 for empty data (which numcodecs
    /// itself refuses to checksum).
    public static func checksum(_ data: UnsafeRawBufferPointer) -> UInt32 {
        guard var p = data.baseAddress, data.count > 0 else { return 0 }
        var sum1: UInt64 = 0
        var sum2: UInt64 = 0
        var steps = data.count / bytesPerStep
        while steps > 0 {
            let n = min(steps, stepsPerBlock)
            sumBlock(p, steps: n, sum1: &sum1, sum2: &sum2)
            p += n &* bytesPerStep
            steps -= n
        }
        // The last whole words (fewer than 16), one word at a time.
        let tail = data.count % bytesPerStep
        var q = p
        for _ in 0..<(tail / 2) {
            sum1 &+= UInt64(UInt16(bigEndian: q.loadUnaligned(as: UInt16.self)))
            sum2 &+= sum1
            q += 2
        }
        if tail % 2 == 1 {
            sum1 &+= UInt64(q.load(as: UInt8.self)) << 8
            sum2 &+= sum1
        }
        return UInt32(reduce(sum2)) << 16 | UInt32(reduce(sum1))
    }

    /// Computes the Fletcher-32 of a byte array.
    public static func checksum(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBytes { checksum($0) }
    }

    // MARK: - Lanes

    /// Adds `steps` steps of 32 bytes at `p` to the running sums, which are at most 2^17
    /// on entry and on return.
    @inline(__always)
    private static func sumBlock(_ p: UnsafeRawPointer, steps: Int, sum1: inout UInt64, sum2: inout UInt64) {
        assert(steps > 0 && steps <= stepsPerBlock)
        var s1Even = Lanes(repeating: 0), s1Odd = Lanes(repeating: 0)
        var s2Even = Lanes(repeating: 0), s2Odd = Lanes(repeating: 0)
        var q = p
        for _ in 0..<steps {
            // Each 32-bit lane holds two big-endian words as bytes [h0 l0 h1 l1]; swapping the
            // bytes within each half gives word 0 in the low half and word 1 in the high half.
            let raw = q.loadUnaligned(as: Lanes.self)
            let swapped = ((raw & 0x00FF_00FF) &<< 8) | ((raw &>> 8) & 0x00FF_00FF)
            s2Even &+= s1Even
            s2Odd &+= s1Odd
            s1Even &+= swapped & 0xFFFF
            s1Odd &+= swapped &>> 16
            q += bytesPerStep
        }
        mergeLanes(s1Even: s1Even, s1Odd: s1Odd, s2Even: s2Even, s2Odd: s2Odd, steps: steps, sum1: &sum1, sum2: &sum2)
    }

    /// Merges one block's lane sums into the running sums.
    ///
    /// Word j of the block (j = 16t + k for step t and position k) adds w·(16·steps − j) to
    /// `sum2`, and 16·steps − j = 16·(steps − t) − k. A lane's `s2` is Σ w·(steps − 1 − t),
    /// so Σ w·(steps − t) is `s2 + s1`; the positions then subtract Σ k·s1 (at most
    /// 15 · 16 · 2^24 in all, less than the rest, so the result cannot go negative).
    @inline(__always)
    private static func mergeLanes(s1Even: Lanes, s1Odd: Lanes, s2Even: Lanes, s2Odd: Lanes, steps: Int,
                                   sum1: inout UInt64, sum2: inout UInt64) {
        // Position k of the even lanes is 0, 2, ..., 14 and of the odd lanes 1, 3, ..., 15.
        let evenPositions = Lanes(0, 2, 4, 6, 8, 10, 12, 14)
        let wide1 = widenedSum(s1Even) &+ widenedSum(s1Odd)
        let wide2 = widenedSum(s2Even) &+ widenedSum(s2Odd)
        // Each product is below 15 · 2^24, and 8 of them stay below 2^32.
        let weighted = UInt64((s1Even &* evenPositions).wrappedSum()) &+ UInt64((s1Odd &* (evenPositions &+ 1)).wrappedSum())
        let words = UInt64(steps &* wordsPerStep)
        sum2 = fold(fold(sum2 &+ words &* sum1 &+ 16 &* (wide2 &+ wide1) &- weighted))
        sum1 = fold(fold(sum1 &+ wide1))
    }

    /// The sum of a vector's lanes, in 64 bits.
    @inline(__always)
    private static func widenedSum(_ lanes: Lanes) -> UInt64 {
        SIMD8<UInt64>(truncatingIfNeeded: lanes).wrappedSum()
    }

    // MARK: - Folding

    /// `x` modulo 65535, in ones'-complement form: keeps the residue and keeps a non-zero `x`
    /// non-zero. Two folds bring any value below 2^48 under 2^17.
    @inline(__always)
    private static func fold(_ x: UInt64) -> UInt64 { (x & 0xFFFF) &+ (x &>> 16) }

    /// Folds until the value fits in 16 bits: 0 stays 0, and a non-zero multiple of 65535 becomes 0xFFFF.
    @inline(__always)
    private static func reduce(_ x: UInt64) -> UInt16 {
        var x = x
        while x > 0xFFFF { x = fold(x) }
        return UInt16(truncatingIfNeeded: x)
    }
}
