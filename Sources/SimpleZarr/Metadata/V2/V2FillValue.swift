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
        let kind: String
        switch dataType {
        case .raw: kind = "raw"
        case .structured: kind = "struct"
        default: return try FillValue(json: json, dataType: dataType)
        }
        switch json {
        case .null:
            return .zero(dataType)
        case .string(let text):
            // numpy's element bytes; a struct's fields in their stored byte order.
            guard let stored = Data(base64Encoded: text), stored.count == dataType.itemSize else {
                throw ZarrError.invalidMetadata(
                    "fill_value \"\(text.prefix(100))\" does not fit data type \(dataType): "
                        + "a \(kind) fill value is base64 text of \(dataType.itemSize) bytes")
            }
            var native = [UInt8](stored)
            if (endian ?? .native) != .native {
                stored.withUnsafeBytes { source in
                    native.withUnsafeMutableBytes { copySwappingBytes(from: source, to: $0, dataType: dataType) }
                }
            }
            return FillValue(dataType: dataType, elementBytes: native)
        default:
            guard kind == "raw" else { return try FillValue(json: json, dataType: dataType) }
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
