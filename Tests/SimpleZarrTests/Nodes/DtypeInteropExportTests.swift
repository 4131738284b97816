import Foundation
import XCTest
@testable import SimpleZarr

/// When DTYPES_INTEROP_DIR is set, writes a v3 hierarchy (DIR/v3) and a v2 one (DIR/v2) of the
/// non-numeric data types with this library, consolidated, each with a manifest holding the
/// values meant to be stored, for Scripts/check_hierarchy_interop.py to read with zarr-python
/// and compare element by element: vlen strings (empty, non-ASCII, both spellings of "é", a
/// ZWJ sequence, U+10FFFF, NUL, an element of more than 64 KiB, a non-empty fill in chunks
/// never written, 2-d with edge chunks, and sharded in v3), vlen bytes (0x00, 0xFF, all 256
/// byte values), `fixed_length_utf32` / `<U6`, `null_terminated_bytes` / `|S5`, `raw_bytes` /
/// `|V3`, datetime64 in s, ms, ns, D, M and Y (NaT, a scale factor, NaT and other fills),
/// timedelta64 in ns and s, and structs. Without the variable the test is skipped.
final class DtypeInteropExportTests: XCTestCase {
    typealias Element = DtypeFixture.Element

    static let texts: [String] = [
        "", "a", "\u{E9}", "e\u{301}", "\u{4E16}\u{754C}", "\u{1F9CA}", "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
        "\u{10FFFF}", "a\u{0}b", "tab\tline\nend", "na\u{EF}ve caf\u{E9}", "zarr \u{2713}", String(repeating: "x", count: 40),
    ]
    /// 24,000 characters, 72,000 bytes of UTF-8: longer than 64 KiB.
    static let longText = String(repeating: "\u{E9}\u{1F9CA}", count: 12_000)
    static let byteStrings: [Data] = [
        Data(), Data([0]), Data([0xFF]), Data(0...255), Data([0, 0xFF, 0]), Data("abc".utf8), Data(repeating: 0, count: 9),
    ]
    static let nat = DataType.notATime
    static let counts: [Int64] = [0, 1, -1, nat, 1_709_210_090, -1_418_294, nat + 1, Int64.max, 86_400, 42]

    func testExportDtypeArraysForZarrPython() throws {
        guard let path = ProcessInfo.processInfo.environment["DTYPES_INTEROP_DIR"] else {
            throw XCTSkip("set DTYPES_INTEROP_DIR to export arrays of every non-numeric data type for Scripts/check_hierarchy_interop.py")
        }
        let v3 = try export(to: URL(fileURLWithPath: path).appendingPathComponent("v3"), zarrFormat: 3)
        let v2 = try export(to: URL(fileURLWithPath: path).appendingPathComponent("v2"), zarrFormat: 2)
        XCTAssertEqual(v3, 27)
        XCTAssertEqual(v2, 24)
    }

    /// Writes the hierarchy of one format under `root`; returns how many arrays it recorded.
    func export(to root: URL, zarrFormat: Int) throws -> Int {
        let storeURL = root.appendingPathComponent("dtypes.zarr")
        try FileManager.default.createDirectory(at: storeURL, withIntermediateDirectories: true)
        let store = LocalStore(storeURL.path)
        try ZarrGroup.create(store, attributes: ["written_by": "SimpleZarr"], zarrFormat: zarrFormat)
        for group in ["strings", "bytes", "fixed", "datetime64", "timedelta64", "struct"] + (zarrFormat == 3 ? ["sharded"] : []) {
            try ZarrGroup.create(store, group, zarrFormat: zarrFormat)
        }
        let manifest = InteropExportManifest(root: root)

        /// Creates the array, writes `values` into `region` (the whole array when `nil`), checks
        /// that the chunks outside it have no key and records what the array must hold.
        func write(
            _ arrayPath: String, _ dtype: DataType, shape: [Int], chunks: [Int], fill: JSONValue? = nil,
            values: [Element], region: [Range<Int>]? = nil, compressor: (any BytesToBytesCodec)? = ZstdCodec.standard,
            shardShape: [Int]? = nil
        ) throws {
            let array: ZarrArray
            if let shardShape {
                array = try ZarrArray.create(store, arrayPath, shape: shape, dtype: dtype, chunkShape: chunks, shardShape: shardShape,
                                             fillValue: fill)
            } else {
                array = try ZarrArray.create(store, arrayPath, shape: shape, dtype: dtype, chunkShape: chunks, fillValue: fill,
                                             zarrFormat: zarrFormat, compressor: compressor)
            }
            let form = DtypeFixture.form(of: dtype)
            let region = region ?? shape.map { 0..<$0 }
            let count = region.map(\.count).reduce(1, *)
            let written = (0..<count).map { values[$0 % values.count] }
            let selection = region.map(\.axisSelection)
            try array.select(selection).set(try DtypeFixture.array(written, dtype: array.dtype, shape: region.map(\.count)))
            // Everything outside the region is the fill value.
            let fill = try NDArray(dtype: array.dtype, shape: [], fillValue: array.fillValue)
            let fillElement = try DtypeFixture.elements(fill, form: form)[0]
            var expected = Array(repeating: fillElement, count: array.size)
            for (position, flat) in DtypeFixture.selected(selection, in: shape).flat.enumerated() { expected[flat] = written[position] }
            let stored = Set(try store.list())
            let missing = try allIndices(array.chunkGridShape).map { try array.chunkKey($0) }.filter { !stored.contains($0) }
            let grid = array.chunkShape
            let untouched = allIndices(array.chunkGridShape).filter { chunk in
                zip(zip(chunk, grid), region).contains { chunkAndLength, range in
                    chunkAndLength.0 * chunkAndLength.1 >= range.upperBound || (chunkAndLength.0 + 1) * chunkAndLength.1 <= range.lowerBound
                }
            }
            XCTAssertEqual(missing.count, untouched.count, "\(arrayPath): chunks outside the written region must have no key")
            try manifest.record(array, values: expected, form: form, missing: missing)
        }

        let texts = Self.texts.map(Element.text)
        let byteStrings = Self.byteStrings.map(Element.bytes)
        let counts = Self.counts.map(Element.count)

        // Variable-length text.
        try write("strings/vlen_1d", .string, shape: [23], chunks: [5], values: texts)
        try write("strings/vlen_2d_edge", .string, shape: [7, 5], chunks: [3, 2], values: texts, compressor: nil)
        try write("strings/vlen_fill_missing", .string, shape: [10], chunks: [4], fill: "n/a \u{2713}", values: texts,
                  region: [1..<3])
        try write("strings/vlen_2d_fill_missing", .string, shape: [7, 9], chunks: [3, 4], fill: "\u{1F9CA}", values: texts,
                  region: [2..<5, 3..<5], compressor: try GzipCodec(level: 5))
        try write("strings/vlen_long", .string, shape: [3], chunks: [2], values: [.text(Self.longText), .text(""), .text("\u{E9}")])

        // Variable-length bytes.
        try write("bytes/vlen_1d", .bytes, shape: [11], chunks: [4], values: byteStrings)
        try write("bytes/vlen_2d_fill_missing", .bytes, shape: [5, 6], chunks: [2, 4], fill: "AAFhYg==", values: byteStrings,
                  region: [0..<2, 0..<4], compressor: nil)

        // Fixed-length text and bytes. Values end in no NUL (numpy would strip it on reading).
        try write("fixed/U6", .fixedLengthUTF32(characters: 6), shape: [4, 5], chunks: [3, 3],
                  values: ["", "a", "abcdef", "\u{E9}", "e\u{301}", String(repeating: "\u{1F9CA}", count: 6), "\u{4E16}\u{754C}", "a\u{0}b",
                           "\u{10FFFF}"].map(Element.text))
        try write("fixed/U6_fill_missing", .fixedLengthUTF32(characters: 6), shape: [9], chunks: [4], fill: "z\u{E9}",
                  values: ["\u{1F9CA}", "", "abc"].map(Element.text), region: [0..<3])
        try write("fixed/S5", .nullTerminatedBytes(length: 5), shape: [9], chunks: [4],
                  values: [Data(), Data("a".utf8), Data("abcde".utf8), Data([0, 0x61]), Data([0x61, 0, 0x62]), Data(repeating: 0xFF, count: 5)]
                    .map(Element.bytes))
        try write("fixed/S5_fill_missing", .nullTerminatedBytes(length: 5), shape: [6], chunks: [3], fill: "YWIAYw==",
                  values: [.bytes(Data("xyz".utf8))], region: [0..<1])
        // v2 spells opaque bytes as numpy's `|V3`, which is the raw type r24 there.
        try write("fixed/V3", zarrFormat == 2 ? .raw(bits: 24) : .rawBytes(length: 3), shape: [7], chunks: [3], fill: "AQID",
                  values: [Data([0, 0, 0]), Data([0xFF, 0xFF, 0xFF]), Data([0, 0x61, 0])].map(Element.bytes), region: [0..<3])

        // Datetimes and timedeltas, NaT among the values; chunks never written read as the fill.
        for (unit, name) in [(TimeUnit.seconds, "s"), (.milliseconds, "ms"), (.days, "D"), (.months, "M"), (.years, "Y")] {
            try write("datetime64/\(name)", .datetime64(unit: unit, scaleFactor: 1), shape: [13], chunks: [5], fill: "NaT",
                      values: counts, region: [0..<8])
        }
        try write("datetime64/ns_2d", .datetime64(unit: .nanoseconds, scaleFactor: 1), shape: [5, 6], chunks: [2, 4], fill: "NaT",
                  values: counts, region: [0..<3, 0..<4])
        try write("datetime64/scaled_10s", .datetime64(unit: .seconds, scaleFactor: 10), shape: [13], chunks: [5], fill: "NaT",
                  values: counts, region: [3..<9])
        try write("datetime64/s_fill_2000", .datetime64(unit: .seconds, scaleFactor: 1), shape: [13], chunks: [5], fill: 946_684_800,
                  values: counts, region: [0..<5])
        try write("timedelta64/ns", .timedelta64(unit: .nanoseconds, scaleFactor: 1), shape: [13], chunks: [5], fill: "NaT",
                  values: counts, region: [0..<8])
        try write("timedelta64/s_fill", .timedelta64(unit: .seconds, scaleFactor: 1), shape: [13], chunks: [5], fill: 5,
                  values: counts, region: [5..<10], compressor: nil)

        // Structs: packed records, a non-zero fill in chunks never written.
        let pair = try DataType(json: ["name": "struct", "configuration": ["fields": [
            ["name": "a", "data_type": "int32"], ["name": "b", "data_type": "float64"],
        ]]])
        let packed = try DataType(json: ["name": "struct", "configuration": ["fields": [
            ["name": "x", "data_type": "uint8"], ["name": "y", "data_type": "int16"], ["name": "z", "data_type": "float32"],
        ]]])
        let pairs: [Element] = [.record(["a", "b"], [-2_147_483_648, 1.7976931348623157e308]), .record(["a", "b"], [2_147_483_647, -0.5]),
                                .record(["a", "b"], [0, 0]), .record(["a", "b"], [42, 248.25])]
        try write("struct/a_i4_b_f8", pair, shape: [7], chunks: [3], fill: zarrFormat == 3 ? ["a": 7, "b": -1.5] : "BwAAAAAAAAAAAPi/",
                  values: pairs, region: [0..<4])
        try write("struct/packed_u1_i2_f4", packed, shape: [2, 3], chunks: [2, 2], values: [
            .record(["x", "y", "z"], [0, -32768, 3.4028234663852886e38]), .record(["x", "y", "z"], [255, 32767, -200.125]),
            .record(["x", "y", "z"], [26, -15315, 104.75]),
        ], compressor: nil)

        if zarrFormat == 3 {
            // Sharded text: inner chunks and a whole shard holding only the fill value, an edge shard.
            try write("sharded/vlen_1d", .string, shape: [30], chunks: [2], values: texts, region: [0..<5], shardShape: [8])
            try write("sharded/vlen_2d_fill", .string, shape: [10, 9], chunks: [2, 3], fill: "n/a", values: texts,
                      region: [0..<3, 2..<9], shardShape: [4, 6])
            try write("sharded/vlen_long", .string, shape: [4], chunks: [1], values: [.text(Self.longText), .text("")],
                      shardShape: [4])
        }
        try consolidateMetadata(store)
        try manifest.write(store: "dtypes.zarr", zarrFormat: zarrFormat)
        return manifest.count
    }
}
