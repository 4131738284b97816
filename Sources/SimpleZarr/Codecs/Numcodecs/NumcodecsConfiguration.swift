// The members of numcodecs filter configurations: data types as numpy type strings
// ("<i2", "|u1", "float64"), kept exactly as written so `configuration` gives them back,
// and numbers as Python holds them, where an int and a float are different things:
// numpy computes with an array and a Python int in the array's type, but with an integer
// array and a Python float in float64 (NEP 50). JSON `100` is a Python int, `100.0` a float.

// MARK: - Data types

/// A data type member of a numcodecs configuration: the numpy type string as written and
/// the data type it names (an integer or float type).
struct NumcodecsDataType: Sendable, Hashable {
    /// The type string as the configuration spells it.
    let text: String
    /// The element type it names.
    let dataType: DataType

    /// The little-endian type string of `dataType` (`"<i2"`, `"|u1"`), as numcodecs writes it.
    init(_ dataType: DataType, of codec: String, member: String) throws {
        guard dataType.isNumpyNumber else {
            throw ZarrError.invalidArgument("codec '\(codec)': \(member) must be an integer or float type, got \(dataType)")
        }
        self.text = NumpyTypeString(dataType: dataType).text
        self.dataType = dataType
    }

    private init(text: String, dataType: DataType) {
        self.text = text
        self.dataType = dataType
    }

    /// The member `member` of `configuration`; `nil` when it is absent or null.
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the codec, the member and the value for a
    ///   value that is not a numpy type string of an integer or float type.
    static func read(_ member: String, of codec: String, from configuration: JSONObject) throws -> NumcodecsDataType? {
        guard let value = configuration[member], !value.isNull else { return nil }
        guard let text = value.stringValue, let parsed = try? NumpyTypeString(text), parsed.dataType.isNumpyNumber else {
            throw ZarrError.invalidMetadata(
                "codec '\(codec)': \(member) must be the numpy type string of an integer or float type "
                    + "(such as \"<i2\" or \"<f8\"), got \(value.jsonText.prefix(60))")
        }
        return NumcodecsDataType(text: text, dataType: parsed.dataType)
    }

    /// `text` as a JSON string.
    var json: JSONValue { .string(text) }
}

// MARK: - Numbers

/// A number of a numcodecs configuration as Python holds it: an int or a float.
struct PythonNumber: Sendable, Hashable {
    private enum Value: Hashable {
        case signed(Int64), unsigned(UInt64), real(Double)
    }

    private let value: Value
    /// The JSON the number came from, written back unchanged.
    let json: JSONValue

    /// A Python float.
    init(_ real: Double) {
        value = .real(real)
        json = .double(real)
    }

    /// The number of a JSON value, or `nil` if it is not a number.
    init?(json: JSONValue) {
        switch json {
        case .int(let v): value = .signed(v)
        case .uint(let v): value = .unsigned(v)
        case .double(let v): value = .real(v)
        default: return nil
        }
        self.json = json
    }

    /// The required number member `member` of `configuration`, which must be finite.
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the codec, the member and the value.
    static func read(_ member: String, of codec: String, from configuration: JSONObject) throws -> PythonNumber {
        guard let value = configuration[member] else {
            throw ZarrError.invalidMetadata("codec '\(codec)': configuration needs '\(member)'")
        }
        guard let number = PythonNumber(json: value), number.doubleValue.isFinite else {
            throw ZarrError.invalidMetadata("codec '\(codec)': \(member) must be a finite number, got \(value.jsonText.prefix(60))")
        }
        return number
    }

    /// Whether Python holds the number as an int.
    var isInteger: Bool {
        if case .real = value { return false }
        return true
    }

    /// The value as a double (rounded for integers beyond 2^53).
    var doubleValue: Double {
        switch value {
        case .signed(let v): return Double(v)
        case .unsigned(let v): return Double(v)
        case .real(let v): return v
        }
    }

    /// The number converted to the type of an array it meets, as numpy does with a Python
    /// scalar: an int wraps or rounds, a float rounds.
    func converted<T: NumpyNumber>(to type: T.Type) -> T {
        switch value {
        case .signed(let v): return T(castingSigned: v)
        case .unsigned(let v): return T(castingUnsigned: v)
        case .real(let v): return T(castingReal: v)
        }
    }

    /// Whether numpy computes with this number and an array of integer type `dataType`: a
    /// float always (in float64), an int only within the type's range (numpy refuses others).
    func fits(integerType dataType: DataType) -> Bool {
        let integer: Int128
        switch value {
        case .signed(let v): integer = Int128(v)
        case .unsigned(let v): integer = Int128(v)
        case .real: return true
        }
        let bits = dataType.itemSize * 8
        let range: ClosedRange<Int128> = dataType.isSignedInteger
            ? -(Int128(1) << (bits - 1))...(Int128(1) << (bits - 1)) - 1
            : 0...(Int128(1) << bits) - 1
        return range.contains(integer)
    }
}
