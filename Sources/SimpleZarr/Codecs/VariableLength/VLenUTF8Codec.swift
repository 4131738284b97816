// The `vlen-utf8` codec (array -> bytes) for `string` arrays: numcodecs'
// VLenUTF8, which zarr-python 3 names `vlen-utf8` in v3 and v2 documents list
// as the filter `{"id": "vlen-utf8"}`. The layout is in `VariableLengthEncoding`.

/// Serialises text elements as length-prefixed UTF-8; reading refuses invalid UTF-8.
public struct VLenUTF8Codec: VariableLengthCodec {
    public static let name = "vlen-utf8"
    public static let aliases = ["numcodecs.vlen-utf8", "https://codec.zarrs.dev/array_to_bytes/vlen_utf8"]
    static let elementTypes: [DataType] = [.string]

    /// The codec (it has no settings).
    public init() {}
}
