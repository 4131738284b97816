// Strict reading of a codec's `configuration` object: members a codec does not
// know are refused rather than ignored (numcodecs itself refuses them, and an
// ignored member could change how the stored bytes are meant to be read), and
// integers are checked against their range before use.

/// Helpers for `Codec.init(configuration:)`.
extension JSONObject {
    /// Throws `ZarrError.invalidMetadata` naming `codec` if a member's name is not in `known`.
    func checkMembers(of codec: String, known: Set<String>) throws {
        if let unknown = keys.first(where: { !known.contains($0) }) {
            let expected = known.isEmpty ? "none" : known.sorted().joined(separator: ", ")
            throw ZarrError.invalidMetadata(
                "codec '\(codec)': unknown configuration member '\(unknown)' (known members: \(expected))")
        }
    }

    /// The integer member `key` of `codec`'s configuration, `defaultValue` when it is absent;
    /// throws `ZarrError.invalidMetadata` for a value (null included) that is not an integer in `range`.
    func integer(_ key: String, of codec: String, in range: ClosedRange<Int>, default defaultValue: Int) throws -> Int {
        guard let value = self[key] else { return defaultValue }
        guard let integer = value.intValue, range.contains(integer) else {
            throw ZarrError.invalidMetadata(
                "codec '\(codec)': \(key) must be an integer \(range.lowerBound)...\(range.upperBound), got \(value.jsonText)")
        }
        return integer
    }

    /// Like `integer(_:of:in:default:)` for a member that may be absent or null (`nil` then).
    func optionalInteger(_ key: String, of codec: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = self[key], !value.isNull else { return nil }
        return try integer(key, of: codec, in: range, default: 0)
    }
}
