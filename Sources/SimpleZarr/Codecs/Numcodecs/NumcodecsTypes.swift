// The element types on either side of a numcodecs filter that converts elements: `dtype`
// (astype's `decode_dtype`) for the array it receives and `astype` (`encode_dtype`) for
// the array it makes. A missing decoded type is the received array's own, filled in when
// the codec is bound to an array, as zarr-python does; a missing encoded type is the decoded one. The byte
// order of the type strings plays no part here: arrays are held in native order, and the
// `bytes` codec orders the stored bytes.

/// The decoded and encoded element types of a numcodecs filter.
struct NumcodecsTypes: Sendable, Hashable {
    /// The codec's name, for messages.
    let codec: String
    /// The member naming the decoded type (`"dtype"`, `"decode_dtype"`).
    let decodedMember: String
    /// The member naming the encoded type (`"astype"`, `"encode_dtype"`).
    let encodedMember: String
    /// The decoded type; `nil`: the received array's.
    private(set) var decoded: NumcodecsDataType?
    /// The encoded type; `nil`: the decoded one.
    let encoded: NumcodecsDataType?

    /// Types given in Swift, written as little-endian type strings.
    init(codec: String, members: (decoded: String, encoded: String), decoded: DataType?, encoded: DataType?) throws {
        self.codec = codec
        (decodedMember, encodedMember) = members
        self.decoded = try decoded.map { try NumcodecsDataType($0, of: codec, member: members.decoded) }
        self.encoded = try encoded.map { try NumcodecsDataType($0, of: codec, member: members.encoded) }
    }

    /// The two members of `configuration`, after checking it has no members but these and `others`.
    init(codec: String, members: (decoded: String, encoded: String), configuration: JSONObject, others: Set<String> = []) throws {
        try configuration.checkMembers(of: codec, known: others.union([members.decoded, members.encoded]))
        self.codec = codec
        (decodedMember, encodedMember) = members
        decoded = try NumcodecsDataType.read(members.decoded, of: codec, from: configuration)
        encoded = try NumcodecsDataType.read(members.encoded, of: codec, from: configuration)
    }

    /// The decoded type, for a codec whose configuration must name it.
    func requiredDecoded() throws -> DataType {
        guard let decoded else { throw ZarrError.invalidMetadata("codec '\(codec)': configuration needs '\(decodedMember)'") }
        return decoded.dataType
    }

    /// The encoded type, for a codec whose configuration must name it.
    func requiredEncoded() throws -> DataType {
        guard let encoded else { throw ZarrError.invalidMetadata("codec '\(codec)': configuration needs '\(encodedMember)'") }
        return encoded.dataType
    }

    /// These types with a missing decoded type set to `dataType` (when that is a number type),
    /// so the configuration written names it, as numcodecs needs it to.
    func bound(to dataType: DataType) -> NumcodecsTypes {
        guard decoded == nil, let filled = try? NumcodecsDataType(dataType, of: codec, member: decodedMember) else { return self }
        var copy = self
        copy.decoded = filled
        return copy
    }

    /// The members to write back, as they were given (absent ones left out).
    var configuration: JSONObject {
        var members = JSONObject()
        if let decoded { members[decodedMember] = decoded.json }
        if let encoded { members[encodedMember] = encoded.json }
        return members
    }

    /// The decoded and encoded types for a received array of `input`.
    ///
    /// - Throws: `ZarrError.codec` naming the codec and both types if `input` is not the decoded type.
    func resolve(_ input: DataType) throws -> (decoded: DataType, encoded: DataType) {
        if let decoded, decoded.dataType != input {
            throw ZarrError.codec(
                "codec '\(codec)': \(decodedMember) '\(decoded.text)' is \(decoded.dataType), but the array it receives is \(input)")
        }
        return (input, encoded?.dataType ?? input)
    }
}

/// Throws `ZarrError.codec` unless `array` holds `count` elements of `dataType`.
func checkEncoded(_ array: NDArray, codec: String, dataType: DataType, count: Int) throws {
    guard array.dtype == dataType, array.count == count else {
        throw ZarrError.codec(
            "codec '\(codec)': expected \(count) elements of \(dataType) to decode, got \(array.count) of \(array.dtype)")
    }
}

/// The representation that an element-wise `encode` makes of `decoded`: the same shape,
/// `dataType`, and the fill value that `encode` makes of `decoded`'s.
func elementwiseRepresentation(
    of decoded: ArrayRepresentation, as dataType: DataType, _ encode: (NDArray) throws -> NDArray
) throws -> ArrayRepresentation {
    let fill = try encode(NDArray(dtype: decoded.dataType, shape: [1], fillValue: decoded.fillValue))
    guard fill.dtype == dataType, fill.nbytes == dataType.itemSize else {
        throw ZarrError.codec("encoding the fill value gave \(fill.count) elements of \(fill.dtype), expected one of \(dataType)")
    }
    let element = fill.withUnsafeBytes { [UInt8]($0) }  // bits kept, NaN payloads included
    return ArrayRepresentation(shape: decoded.shape, dataType: dataType, fillValue: FillValue(dataType: dataType, elementBytes: element))
}
