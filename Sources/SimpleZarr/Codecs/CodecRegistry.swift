// The table of codec types by name, which turns the `codecs` list of a
// `zarr.json` into codec values. Users extend it with `registerCodec`.

import ZarrCompression

/// Registered codec types, by `zarr.json` name. Thread-safe.
public enum CodecRegistry {
    /// The codecs this library provides, registered under their names and aliases.
    static let builtInTypes: [any Codec.Type] = [
        BytesCodec.self, TransposeCodec.self, Crc32cCodec.self, GzipCodec.self, ZstdCodec.self,
        ZlibCodec.self, Crc32Codec.self, Adler32Codec.self, Fletcher32Codec.self, JenkinsLookup3Codec.self,
        BloscCodec.self, Lz4Codec.self, Bz2Codec.self, LzmaCodec.self, ShuffleCodec.self, ShardingCodec.self,
        VLenUTF8Codec.self, VLenBytesCodec.self, VLenV2Codec.self,
        // numcodecs' filters
        DeltaCodec.self, FixedScaleOffsetCodec.self, QuantizeCodec.self, BitRoundCodec.self, PackBitsCodec.self, AsTypeCodec.self,
    ]

    private static let types = LockedValue<[String: any Codec.Type]>(
        Dictionary(builtInTypes.flatMap { type in ([type.name] + type.aliases).map { ($0, type) } },
                   uniquingKeysWith: { first, _ in first }))

    /// Adds (or replaces) a codec type under its `name` and each of its `aliases`.
    ///
    /// - Throws: `ZarrError.invalidArgument` if the type has an empty name or alias, or
    ///   conforms to none of the three codec kinds.
    public static func register(_ type: any Codec.Type) throws {
        guard !type.name.isEmpty, !type.aliases.contains("") else {
            throw ZarrError.invalidArgument("registerCodec(): \(type) has an empty name or alias")
        }
        guard type is any ArrayToArrayCodec.Type || type is any ArrayToBytesCodec.Type
            || type is any BytesToBytesCodec.Type
        else {
            throw ZarrError.invalidArgument(
                "registerCodec(): \(type) must conform to ArrayToArrayCodec, ArrayToBytesCodec or BytesToBytesCodec")
        }
        types.withLock { table in for name in [type.name] + type.aliases { table[name] = type } }
    }

    /// The codec type registered under `name`, if any.
    public static func codecType(named name: String) -> (any Codec.Type)? {
        types.withLock { $0[name] }
    }

    /// The registered names, sorted.
    public static var names: [String] {
        types.withLock { $0.keys.sorted() }
    }

    /// Builds a codec from one `zarr.json` entry (`{"name": ..., "configuration": {...}}`, or a bare name).
    public static func makeCodec(from entry: JSONValue) throws -> any Codec {
        let name: String
        var configuration = JSONObject()
        switch entry {
        case .string(let bare):
            name = bare
        case .object(let object):
            guard let n = object["name"]?.stringValue else {
                throw ZarrError.invalidMetadata("codec entry \(entry.jsonText) has no string 'name'")
            }
            name = n
            if let config = object["configuration"], !config.isNull {
                guard let c = config.objectValue else {
                    throw ZarrError.invalidMetadata("codec '\(name)': configuration must be an object, got \(config.jsonText)")
                }
                configuration = c
            }
        default:
            throw ZarrError.invalidMetadata("codec entry must be an object, got \(entry.jsonText)")
        }
        guard let type = codecType(named: name) else {
            throw ZarrError.unsupported(ErrorDetails(
                "codec '\(name)' is not supported (known codecs: \(names.joined(separator: ", ")))", codec: name))
        }
        return try type.init(configuration: configuration)
    }
}

/// Registers a codec type so arrays can use it (Python's `register_codec`).
public func registerCodec(_ type: any Codec.Type) throws {
    try CodecRegistry.register(type)
}
