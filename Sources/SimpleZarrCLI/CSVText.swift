// Comma-separated text of a 1-D (one value per line) or 2-D (one row per line)
// array of numbers, booleans or strings; strings are quoted as RFC 4180 says
// when they hold a comma, a quote or a line break.

import SimpleZarr

enum CSVText {
    /// The CSV text of `array`.
    ///
    /// - Throws: `CommandFailure` naming `path` for arrays of more than two dimensions or of
    ///   element types without a plain text form (complex, raw, structured, temporal).
    static func text(of array: NDArray, path: String) throws -> String {
        guard array.ndim >= 1, array.ndim <= 2 else {
            throw CommandFailure(path, "CSV holds 1-D or 2-D values; the selection has \(array.ndim) dimensions (use .npy)")
        }
        let texts = try elementTexts(array, path: path)
        let columns = array.ndim == 2 ? array.shape[1] : 1
        var output = ""
        output.reserveCapacity(texts.count * 8)
        for (offset, text) in texts.enumerated() {
            output += text
            output += (offset + 1) % columns == 0 ? "\n" : ","
        }
        return output
    }

    private static func elementTexts(_ array: NDArray, path: String) throws -> [String] {
        switch array.dtype {
        case .bool: return try array.toArray(as: Bool.self).map { $0 ? "true" : "false" }
        case .int8, .int16, .int32, .int64: return try array.astype(.int64).toArray(as: Int64.self).map(String.init)
        case .uint8, .uint16, .uint32, .uint64: return try array.astype(.uint64).toArray(as: UInt64.self).map(String.init)
        case .float16, .float32: return try array.astype(.float32).toArray(as: Float.self).map { "\($0)" }
        case .float64: return try array.toArray(as: Double.self).map { "\($0)" }
        case .string, .fixedLengthUTF32: return try array.toArray(as: String.self).map(quoted)
        default:
            throw CommandFailure(path, "CSV holds numbers, booleans and strings, not \(array.dtype) (use .npy)")
        }
    }

    private static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
