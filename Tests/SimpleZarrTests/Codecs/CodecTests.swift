import Foundation
import XCTest
import ZarrCompression

@testable import SimpleZarr

final class CodecTests: XCTestCase {
    func representation(_ shape: [Int], _ type: DataType) -> ArrayRepresentation {
        ArrayRepresentation(shape: shape, dataType: type, fillValue: .zero(type))
    }

    func testCRC32CKnownVectors() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }), 0x46DD_794E)
        XCTAssertEqual(CRC32C.checksum([]), 0)
        // Any split gives the same result as one pass (exercises the 8-byte and tail loops).
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = CRC32C.checksum(data)
        for split in [1, 7, 8, 9, 500, 999] {
            let first = CRC32C.checksum(Array(data[..<split]))
            XCTAssertEqual(CRC32C.checksum(Array(data[split...]), initial: first), whole)
        }
    }

    func testBytesCodecBothEndians() throws {
        let array = try NDArray([0x0102, 0x0304] as [UInt16])
        let little = try BytesCodec(endian: .little).encode(array)
        let big = try BytesCodec(endian: .big).encode(array)
        XCTAssertEqual([UInt8](little), [0x02, 0x01, 0x04, 0x03])
        XCTAssertEqual([UInt8](big), [0x01, 0x02, 0x03, 0x04])
        XCTAssertEqual(try BytesCodec(endian: .big).decode(big, to: representation([2], .uint16)), array)
        let complex = try NDArray([Complex<Float>(1, 2)])
        let swapped = try BytesCodec(endian: .big).encode(complex)
        XCTAssertEqual([UInt8](swapped), [0x3F, 0x80, 0, 0, 0x40, 0, 0, 0])
        XCTAssertThrowsError(try BytesCodec(endian: .little).decode(Data([1, 2, 3]), to: representation([2], .uint16)))
        XCTAssertThrowsError(try BytesCodec(configuration: ["endian": "middle"]))
    }

    func testTransposeMatchesNumpyAxisOrder() throws {
        // A 2x3x4 array with value = 100*i + 10*j + k; order [2, 0, 1] gives shape 4x2x3
        // whose element (k, i, j) is the source's (i, j, k).
        var values: [Int32] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { values.append(Int32(100 * i + 10 * j + k)) } } }
        let source = try NDArray(values, shape: [2, 3, 4])
        let codec = TransposeCodec(order: [2, 0, 1])
        let encoded = try codec.encode(source)
        XCTAssertEqual(encoded.shape, [4, 2, 3])
        XCTAssertEqual(try encoded.scalar(at: [3, 1, 2], as: Int32.self), 123)
        XCTAssertEqual(try encoded.scalar(at: [1, 0, 2], as: Int32.self), 21)
        XCTAssertEqual(try codec.decode(encoded, to: representation([2, 3, 4], .int32)), source)
        for order in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 1, 0]] {
            let c = TransposeCodec(order: order)
            XCTAssertEqual(try c.decode(c.encode(source), to: representation([2, 3, 4], .int32)), source, "\(order)")
        }
        let complex = try NDArray((0..<6).map { Complex<Double>(Double($0), -1) }, shape: [2, 3])
        XCTAssertEqual(try TransposeCodec(order: [1, 0]).encode(complex).scalar(at: [2, 1], as: Complex<Double>.self), Complex(5, -1))
        XCTAssertThrowsError(try TransposeCodec(order: [0, 0, 1]).encodedRepresentation(of: representation([2, 3, 4], .int32)))
        XCTAssertThrowsError(try TransposeCodec(order: [0, 1]).encodedRepresentation(of: representation([2, 3, 4], .int32)))
        XCTAssertThrowsError(try TransposeCodec(configuration: ["order": "X"]))
    }

    func testCrc32cCodecDetectsCorruption() throws {
        let codec = Crc32cCodec()
        let payload = Data("hello zarr".utf8)
        var encoded = try codec.encode(payload)
        XCTAssertEqual(encoded.count, payload.count + 4)
        XCTAssertEqual(try codec.decode(encoded), payload)
        encoded[encoded.startIndex + 3] ^= 0x10
        XCTAssertThrowsError(try codec.decode(encoded)) { XCTAssertTrue("\($0)".contains("checksum mismatch"), "\($0)") }
        XCTAssertThrowsError(try codec.decode(Data([1, 2])))
    }

    func testPipelineRejectsInvalidChains() throws {
        let chunk = representation([4, 4], .uint16)
        func message(_ codecs: [JSONValue]) -> String {
            do {
                _ = try CodecPipeline(json: .array(codecs), chunk: chunk)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let bytes: JSONValue = ["name": "bytes", "configuration": ["endian": "little"]]
        let transpose: JSONValue = ["name": "transpose", "configuration": ["order": [1, 0]]]
        let crc: JSONValue = ["name": "crc32c"]
        XCTAssertEqual(message([transpose, bytes, crc]), "no error")
        XCTAssertTrue(message([crc, bytes]).contains("'crc32c' (position 0) is bytes -> bytes but comes before"))
        XCTAssertTrue(message([bytes, transpose]).contains("'transpose' (position 1) is array -> array but comes after"))
        XCTAssertTrue(message([bytes, bytes]).contains("second array -> bytes codec"))
        XCTAssertTrue(message([transpose]).contains("has no array -> bytes codec"))
        XCTAssertTrue(message([["name": "lzma9000"], bytes]).contains("codec 'lzma9000' is not supported"))
        XCTAssertTrue(message([]).contains("non-empty"))
        XCTAssertTrue(message([["configuration": [:]]]).contains("no string 'name'"))
    }

    func testPipelineRoundTripThroughEveryCoreCodec() throws {
        let chunk = representation([3, 5], .float64)
        let pipeline = try CodecPipeline(
            codecs: [TransposeCodec(order: [1, 0]), BytesCodec(endian: .big), Crc32cCodec()], chunk: chunk)
        let array = try NDArray((0..<15).map { Double($0) / 3 }, shape: [3, 5])
        let encoded = try pipeline.encode(array)
        XCTAssertEqual(encoded.count, 15 * 8 + 4)
        XCTAssertEqual(try pipeline.decode(encoded), array)
        XCTAssertThrowsError(try pipeline.encode(try NDArray(dtype: .float32, shape: [3, 5])))
    }

    /// A user codec, registered like Python's `@register_codec`: XOR every byte with a key.
    struct XorCodec: BytesToBytesCodec {
        static let name = "test.xor"
        let key: UInt8
        init(configuration: JSONObject) throws {
            guard let k = configuration["key"]?.intValue, (0...255).contains(k) else {
                throw ZarrError.invalidMetadata("test.xor needs a key 0...255")
            }
            key = UInt8(k)
        }
        var configuration: JSONObject { ["key": .int(Int64(key))] }
        func encode(_ bytes: Data) throws -> Data { Data(bytes.map { $0 ^ key }) }
        func decode(_ bytes: Data) throws -> Data { Data(bytes.map { $0 ^ key }) }
    }

    struct NotACodecKind: Codec {
        static let name = "test.kindless"
        init(configuration: JSONObject) throws {}
        var configuration: JSONObject { [:] }
    }

    func testCustomCodecRegistration() throws {
        try registerCodec(XorCodec.self)
        XCTAssertTrue(CodecRegistry.names.contains("test.xor"))
        XCTAssertThrowsError(try registerCodec(NotACodecKind.self))
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "x", shape: [4], dtype: .uint8, chunkShape: [4],
            codecs: [BytesCodec().json, ["name": "test.xor", "configuration": ["key": 255]]])
        try array.setChunk(try NDArray([1, 2, 3, 4] as [UInt8]), [0])
        XCTAssertEqual([UInt8](try store.get("x/c/0")), [254, 253, 252, 251])
        XCTAssertEqual(try array.getChunk([0]).toArray(as: UInt8.self), [1, 2, 3, 4])
        XCTAssertThrowsError(
            try ZarrArray.create(store, "y", shape: [4], dtype: .uint8, codecs: [BytesCodec().json, ["name": "test.xor"]]))
    }
}
