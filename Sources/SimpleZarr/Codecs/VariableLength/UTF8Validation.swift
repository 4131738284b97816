// UTF-8 well-formedness (Unicode 15, table 3-7 "Well-Formed UTF-8 Byte
// Sequences"): one to four bytes per scalar, no overlong forms, no surrogates
// (U+D800...U+DFFF), nothing above U+10FFFF.

/// Checking that bytes are well-formed UTF-8.
enum UTF8Validation {
    /// Whether the `count` bytes at `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i < count {
            // ASCII runs, eight bytes at a time.
            if count - i >= 8, UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // The length of the sequence and the range its second byte must lie in.
            let length: Int
            let second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: length = 2; second = 0x80...0xBF
            case 0xE0: length = 3; second = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; second = 0x80...0xBF
            case 0xED: length = 3; second = 0x80...0x9F
            case 0xF0: length = 4; second = 0x90...0xBF
            case 0xF1...0xF3: length = 4; second = 0x80...0xBF
            case 0xF4: length = 4; second = 0x80...0x8F
            default: return false
            }
            guard count - i >= length, second.contains(bytes[i + 1]) else { return false }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
