// Selections written as text, the way they are typed between numpy's square
// brackets: `5, :10, ::2`, `...`, `-1`, `2:-2`. Each comma-separated part is an
// integer, a slice `start:stop:step` with every part optional, or one `...`.
// (`np.newaxis`, fancy and boolean indexing are not part of the grammar.)

/// A selection parsed from numpy's bracket syntax.
public enum SelectionExpression {
    /// The longest expression accepted, in UTF-8 bytes (a selection has at most 64 axes; this
    /// leaves room for spaces and 20-digit numbers without letting an input grow without bound).
    public static let maximumLength = 4096

    /// Parses `text` into selection components: `"5, :10, ::2"` is
    /// `[.index(5), .slice(start: nil, stop: 10, step: 1), .slice(start: nil, stop: nil, step: 2)]`.
    ///
    /// Spaces around parts are ignored; an empty text, or `...`, selects everything; a trailing
    /// comma is allowed (`"5,"`), as in Python. Bounds are not checked against a shape here:
    /// that happens when the selection is applied.
    /// - Throws: `ZarrError.invalidArgument` naming the position and the cause for text that is
    ///   not a selection: an unknown character, a number that does not fit in `Int`, a zero step,
    ///   more than one `...`, an empty part between commas, too many parts.
    public static func parse(_ text: String) throws -> [AxisSelection] {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else {
            throw ZarrError.invalidArgument(
                "selection: \(bytes.count) characters; at most \(maximumLength) are accepted")
        }
        var items: [AxisSelection] = []
        let parts = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        var offset = 0
        for (number, part) in parts.enumerated() {
            defer { offset += part.count + 1 }
            let trimmed = trimmingSpaces(part)
            if trimmed.isEmpty {
                // "" selects everything and "5," is a one-part tuple; only inner empty parts are errors.
                if parts.count == 1 || (number == parts.count - 1 && number > 0) { continue }
                throw failure("empty part", at: offset, in: text)
            }
            guard items.count < ArrayMetadata.maximumDimensionCount else {
                throw ZarrError.invalidArgument(
                    "selection '\(text)': more than \(ArrayMetadata.maximumDimensionCount) parts")
            }
            let item = try parsePart(trimmed, offset: offset + (trimmed.startIndex - part.startIndex), text: text)
            if item == .ellipsis, items.contains(.ellipsis) {
                throw failure("only one '...' is allowed", at: offset, in: text)
            }
            items.append(item)
        }
        return items
    }

    // MARK: Parts

    /// One part: `...`, an integer, or up to three optional integers separated by colons.
    private static func parsePart(_ part: ArraySlice<UInt8>, offset: Int, text: String) throws -> AxisSelection {
        if part.elementsEqual("...".utf8) { return .ellipsis }
        let fields = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard fields.count <= 3 else { throw failure("a slice has at most two ':'", at: offset, in: text) }
        var values: [Int?] = []
        for field in fields {
            let trimmed = trimmingSpaces(field)
            values.append(trimmed.isEmpty ? nil : try integer(trimmed, offset: offset + (trimmed.startIndex - part.startIndex), text: text))
        }
        if fields.count == 1 {
            guard let value = values[0] else { throw failure("empty part", at: offset, in: text) }
            return .index(value)
        }
        let step = values.count == 3 ? values[2] ?? 1 : 1
        guard step != 0 else { throw failure("slice step cannot be zero", at: offset, in: text) }
        return .slice(start: values[0], stop: values[1], step: step)
    }

    /// A decimal integer with an optional sign; `_` between digits is accepted, as in Python.
    private static func integer(_ field: ArraySlice<UInt8>, offset: Int, text: String) throws -> Int {
        var digits = field
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard let first = digits.first, isDigit(first), let last = digits.last, isDigit(last) else {
            throw failure("'\(String(decoding: field, as: UTF8.self))' is not an integer", at: offset, in: text)
        }
        // Accumulate negatively, so that Int.min parses.
        var value = 0
        var previousWasUnderscore = false
        for byte in digits {
            if byte == UInt8(ascii: "_"), !previousWasUnderscore {
                previousWasUnderscore = true
                continue
            }
            guard isDigit(byte) else {
                throw failure("'\(String(decoding: field, as: UTF8.self))' is not an integer", at: offset, in: text)
            }
            previousWasUnderscore = false
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else {
                throw failure("'\(String(decoding: field, as: UTF8.self))' does not fit in a 64-bit integer", at: offset, in: text)
            }
            value = next
        }
        if negative { return value }
        guard value != Int.min else {
            throw failure("'\(String(decoding: field, as: UTF8.self))' does not fit in a 64-bit integer", at: offset, in: text)
        }
        return -value
    }

    // MARK: Helpers

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func trimmingSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[start...end]
    }

    private static func failure(_ cause: String, at offset: Int, in text: String) -> ZarrError {
        .invalidArgument("selection '\(text)': \(cause) (at character \(offset + 1))")
    }
}

extension RegionSelectable {
    /// Selects a region from numpy's bracket syntax: `try arr.select("5, :10, ::2")` is Python's
    /// `arr[5, :10, ::2]`. As in numpy, axes left out at the end are taken whole (`"-1"` of a
    /// 2-D array is its last row).
    ///
    /// - Throws: `ZarrError.invalidArgument` for text that does not parse (see
    ///   `SelectionExpression.parse`), and the errors of `select(_:)` for a selection that does not
    ///   fit the shape.
    public func select(_ expression: String) throws -> Region {
        var items = try SelectionExpression.parse(expression)
        if !items.contains(.ellipsis) { items.append(.ellipsis) }
        return try select(items)
    }
}
