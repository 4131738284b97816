// Constants of the deflate format (RFC 1951 §3.2.5 and §3.2.7) shared by the
// decoder and the encoder.

/// Fixed facts of the deflate bit stream.
enum DeflateFormat {
    /// Largest back-reference distance (the window size).
    static let windowSize = 32768
    /// Shortest and longest match lengths.
    static let minMatch = 3
    static let maxMatch = 258
    /// Largest payload of one stored block.
    static let maxStoredBlock = 65535
    /// Literal/length alphabet: 256 literals, end-of-block, 29 length codes
    /// (286 used; 286 and 287 exist only in the fixed code and must not occur).
    static let endOfBlock = 256
    static let literalLengthSymbols = 288
    static let usedLiteralLengthSymbols = 286
    static let distanceSymbols = 32
    static let usedDistanceSymbols = 30
    static let codeLengthSymbols = 19
    static let maxCodeLength = 15
    static let maxCodeLengthCodeLength = 7

    /// Base match length of length symbols 257...285.
    static let lengthBase: [UInt16] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    /// Extra bits that follow length symbols 257...285.
    static let lengthExtraBits: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    /// Base distance of distance symbols 0...29.
    static let distanceBase: [UInt16] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    /// Extra bits that follow distance symbols 0...29.
    static let distanceExtraBits: [UInt8] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    /// The order in which a dynamic block header lists code-length-code lengths.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Code lengths of the fixed literal/length code (RFC 1951 §3.2.6).
    static let fixedLiteralLengthLengths: [UInt8] = (0..<288).map { s in
        s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8
    }
    /// Code lengths of the fixed distance code: 5 bits for all 32 symbols.
    static let fixedDistanceLengths = [UInt8](repeating: 5, count: 32)

    /// Reverses the low `length` bits of `code` (Huffman codes are sent most
    /// significant bit first into a stream that is otherwise read LSB first).
    @inline(__always)
    static func reverseBits(_ code: UInt32, _ length: Int) -> UInt32 {
        var c = code
        var r: UInt32 = 0
        for _ in 0..<length {
            r = (r << 1) | (c & 1)
            c >>= 1
        }
        return r
    }

    /// Lower-case hexadecimal for error messages; values above 0xFF (checksums)
    /// are zero-padded to 8 digits.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return value > 0xFF ? String(repeating: "0", count: max(0, 8 - digits.count)) + digits : digits
    }
}
