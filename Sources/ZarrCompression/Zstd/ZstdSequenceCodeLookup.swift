// Encoder-side lookups of the sequence codes (RFC 8878 §3.1.1.3.2.1.1):
// value -> code for literal and match lengths, and each code's baseline and
// extra-bit count, copied once from `ZstdSequenceCodes` into memory the
// encoder owns, so the per-sequence loops index raw pointers (no lazy-global
// check or array bounds check per sequence).

/// Code lookups for the sequence encoder, allocated once per block encoder.
struct ZstdSequenceCodeLookup {
    /// Literal length -> code, for lengths below 64.
    private let literalLengthCodeSmall: UnsafeMutablePointer<UInt8>
    /// Match length minus 3 -> code, for values below 128.
    private let matchLengthCodeSmall: UnsafeMutablePointer<UInt8>
    /// Per literal length code: its baseline and number of extra bits.
    let literalLengthBaseline: UnsafeMutablePointer<UInt32>
    let literalLengthExtraBits: UnsafeMutablePointer<UInt8>
    /// Per match length code: its baseline and number of extra bits.
    let matchLengthBaseline: UnsafeMutablePointer<UInt32>
    let matchLengthExtraBits: UnsafeMutablePointer<UInt8>

    init() {
        func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: values.count)
            p.initialize(from: values, count: values.count)
            return p
        }
        literalLengthBaseline = copy(ZstdSequenceCodes.literalLengthBaseline)
        literalLengthExtraBits = copy(ZstdSequenceCodes.literalLengthExtraBits)
        matchLengthBaseline = copy(ZstdSequenceCodes.matchLengthBaseline)
        matchLengthExtraBits = copy(ZstdSequenceCodes.matchLengthExtraBits)
        // The code of a small value is the last code whose baseline does not exceed it.
        literalLengthCodeSmall = copy((0..<64).map { ll in
            UInt8((0...ZstdSequenceCodes.maxLiteralLengthCode).last { Int(ZstdSequenceCodes.literalLengthBaseline[$0]) <= ll }!)
        })
        matchLengthCodeSmall = copy((0..<128).map { v in
            UInt8((0...ZstdSequenceCodes.maxMatchLengthCode).last { Int(ZstdSequenceCodes.matchLengthBaseline[$0]) - 3 <= v }!)
        })
    }

    func deallocate() {
        literalLengthCodeSmall.deallocate(); matchLengthCodeSmall.deallocate()
        literalLengthBaseline.deallocate(); literalLengthExtraBits.deallocate()
        matchLengthBaseline.deallocate(); matchLengthExtraBits.deallocate()
    }

    /// The code of a literal length (below 2^17, the block size bound).
    @inline(__always)
    func literalLengthCode(_ ll: Int) -> Int {
        if ll < 64 { return Int(literalLengthCodeSmall[ll]) }
        // From 64 on, code 19 + floor(log2(ll)) (64 -> 25, 128 -> 26, ...).
        return (63 &- ll.leadingZeroBitCount) &+ 19
    }

    /// The code of a match length, given as length - 3 (below 2^17).
    @inline(__always)
    func matchLengthCode(_ mlBase: Int) -> Int {
        if mlBase < 128 { return Int(matchLengthCodeSmall[mlBase]) }
        // From 128 on, code 36 + floor(log2(mlBase)) (128 -> 43, 256 -> 44, ...).
        return (63 &- mlBase.leadingZeroBitCount) &+ 36
    }
}
