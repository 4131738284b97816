// Writes a `JSONValue` as Python's `repr()` shows the value `json.loads` makes of it,
// so `print(node.attributes)` gives the line a Python script prints (and `bytes`
// values as Python shows them, for printing byte-string arrays):
// `{'title': 'example', 'n': 3, 'ok': True, 'none': None, 'x': [1.5, 1e+16]}`.
//
// The rules followed are CPython's: a string is quoted with ' unless it holds a '
// and no " (then with "), and escapes the quote, the backslash, \t \n \r, other
// control characters as \xNN and unprintable non-ASCII characters as \xNN, \uNNNN
// or \UNNNNNNNN; a float is its shortest round-trip digits, in positional form when
// its decimal exponent lies in -4...15 (always with a fractional part) and as
// `1e+16` / `1e-05` otherwise; nan and infinities print as `nan`, `inf`, `-inf`.

enum PythonRepr {
    /// The repr of `value`.
    static func write(_ value: JSONValue) -> String {
        var output = ""
        append(value, to: &output)
        return output
    }

    private static func append(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "None"
        case .bool(let b): output += b ? "True" : "False"
        case .int(let v): output += String(v)
        case .uint(let v): output += String(v)
        case .double(let d): output += float(d)
        case .string(let s): output += string(s)
        case .array(let elements):
            output += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { output += ", " }
                append(element, to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (i, member) in object.enumerated() {
                if i > 0 { output += ", " }
                output += string(member.key)
                output += ": "
                append(member.value, to: &output)
            }
            output += "}"
        }
    }

    // MARK: Strings

    /// A quoted string literal, as Python's `repr(str)` writes it.
    static func string(_ s: String) -> String {
        literal(s.unicodeScalars, prefix: "") { scalar in
            scalar.value >= 0x20 && scalar.value != 0x7F && (scalar.value < 0x80 || isPrintable(scalar))
        }
    }

    /// A bytes literal, as Python's `repr(bytes)` writes it: `b'ab\x00'`, `b"it's"` (printable
    /// ASCII as it is, other bytes as `\xNN`).
    static func bytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        literal(bytes.lazy.map(Unicode.Scalar.init), prefix: "b") { (0x20..<0x7F).contains($0.value) }
    }

    /// `prefix` and the quoted characters: ' unless they hold a ' and no ", the quote, the
    /// backslash, \t \n \r and what is not `printable` escaped.
    private static func literal<Scalars: Collection<Unicode.Scalar>>(
        _ scalars: Scalars, prefix: String, printable: (Unicode.Scalar) -> Bool
    ) -> String {
        let quote: Unicode.Scalar = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
        var output = prefix + String(quote)
        for scalar in scalars {
            switch scalar {
            case quote, "\\": output += "\\"; output.unicodeScalars.append(scalar)
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            default:
                if printable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += escaped(scalar)
                }
            }
        }
        output.unicodeScalars.append(quote)
        return output
    }

    /// Python's `str.isprintable()` for one non-ASCII character: everything but the
    /// control, format, surrogate, private-use, unassigned and separator categories.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
             .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `\xNN`, `\uNNNN` or `\UNNNNNNNN` (lowercase hex), the shortest that holds the code point.
    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        let (prefix, width) = scalar.value <= 0xFF ? ("\\x", 2) : scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
        let hex = String(scalar.value, radix: 16)
        return prefix + String(repeating: "0", count: width - hex.count) + hex
    }

    // MARK: Floats

    /// Python's `repr(float)`.
    static func float(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        // Swift's description holds the same shortest round-trip digits as Python's repr.
        let decimal = DecimalDigits(d.description)
        let digits = decimal.text
        // The decimal point sits after `point` digits of `digits`.
        let point = decimal.exponent
        let sign = d.sign == .minus ? "-" : ""
        guard !digits.isEmpty else { return sign + "0.0" }
        if point > -4 && point <= 16 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
            return sign + digits.prefix(point) + "." + digits.dropFirst(point)
        }
        let power = point - 1
        let rest = digits.dropFirst()
        let powerDigits = String(power.magnitude)
        return sign + digits.prefix(1) + (rest.isEmpty ? "" : "." + rest) + "e" + (power < 0 ? "-" : "+")
            + (powerDigits.count < 2 ? "0" : "") + powerDigits
    }
}
