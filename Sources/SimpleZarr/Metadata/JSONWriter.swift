// Serialises `JSONValue` back to text, in the layout of Python's
// `json.dumps(value, indent=4)` when indented, so `printMetadata()` output
// and written `zarr.json` files look like those made by the Python library.

enum JSONWriter {
    /// Writes `value` compactly (`indent == nil`) or with `indent` spaces per level.
    static func write(_ value: JSONValue, indent: Int?) -> String {
        var output = ""
        append(value, to: &output, indent: indent, level: 0)
        return output
    }

    private static func append(_ value: JSONValue, to output: inout String, indent: Int?, level: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let v): output += String(v)
        case .uint(let v): output += String(v)
        case .double(let d): output += format(d)
        case .string(let s): appendString(s, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { output += indent == nil ? ", " : "," }
                newline(&output, indent: indent, level: level + 1)
                append(element, to: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output += "]"
        case .object(let object):
            guard !object.isEmpty else { output += "{}"; return }
            output += "{"
            for (i, member) in object.enumerated() {
                if i > 0 { output += indent == nil ? ", " : "," }
                newline(&output, indent: indent, level: level + 1)
                appendString(member.key, to: &output)
                output += ": "
                append(member.value, to: &output, indent: indent, level: level + 1)
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

    private static func appendString(_ s: String, to output: inout String) {
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
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
