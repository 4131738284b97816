// The central directory of a ZIP archive (APPNOTE sections 4.3.12 to 4.3.16): found from
// the end-of-central-directory record (searched for backwards over the archive comment),
// with its zip64 end record when there is one, and parsed into one entry per file. Every
// count, size and offset is checked against the archive size and for overflow, and entries
// whose bytes would overlap each other or the directory are refused.

import Foundation

/// One file of an archive, as the central directory describes it.
struct ZipEntry: Sendable {
    /// The name as stored (the key when it is a valid one).
    let name: String
    /// The name's bytes as stored, compared with the local header's.
    let nameBytes: [UInt8]
    let flags: Int
    let method: Int
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
    /// Where the entry's bytes must end at the latest: the next entry's local header or the
    /// start of the central directory.
    var limit: Int
    /// Where the entry's data starts, once its local header has been read (or written).
    var dataOffset: Int?

    /// True for a directory entry ("a/"), which holds no value.
    var isDirectory: Bool { nameBytes.last == UInt8(ascii: "/") }

    /// The smallest span the entry takes from its local header on: the header, the name and
    /// the data (extra fields and a data descriptor come on top).
    var minimumSpan: Int { ZipRecord.localHeaderSize + nameBytes.count + compressedSize }
}

/// The entries of an archive and where its central directory lies.
struct ZipCentralDirectory {
    var entries: [ZipEntry]
    /// The offset of the first central directory record.
    var startOffset: Int

    /// Reads the central directory of the archive in `source`, `size` bytes long. `context`
    /// starts the messages ("ZipStore(): /data/a.zip").
    static func read(from source: ZipSource, size: Int, context: String) throws -> ZipCentralDirectory {
        func corrupt(_ why: String) -> StoreError { .corrupt("\(context): \(why)") }
        guard size >= ZipRecord.endSize else {
            throw corrupt("not a zip archive (\(size) bytes, shorter than an end-of-central-directory record)")
        }
        // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
        let tailCount = min(size, ZipRecord.endSize + ZipRecord.maxCommentSize)
        let tailStart = size - tailCount
        let tail = try source.readExactly(at: tailStart, count: tailCount, context: context)
        let end = try tail.withUnsafeBytes { raw -> EndRecord in
            guard let found = EndRecord.find(in: ZipFields(raw: raw), tailStart: tailStart) else {
                throw corrupt("not a zip archive (no end-of-central-directory record in its last \(tailCount) bytes)")
            }
            return found
        }
        let located = try locate(end, source: source, size: size, context: context)
        let directory = try source.readExactly(at: located.offset, count: located.size, context: context)
        var entries = try directory.withUnsafeBytes { raw in
            try parseEntries(ZipFields(raw: raw), declaredCount: located.count, countIs16Bit: !located.zip64,
                             context: context)
        }
        try assignLimits(&entries, directoryStart: located.offset, context: context)
        return ZipCentralDirectory(entries: entries, startOffset: located.offset)
    }

    // MARK: End records

    /// The fields of the end-of-central-directory record that locate the directory.
    private struct EndRecord {
        let position: Int
        let disk: Int
        let directoryDisk: Int
        let count: Int
        let directorySize: Int
        let directoryOffset: Int

        /// The last end record in `tail` whose comment reaches exactly to the end of the
        /// archive, else the last one whose comment fits (trailing bytes are tolerated, as
        /// Python's zipfile does).
        static func find(in tail: ZipFields, tailStart: Int) -> EndRecord? {
            var fallback: EndRecord?
            var i = tail.raw.count - ZipRecord.endSize
            while i >= 0 {
                if tail.u32(i) == Int(ZipRecord.endSignature) {
                    let commentLength = tail.u16(i + 20)
                    let rest = tail.raw.count - i - ZipRecord.endSize
                    if commentLength <= rest {
                        let record = EndRecord(
                            position: tailStart + i, disk: tail.u16(i + 4), directoryDisk: tail.u16(i + 6),
                            count: tail.u16(i + 10), directorySize: tail.u32(i + 12), directoryOffset: tail.u32(i + 16))
                        if commentLength == rest { return record }
                        if fallback == nil { fallback = record }
                    }
                }
                i -= 1
            }
            return fallback
        }
    }

    /// Where the directory is, how long, and how many entries it declares.
    private struct Location {
        let offset: Int
        let size: Int
        let count: Int
        let zip64: Bool
    }

    /// Reads the zip64 end record when a locator precedes the end record, and checks the
    /// directory's extent against the archive.
    private static func locate(_ end: EndRecord, source: ZipSource, size: Int, context: String) throws -> Location {
        func corrupt(_ why: String) -> StoreError { .corrupt("\(context): \(why)") }
        var location = Location(offset: end.directoryOffset, size: end.directorySize, count: end.count, zip64: false)
        var directoryEndLimit = end.position
        let locatorPosition = end.position - ZipRecord.zip64LocatorSize
        if locatorPosition >= 0 {
            let locator = try source.readExactly(at: locatorPosition, count: ZipRecord.zip64LocatorSize, context: context)
            let zip64 = try locator.withUnsafeBytes { raw -> (offset: Int, disks: Int)? in
                let f = ZipFields(raw: raw)
                guard f.u32(0) == Int(ZipRecord.zip64LocatorSignature) else { return nil }
                guard let offset = f.u64(8) else { throw corrupt("the zip64 end record offset does not fit in 63 bits") }
                return (offset, f.u32(16))
            }
            if let zip64 {
                guard zip64.disks <= 1, end.disk == 0 || end.disk == ZipRecord.max16 else {
                    throw StoreError.unsupported("\(context): archives spanning several disks are not supported")
                }
                guard zip64.offset <= locatorPosition - ZipRecord.zip64EndSize else {
                    throw corrupt("the zip64 end record at offset \(zip64.offset) lies past its locator at \(locatorPosition)")
                }
                let record = try source.readExactly(at: zip64.offset, count: ZipRecord.zip64EndSize, context: context)
                location = try record.withUnsafeBytes { raw -> Location in
                    let f = ZipFields(raw: raw)
                    guard f.u32(0) == Int(ZipRecord.zip64EndSignature) else {
                        throw corrupt("no zip64 end record at offset \(zip64.offset), where its locator points")
                    }
                    guard f.u32(16) == 0, f.u32(20) == 0 else {
                        throw StoreError.unsupported("\(context): archives spanning several disks are not supported")
                    }
                    guard let count = f.u64(32), let dirSize = f.u64(40), let dirOffset = f.u64(48) else {
                        throw corrupt("a zip64 end record field does not fit in 63 bits")
                    }
                    return Location(offset: dirOffset, size: dirSize, count: count, zip64: true)
                }
                directoryEndLimit = zip64.offset
            }
        }
        if !location.zip64 && (end.disk != 0 || end.directoryDisk != 0) {
            throw StoreError.unsupported("\(context): archives spanning several disks are not supported")
        }
        guard location.offset <= directoryEndLimit, location.size <= directoryEndLimit - location.offset else {
            throw corrupt("the central directory (\(location.size) bytes at offset \(location.offset)) "
                          + "runs past its end record at offset \(directoryEndLimit)")
        }
        guard location.count <= location.size / ZipRecord.centralHeaderSize else {
            throw corrupt("the central directory declares \(location.count) entries, "
                          + "more than its \(location.size) bytes can hold")
        }
        return location
    }

    // MARK: Entries

    /// Parses the central directory records, which fill the directory exactly.
    private static func parseEntries(_ f: ZipFields, declaredCount: Int, countIs16Bit: Bool,
                                     context: String) throws -> [ZipEntry] {
        func corrupt(_ why: String) -> StoreError { .corrupt("\(context): \(why)") }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(declaredCount)
        var p = 0
        while p < f.raw.count {
            let index = entries.count
            guard f.fits(p, ZipRecord.centralHeaderSize), f.u32(p) == Int(ZipRecord.centralHeaderSignature) else {
                throw corrupt("central directory record \(index) at directory offset \(p) is malformed")
            }
            let nameLength = f.u16(p + 28), extraLength = f.u16(p + 30), commentLength = f.u16(p + 32)
            let recordLength = ZipRecord.centralHeaderSize + nameLength + extraLength + commentLength
            guard f.fits(p, recordLength) else {
                throw corrupt("central directory record \(index) runs past the end of the directory")
            }
            let nameBytes = Array(f.bytes(p + ZipRecord.centralHeaderSize, nameLength))
            let flags = f.u16(p + 8)
            let name = ZipNames.decode(nameBytes, utf8: flags & ZipRecord.flagUTF8 != 0)
            var compressed = f.u32(p + 20), uncompressed = f.u32(p + 24), offset = f.u32(p + 42)
            let extra = ZipFields(raw: f.bytes(p + ZipRecord.centralHeaderSize + nameLength, extraLength))
            try readZip64Extra(extra, uncompressed: &uncompressed, compressed: &compressed, offset: &offset) { why in
                corrupt("entry \(StoreKeys.repr(name)): \(why)")
            }
            if f.u16(p + 34) != 0 && f.u16(p + 34) != ZipRecord.max16 {
                throw StoreError.unsupported("\(context): entry \(StoreKeys.repr(name)) lies on another disk")
            }
            entries.append(ZipEntry(
                name: name, nameBytes: nameBytes, flags: flags, method: f.u16(p + 10),
                crc32: UInt32(truncatingIfNeeded: f.u32(p + 16)), compressedSize: compressed,
                uncompressedSize: uncompressed, localHeaderOffset: offset, limit: 0, dataOffset: nil))
            p += recordLength
        }
        // A 16-bit count wraps in archives written without zip64 records by some tools.
        let countMatches = entries.count == declaredCount
            || (countIs16Bit && entries.count & ZipRecord.max16 == declaredCount)
        guard countMatches else {
            throw corrupt("the central directory holds \(entries.count) entries but declares \(declaredCount)")
        }
        return entries
    }

    /// Replaces the 32-bit fields at their marker value by the 64-bit values of the zip64
    /// extra field, which holds exactly the marked ones, in this order.
    private static func readZip64Extra(_ extra: ZipFields, uncompressed: inout Int, compressed: inout Int,
                                       offset: inout Int, _ corrupt: (String) -> StoreError) throws {
        guard uncompressed == ZipRecord.max32 || compressed == ZipRecord.max32 || offset == ZipRecord.max32 else {
            return
        }
        var q = 0
        while extra.fits(q, 4) {
            let id = extra.u16(q), length = extra.u16(q + 2)
            guard extra.fits(q + 4, length) else { break }
            if id == ZipRecord.zip64ExtraID {
                var r = q + 4
                func next() throws -> Int {
                    guard r + 8 <= q + 4 + length else { throw corrupt("its zip64 extra field is too short") }
                    guard let v = extra.u64(r) else { throw corrupt("a zip64 size or offset does not fit in 63 bits") }
                    r += 8
                    return v
                }
                if uncompressed == ZipRecord.max32 { uncompressed = try next() }
                if compressed == ZipRecord.max32 { compressed = try next() }
                if offset == ZipRecord.max32 { offset = try next() }
                return  // a disk number may follow; only single-disk archives are read
            }
            q += 4 + length
        }
        throw corrupt("a size or offset is marked as zip64 but there is no zip64 extra field")
    }

    /// Checks that no entry's bytes overlap the next entry or the central directory, and
    /// records each entry's limit.
    private static func assignLimits(_ entries: inout [ZipEntry], directoryStart: Int, context: String) throws {
        let order = entries.indices.sorted { entries[$0].localHeaderOffset < entries[$1].localHeaderOffset }
        for (rank, index) in order.enumerated() {
            let entry = entries[index]
            let limit = rank + 1 < order.count ? entries[order[rank + 1]].localHeaderOffset : directoryStart
            let (end, overflow) = entry.localHeaderOffset.addingReportingOverflow(entry.minimumSpan)
            guard !overflow, end <= limit else {
                let other = rank + 1 < order.count
                    ? "entry \(StoreKeys.repr(entries[order[rank + 1]].name)) at offset \(limit)"
                    : "the central directory at offset \(limit)"
                throw StoreError.corrupt(
                    "\(context): entry \(StoreKeys.repr(entry.name)) (\(entry.compressedSize) bytes at offset "
                    + "\(entry.localHeaderOffset)) overlaps \(other)")
            }
            entries[index].limit = limit
        }
    }
}
