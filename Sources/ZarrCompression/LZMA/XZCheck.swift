// The integrity checks of .xz blocks (xz-file-format.txt 3.4): the check type in
// the stream flags picks none (0), CRC-32 (1), CRC-64 (4) or SHA-256 (10) over
// the block's uncompressed data; the other types (reserved) only fix the size
// of the field, 4 * 2^((type - 1) / 3) bytes.

/// An xz check type.
public enum XZCheck: Int, Sendable, CaseIterable {
    /// No check.
    case none = 0
    /// CRC-32 (as gzip), stored little-endian.
    case crc32 = 1
    /// CRC-64 (ECMA-182), stored little-endian; xz's default.
    case crc64 = 4
    /// SHA-256, stored as the 32-byte digest.
    case sha256 = 10

    /// Size of the check field of check type `type` (0...15), known or not.
    static func fieldSize(type: Int) -> Int { type == 0 ? 0 : 4 << ((type - 1) / 3) }

    /// The check type's field size.
    var size: Int { Self.fieldSize(type: rawValue) }

    /// The check field of `data` as stored after a block.
    func compute(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        switch self {
        case .none:
            return []
        case .crc32:
            var out: [UInt8] = []
            XZFormat.append32(CRC32.checksum(data), to: &out)
            return out
        case .crc64:
            let crc = CRC64.checksum(data)
            return (0..<8).map { UInt8(truncatingIfNeeded: crc >> UInt64(8 * $0)) }
        case .sha256:
            return SHA256.hash(data)
        }
    }
}
