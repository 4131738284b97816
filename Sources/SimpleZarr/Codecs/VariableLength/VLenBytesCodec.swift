// The `vlen-bytes` codec (array -> bytes) for `variable_length_bytes` arrays:
// numcodecs' VLenBytes, `{"id": "vlen-bytes"}` in v2 documents. The layout is
// in `VariableLengthEncoding`.

/// Serialises byte-string elements, each with its length.
public struct VLenBytesCodec: VariableLengthCodec {
    public static let name = "vlen-bytes"
    public static let aliases = ["numcodecs.vlen-bytes", "https://codec.zarrs.dev/array_to_bytes/vlen_bytes"]
    static let elementTypes: [DataType] = [.bytes]

    /// The codec (it has no settings).
    public init() {}
}
