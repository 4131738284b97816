// The `vlen-bytes` codec (array -> bytes) for `variable_length_bytes` arrays:
// numcodecs' VLenBytes, `{"id": "vlen-bytes"}` in v2 documents. The layout is
// in `VariableLengthEncoding`.

/// Serialises byte-string elements, each with its length.
public struct VLenBytesCodec: VariableLengthCodec {
    public static let name = "vlen-bytes"
    public static let aliases = ["numcodecs.vlen-bytes"]
    static let elementType = DataType.bytes
    static let validatesUTF8 = false

    /// The codec (it has no settings).
    public init() {}
}
