// BloscLZ, c-blosc's own LZ77 codec (derived from FastLZ), as c-blosc 1.21
// writes and reads it inside blosc chunks. The stream format is described in
// BloscLZDecoder.swift, the compressor in BloscLZEncoder.swift.

/// The BloscLZ codec: raw streams without any header of their own (the blosc
/// container records the sizes).
enum BloscLZ {
    /// The largest distance a short match can encode, minus one; farther
    /// matches store their distance minus 8192 in two extra bytes.
    static let maxDistance = 8191
    /// Matches are sought at most this far back (c-blosc's limit).
    static let maxFarDistance = 65535 + maxDistance - 1
    /// The longest literal run one control byte announces.
    static let maxLiteralRun = 32
}
