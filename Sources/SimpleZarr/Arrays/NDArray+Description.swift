// An array printed as numpy's `repr()` prints it with the default print options
// (numpy 2.x, line width 75, threshold 1000, 3 edge items):
// - nested brackets, one row of the last axis per line, rows of higher axes
//   separated by blank lines, every element lined up (NumpyElementTexts);
// - a row longer than the line continues on the next one, indented under the first
//   element;
// - above 1000 elements, only the first and last 3 positions of each axis longer than
//   6 are shown, the rest is "...", and the shape is added;
// - the dtype is added unless numpy infers it from the text (bool, int64, float64,
//   complex128), spelled as numpy names it (`uint16`, `'<U5'`, `'datetime64[ms]'`,
//   `StringDType()` for `string`, `object` for `variable_length_bytes`); an empty
//   array always shows its dtype, and its shape unless it is `(0,)`;
// - shape and dtype go on a line of their own when the last line would get too long.

import Foundation

extension NDArray {
    /// The array as numpy prints it (`repr(a)`), summarised above 1000 elements:
    ///
    /// ```
    /// array([[0, 1, 2],
    ///        [3, 4, 5]], dtype=uint16)
    /// ```
    public var description: String { NumpyRepr.text(of: self) }
}

/// numpy's `array_repr` with its default print options.
enum NumpyRepr {
    static let lineWidth = 75
    /// Arrays with more elements than this are summarised.
    static let threshold = 1000
    /// The positions shown at each end of a summarised axis.
    static let edgeItems = 3
    private static let prefix = "array("

    static func text(of array: NDArray) -> String {
        let summarised = array.count > threshold
        var list = "[]"
        if array.count > 0 {
            let shown = array.shape.map { length in
                summarised && length > 2 * edgeItems
                    ? Array(0..<edgeItems) + Array((length - edgeItems)..<length) : Array(0..<length)
            }
            let offsets = flatOffsets(shown, shape: array.shape)
            let texts = (try? NumpyElementTexts.texts(of: gathered(array, offsets), zeroDimensional: array.ndim == 0))
                ?? Array(repeating: "?", count: offsets.count)
            var layout = Layout(texts: texts, shape: array.shape, summarised: summarised)
            // The line is one character shorter for the closing ")"; continuation lines start
            // under the first element, after "array([".
            list = layout.nested(axis: 0, indent: String(repeating: " ", count: prefix.count + 1), width: lineWidth - 1)
        }
        var extras: [String] = []
        if (array.count == 0 && array.shape != [0]) || summarised { extras.append("shape=" + tuple(array.shape)) }
        if array.count == 0 || !dtypeIsImplied(array.dtype) { extras.append("dtype=" + dtypeText(array.dtype)) }
        guard !extras.isEmpty else { return prefix + list + ")" }
        let head = prefix + list + ","
        let tail = extras.joined(separator: ", ") + ")"
        let lastLine = head.split(separator: "\n", omittingEmptySubsequences: false).last.map(\.unicodeScalars.count) ?? 0
        let spacer = lastLine + tail.count + 1 > lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return head + spacer + tail
    }

    // MARK: The elements shown

    /// The C-order offsets of the elements at every combination of the `shown` positions.
    private static func flatOffsets(_ shown: [[Int]], shape: [Int]) -> [Int] {
        var offsets = [0]
        for (positions, length) in zip(shown, shape) {
            offsets = offsets.flatMap { base in positions.map { base * length + $0 } }
        }
        return offsets
    }

    /// A 1-d array of the elements of `array` at `offsets`.
    private static func gathered(_ array: NDArray, _ offsets: [Int]) throws -> NDArray {
        if offsets.count == array.count { return array.flatten() }
        let result = try NDArray(uninitialized: array.dtype, shape: [offsets.count])
        let size = array.dtype.itemSize
        array.withElementBuffer { source in
            let destination = result.elementBufferOfNewArray
            for (index, offset) in offsets.enumerated() {
                if let from = source.elements, let to = destination.elements {
                    to[index] = from[offset]
                } else {
                    (destination.bytes + index * size).copyMemory(from: source.bytes + offset * size, byteCount: size)
                }
            }
        }
        return result
    }

    // MARK: Layout

    /// numpy's `_formatArray`: the bracketed, wrapped text of the shown elements.
    private struct Layout {
        let texts: [String]
        let shape: [Int]
        let summarised: Bool
        /// The next text to place (the shown elements are placed in C order).
        private var next = 0

        init(texts: [String], shape: [Int], summarised: Bool) {
            self.texts = texts
            self.shape = shape
            self.summarised = summarised
        }

        /// The text of the sub-array from `axis` on, whose lines after the first start with
        /// `indent` and are at most `width` long.
        mutating func nested(axis: Int, indent: String, width: Int) -> String {
            guard axis < shape.count else {
                defer { next += 1 }
                return texts[next]
            }
            let innerIndent = indent + " "
            let length = shape[axis]
            let elided = summarised && length > 2 * NumpyRepr.edgeItems
            let leading = elided ? NumpyRepr.edgeItems : 0
            let trailing = elided ? NumpyRepr.edgeItems : length
            var text = ""
            if axis == shape.count - 1 {
                // The last axis: elements separated by ", ", wrapped before the line gets too long
                // (leaving room for the "," or "]" after the element).
                let elementWidth = width - 1
                var line = indent
                for _ in 0..<leading {
                    Layout.extend(&text, &line, nested(axis: axis + 1, indent: innerIndent, width: width - 1), elementWidth, indent)
                    line += ", "
                }
                if elided {
                    Layout.extend(&text, &line, "...", elementWidth, indent)
                    line += ", "
                }
                for _ in 1..<trailing {
                    Layout.extend(&text, &line, nested(axis: axis + 1, indent: innerIndent, width: width - 1), elementWidth, indent)
                    line += ", "
                }
                Layout.extend(&text, &line, nested(axis: axis + 1, indent: innerIndent, width: width - 1), elementWidth, indent)
                text += line
            } else {
                // Higher axes: one sub-array per line, with a blank line per further axis between them.
                let separator = "," + String(repeating: "\n", count: shape.count - axis - 1)
                for _ in 0..<leading { text += indent + nested(axis: axis + 1, indent: innerIndent, width: width - 1) + separator }
                if elided { text += indent + "..." + separator }
                for _ in 1..<trailing { text += indent + nested(axis: axis + 1, indent: innerIndent, width: width - 1) + separator }
                text += indent + nested(axis: axis + 1, indent: innerIndent, width: width - 1)
            }
            return "[" + text.dropFirst(indent.count) + "]"
        }

        /// numpy's `_extendLine`: adds `word` to `line`, first moving `line` into `text` and
        /// starting a new one when the word would pass `width` (unless the line is still empty).
        private static func extend(_ text: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
            let lineLength = line.unicodeScalars.count
            if lineLength + word.unicodeScalars.count > width, lineLength > indent.count {
                var finished = Substring(line)
                while finished.last == " " { finished = finished.dropLast() }
                text += finished + "\n"
                line = indent
            }
            line += word
        }
    }

    // MARK: Shape and dtype

    /// A Python tuple: `(2000,)`, `(50, 50)`.
    private static func tuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Whether numpy leaves the dtype out of the repr (its default types for Python's values).
    private static func dtypeIsImplied(_ dtype: DataType) -> Bool {
        dtype == .bool || dtype == .int64 || dtype == .float64 || dtype == .complex128
    }

    /// numpy's short repr of the dtype numpy gives such an array.
    static func dtypeText(_ dtype: DataType) -> String {
        switch dtype {
        case .string: return "StringDType()"
        case .bytes: return "object"
        case .fixedLengthUTF32(let characters): return "'<U\(characters)'"
        case .nullTerminatedBytes(let length): return "'|S\(length)'"
        case .raw, .rawBytes: return "'|V\(dtype.itemSize)'"
        case .datetime64(let unit, let scale), .timedelta64(let unit, let scale):
            let kind = dtype.name == "numpy.datetime64" ? "datetime64" : "timedelta64"
            return "'\(kind)[\(scale == 1 ? "" : String(scale))\(unit.rawValue)]'"
        case .structured(let fields):
            return "[" + fields.map { "(\(PythonRepr.string($0.name)), \(fieldText($0.dataType)))" }.joined(separator: ", ") + "]"
        default:
            return dtype.name
        }
    }

    /// A struct field's type as numpy's `str(dtype)` lists it: `'<i4'`, `'?'`, a nested list.
    private static func fieldText(_ dtype: DataType) -> String {
        switch dtype {
        case .bool: return "'?'"
        case .structured: return dtypeText(dtype)
        default: return "'" + NumpyTypeString(dataType: dtype).text + "'"
        }
    }
}
