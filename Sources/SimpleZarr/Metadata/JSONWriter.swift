// Serialises `JSONValue` back to text, in the layout of Python's
// `json.dumps(value, indent=4)` when indented, so `printMetadata()` output
// and written `zarr.json` files look like those made by the Python library.

enum JSONWriter {
    /// Writes `value` compactly (`indent == nil`) or with `indent` spaces per level; with
    /// `asciiOnly`, non-ASCII characters become `\uXXXX` escapes (surrogate pairs beyond U+FFFF).
    static func write(_ value: JSONValue, indent: Int?, asciiOnly: Bool = false) -> String {
        var output = ""
        append(value, to: &output, indent: indent, level: 0, asciiOnly: asciiOnly)
        return output
    }

    private static func append(_ value: JSONValue, to output: inout String, indent: Int?, level: Int, asciiOnly: Bool) {
        switch value {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let v): output += String(v)
        case .uint(let v): output += String(v)
        case .double(let d): output += format(d)
        case .string(let s): appendString(s, to: &output, asciiOnly: asciiOnly)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { output += indent == nil ? ", " : "," }
                newline(&output, indent: indent, level: level + 1)
                append(element, to: &output, indent: indent, level: level + 1, asciiOnly: asciiOnly)
            }
            newline(&output, indent: indent, level: level)
            output += "]"
        case .object(let object):
            guard !object.isEmpty else { output += "{}"; return }
            output += "{"
            for (i, member) in object.enumerated() {
                if i > 0 { output += indent == nil ? ", " : "," }
                newline(&output, indent: indent, level: level + 1)
                appendString(member.key, to: &output, asciiOnly: asciiOnly)
                output += ": "
                append(member.value, to: &output, indent: indent, level: level + 1, asciiOnly: asciiOnly)
            }
            newline(&output, indent: indent, level: level)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        output += "\n"
        output += String(repeating: " ", count: indent * level)
    }

    /// Shortest text that reads back as the same double; non-finite values as Python writes them.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return d.description
    }

    private static func appendString(_ s: String, to output: inout String, asciiOnly: Bool) {
        func escape(_ unit: UInt32) {
            let hex = String(unit, radix: 16)
            output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        output += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    escape(scalar.value)
                } else if asciiOnly, scalar.value > 0x7F {
                    for unit in String(scalar).utf16 { escape(UInt32(unit)) }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
