// Zstandard sequence symbol codes (RFC 8878 §3.1.1.3.2.1 and §3.1.1.3.2.2).
//
// A sequence is (literal length, match length, offset). Each value is sent as
// a small "code" that FSE entropy-codes, plus a number of raw extra bits that
// are added to the code's baseline. These tables give, per code, the
// baseline and the number of extra bits, and the predefined FSE
// distributions used when a block selects "predefined" mode.

enum ZstdSequenceCodes {
    /// Largest literal-length code.
    static let maxLiteralLengthCode = 35
    /// Largest match-length code.
    static let maxMatchLengthCode = 52
    /// Largest offset code this implementation accepts (offsets below 2^32).
    static let maxOffsetCode = 31

    /// Largest accuracy log an FSE table may declare, per kind.
    static let maxLiteralLengthLog = 9
    static let maxMatchLengthLog = 9
    static let maxOffsetLog = 8

    /// Literal length code -> baseline.
    static let literalLengthBaseline: [UInt32] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
        8192, 16384, 32768, 65536,
    ]
    /// Literal length code -> number of extra bits.
    static let literalLengthExtraBits: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16,
    ]
    /// Match length code -> baseline.
    static let matchLengthBaseline: [UInt32] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
        35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
        4099, 8195, 16387, 32771, 65539,
    ]
    /// Match length code -> number of extra bits.
    static let matchLengthExtraBits: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
        12, 13, 14, 15, 16,
    ]

    /// Predefined literal-length distribution (accuracy log 6).
    static let literalLengthDefaultNorm: [Int16] = [
        4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
        -1, -1, -1, -1,
    ]
    static let literalLengthDefaultLog = 6
    /// Predefined match-length distribution (accuracy log 6).
    static let matchLengthDefaultNorm: [Int16] = [
        1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
        -1, -1, -1, -1, -1,
    ]
    static let matchLengthDefaultLog = 6
    /// Predefined offset-code distribution (accuracy log 5).
    static let offsetDefaultNorm: [Int16] = [
        1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
    ]
    static let offsetDefaultLog = 5
}
