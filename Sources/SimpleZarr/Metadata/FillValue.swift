// Fill values as the v3 core spec encodes them in `zarr.json`
// (https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#fill-value):
//   bool      true / false
//   integers  a JSON integer within the type's range
//   floats    a number, "NaN", "Infinity", "-Infinity", or "0x…" giving the
//             IEEE bit pattern in big-endian hex
//   complex   a two-element array [real, imaginary], each part as for floats
//   rN        an array of N/8 integers 0…255 (the raw bytes)
// and, for the extension types as zarr-python writes them:
//   string                 a JSON string
//   variable_length_bytes,
//   null_terminated_bytes,
//   raw_bytes              base64 text of the bytes (or an array of byte values)
//   fixed_length_utf32     a JSON string of at most its length in characters
//   numpy.datetime64/
//   numpy.timedelta64      an integer count, or "NaT" (the smallest Int64)
// Like Python simplezarr we also accept `null` (zero) and, when creating,
// a few friendly spellings (numeric strings, "true"/"false").

import Foundation

/// The value of an array's missing elements, resolved for its data type.
///
/// `bytes` is one element in native byte order, ready to fill a buffer;
/// `json` is the canonical spec encoding written to `zarr.json`. For the
/// variable-length types `bytes` is empty and `variableLengthElement` holds the value.
public struct FillValue: Sendable, Hashable, CustomStringConvertible {
    /// The data type this value belongs to.
    public let dataType: DataType
    /// One element, in native byte order (empty for variable-length types).
    public let bytes: [UInt8]
    /// The element of a variable-length type: UTF-8 text for `string`, the bytes for `bytes`;
    /// empty for every other type.
    public let variableLengthElement: Data
    /// The value as written in `zarr.json`.
    public let json: JSONValue

    /// The all-zero fill value (false, 0, 0.0, 0+0j, zero bytes, or the empty string).
    public static func zero(_ dataType: DataType) -> FillValue {
        let bytes = [UInt8](repeating: 0, count: dataType.itemSize)
        return FillValue(dataType: dataType, elementBytes: bytes)
    }

    /// Resolves a JSON fill value for `dataType`.
    ///
    /// - Throws: `ZarrError.invalidMetadata` when the value does not fit the type,
    ///   with a message naming both.
    public init(json: JSONValue, dataType: DataType) throws {
        do {
            try dataType.validate(method: "fill_value")
        } catch let error as ZarrError {
            throw ZarrError.invalidMetadata(error.details)
        }
        if dataType.isVariableLength {
            let element = try FillValue.parseVariableLength(json, dataType)
            self.init(dataType: dataType, variableLengthElement: element)
            return
        }
        let bytes = try FillValue.parse(json, dataType)
        self.init(dataType: dataType, bytes: bytes, element: Data(), json: FillValue.canonicalJSON(bytes, dataType))
    }

    /// The value whose one element is `bytes`, in native byte order (`dataType.itemSize` bytes).
    init(dataType: DataType, elementBytes bytes: [UInt8]) {
        assert(bytes.count == dataType.itemSize)
        self.init(dataType: dataType, bytes: bytes, element: Data(), json: FillValue.canonicalJSON(bytes, dataType))
    }

    /// The value of a variable-length type whose element is `element` (UTF-8 for `string`).
    init(dataType: DataType, variableLengthElement element: Data) {
        assert(dataType.isVariableLength)
        let json: JSONValue = dataType == .string
            ? .string(String(decoding: element, as: UTF8.self)) : .string(element.base64EncodedString())
        self.init(dataType: dataType, bytes: [], element: element, json: json)
    }

    private init(dataType: DataType, bytes: [UInt8], element: Data, json: JSONValue) {
        self.dataType = dataType
        self.bytes = bytes
        self.variableLengthElement = element
        self.json = json
    }

    public var description: String { json.jsonText }

    /// Whether every element of `buffer` (a whole number of elements) equals this value, bit for bit.
    ///
    /// Comparing bits makes a NaN fill match NaN elements of the same payload, which is
    /// what deciding "this chunk holds only the fill value" needs.
    public func matchesEveryElement(of buffer: UnsafeRawBufferPointer) -> Bool {
        let size = bytes.count
        guard size > 0, buffer.count % size == 0 else { return false }
        return bytes.withUnsafeBytes { pattern in
            allElementsEqual(buffer, pattern)
        }
    }

    // MARK: Parsing

    private static func parse(_ json: JSONValue, _ dataType: DataType) throws -> [UInt8] {
        func fail(_ reason: String) -> ZarrError {
            .invalidMetadata("fill_value \(json.jsonText.prefix(100)) does not fit data type \(dataType): \(reason)")
        }
        if json.isNull { return [UInt8](repeating: 0, count: dataType.itemSize) }
        switch dataType {
        case .bool:
            switch json {
            case .bool(let b): return [b ? 1 : 0]
            case .int(let v) where v == 0 || v == 1: return [UInt8(v)]
            case .string(let s):
                switch s.lowercased() {
                case "true", "yes", "1": return [1]
                case "false", "no", "0": return [0]
                default: throw fail("not a boolean")
                }
            default: throw fail("not a boolean")
            }
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            return try integerBytes(json, dataType, fail)
        case .float16, .float32, .float64:
            return try floatBytes(json, dataType, fail)
        case .complex64, .complex128:
            guard case .array(let parts) = json, parts.count == 2 else {
                throw fail("a complex fill value is a [real, imaginary] pair")
            }
            let part: DataType = dataType == .complex64 ? .float32 : .float64
            return try floatBytes(parts[0], part, fail) + floatBytes(parts[1], part, fail)
        case .raw(let bits):
            // The spec's array of byte values; base64 text (v2's and zarr-python's spelling) too.
            guard json.arrayValue != nil || json.stringValue != nil, case let value = try byteString(json, fail),
                value.count == bits / 8
            else {
                throw fail("a raw fill value is an array of \(bits / 8) byte values")
            }
            return value
        case .rawBytes(let length):
            let value = try byteString(json, fail)
            guard value.count == length else { throw fail("a raw_bytes fill value has exactly \(length) bytes") }
            return value
        case .nullTerminatedBytes(let length):
            let value = try byteString(json, fail)
            guard value.count <= length else { throw fail("at most \(length) bytes fit") }
            return value + [UInt8](repeating: 0, count: length - value.count)
        case .fixedLengthUTF32(let characters):
            guard let text = json.stringValue else { throw fail("a text fill value is a string") }
            guard let element = FixedLengthText.utf32Element(text, characters: characters) else {
                throw fail("at most \(characters) characters fit")
            }
            return element
        case .datetime64, .timedelta64:
            if json.stringValue == "NaT" { return withUnsafeBytes(of: DataType.notATime) { Array($0) } }
            return try integerBytes(json, .int64, fail)
        case .structured(let fields):
            switch json {
            case .object(let members):
                // A field left out is zero, as zarr-python reads it.
                return try fields.flatMap { field -> [UInt8] in
                    try FillValue(json: members[field.name] ?? .null, dataType: field.dataType).bytes
                }
            case .string:
                let record = try byteString(json, fail)
                guard record.count == dataType.itemSize else { throw fail("a record has \(dataType.itemSize) bytes") }
                return record
            default:
                throw fail("a struct fill value is an object of field values")
            }
        case .string, .bytes:
            throw fail("variable-length types are parsed apart")
        }
    }

    /// The element of a `string` (a JSON string) or `bytes` fill value (base64 text or byte values).
    private static func parseVariableLength(_ json: JSONValue, _ dataType: DataType) throws -> Data {
        func fail(_ reason: String) -> ZarrError {
            .invalidMetadata("fill_value \(json.jsonText.prefix(100)) does not fit data type \(dataType): \(reason)")
        }
        // zarr-python 2 wrote object arrays with `"fill_value": 0`; zarrs and zarr-python read it as empty.
        if json.isNull || json == .int(0) { return Data() }
        if dataType == .string {
            guard let text = json.stringValue else { throw fail("a string fill value is a JSON string") }
            return Data(text.utf8)
        }
        return Data(try byteString(json, fail))
    }

    /// Bytes spelled as base64 text or as an array of byte values.
    private static func byteString(_ json: JSONValue, _ fail: (String) -> ZarrError) throws -> [UInt8] {
        switch json {
        case .string(let text):
            guard let data = Data(base64Encoded: text) else { throw fail("not base64 text") }
            return [UInt8](data)
        case .array(let elements):
            return try byteValues(elements, fail)
        default:
            throw fail("bytes are base64 text or an array of byte values")
        }
    }

    private static func byteValues(_ elements: [JSONValue], _ fail: (String) -> ZarrError) throws -> [UInt8] {
        try elements.map { element in
            guard let v = element.intValue, (0...255).contains(v) else { throw fail("byte values must be 0...255") }
            return UInt8(v)
        }
    }

    private static func integerBytes(
        _ json: JSONValue, _ dataType: DataType, _ fail: (String) -> ZarrError
    ) throws -> [UInt8] {
        // The value as a 128-bit-safe pair: sign and magnitude.
        let negative: Bool
        let magnitude: UInt64
        switch json {
        case .int(let v): negative = v < 0; magnitude = v.magnitude
        case .uint(let v): negative = false; magnitude = v
        case .double(let d):
            guard d.isFinite, d == d.rounded(), let exact = Int64(exactly: d) else { throw fail("not an integer") }
            negative = exact < 0; magnitude = exact.magnitude
        case .string(let s):
            if let v = Int64(s) { negative = v < 0; magnitude = v.magnitude }
            else if let v = UInt64(s) { negative = false; magnitude = v }
            else if s.hasPrefix("0x"), let v = UInt64(s.dropFirst(2), radix: 16) { negative = false; magnitude = v }
            else { throw fail("not an integer") }
        default: throw fail("not an integer")
        }
        func encode<T: FixedWidthInteger>(_ type: T.Type) throws -> [UInt8] {
            let value: T?
            if negative {
                value = T.isSigned ? T(exactly: -Int128(magnitude)) : nil
            } else {
                value = T(exactly: magnitude)
            }
            guard let value else { throw fail("out of range for \(dataType)") }
            return withUnsafeBytes(of: value) { Array($0) }
        }
        switch dataType {
        case .int8: return try encode(Int8.self)
        case .int16: return try encode(Int16.self)
        case .int32: return try encode(Int32.self)
        case .int64: return try encode(Int64.self)
        case .uint8: return try encode(UInt8.self)
        case .uint16: return try encode(UInt16.self)
        case .uint32: return try encode(UInt32.self)
        default: return try encode(UInt64.self)
        }
    }

    private static func floatBytes(
        _ json: JSONValue, _ dataType: DataType, _ fail: (String) -> ZarrError
    ) throws -> [UInt8] {
        let size = dataType.itemSize
        let value: Double
        switch json {
        case .int, .uint, .double:
            value = json.doubleValue ?? 0
        case .string(let s):
            switch s {
            case "NaN": value = .nan
            case "Infinity": value = .infinity
            case "-Infinity": value = -.infinity
            default:
                if s.hasPrefix("0x") {
                    let hex = s.dropFirst(2)
                    guard hex.count == size * 2, let bits = UInt64(hex, radix: 16) else {
                        throw fail("a hex fill value needs \(size * 2) hex digits")
                    }
                    // The hex text is the big-endian bit pattern; store it natively.
                    return (0..<size).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }
                }
                guard let parsed = Double(s) else { throw fail("not a number") }
                value = parsed
            }
        default: throw fail("not a number")
        }
        switch size {
        case 2: return withUnsafeBytes(of: float16Bits(value)) { Array($0) }
        case 4: return withUnsafeBytes(of: Float(value).bitPattern) { Array($0) }
        default: return withUnsafeBytes(of: value.bitPattern) { Array($0) }
        }
    }

    // MARK: Canonical JSON

    /// The spec encoding of one native-order element: numbers where they are exact,
    /// strings for the non-finite floats, hex for NaNs with a non-default payload.
    private static func canonicalJSON(_ bytes: [UInt8], _ dataType: DataType) -> JSONValue {
        func load<T>(_ type: T.Type, offset: Int = 0) -> T {
            bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        }
        switch dataType {
        case .bool: return .bool(bytes.first == 1)
        case .int8: return .int(Int64(load(Int8.self)))
        case .int16: return .int(Int64(load(Int16.self)))
        case .int32: return .int(Int64(load(Int32.self)))
        case .int64: return .int(load(Int64.self))
        case .uint8: return .int(Int64(load(UInt8.self)))
        case .uint16: return .int(Int64(load(UInt16.self)))
        case .uint32: return .int(Int64(load(UInt32.self)))
        case .uint64:
            let v = load(UInt64.self)
            return v <= UInt64(Int64.max) ? .int(Int64(v)) : .uint(v)
        case .float16, .float32, .float64:
            return floatJSON(bytes, size: dataType.itemSize)
        case .complex64:
            return .array([floatJSON(Array(bytes[0..<4]), size: 4), floatJSON(Array(bytes[4..<8]), size: 4)])
        case .complex128:
            return .array([floatJSON(Array(bytes[0..<8]), size: 8), floatJSON(Array(bytes[8..<16]), size: 8)])
        case .raw:
            return .array(bytes.map { .int(Int64($0)) })
        case .rawBytes:
            return .string(Data(bytes).base64EncodedString())
        case .nullTerminatedBytes:
            let length = bytes.withUnsafeBytes(FixedLengthText.trimmedLength)
            return .string(Data(bytes[..<length]).base64EncodedString())
        case .fixedLengthUTF32:
            // The bytes came from a string (parsed, or zero), so every code unit is a scalar.
            return .string(bytes.withUnsafeBytes(FixedLengthText.string(fromUTF32:)) ?? "")
        case .datetime64, .timedelta64:
            return .int(load(Int64.self))
        case .structured(let fields):
            var members = JSONObject()
            for field in fields {
                let part = Array(bytes[field.offset..<(field.offset + field.dataType.itemSize)])
                members[field.name] = FillValue(dataType: field.dataType, elementBytes: part).json
            }
            return .object(members)
        case .string, .bytes:
            return .string("")
        }
    }

    private static func floatJSON(_ bytes: [UInt8], size: Int) -> JSONValue {
        var bits: UInt64 = 0
        for (i, byte) in bytes.enumerated() { bits |= UInt64(byte) << (8 * UInt64(i)) }
        let value: Double
        let canonicalNaN: UInt64
        switch size {
        case 2: value = float16Value(UInt16(truncatingIfNeeded: bits)); canonicalNaN = 0x7E00
        case 4: value = Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))); canonicalNaN = 0x7FC0_0000
        default: value = Double(bitPattern: bits); canonicalNaN = 0x7FF8_0000_0000_0000
        }
        if value.isNaN {
            if bits == canonicalNaN { return .string("NaN") }
            let hex = String(bits, radix: 16)
            return .string("0x" + String(repeating: "0", count: size * 2 - hex.count) + hex)
        }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        return .double(value)
    }
}

// MARK: - Helpers shared with the bytes of arrays

/// Whether every `pattern.count`-byte element of `buffer` equals `pattern`.
func allElementsEqual(_ buffer: UnsafeRawBufferPointer, _ pattern: UnsafeRawBufferPointer) -> Bool {
    let size = pattern.count
    guard size > 0, buffer.count % size == 0 else { return false }
    guard let base = buffer.baseAddress, let patternBase = pattern.baseAddress else { return true }
    // Compare the first element, then compare the buffer against itself shifted by
    // one element: equal iff every element equals its predecessor.
    guard memcmp(base, patternBase, size) == 0 else { return false }
    return buffer.count == size || memcmp(base, base + size, buffer.count - size) == 0
}

/// IEEE half-precision bits for a double, rounded to nearest even (written out by
/// hand because `Float16` is missing on some platforms).
func float16Bits(_ value: Double) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16(truncatingIfNeeded: (bits >> 48) & 0x8000)
    let exponent = Int((bits >> 52) & 0x7FF)
    let mantissa = bits & 0xF_FFFF_FFFF_FFFF
    if exponent == 0x7FF {  // infinity, or NaN kept quiet with its top payload bits
        return sign | 0x7C00 | (mantissa != 0 ? 0x200 | UInt16(truncatingIfNeeded: mantissa >> 42) : 0)
    }
    let halfExponent = exponent - 1023 + 15
    if halfExponent >= 0x1F { return sign | 0x7C00 }
    let combined: UInt64
    let shift: Int
    if halfExponent > 0 {
        // Exponent and mantissa side by side: rounding may carry into the exponent, as it should.
        combined = UInt64(halfExponent) << 52 | mantissa
        shift = 42
    } else {
        combined = mantissa | (1 << 52)
        shift = 42 + 1 - halfExponent
        if shift > 62 { return sign }
    }
    var half = combined >> UInt64(shift)
    let remainder = combined & ((1 << UInt64(shift)) - 1)
    let halfway = UInt64(1) << UInt64(shift - 1)
    if remainder > halfway || (remainder == halfway && half & 1 == 1) { half += 1 }
    return sign | UInt16(truncatingIfNeeded: half)
}

/// The double value of IEEE half-precision bits.
func float16Value(_ bits: UInt16) -> Double {
    let sign: Double = (bits & 0x8000) != 0 ? -1 : 1
    let exponent = Int((bits >> 10) & 0x1F)
    let mantissa = Double(bits & 0x3FF)
    switch exponent {
    case 0: return sign * mantissa * 0x1p-24
    case 0x1F: return mantissa == 0 ? sign * .infinity : .nan
    default: return sign * (1 + mantissa / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }
}
