// The byte order of stored multi-byte elements: v3 names it in the `bytes` codec's
// configuration, v2 in the first character of the numpy type string.

/// The byte order of multi-byte elements in stored chunks.
public enum Endianness: String, Sendable {
    /// Least significant byte first.
    case little
    /// Most significant byte first.
    case big

    /// This machine's byte order.
    public static var native: Endianness { 1.littleEndian == 1 ? .little : .big }
}
