// The short path for a codec of your own, as Python's `BaseCodec` gives one: a
// codec type that is `Codable` gets `init(configuration:)` and `configuration`
// from its stored properties, so it only writes its name and its encode/decode.
// A codec without members (an empty struct) has an empty configuration.

extension Codec where Self: Codable {
    /// Decodes the codec from its `configuration` object, one member per stored property
    /// (a property that may be missing must be optional). A member the type does not declare
    /// is refused, as the built-in codecs refuse them; `null` counts as missing.
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the codec and the member.
    public init(configuration: JSONObject) throws {
        do {
            self = try configuration.decode(as: Self.self)
        } catch let error as ZarrError {
            throw ZarrError.invalidMetadata("codec '\(Self.name)': \(error.message)")
        }
        var given = configuration
        for key in configuration.keys where configuration[key]?.isNull == true { given[key] = nil }
        try given.checkMembers(of: Self.name, known: Set(self.configuration.keys))
    }

    /// The stored properties as a JSON object, sorted by name (`nil` optionals left out).
    /// Empty if the value cannot be encoded (a custom `encode(to:)` that throws).
    public var configuration: JSONObject {
        (try? JSONValue(encoding: self))?.objectValue ?? JSONObject()
    }
}
