// Pieces of the .xz file format (xz-file-format.txt, sections 1 and 2.1): the
// stream header and footer magic bytes, the stream flags (the check type), and
// the variable-length integers (7 bits a byte, low first, at most 9 bytes, no
// needless trailing zero byte) that block headers and the index use.

/// Constants and small readers of the .xz format.
enum XZFormat {
    /// The stream header's magic bytes.
    static let headerMagic: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
    /// The stream footer's magic bytes ("YZ").
    static let footerMagic: [UInt8] = [0x59, 0x5A]
    /// Stream header and footer are 12 bytes each.
    static let streamHeaderSize = 12
    /// The largest value a variable-length integer may hold (2^63 - 1).
    static let maxVLI: UInt64 = UInt64(Int64.max)

    /// Filter ids.
    static let lzma2FilterID: UInt64 = 0x21
    static let deltaFilterID: UInt64 = 0x03
    /// The branch/call/jump filters (x86, PowerPC, IA-64, ARM, ARM-Thumb, SPARC, ARM64, RISC-V).
    static let bcjFilterIDs: ClosedRange<UInt64> = 0x04...0x0B

    /// Reads a variable-length integer at `pos` (advancing it), reading no further than `end`.
    static func readVLI(_ p: UnsafePointer<UInt8>, _ pos: inout Int, end: Int, what: String) throws -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<9 {
            guard pos < end else { throw CompressionError("xz: \(what) is cut short") }
            let byte = p[pos]
            pos += 1
            value |= UInt64(byte & 0x7F) << UInt64(7 * i)
            if byte & 0x80 == 0 {
                guard byte != 0 || i == 0 else { throw CompressionError("xz: \(what) is not minimally encoded") }
                return value
            }
        }
        throw CompressionError("xz: \(what) is longer than 9 bytes")
    }

    /// Appends the variable-length encoding of `value` to `out`.
    static func appendVLI(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// The little-endian 32-bit value at `pos`; the caller has checked the 4 bytes are there.
    static func load32(_ p: UnsafePointer<UInt8>, _ pos: Int) -> UInt32 {
        UInt32(p[pos]) | UInt32(p[pos + 1]) << 8 | UInt32(p[pos + 2]) << 16 | UInt32(p[pos + 3]) << 24
    }

    /// Appends `value` as 4 little-endian bytes.
    static func append32(_ value: UInt32, to out: inout [UInt8]) {
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * k))) }
    }

    /// The CRC-32 of `count` bytes at `p + pos`.
    static func crc32(_ p: UnsafePointer<UInt8>, _ pos: Int, _ count: Int) -> UInt32 {
        CRC32.checksum(UnsafeRawBufferPointer(start: p + pos, count: count))
    }

    /// Padding after `size` bytes up to a multiple of 4.
    static func padding(_ size: Int) -> Int { (4 - size & 3) & 3 }
}
