// CRC-32 as used by gzip (RFC 1952 §8), PNG and zip: the reflected CRC with
// polynomial 0x04C11DB7 (0xEDB88320 in reflected form), initial value and
// final XOR all ones. The slicing-by-16 kernel is in CRC32Slicing.swift.

/// The CRC-32 checksum of gzip, zip and PNG.
public enum CRC32 {
    /// Computes the CRC-32 of `data`.
    ///
    /// - Parameters:
    ///   - data: the bytes to checksum.
    ///   - initial: the CRC of the bytes that came before `data`, to checksum a
    ///     stream piece by piece; `0` (the default) starts a new checksum.
    /// - Returns: the CRC-32 of the preceding bytes followed by `data`.
    public static func checksum(_ data: UnsafeRawBufferPointer, initial: UInt32 = 0) -> UInt32 {
        CRC32Slicing.checksum(data, initial: initial, tables: tables)
    }

    /// Computes the CRC-32 of a byte array.
    public static func checksum(_ data: [UInt8], initial: UInt32 = 0) -> UInt32 {
        data.withUnsafeBytes { checksum($0, initial: initial) }
    }

    /// The slicing tables of the reflected polynomial 0xEDB88320.
    static let tables: [UInt32] = CRC32Slicing.makeTables(reflectedPolynomial: 0xEDB8_8320)
}
