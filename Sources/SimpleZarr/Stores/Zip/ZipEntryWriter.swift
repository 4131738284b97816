// Writing ZIP records (APPNOTE sections 4.3.7, 4.3.12 to 4.3.16, 4.5.3): the local header of
// a new entry (its CRC-32 and sizes known up front, so no data descriptor), and at the end
// the central directory of the live entries with its end record, in zip64 form where a
// size, an offset or the entry count does not fit the classic fields.

import Foundation
import ZarrCompression

enum ZipEntryWriter {
    /// An entry encoded for writing: its local header followed by its data.
    struct Encoded {
        var entry: ZipEntry
        var header: [UInt8]
        var data: Data
    }

    /// Encodes `value` as a new entry named `name` whose local header goes at `offset`:
    /// stored, or deflated at `level` when that is given and makes it smaller.
    static func encode(name: String, value: Data, offset: Int, deflateLevel: Int?) -> Encoded {
        let crc = value.withUnsafeBytes { CRC32.checksum($0) }
        var method = ZipMethod.stored
        var data = value
        if let level = deflateLevel {
            let packed = value.withUnsafeBytes { Deflate.compress($0, level: level) }
            if packed.count < value.count {
                method = ZipMethod.deflated
                data = Data(packed)
            }
        }
        let nameBytes = Array(name.utf8)
        let flags = ZipNames.needsUTF8Flag(name) ? ZipRecord.flagUTF8 : 0
        let zip64 = value.count >= ZipRecord.max32 || data.count >= ZipRecord.max32
        var b = ZipRecordBuilder()
        b.u32(ZipRecord.localHeaderSignature)
        b.u16(zip64 ? ZipRecord.versionZip64 : ZipRecord.versionDefault)
        b.u16(flags)
        b.u16(method)
        b.u16(0)
        b.u16(ZipRecord.fixedDate)
        b.u32(crc)
        b.u32(zip64 ? ZipRecord.max32 : data.count)
        b.u32(zip64 ? ZipRecord.max32 : value.count)
        b.u16(nameBytes.count)
        b.u16(zip64 ? 20 : 0)
        b.append(nameBytes)
        if zip64 {
            b.u16(ZipRecord.zip64ExtraID)
            b.u16(16)
            b.u64(value.count)
            b.u64(data.count)
        }
        let dataOffset = offset + b.bytes.count
        let entry = ZipEntry(
            name: name, nameBytes: nameBytes, flags: flags, method: method, crc32: crc,
            compressedSize: data.count, uncompressedSize: value.count, localHeaderOffset: offset,
            limit: dataOffset + data.count, dataOffset: dataOffset)
        return Encoded(entry: entry, header: b.bytes, data: data)
    }

    /// The central directory of `entries` (in this order) followed by the end records, for a
    /// directory that starts at `offset`.
    static func centralDirectory(_ entries: [ZipEntry], offset: Int) -> [UInt8] {
        var b = ZipRecordBuilder()
        for entry in entries {
            let bigUncompressed = entry.uncompressedSize >= ZipRecord.max32
            let bigCompressed = entry.compressedSize >= ZipRecord.max32
            let bigOffset = entry.localHeaderOffset >= ZipRecord.max32
            let extraLength = 8 * [bigUncompressed, bigCompressed, bigOffset].filter { $0 }.count
            b.u32(ZipRecord.centralHeaderSignature)
            let version = extraLength > 0 ? ZipRecord.versionZip64 : ZipRecord.versionDefault
            b.u16(ZipRecord.madeByUnix | version)
            b.u16(version)
            b.u16(entry.flags)
            b.u16(entry.method)
            b.u16(0)
            b.u16(ZipRecord.fixedDate)
            b.u32(entry.crc32)
            b.u32(bigCompressed ? ZipRecord.max32 : entry.compressedSize)
            b.u32(bigUncompressed ? ZipRecord.max32 : entry.uncompressedSize)
            b.u16(entry.nameBytes.count)
            b.u16(extraLength > 0 ? extraLength + 4 : 0)
            b.u16(0)  // comment
            b.u16(0)  // disk
            b.u16(0)  // internal attributes
            b.u32(0o100644 << 16)  // external attributes: a regular file, rw-r--r--
            b.u32(bigOffset ? ZipRecord.max32 : entry.localHeaderOffset)
            b.append(entry.nameBytes)
            if extraLength > 0 {
                b.u16(ZipRecord.zip64ExtraID)
                b.u16(extraLength)
                if bigUncompressed { b.u64(entry.uncompressedSize) }
                if bigCompressed { b.u64(entry.compressedSize) }
                if bigOffset { b.u64(entry.localHeaderOffset) }
            }
        }
        let size = b.bytes.count
        let zip64 = entries.count >= ZipRecord.max16 || size >= ZipRecord.max32 || offset >= ZipRecord.max32
        if zip64 {
            let recordOffset = offset + size
            b.u32(ZipRecord.zip64EndSignature)
            b.u64(ZipRecord.zip64EndSize - 12)
            b.u16(ZipRecord.madeByUnix | ZipRecord.versionZip64)
            b.u16(ZipRecord.versionZip64)
            b.u32(0)
            b.u32(0)
            b.u64(entries.count)
            b.u64(entries.count)
            b.u64(size)
            b.u64(offset)
            b.u32(ZipRecord.zip64LocatorSignature)
            b.u32(0)
            b.u64(recordOffset)
            b.u32(1)
        }
        b.u32(ZipRecord.endSignature)
        b.u16(0)
        b.u16(0)
        b.u16(min(entries.count, ZipRecord.max16))
        b.u16(min(entries.count, ZipRecord.max16))
        b.u32(min(size, ZipRecord.max32))
        b.u32(min(offset, ZipRecord.max32))
        b.u16(0)  // comment
        return b.bytes
    }
}
