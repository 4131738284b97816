// The fixed records of the ZIP format (PKWARE's APPNOTE.TXT, sections 4.3 to 4.5): their
// signatures and sizes, the general-purpose flag bits, the compression method numbers,
// and two small helpers that read and write their little-endian fields.

import Foundation

/// Signatures, sizes and flag bits of the ZIP records.
enum ZipRecord {
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50

    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endSize = 22
    static let zip64EndSize = 56
    static let zip64LocatorSize = 20
    static let maxCommentSize = 0xFFFF

    /// The id of the extra field that holds 64-bit sizes and offsets.
    static let zip64ExtraID = 0x0001

    /// A 16-bit field at this value means "see the zip64 record".
    static let max16 = 0xFFFF
    /// A 32-bit field at this value means "see the zip64 extra field".
    static let max32 = 0xFFFF_FFFF

    static let flagEncrypted = 1
    static let flagDataDescriptor = 1 << 3
    static let flagStrongEncryption = 1 << 6
    static let flagUTF8 = 1 << 11

    /// "Version needed to extract": 2.0 for deflate, 4.5 for zip64 fields.
    static let versionDefault = 20
    static let versionZip64 = 45
    /// "Version made by": Unix (3) in the high byte.
    static let madeByUnix = 3 << 8

    /// The DOS date of 1980-01-01, the earliest a ZIP can hold; written entries carry it with
    /// time 00:00 so that the same store writes the same bytes.
    static let fixedDate = (1 << 5) | 1
}

/// The compression method numbers of APPNOTE section 4.4.5 that the store knows by name.
enum ZipMethod {
    static let stored = 0
    static let deflated = 8
    static let bzip2 = 12
    static let zstd = 93

    /// A name for messages: "method 14 (LZMA)".
    static func describe(_ method: Int) -> String {
        let names: [Int: String] = [
            0: "stored", 1: "shrunk", 6: "imploded", 8: "deflated", 9: "deflate64", 12: "bzip2",
            14: "LZMA", 18: "IBM TERSE", 19: "IBM LZ77", 93: "zstd", 95: "xz", 96: "JPEG", 97: "WavPack",
            98: "PPMd", 99: "AES-encrypted",
        ]
        return names[method].map { "method \(method) (\($0))" } ?? "method \(method)"
    }
}

/// Little-endian fields of bytes read from an archive. A read that does not fit gives 0, so a
/// caller checks first that the record it reads fits (`fits(_:_:)`), and a mistake there reads
/// zeros instead of trapping.
struct ZipFields {
    let raw: UnsafeRawBufferPointer

    /// True when `count` bytes from `offset` lie inside the bytes.
    func fits(_ offset: Int, _ count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= raw.count && count <= raw.count - offset
    }

    func u16(_ offset: Int) -> Int {
        guard fits(offset, 2) else { return 0 }
        return Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }

    func u32(_ offset: Int) -> Int {
        guard fits(offset, 4) else { return 0 }
        return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// A 64-bit field as an `Int`, or nil when it does not fit one (no archive is that large).
    func u64(_ offset: Int) -> Int? {
        guard fits(offset, 8) else { return 0 }
        return Int(exactly: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }

    /// The bytes `offset ..< offset + count` (empty when they do not fit).
    func bytes(_ offset: Int, _ count: Int) -> UnsafeRawBufferPointer {
        guard fits(offset, count) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)])
    }
}

/// Builds records: appends little-endian fields to a byte array.
struct ZipRecordBuilder {
    var bytes: [UInt8] = []

    mutating func u16(_ value: Int) {
        let v = UInt16(truncatingIfNeeded: value)
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    mutating func u32(_ value: Int) {
        u16(value & 0xFFFF)
        u16((value >> 16) & 0xFFFF)
    }

    mutating func u32(_ value: UInt32) { u32(Int(value)) }

    mutating func u64(_ value: Int) {
        u32(value & 0xFFFF_FFFF)
        u32((value >> 32) & 0xFFFF_FFFF)
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}
