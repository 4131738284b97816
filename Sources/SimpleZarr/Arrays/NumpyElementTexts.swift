// The text of each element numpy's repr shows, by numpy's formatter for the type,
// each chosen from all the shown elements together so that they line up:
// - bool: " True" and "False" (a 0-d array: "True");
// - integers: right-aligned to the widest of the largest and the smallest value;
// - floats and complex numbers: NumpyFloatFormat (the imaginary parts with their own
//   format and a sign, then "j");
// - datetimes: the ISO text in quotes, timedeltas: the count, both right-aligned to
//   the wider of the earliest and the latest element, NaT as 'NaT';
// - text and bytes: Python's repr (Metadata/PythonRepr.swift); raw elements: numpy's
//   \xNN text;
// - structs: each field by its own formatter over that field of every shown record,
//   as `(1, 0.5)`, or `(1,)` for a single field.

import Foundation

enum NumpyElementTexts {
    /// The text of every element of `elements`, a 1-d array of the elements numpy shows (of a
    /// 0-d array when `zeroDimensional`).
    ///
    /// - Throws: only if `elements` were not what their dtype says (typed access checks it).
    static func texts(of elements: NDArray, zeroDimensional: Bool) throws -> [String] {
        switch elements.dtype {
        case .bool:
            let trueText = zeroDimensional ? "True" : " True"
            return elements.withUnsafeBytes { bytes in bytes.map { $0 != 0 ? trueText : "False" } }
        case .int8: return rightAligned(try integers(elements, Int8.self))
        case .int16: return rightAligned(try integers(elements, Int16.self))
        case .int32: return rightAligned(try integers(elements, Int32.self))
        case .int64: return rightAligned(try integers(elements, Int64.self))
        case .uint8: return rightAligned(try integers(elements, UInt8.self))
        case .uint16: return rightAligned(try integers(elements, UInt16.self))
        case .uint32: return rightAligned(try integers(elements, UInt32.self))
        case .uint64: return rightAligned(try integers(elements, UInt64.self))
        case .float16, .float32, .float64:
            let values = floats(elements)
            let format = NumpyFloatFormat(values, scientificThreshold: scientificThreshold(elements.dtype))
            return values.map(format.text)
        case .complex64, .complex128:
            return try complexTexts(elements)
        case .datetime64, .timedelta64:
            return try temporalTexts(elements)
        case .string, .bytes:
            return elements.variableLengthElements.map { element in
                elements.dtype == .string ? PythonRepr.string(String(decoding: element, as: UTF8.self)) : PythonRepr.bytes(element)
            }
        case .fixedLengthUTF32, .nullTerminatedBytes, .raw, .rawBytes:
            return fixedTexts(elements)
        case .structured(let fields):
            let columns = try fields.map { try texts(of: elements.field($0.name), zeroDimensional: zeroDimensional) }
            return (0..<elements.count).map { index in
                let parts = columns.map { $0[index] }
                return "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
            }
        }
    }

    // MARK: Numbers

    private static func integers<T: FixedWidthInteger & ZarrScalar>(_ elements: NDArray, _ type: T.Type) throws -> [String] {
        try elements.withUnsafeBufferPointer(as: type) { $0.map(String.init) }
    }

    /// Each text right-aligned to the widest (numpy's widest of the largest and smallest value,
    /// which for integers is the widest of all).
    private static func rightAligned(_ texts: [String]) -> [String] {
        let width = texts.map(\.unicodeScalars.count).max() ?? 0
        return texts.map { String(repeating: " ", count: width - $0.unicodeScalars.count) + $0 }
    }

    /// numpy's bound for positional floats: 10^min(8, decimal digits of the type).
    private static func scientificThreshold(_ dtype: DataType) -> Double {
        switch dtype {
        case .float16: return 1e3
        case .float32, .complex64: return 1e6
        default: return 1e8
        }
    }

    /// The floats of a float16, float32 or float64 array, each with the shortest digits of its type.
    private static func floats(_ elements: NDArray) -> [FloatText] {
        elements.withUnsafeBytes { bytes in
            switch elements.dtype {
            case .float16:
                return bytes.withMemoryRebound(to: UInt16.self) { $0.map(halfText) }
            case .float32:
                return bytes.withMemoryRebound(to: Float.self) { $0.map { FloatText(Double($0), shortest: $0.description) } }
            default:
                return bytes.withMemoryRebound(to: Double.self) { $0.map { FloatText($0, shortest: $0.description) } }
            }
        }
    }

    /// A float16 element with its shortest digits: the fewest significant digits whose
    /// correctly rounded decimal reads back as the same half (Swift's `Float16.description`
    /// prints integers like 65504 with every digit).
    private static func halfText(_ bits: UInt16) -> FloatText {
        let value = NumpyHalf(bits: bits).doubleValue
        guard value.isFinite, value != 0 else { return FloatText(value, shortest: value.description) }
        // Five significant digits tell every half apart.
        for digits in 1...5 {
            let text = String(format: "%.\(digits - 1)e", value)
            if let decimal = Double(text), float16Bits(decimal) == bits { return FloatText(value, shortest: text) }
        }
        return FloatText(value, shortest: value.description)
    }

    private static func complexTexts(_ elements: NDArray) throws -> [String] {
        let parts = try elements.astype(.complex128).toArray(as: Complex<Double>.self)
        let shortest: (Double) -> String = elements.dtype == .complex64 ? { Float($0).description } : { $0.description }
        let reals = parts.map { FloatText($0.real, shortest: shortest($0.real)) }
        let imaginaries = parts.map { FloatText($0.imaginary, shortest: shortest($0.imaginary)) }
        let threshold = scientificThreshold(elements.dtype)
        let realFormat = NumpyFloatFormat(reals, scientificThreshold: threshold)
        let imaginaryFormat = NumpyFloatFormat(imaginaries, scientificThreshold: threshold, plusSign: true)
        return zip(reals, imaginaries).map { real, imaginary in
            // The "j" goes right after the digits, before any padding.
            let text = imaginaryFormat.text(imaginary)
            let digits = text.count - text.reversed().prefix { $0 == " " }.count
            return realFormat.text(real) + text.prefix(digits) + "j" + text.dropFirst(digits)
        }
    }

    // MARK: Datetimes and timedeltas

    private static func temporalTexts(_ elements: NDArray) throws -> [String] {
        let counts = try elements.toArray(as: Int64.self)
        let text: (Int64) -> String = elements.dtype.name == "numpy.datetime64"
            ? { "'" + TemporalFormatter.format($0, dtype: elements.dtype) + "'" } : { String($0) }
        let present = counts.filter { $0 != DataType.notATime }
        var width = [present.min(), present.max()].compactMap { $0.map { text($0).unicodeScalars.count } }.max() ?? 0
        if present.count < counts.count { width = Swift.max(width, 5) }
        return counts.map { count in
            let shown = count == DataType.notATime ? "'NaT'" : text(count)
            return String(repeating: " ", count: Swift.max(0, width - shown.unicodeScalars.count)) + shown
        }
    }

    // MARK: Text and bytes

    /// numpy's text of a raw element: every byte as `\xNN` in upper case, `b'\x01\x02\xFF'`.
    private static func voidText(_ bytes: UnsafeRawBufferPointer) -> String {
        "b'" + bytes.map { ($0 < 16 ? "\\x0" : "\\x") + String($0, radix: 16, uppercase: true) }.joined() + "'"
    }

    private static func fixedTexts(_ elements: NDArray) -> [String] {
        let size = elements.dtype.itemSize
        return elements.withUnsafeBytes { bytes in
            (0..<elements.count).map { index in
                let element = UnsafeRawBufferPointer(rebasing: bytes[(index * size)..<((index + 1) * size)])
                switch elements.dtype {
                case .fixedLengthUTF32:
                    return FixedLengthText.string(fromUTF32: element).map(PythonRepr.string) ?? "<invalid UTF-32>"
                case .nullTerminatedBytes:
                    return PythonRepr.bytes(element[..<FixedLengthText.trimmedLength(element)])
                default:
                    return voidText(element)
                }
            }
        }
    }
}
