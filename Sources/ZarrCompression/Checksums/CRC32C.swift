// CRC-32C (Castagnoli): the reflected CRC with polynomial 0x1EDC6F41
// (0x82F63B78 bit-reversed), initial value and final XOR 0xFFFFFFFF, as
// used by the Zarr `crc32c` codec. The slicing-by-16 kernel is shared with
// CRC-32 (CRC32Slicing.swift).

/// CRC-32C checksums.
public enum CRC32C {
    /// The CRC-32C of `data`, continuing from `initial` (the CRC of the bytes before it; 0 to start).
    public static func checksum(_ data: UnsafeRawBufferPointer, initial: UInt32 = 0) -> UInt32 {
        CRC32Slicing.checksum(data, initial: initial, tables: tables)
    }

    /// The CRC-32C of a byte array.
    public static func checksum(_ bytes: [UInt8], initial: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, initial: initial) }
    }

    /// The slicing tables of the reflected polynomial 0x82F63B78.
    private static let tables: [UInt32] = CRC32Slicing.makeTables(reflectedPolynomial: 0x82F6_3B78)
}
