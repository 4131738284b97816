import Foundation
import XCTest
@testable import SimpleZarr

/// Damaged and malicious archives: each must give a clear error (or, where the damage misses
/// what is read, the right value), never a trap, a hang or an allocation of a lied-about size.
final class ZipStoreHostileTests: XCTestCase {
    /// A small archive written by ZipStore: a stored, a deflated and an empty entry.
    static func sampleArchive(extra: [String: Data] = [:], compression: ZipStore.Compression = .deflated(level: 6)) throws -> Data {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir.appendingPathComponent("a.zip").path
        let store = try ZipStore(path, mode: .write, compression: compression)
        try store.set("zarr.json", Data(#"{"zarr_format":3,"node_type":"group"}"#.utf8))
        try store.set("c/0", Data((0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) }))
        try store.set("c/1", Data(repeating: 42, count: 200))
        try store.set("empty", Data())
        for (k, v) in extra { try store.set(k, v) }
        try store.close()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    // MARK: Patching helpers

    private func u32(_ d: Data, _ at: Int) -> Int {
        (0..<4).reduce(0) { $0 | Int(d[at + $1]) << (8 * $1) }
    }

    private func u16(_ d: Data, _ at: Int) -> Int { Int(d[at]) | Int(d[at + 1]) << 8 }

    private func put32(_ d: inout Data, _ at: Int, _ v: Int) {
        for i in 0..<4 { d[at + i] = UInt8(truncatingIfNeeded: v >> (8 * i)) }
    }

    /// The offsets of the central directory records (the archive has no comment).
    private func centralRecords(_ d: Data) -> [Int] {
        let end = d.count - 22
        var p = u32(d, end + 16)
        var out: [Int] = []
        for _ in 0..<u16(d, end + 10) {
            out.append(p)
            p += 46 + u16(d, p + 28) + u16(d, p + 30) + u16(d, p + 32)
        }
        return out
    }

    private func record(named name: String, in d: Data) throws -> Int {
        try XCTUnwrap(centralRecords(d).first { String(decoding: d[($0 + 46)..<($0 + 46 + u16(d, $0 + 28))], as: UTF8.self) == name })
    }

    private func assertCorrupt(_ expression: @autoclosure () throws -> some Any, _ fragment: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        assertStoreError(try expression(), file: file, line: line) {
            if case .corrupt(let m) = $0 { return m.contains(fragment) }
            return false
        }
    }

    // MARK: Cases

    func testTruncatedArchivesThrowOrReadRightValues() throws {
        let good = try Self.sampleArchive()
        let original = try ZipStore(data: good)
        let values = try Dictionary(uniqueKeysWithValues: original.list().map { ($0, try original.get($0)) })
        for n in 0..<good.count {
            guard let store = try? ZipStore(data: good.prefix(n)) else { continue }
            for key in (try? store.list()) ?? [] {
                if let value = try? store.get(key) { XCTAssertEqual(value, values[key], "prefix \(n), key \(key)") }
            }
        }
        assertCorrupt(try ZipStore(data: good.prefix(10)), "not a zip archive")
        assertCorrupt(try ZipStore(data: good.prefix(good.count - 1)), "not a zip archive")
    }

    func testWrongCRCIsReported() throws {
        var d = try Self.sampleArchive(compression: .stored)
        let r = try record(named: "c/0", in: d)
        let local = u32(d, r + 42)
        d[local + 30 + 3 + 10] ^= 0xFF  // a byte of the value
        let store = try ZipStore(data: d)
        assertCorrupt(try store.get("c/0"), "fails its CRC-32 check")
        XCTAssertEqual(try store.get("c/1"), Data(repeating: 42, count: 200))
    }

    func testOffsetsPastTheEndAreRefused() throws {
        var d = try Self.sampleArchive()
        put32(&d, try record(named: "c/1", in: d) + 42, d.count + 1000)
        assertCorrupt(try ZipStore(data: d), "overlaps")
        var e = try Self.sampleArchive()
        put32(&e, e.count - 22 + 16, e.count + 5)  // the directory's offset
        assertCorrupt(try ZipStore(data: e), "central directory")
        var f = try Self.sampleArchive()
        put32(&f, try record(named: "c/0", in: f) + 20, 0x7FFF_FFFF)  // compressed size
        assertCorrupt(try ZipStore(data: f), "overlaps")
    }

    func testOverlappingEntriesAreRefused() throws {
        var d = try Self.sampleArchive()
        let records = centralRecords(d)
        put32(&d, records[1] + 42, u32(d, records[0] + 42))
        assertCorrupt(try ZipStore(data: d), "overlaps")
    }

    func testLocalHeaderDisagreeingWithTheDirectory() throws {
        var d = try Self.sampleArchive()
        let local = u32(d, try record(named: "c/1", in: d) + 42)
        d[local + 30 + 2] = UInt8(ascii: "9")  // "c/1" -> "c/9" in the local header only
        assertCorrupt(try ZipStore(data: d).get("c/1"), "different entry")
        var e = try Self.sampleArchive()
        let local2 = u32(e, try record(named: "c/0", in: e) + 42)
        put32(&e, local2 + 14, 0x1234_5678)  // the local CRC
        assertCorrupt(try ZipStore(data: e).get("c/0"), "disagree")
        var f = try Self.sampleArchive()
        put32(&f, u32(f, try record(named: "zarr.json", in: f) + 42), 0)  // no local signature
        assertCorrupt(try ZipStore(data: f).get("zarr.json"), "no local header")
    }

    func testZipBombWithALyingSizeIsBounded() throws {
        // 4 MB of zeros deflate to a few KB; declare 1000 bytes in both headers.
        var d = try Self.sampleArchive(extra: ["bomb": Data(count: 4 << 20)])
        let r = try record(named: "bomb", in: d)
        let local = u32(d, r + 42)
        put32(&d, r + 24, 1000)
        put32(&d, local + 22, 1000)
        assertCorrupt(try ZipStore(data: d).get("bomb"), "does not decode to its declared 1000 bytes")
        // A declared size far beyond what deflate can expand to is refused before decoding.
        put32(&d, r + 24, 0xFFFF_FFF0)
        put32(&d, local + 22, 0xFFFF_FFF0)
        assertCorrupt(try ZipStore(data: d).get("bomb"), "more than its")
    }

    func testEncryptedEntryIsUnsupported() throws {
        var d = try Self.sampleArchive()
        let r = try record(named: "c/0", in: d)
        d[r + 8] |= 1
        assertStoreError(try ZipStore(data: d).get("c/0")) {
            if case .unsupported(let m) = $0 { return m.contains("'c/0' is encrypted") }
            return false
        }
    }

    func testCommentWithAFakeEndSignature() throws {
        var d = try Self.sampleArchive()
        let comment = Data("trailing PK\u{5}\u{6} not an end record".utf8)
        d[d.count - 2] = UInt8(comment.count)
        d.append(comment)
        XCTAssertEqual(try ZipStore(data: d).get("c/1"), Data(repeating: 42, count: 200))
    }

    /// 3,000 seeded corruptions (1 to 4 bytes changed, or the archive cut) of a small archive:
    /// each opens and reads, or throws.
    func testSeededCorruptionsThrowOrRead() throws {
        let good = try Self.sampleArchive()
        var rng = SplitMix64(state: 0x5A1F_2026)
        var opened = 0, failed = 0
        for _ in 0..<3000 {
            var d = good
            if rng.next() % 8 == 0 {
                d = d.prefix(Int(rng.next() % UInt64(d.count)))
            } else {
                for _ in 0...(rng.next() % 4) {
                    d[Int(rng.next() % UInt64(d.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            guard let store = try? ZipStore(data: d) else { failed += 1; continue }
            opened += 1
            for key in (try? store.list()) ?? [] {
                _ = try? store.get(key)
                _ = try? store.getPartialValues([(key, 2, 10), (key, -5, nil)])
            }
        }
        XCTAssertEqual(opened + failed, 3000)
        XCTAssertGreaterThan(failed, 0)
        XCTAssertGreaterThan(opened, 0)
    }
}
