import Foundation
import XCTest

@testable import SimpleZarr

/// `vlen-utf8` and `vlen-bytes`: numcodecs' layout, round trips through arrays, and refusals of
/// chunks whose counts, lengths or text are wrong.
final class VariableLengthCodecTests: XCTestCase {
    private func representation(_ dtype: DataType, _ shape: [Int]) -> ArrayRepresentation {
        ArrayRepresentation(shape: shape, dataType: dtype, fillValue: .zero(dtype))
    }

    func testLayoutMatchesNumcodecs() throws {
        // numcodecs.VLenUTF8().encode(np.array(["a", "bé"], dtype=object)), as zarr-python writes it.
        let stored = Data([2, 0, 0, 0, 1, 0, 0, 0, 0x61, 3, 0, 0, 0, 0x62, 0xC3, 0xA9])
        let decoded = try VLenUTF8Codec().decode(stored, to: representation(.string, [2]))
        XCTAssertEqual(try decoded.toArray(as: String.self), ["a", "bé"])
        XCTAssertEqual(try VLenUTF8Codec().encode(decoded), stored)

        // numcodecs.VLenBytes().encode([b"", b"\x00\xff"]).
        let bytes = Data([2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0x00, 0xFF])
        let values = try VLenBytesCodec().decode(bytes, to: representation(.bytes, [2]))
        XCTAssertEqual(try values.toArray(as: Data.self), [Data(), Data([0, 0xFF])])
        XCTAssertEqual(try VLenBytesCodec().encode(values), bytes)
    }

    func testArraysOfTextAndBytesRoundTripThroughSlices() throws {
        let store = MemoryStore()
        let words = ["", "a", "Zürich", "世界", "🧊", String(repeating: "x", count: 70_000), "e\u{301}", "end"]
        let text = try ZarrArray.create(store, "text", shape: [2, 4], dtype: .string, chunkShape: [1, 3])
        XCTAssertEqual(text.metadata["codecs"]?.arrayValue?.first?["name"], "vlen-utf8")
        try text[...].set(try NDArray(words, shape: [2, 4]))
        let reopened = try XCTUnwrap(try openZarr(store, path: "text") as? ZarrArray)
        XCTAssertEqual(try reopened[...].get().toArray(as: String.self), words)
        XCTAssertEqual(try reopened[1, 1...].get().toArray(as: String.self), Array(words[5...]))
        XCTAssertEqual(try reopened.getChunk([1, 1]).toArray(as: String.self), ["end", "", ""])

        // One element written into a chunk that already holds others (read, modify, write).
        try reopened[0, 2].set("Genève")
        XCTAssertEqual(try reopened[0, ...].get().toArray(as: String.self), ["", "a", "Genève", "世界"])

        let blobs = try ZarrArray.create(store, "blobs", shape: [5], dtype: .bytes, chunkShape: [2])
        let values = [Data(), Data([0]), Data([0xFF, 0, 7]), Data(repeating: 9, count: 300), Data("z".utf8)]
        try blobs[...].set(try NDArray(values))
        XCTAssertEqual(try blobs[...].get().toArray(as: Data.self), values)
        XCTAssertEqual(try blobs[1..<4].get().toArray(as: Data.self), Array(values[1..<4]))
    }

    func testMissingChunksReadAsTheFillValue() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [5], dtype: .string, chunkShape: [2], fillValue: "n/a")
        try array[2].set("two")
        XCTAssertEqual(try array[...].get().toArray(as: String.self), ["n/a", "n/a", "two", "n/a", "n/a"])
        // A chunk of fill values alone is not stored.
        try array[2].set("n/a")
        XCTAssertEqual(try store.list().filter { !$0.hasSuffix("zarr.json") }, [])
    }

    func testChunksThatDisagreeWithTheirShapeAreRefused() throws {
        let codec = VLenUTF8Codec()
        let two = representation(.string, [2])
        func refuses(_ bytes: [UInt8], _ expected: String, line: UInt = #line) {
            XCTAssertThrowsError(try codec.decode(Data(bytes), to: two), line: line) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)", line: line)
            }
        }
        refuses([2, 0, 0], "too few")
        refuses([3, 0, 0, 0, 1, 0, 0, 0, 0x61, 1, 0, 0, 0, 0x62], "holds 3 elements")
        refuses([0xFF, 0xFF, 0xFF, 0xFF], "holds 4294967295 elements")
        refuses([2, 0, 0, 0, 1, 0, 0, 0, 0x61, 5, 0, 0, 0, 0x62], "element 1 has 5 bytes")
        refuses([2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0x61], "element 0 has 2147483647 bytes")
        refuses([2, 0, 0, 0, 1, 0, 0, 0, 0x61, 1, 0], "ends inside the length of element 1")
        refuses([2, 0, 0, 0, 1, 0, 0, 0, 0x61, 2, 0, 0, 0, 0xC3, 0x28], "element 1 is not valid UTF-8")
        // vlen-bytes takes any bytes.
        XCTAssertNoThrow(try VLenBytesCodec().decode(Data([1, 0, 0, 0, 2, 0, 0, 0, 0xC3, 0x28]), to: representation(.bytes, [1])))
    }

    func testShortChunksAreRefusedBeforeAllocatingTheirElements() {
        // Four bytes claiming a million elements: refused by size, not after a 16 MB allocation.
        let million = representation(.string, [1_000_000])
        XCTAssertThrowsError(try VLenUTF8Codec().decode(Data([0x40, 0x42, 0x0F, 0x00]), to: million)) {
            XCTAssertTrue("\($0)".contains("ends inside the length of element 0"), "\($0)")
        }
    }

    func testZarrPython2sZeroFillReadsAsEmpty() throws {
        XCTAssertEqual(try FillValue(json: 0, dataType: .string).variableLengthElement, Data())
        XCTAssertEqual(try FillValue(json: 0, dataType: .bytes).variableLengthElement, Data())
        XCTAssertThrowsError(try FillValue(json: 1, dataType: .string))
    }

    func testUTF8ValidationFollowsTheUnicodeTable() {
        func valid(_ bytes: [UInt8]) -> Bool {
            (bytes + [0]).withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { UTF8Validation.isValid($0, count: bytes.count) } ?? false
            }
        }
        for text in ["", "plain ASCII text that is longer than eight bytes", "é", "世界", "🧊", "\u{10FFFF}", "\u{D7FF}\u{E000}"] {
            XCTAssertTrue(valid(Array(text.utf8)), text)
        }
        let invalid: [[UInt8]] = [
            [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE4, 0xB8], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0xC3],
        ]
        for bytes in invalid { XCTAssertFalse(valid(bytes), "\(bytes)") }
        // Every two-byte sequence agrees with the standard library's decoder.
        for first in 0...255 {
            for second in stride(from: 0, through: 255, by: 3) {
                let bytes = [UInt8(first), UInt8(second)]
                XCTAssertEqual(valid(bytes), String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
            }
        }
    }

    func testZarrsVlenV2TakesTextAndBytesInTheSameLayout() throws {
        let stored = Data([2, 0, 0, 0, 1, 0, 0, 0, 0x61, 2, 0, 0, 0, 0xC3, 0xA9])
        let text = try VLenV2Codec().decode(stored, to: representation(.string, [2]))
        XCTAssertEqual(try text.toArray(as: String.self), ["a", "é"])
        let bytes = try VLenV2Codec().decode(stored, to: representation(.bytes, [2]))
        XCTAssertEqual(try bytes.toArray(as: Data.self), [Data([0x61]), Data([0xC3, 0xA9])])
        XCTAssertEqual(try VLenV2Codec().encode(text), stored)
        let invalid = Data([1, 0, 0, 0, 1, 0, 0, 0, 0xFF])
        XCTAssertThrowsError(try VLenV2Codec().decode(invalid, to: representation(.string, [1])))
        XCTAssertNoThrow(try VLenV2Codec().decode(invalid, to: representation(.bytes, [1])))
        XCTAssertThrowsError(try VLenV2Codec().validate(representation(.int8, [1])))
        XCTAssertTrue(CodecRegistry.codecType(named: "https://codec.zarrs.dev/array_to_bytes/vlen_utf8") == VLenUTF8Codec.self)
    }

    func testBytesCodecRefusesVariableLengthTypes() {
        XCTAssertThrowsError(
            try ZarrArray.create(MemoryStore(), "a", shape: [2], dtype: .string, codecs: [BytesCodec()])
        ) { XCTAssertTrue("\($0)".contains("vlen-utf8"), "\($0)") }
        XCTAssertThrowsError(try VLenUTF8Codec().validate(representation(.bytes, [1])))
    }
}

/// Variable-length chunks count 16 bytes per element against `ZarrLimits.maximumChunkByteCount`,
/// so a hostile chunk shape cannot make a string array allocate without bound.
final class VariableLengthChunkLimitTests: XCTestCase {
    func testHugeStringChunksAreRefusedBeforeAllocating() throws {
        let store = MemoryStore()
        let document: JSONValue = [
            "zarr_format": 3, "node_type": "array", "shape": [.int(1 << 40)], "data_type": "string",
            "chunk_grid": ["name": "regular", "configuration": ["chunk_shape": [.int(1 << 36)]]],
            "chunk_key_encoding": ["name": "default"], "fill_value": "",
            "codecs": [["name": "vlen-utf8"]],
        ]
        try store.set("s/zarr.json", Data(document.jsonText.utf8))
        let array = try XCTUnwrap(try openZarr(store, path: "s") as? ZarrArray)
        XCTAssertEqual(array.chunkNbytes, 16 << 36)
        try store.set("s/c/0", Data([0, 0, 0, 0]))
        XCTAssertThrowsError(try array.getChunk([0])) { error in
            guard case ZarrError.limitExceeded = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try array[0..<2].get()) { error in
            guard case ZarrError.limitExceeded = error else { return XCTFail("\(error)") }
        }
    }
}

/// Opaque bytes in v2: numpy's `|V<n>` is the raw type there, so `raw_bytes` is refused with the
/// spelling to use, and a raw fill value may be base64 text.
final class V2OpaqueBytesTests: XCTestCase {
    func testRawBytesInV2AskForTheRawType() throws {
        let store = MemoryStore()
        XCTAssertThrowsError(try ZarrArray.create(store, "v", shape: [3], dtype: .rawBytes(length: 3), zarrFormat: 2)) {
            XCTAssertTrue("\($0)".contains(".raw(bits: 24)"), "\($0)")
        }
        let array = try ZarrArray.create(store, "v", shape: [3], dtype: .raw(bits: 24), fillValue: "AQID", zarrFormat: 2)
        XCTAssertEqual(try array[...].get().toArray(as: Data.self), Array(repeating: Data([1, 2, 3]), count: 3))
    }
}
