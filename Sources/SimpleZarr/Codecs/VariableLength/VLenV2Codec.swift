// zarrs' `zarrs.vlen_v2` codec (array -> bytes): numcodecs' VLen layout, the one
// of `vlen-utf8` and `vlen-bytes`, for any variable-length data type.

/// Serialises text or byte-string elements, each with its length.
public struct VLenV2Codec: VariableLengthCodec {
    public static let name = "zarrs.vlen_v2"
    public static let aliases = ["https://codec.zarrs.dev/array_to_bytes/vlen_v2"]
    static let elementTypes: [DataType] = [.string, .bytes]

    /// The codec (it has no settings).
    public init() {}
}
