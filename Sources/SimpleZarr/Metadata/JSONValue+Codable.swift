// The bridge between `JSONValue` and Swift's `Codable`: attributes and codec
// configurations read into typed values (`attributes["shape"]?.value(as: [Int].self)`,
// a `struct` of your own) and typed values written back as JSON. It goes through
// Foundation's JSONEncoder / JSONDecoder and JSON text, which is fine for metadata
// (small documents, read once); `NaN`, `Infinity` and `-Infinity` read as doubles
// whether bare or quoted (as Zarr writes fill values) and are written quoted.

import Foundation

extension JSONValue {
    /// The value decoded as `type`: `Int`, `[String]`, `[String: Double]`, or a `Decodable`
    /// type of your own.
    ///
    /// - Throws: `ZarrError.invalidArgument` saying what did not match (the path of the member
    ///   and the type expected), as Foundation's decoder reports it.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true  // bare NaN / Infinity, as JSONWriter writes them
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(T.self, from: Data(jsonText.utf8))
        } catch {
            throw ZarrError.invalidArgument("JSONValue.decode(as: \(T.self)): \(error)")
        }
    }

    /// The value decoded as `type`, or `nil` when it does not match
    /// (`attributes["scale"]?.value(as: [Double].self)`).
    public func value<T: Decodable>(as type: T.Type = T.self) -> T? {
        try? decode(as: type)
    }

    /// The JSON form of an `Encodable` value, with object members sorted by name (Foundation's
    /// encoder keeps no order of its own) and non-finite doubles as `"NaN"`, `"Infinity"`,
    /// `"-Infinity"`.
    ///
    /// - Throws: the encoder's error, or `ZarrError.invalidMetadata` if its output does not parse.
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        self = try JSONValue.parse(encoder.encode(value))
    }
}

extension JSONObject {
    /// The members decoded as a `Decodable` type (`try node.attributes.decode(as: MyAttributes.self)`).
    ///
    /// - Throws: `ZarrError.invalidArgument` saying what did not match.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONValue.object(self).decode(as: type)
    }
}
