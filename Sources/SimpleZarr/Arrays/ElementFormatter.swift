import Foundation

// Turns one element of a native-order buffer into text, for `NDArray.description`.

enum ElementFormatter {
    /// The element at `index` of `bytes`, printed like numpy would show it.
    static func format(_ bytes: UnsafeRawBufferPointer, index: Int, dtype: DataType) -> String {
        let size = dtype.itemSize
        return format(element: UnsafeRawBufferPointer(rebasing: bytes[(index * size)..<((index + 1) * size)]), dtype: dtype)
    }

    /// One fixed-size element (`dtype.itemSize` bytes), printed like numpy would show it.
    static func format(element: UnsafeRawBufferPointer, dtype: DataType) -> String {
        func load<T>(_ type: T.Type, _ extra: Int = 0) -> T {
            element.loadUnaligned(fromByteOffset: extra, as: T.self)
        }
        switch dtype {
        case .bool: return load(UInt8.self) != 0 ? "true" : "false"
        case .int8: return String(load(Int8.self))
        case .int16: return String(load(Int16.self))
        case .int32: return String(load(Int32.self))
        case .int64: return String(load(Int64.self))
        case .uint8: return String(load(UInt8.self))
        case .uint16: return String(load(UInt16.self))
        case .uint32: return String(load(UInt32.self))
        case .uint64: return String(load(UInt64.self))
        case .float16: return String(float16Value(load(UInt16.self)))
        case .float32: return String(load(Float.self))
        case .float64: return String(load(Double.self))
        case .complex64: return Complex(load(Float.self), load(Float.self, 4)).description
        case .complex128: return Complex(load(Double.self), load(Double.self, 8)).description
        case .raw, .rawBytes:
            return "0x" + hex(element)
        case .nullTerminatedBytes:
            return quotedBytes(UnsafeRawBufferPointer(rebasing: element[..<FixedLengthText.trimmedLength(element)]))
        case .fixedLengthUTF32:
            return FixedLengthText.string(fromUTF32: element).map(quoted) ?? "<invalid UTF-32>"
        case .datetime64, .timedelta64:
            return TemporalFormatter.format(load(Int64.self), dtype: dtype)
        case .structured(let fields):
            let parts = fields.map { field in
                format(
                    element: UnsafeRawBufferPointer(rebasing: element[field.offset..<(field.offset + field.dataType.itemSize)]),
                    dtype: field.dataType)
            }
            return "(" + parts.joined(separator: ", ") + ")"
        case .string, .bytes:
            return "''"
        }
    }

    /// A variable-length element: text quoted as Python shows a `str`, bytes as a `bytes` literal.
    static func format(variableLength element: Data, dtype: DataType) -> String {
        if dtype == .string { return quoted(String(decoding: element, as: UTF8.self)) }
        return element.withUnsafeBytes(quotedBytes)
    }

    private static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Text in single quotes, long text elided in the middle.
    private static func quoted(_ text: String) -> String {
        let shown = text.count > 60 ? "\(text.prefix(40))...\(text.suffix(10))" : text
        return "'" + shown.replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// Bytes as a Python `bytes` literal: printable ASCII as is, the rest as `\xNN`.
    private static func quotedBytes(_ bytes: UnsafeRawBufferPointer) -> String {
        var text = "b'"
        for byte in bytes.prefix(60) {
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\\"): text += "\\" + String(UnicodeScalar(byte))
            case 0x20..<0x7F: text += String(UnicodeScalar(byte))
            default: text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text + (bytes.count > 60 ? "...'" : "'")
    }
}
