// The token characters of RFC 9110 section 5.6.2: what methods and header names are made of.

/// Token checks for request lines and header names.
enum HTTP1Token {
    /// Whether `byte` is a tchar: a letter, a digit or one of ! # $ % & ' * + - . ^ _ ` | ~.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 33, 35...39, 42, 43, 45, 46, 48...57, 65...90, 94...122, 124, 126: true
        default: false
        }
    }

    /// Whether `text` is a non-empty token.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }
}
