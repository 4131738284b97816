// Reading one entry of a ZIP archive (APPNOTE sections 4.3.7 and 4.4): its local header,
// checked against the central directory, then its data, decoded by its method (stored,
// deflate, bzip2, zstd) into at most the declared size and checked against its CRC-32.

import Foundation
import ZarrCompression

enum ZipEntryReader {
    /// The most a deflate stream can expand: 258 bytes per 2-bit code, about 1032 to 1, plus
    /// slack for tiny streams. A declared size above this is a lie (a zip bomb's trick).
    private static let deflateMaxRatio = 1032
    private static let deflateSlack = 1024

    /// Throws when the entry is encrypted or uses a method the store cannot decode.
    static func checkSupported(_ entry: ZipEntry, context: String) throws {
        if entry.flags & (ZipRecord.flagEncrypted | ZipRecord.flagStrongEncryption) != 0 || entry.method == 99 {
            throw StoreError.unsupported("\(context): entry \(StoreKeys.repr(entry.name)) is encrypted, "
                                         + "which is not supported")
        }
        switch entry.method {
        case ZipMethod.stored:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw StoreError.corrupt("\(context): stored entry \(StoreKeys.repr(entry.name)) declares "
                                         + "\(entry.compressedSize) bytes stored but \(entry.uncompressedSize) bytes long")
            }
        case ZipMethod.deflated:
            let (bound, overflow) = entry.compressedSize.multipliedReportingOverflow(by: deflateMaxRatio)
            guard overflow || entry.uncompressedSize <= bound + deflateSlack else {
                throw StoreError.corrupt("\(context): deflated entry \(StoreKeys.repr(entry.name)) declares "
                                         + "\(entry.uncompressedSize) bytes, more than its \(entry.compressedSize) "
                                         + "compressed bytes can hold")
            }
        case ZipMethod.bzip2, ZipMethod.zstd:
            break
        default:
            throw StoreError.unsupported("\(context): entry \(StoreKeys.repr(entry.name)) uses compression "
                                         + "\(ZipMethod.describe(entry.method)), which is not supported")
        }
    }

    /// Reads the entry's local header, checks it against the central directory and returns
    /// where the entry's data starts.
    static func dataOffset(of entry: ZipEntry, source: ZipSource, context: String) throws -> Int {
        func corrupt(_ why: String) -> StoreError {
            .corrupt("\(context): entry \(StoreKeys.repr(entry.name)): \(why)")
        }
        let headerCount = ZipRecord.localHeaderSize + entry.nameBytes.count
        let header = try source.readExactly(at: entry.localHeaderOffset, count: headerCount, context: context)
        return try header.withUnsafeBytes { raw -> Int in
            let f = ZipFields(raw: raw)
            guard f.u32(0) == Int(ZipRecord.localHeaderSignature) else {
                throw corrupt("no local header at offset \(entry.localHeaderOffset)")
            }
            let flags = f.u16(6), method = f.u16(8)
            let crc = UInt32(truncatingIfNeeded: f.u32(14))
            let compressed = f.u32(18), uncompressed = f.u32(22)
            let nameLength = f.u16(26), extraLength = f.u16(28)
            guard nameLength == entry.nameBytes.count,
                  f.bytes(ZipRecord.localHeaderSize, nameLength).elementsEqual(entry.nameBytes) else {
                throw corrupt("the local header names a different entry than the central directory")
            }
            guard method == entry.method, flags & ZipRecord.flagEncrypted == entry.flags & ZipRecord.flagEncrypted else {
                throw corrupt("the local header's method or encryption flag disagrees with the central directory")
            }
            // Without a data descriptor the local header repeats the CRC and the sizes
            // (a zip64 size is marked and lives in the extra field).
            if flags & ZipRecord.flagDataDescriptor == 0 {
                let sizesAgree = (compressed == ZipRecord.max32 || compressed == entry.compressedSize)
                    && (uncompressed == ZipRecord.max32 || uncompressed == entry.uncompressedSize)
                guard crc == entry.crc32, sizesAgree else {
                    throw corrupt("the local header's CRC-32 or sizes disagree with the central directory")
                }
            }
            let start = entry.localHeaderOffset + headerCount + extraLength
            guard start <= entry.limit, entry.compressedSize <= entry.limit - start else {
                throw corrupt("its data (\(entry.compressedSize) bytes at offset \(start)) runs into the next "
                              + "entry or the central directory at offset \(entry.limit)")
            }
            return start
        }
    }

    /// The entry's value: its data decoded and checked against its CRC-32.
    static func value(of entry: ZipEntry, dataOffset: Int, source: ZipSource, context: String) throws -> Data {
        let stored = try source.readExactly(at: dataOffset, count: entry.compressedSize, context: context)
        let value: Data
        if entry.method == ZipMethod.stored {
            value = stored
        } else {
            value = try decode(stored, entry: entry, context: context)
        }
        let crc = value.withUnsafeBytes { CRC32.checksum($0) }
        guard crc == entry.crc32 else {
            throw StoreError.corrupt("\(context): entry \(StoreKeys.repr(entry.name)) fails its CRC-32 check "
                                     + "(stored \(hex(entry.crc32)), computed \(hex(crc)))")
        }
        return value
    }

    /// Decodes compressed entry data into exactly the declared size.
    private static func decode(_ data: Data, entry: ZipEntry, context: String) throws -> Data {
        let size = entry.uncompressedSize
        let decoded: [UInt8]
        do {
            decoded = try data.withUnsafeBytes { raw -> [UInt8] in
                switch entry.method {
                case ZipMethod.deflated: return try Deflate.decompress(raw, expectedSize: size, maxOutputSize: size)
                case ZipMethod.bzip2: return try BZip2.decompress(raw, maxOutputSize: size)
                default: return try Zstd.decompress(raw, maxOutputSize: size)
                }
            }
        } catch {
            throw StoreError.corrupt("\(context): entry \(StoreKeys.repr(entry.name)) "
                                     + "(\(ZipMethod.describe(entry.method))) does not decode to its declared "
                                     + "\(size) bytes: \(error)")
        }
        guard decoded.count == size else {
            throw StoreError.corrupt("\(context): entry \(StoreKeys.repr(entry.name)) decodes to "
                                     + "\(decoded.count) bytes, not its declared \(size)")
        }
        return Data(decoded)
    }

    private static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
