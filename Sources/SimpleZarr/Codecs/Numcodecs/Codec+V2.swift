// How codecs appear in Zarr v2 documents: numcodecs' `{"id": "zlib", "level": 1}`
// entries in `.zarray`'s `filters` and `compressor`. A codec's v2 id is the numcodecs
// id in its name or aliases (`numcodecs.zlib` -> "zlib"); its v2 configuration is the
// numcodecs one (the v3 configuration unless the codec says otherwise).

extension Codec {
    /// The numcodecs id that names this codec in v2 documents (`"zlib"` for `numcodecs.zlib`),
    /// or `nil` for codecs v2 has no id for (`bytes`, `transpose`).
    public static var numcodecsID: String? {
        let prefix = "numcodecs."
        return ([name] + aliases).first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// The `{"id": ..., ...}` entry for a v2 `filters` list or `compressor`.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a codec without a numcodecs id.
    func v2Entry(method: String) throws -> JSONValue {
        guard let id = Self.numcodecsID else {
            throw ZarrError.invalidArgument("\(method): codec '\(Self.name)' has no Zarr v2 (numcodecs) form")
        }
        var object: JSONObject = ["id": .string(id)]
        for (key, value) in numcodecsConfiguration { object[key] = value }
        return .object(object)
    }
}

extension CodecRegistry {
    /// The codec registered for the numcodecs id `id` of a v2 document: the one named
    /// `numcodecs.<id>` (zarr-python 3's name), else one named `id`. For an id nobody
    /// registered, the `numcodecs.<id>` name, so that using it reports it as not supported.
    static func v2Codec(id: String) -> (name: String, kind: V2Metadata.CodecKind) {
        let qualified = "numcodecs." + id
        let name = codecType(named: qualified) == nil && codecType(named: id) != nil ? id : qualified
        let type = codecType(named: name)
        if type is any ArrayToArrayCodec.Type { return (name, .arrayToArray) }
        return (name, type is any ArrayToBytesCodec.Type ? .arrayToBytes : .bytesToBytes)
    }
}
