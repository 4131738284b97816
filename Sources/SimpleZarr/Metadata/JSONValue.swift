// A JSON value that keeps what a `zarr.json` file holds: object key order,
// integers exact to 64 bits (signed and unsigned), and unknown fields.
// Foundation's JSONSerialization loses both order and integer exactness, so
// metadata goes through this type and the parser/printer beside it.

/// A JSON document node with ordered objects and exact 64-bit integers.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// An integer that fits in `Int64`.
    case int(Int64)
    /// A non-negative integer above `Int64.max` (up to `UInt64.max`).
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    // MARK: Typed views

    /// The value as an `Int`, if it is an integer that fits (or a double with an integral value).
    public var intValue: Int? {
        switch self {
        case .int(let v): return Int(exactly: v)
        case .uint(let v): return Int(exactly: v)
        case .double(let d): return Int(exactly: d)
        default: return nil
        }
    }

    /// The value as a `Double`, if it is a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .uint(let v): return Double(v)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The flag, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Looks up a member of an object; `nil` for a missing key or a non-object, so lookups
    /// chain: `attributes["a"]?["b"]?[0]`.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index` of an array; `nil` for an index outside it or a non-array.
    public subscript(index: Int) -> JSONValue? {
        guard let elements = arrayValue, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    // MARK: Short typed views (the names of Python's types)

    /// `stringValue`: the string, if this is a string (`attributes["title"]?.string`).
    public var string: String? { stringValue }
    /// `intValue`: the integer, if this is an integer that fits in `Int` (or an integral double).
    public var int: Int? { intValue }
    /// `doubleValue`: the number, if this is a number (integers included).
    public var double: Double? { doubleValue }
    /// `boolValue`: the flag, if this is a boolean.
    public var bool: Bool? { boolValue }
    /// `arrayValue`: the elements, if this is an array.
    public var array: [JSONValue]? { arrayValue }
    /// `objectValue`: the members, if this is an object.
    public var object: JSONObject? { objectValue }

    /// A short name of the kind of value, for error messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .uint: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Builds an object that keeps the literal's key order (a later duplicate key replaces the earlier value).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

// MARK: - Convenience initialisers

extension JSONValue {
    /// An integer value.
    public init(_ value: Int) { self = .int(Int64(value)) }
    /// An array of integers, as used for shapes.
    public init(_ values: [Int]) { self = .array(values.map { .int(Int64($0)) }) }
    /// An array of strings.
    public init(_ values: [String]) { self = .array(values.map { .string($0) }) }
}

// MARK: - Printing

extension JSONValue: CustomStringConvertible {
    /// The value as Python prints it after `json.loads`: `{'n': 3, 'ok': True, 'x': None}`
    /// (`jsonText` is the JSON).
    public var description: String { PythonRepr.write(self) }

    /// Compact JSON text: `{"n": 3, "ok": true, "x": null}`.
    public var jsonText: String { JSONWriter.write(self, indent: nil) }

    /// JSON text indented by `indent` spaces per level, as written to `zarr.json`; with
    /// `asciiOnly`, characters beyond ASCII are written as `\uXXXX` escapes, as Python's
    /// `json.dumps` does by default.
    public func prettyPrinted(indent: Int = 4, asciiOnly: Bool = false) -> String {
        JSONWriter.write(self, indent: max(0, indent), asciiOnly: asciiOnly)
    }
}

/// A JSON object: members in insertion order, with fast lookup by key.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// The keys in order.
    public private(set) var keys: [String] = []
    private var storage: [String: JSONValue] = [:]

    /// An empty object.
    public init() {}

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key`; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The members as (key, value) pairs, in order.
    public func makeIterator() -> AnyIterator<(key: String, value: JSONValue)> {
        var index = 0
        let keys = self.keys
        let storage = self.storage
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            let key = keys[index]
            return (key, storage[key] ?? .null)
        }
    }

    /// Objects are equal when they hold the same members, whatever their order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.storage == rhs.storage
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
    }

    /// The members as Python prints the dict: `{'title': 'example', 'n': 3}` (`jsonText` is the JSON).
    public var description: String { PythonRepr.write(.object(self)) }

    /// Compact JSON text: `{"title": "example", "n": 3}`.
    public var jsonText: String { JSONWriter.write(.object(self), indent: nil) }
}
