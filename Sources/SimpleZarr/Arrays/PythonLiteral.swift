// Python's `repr()` of a `str` and of a `bytes` value, and numpy's text of a raw
// (void) element, for printing text and byte elements as numpy prints them. Python
// quotes with ' unless the value holds a ' and no " (then with "), and escapes the
// quote, the backslash, \t \n \r, and what it cannot print: control characters and
// other bytes outside printable ASCII as \xNN; in text, unprintable non-ASCII
// characters as \xNN, \uNNNN or \UNNNNNNNN. numpy prints every byte of a raw element
// as \xNN, in upper case.

enum PythonLiteral {
    /// `repr(text)`: `'abc'`, `"it's"`, `'tab\t'`.
    static func text(_ text: String) -> String {
        let quote: Unicode.Scalar = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var output = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\": output += "\\" + String(scalar)
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value > 0x7F && !isPrintable(scalar)) {
                    let width = scalar.value <= 0xFF ? 2 : scalar.value <= 0xFFFF ? 4 : 8
                    output += (width == 2 ? "\\x" : width == 4 ? "\\u" : "\\U") + hex(scalar.value, width: width, uppercase: false)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.unicodeScalars.append(quote)
        return output
    }

    /// `repr(bytes)`: `b'ab\x00'`, `b"it's"`.
    static func bytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let quote = bytes.contains(UInt8(ascii: "'")) && !bytes.contains(UInt8(ascii: "\"")) ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        var output = "b" + String(UnicodeScalar(quote))
        for byte in bytes {
            switch byte {
            case quote, UInt8(ascii: "\\"): output += "\\" + String(UnicodeScalar(byte))
            case UInt8(ascii: "\t"): output += "\\t"
            case UInt8(ascii: "\n"): output += "\\n"
            case UInt8(ascii: "\r"): output += "\\r"
            case 0x20..<0x7F: output.unicodeScalars.append(UnicodeScalar(byte))
            default: output += "\\x" + hex(UInt32(byte), width: 2, uppercase: false)
            }
        }
        return output + String(UnicodeScalar(quote))
    }

    /// numpy's text of a raw element: `b'\x01\x02\xFF'`.
    static func void<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        "b'" + bytes.map { "\\x" + hex(UInt32($0), width: 2, uppercase: true) }.joined() + "'"
    }

    /// Python's `str.isprintable()` for one non-ASCII character: everything but the control,
    /// format, surrogate, private-use, unassigned and separator categories.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func hex(_ value: UInt32, width: Int, uppercase: Bool) -> String {
        let digits = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
