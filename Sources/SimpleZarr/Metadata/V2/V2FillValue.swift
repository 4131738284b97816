// Fill values as v2 `.zarray` documents spell them (v2 spec, "fill_value"):
// `null` (no fill value: zarr-python reads missing chunks as zeros, and so do we),
// JSON numbers and booleans, "NaN" / "Infinity" / "-Infinity" for floats,
// [real, imaginary] for complex numbers, and base64 text for raw (`|V<n>`) bytes.

import Foundation

/// Reading and writing v2 fill values.
enum V2FillValue {
    /// Resolves a v2 `fill_value` for `dataType`.
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the value when it does not fit the type.
    static func parse(_ json: JSONValue, dataType: DataType, endian: Endianness? = nil) throws -> FillValue {
        if case .structured = dataType, let text = json.stringValue {
            // numpy's record bytes, in the stored byte order of each field.
            guard let record = Data(base64Encoded: text), record.count == dataType.itemSize else {
                throw ZarrError.invalidMetadata(
                    "fill_value \"\(text.prefix(100))\" does not fit data type \(dataType): "
                        + "a struct fill value is base64 text of \(dataType.itemSize) bytes")
            }
            var native = [UInt8](repeating: 0, count: record.count)
            record.withUnsafeBytes { stored in
                native.withUnsafeMutableBytes { out in
                    if (endian ?? .native) != .native {
                        copySwappingBytes(from: stored, to: out, dataType: dataType)
                    } else {
                        copySwappingBytes(from: stored, to: out, unit: 1)
                    }
                }
            }
            return FillValue(dataType: dataType, elementBytes: native)
        }
        guard case .raw = dataType else { return try FillValue(json: json, dataType: dataType) }
        switch json {
        case .null:
            return .zero(dataType)
        case .string(let text):
            guard let bytes = Data(base64Encoded: text), bytes.count == dataType.itemSize else {
                throw ZarrError.invalidMetadata(
                    "fill_value \"\(text.prefix(100))\" does not fit data type \(dataType): "
                        + "a raw fill value is base64 text of \(dataType.itemSize) bytes")
            }
            return FillValue(dataType: dataType, elementBytes: [UInt8](bytes))
        default:
            throw ZarrError.invalidMetadata(
                "fill_value \(ArrayMetadata.brief(json)) does not fit data type \(dataType): "
                    + "a raw fill value is base64 text or null")
        }
    }

    /// The v2 spelling of `fill`: base64 for raw bytes, "NaN" for every NaN (v2 has no bit patterns).
    static func json(_ fill: FillValue) -> JSONValue {
        switch fill.dataType {
        case .raw, .structured: return .string(Data(fill.bytes).base64EncodedString())
        default: break
        }
        func plain(_ value: JSONValue) -> JSONValue {
            if let text = value.stringValue, text.hasPrefix("0x") { return "NaN" }
            return value
        }
        if let parts = fill.json.arrayValue, fill.dataType.isComplex { return .array(parts.map(plain)) }
        return plain(fill.json)
    }
}
