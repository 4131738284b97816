import Foundation
import XCTest

@testable import SimpleZarr

/// A chunk that numcodecs' filters encoded and decoded (Fixtures/numcodecs-filters.json,
/// written by Scripts/make_numcodecs_filter_vectors.py).
private struct FilterVector {
    let codec: JSONValue
    let dataType: DataType
    let shape: [Int]
    let input: Data
    let encoded: Data
    let decoded: Data

    static func loadAll() throws -> [FilterVector] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/numcodecs-filters.json")
        let json = try JSONValue.parse(Data(contentsOf: file))
        return try (json.arrayValue ?? []).map { entry in
            func bytes(_ key: String) throws -> Data { try XCTUnwrap(Data(base64Encoded: entry[key]?.stringValue ?? "?")) }
            return FilterVector(
                codec: try XCTUnwrap(entry["codec"]),
                dataType: try DataType(zarrName: XCTUnwrap(entry["dtype"]?.stringValue)),
                shape: try XCTUnwrap(entry["shape"]?.arrayValue).map { try XCTUnwrap($0.intValue) },
                input: try bytes("input"), encoded: try bytes("encoded"), decoded: try bytes("decoded"))
        }
    }

    var name: String { codec["name"]?.stringValue ?? "?" }

    var representation: ArrayRepresentation {
        ArrayRepresentation(shape: shape, dataType: dataType, fillValue: .zero(dataType))
    }
}

/// The array -> array codec of a `zarr.json` entry.
private func filter(_ entry: JSONValue) throws -> any ArrayToArrayCodec {
    try XCTUnwrap(try CodecRegistry.makeCodec(from: entry) as? any ArrayToArrayCodec, "\(entry)")
}

private func entry(_ name: String, _ configuration: JSONObject) -> JSONValue {
    ["name": .string(name), "configuration": .object(configuration)]
}

private func bytes(of array: NDArray) -> Data { array.withUnsafeBytes { Data($0) } }

final class NumcodecsFilterTests: XCTestCase {
    // MARK: numcodecs' bytes

    func testEveryVectorEncodesAndDecodesAsNumcodecsDoes() throws {
        let vectors = try FilterVector.loadAll()
        XCTAssertGreaterThan(vectors.count, 500)
        var checked: [String: Int] = [:]
        var failures: [String] = []
        for (index, vector) in vectors.enumerated() {
            let label = "#\(index) \(vector.codec) on \(vector.dataType) \(vector.shape)"
            let codec = try filter(vector.codec)
            let encodedRepresentation = try codec.encodedRepresentation(of: vector.representation)
            let input = try NDArray(dtype: vector.dataType, shape: vector.shape, bytes: vector.input)
            let encoded = try codec.encode(input)
            XCTAssertEqual(encoded.dtype, encodedRepresentation.dataType, label)
            XCTAssertEqual(encoded.shape, encodedRepresentation.shape, label)
            if bytes(of: encoded) != vector.encoded {
                failures.append("\(label): encoded \(encoded), numcodecs "
                    + "\((try? NDArray(dtype: encoded.dtype, shape: encoded.shape, bytes: vector.encoded))?.description ?? "?")")
            }
            let stored = try NDArray(dtype: encodedRepresentation.dataType, shape: encodedRepresentation.shape, bytes: vector.encoded)
            let decoded = try codec.decode(stored, to: vector.representation)
            XCTAssertEqual(decoded.shape, vector.shape, label)
            if bytes(of: decoded) != vector.decoded {
                failures.append("\(label): decoded \(decoded), numcodecs "
                    + "\((try? NDArray(dtype: vector.dataType, shape: vector.shape, bytes: vector.decoded))?.description ?? "?")")
            }
            // numcodecs' own id (a v2 filter) names the same codec, and the configuration reads back as written.
            let v2 = entry(String(vector.name.dropFirst("numcodecs.".count)), vector.codec["configuration"]?.objectValue ?? [:])
            XCTAssertEqual(try filter(v2).json, vector.codec, label)
            checked[vector.name, default: 0] += 1
        }
        XCTAssertEqual(failures, [], "\(failures.count) mismatches")
        XCTAssertEqual(Set(checked.keys), [
            "numcodecs.delta", "numcodecs.fixedscaleoffset", "numcodecs.quantize", "numcodecs.bitround",
            "numcodecs.packbits", "numcodecs.astype",
        ])
    }

    // MARK: Representations

    func testAnInputOfAnotherTypeIsRefusedNamingTheCodecAndBothTypes() throws {
        let cases: [(JSONValue, DataType, configured: String?)] = [
            (entry("numcodecs.delta", ["dtype": "<i2"]), .int32, "int16"),
            (entry("numcodecs.fixedscaleoffset", ["offset": 0, "scale": 1, "dtype": "<f8", "astype": "<u2"]), .float32, "float64"),
            (entry("numcodecs.quantize", ["digits": 2, "dtype": "<f4"]), .float64, "float32"),
            (entry("numcodecs.quantize", ["digits": 2]), .int16, nil),
            (entry("numcodecs.astype", ["encode_dtype": "<f4", "decode_dtype": "<f8"]), .int64, "float64"),
            (entry("numcodecs.bitround", ["keepbits": 3]), .int32, nil),
            (entry("numcodecs.bitround", ["keepbits": 30]), .float32, nil),
            (entry("numcodecs.packbits", [:]), .uint8, nil),
            (entry("numcodecs.delta", ["dtype": "<i2"]), .bool, "int16"),
        ]
        for (json, type, configured) in cases {
            let codec = try filter(json)
            let representation = ArrayRepresentation(shape: [4], dataType: type, fillValue: .zero(type))
            XCTAssertThrowsError(try codec.encodedRepresentation(of: representation)) { error in
                guard case ZarrError.codec(let details) = error else { return XCTFail("\(json): \(error)") }
                let message = details.message
                XCTAssertTrue(message.contains(codec.name) && message.contains(type.name), message)
                if let configured { XCTAssertTrue(message.contains(configured), message) }
            }
            XCTAssertThrowsError(try codec.encode(NDArray(dtype: type, shape: [4])), "\(json)")
            XCTAssertThrowsError(try CodecPipeline(codecs: [codec, BytesCodec()], chunk: representation), "\(json)")
        }
    }

    func testDecodingRefusesAChunkOfTheWrongTypeOrSize() throws {
        let representation = ArrayRepresentation(shape: [2, 3], dataType: .int32, fillValue: .zero(.int32))
        let codecs: [any ArrayToArrayCodec] = [
            try DeltaCodec(dtype: .int32, astype: .int16), try AsTypeCodec(encodeDataType: .int16, decodeDataType: .int32),
            try FixedScaleOffsetCodec(offset: 1, scale: 2, astype: .int16),
        ]
        for codec in codecs {
            XCTAssertEqual(try codec.encodedRepresentation(of: representation).dataType, .int16)
            XCTAssertNoThrow(try codec.decode(NDArray(dtype: .int16, shape: [2, 3]), to: representation))
            XCTAssertThrowsError(try codec.decode(NDArray(dtype: .int16, shape: [5]), to: representation), codec.name)
            XCTAssertThrowsError(try codec.decode(NDArray(dtype: .int32, shape: [2, 3]), to: representation), codec.name)
        }
    }

    func testPackBitsMakesOneDimensionalBytesAndChecksThePadding() throws {
        let codec = PackBitsCodec()
        for (shape, byteCount) in [([2, 5], 3), ([0], 1), ([8], 2), ([3, 3, 3], 5), ([1], 2)] {
            let representation = ArrayRepresentation(
                shape: shape, dataType: .bool, fillValue: try FillValue(json: true, dataType: .bool))
            let encoded = try codec.encodedRepresentation(of: representation)
            XCTAssertEqual(encoded, ArrayRepresentation(shape: [byteCount], dataType: .uint8, fillValue: .zero(.uint8)), "\(shape)")
        }
        let representation = ArrayRepresentation(shape: [10], dataType: .bool, fillValue: .zero(.bool))
        let flags = [true, false, true, true, true, true, true, true, false, true]
        let packed = try codec.encode(NDArray(flags))
        XCTAssertEqual(bytes(of: packed), Data([6, 0b1011_1111, 0b0100_0000]))
        XCTAssertEqual(try codec.decode(packed, to: representation).toArray(as: Bool.self), flags)
        var wrongPadding = packed
        try wrongPadding.withUnsafeMutableBytes { $0[0] = 5 }
        XCTAssertThrowsError(try codec.decode(wrongPadding, to: representation)) { error in
            XCTAssertTrue("\(error)".contains("padding"), "\(error)")
        }
        XCTAssertThrowsError(try codec.decode(NDArray([UInt8](repeating: 0, count: 4)), to: representation))
        XCTAssertThrowsError(try codec.decode(NDArray([Int8](repeating: 0, count: 3)), to: representation))
    }

    func testTheFillValueIsEncodedLikeTheElements() throws {
        let cases: [(JSONValue, DataType, fill: JSONValue, encoded: JSONValue)] = [
            (entry("numcodecs.fixedscaleoffset", ["offset": 1000, "scale": 10, "dtype": "<f8", "astype": "<u2"]), .float64, 1003.25, 32),
            (entry("numcodecs.delta", ["dtype": "<i4", "astype": "<i2"]), .int32, 70000, 4464),
            (entry("numcodecs.quantize", ["digits": 1, "dtype": "<f8"]), .float64, 0.33, 0.3125),
            (entry("numcodecs.bitround", ["keepbits": 0]), .float32, 1.75, 2.0),
            (entry("numcodecs.bitround", ["keepbits": 52]), .float64, "0x7ff8000000000001", "0x7ff8000000000001"),
            (entry("numcodecs.astype", ["encode_dtype": "<i2", "decode_dtype": "<f8"]), .float64, -3.7, -3),
            (entry("numcodecs.astype", ["encode_dtype": "<f2"]), .float32, "-Infinity", "-Infinity"),
            (entry("numcodecs.packbits", [:]), .bool, true, 0),
        ]
        for (json, type, fill, expected) in cases {
            let representation = ArrayRepresentation(shape: [3], dataType: type, fillValue: try FillValue(json: fill, dataType: type))
            let encoded = try filter(json).encodedRepresentation(of: representation)
            XCTAssertEqual(encoded.fillValue, try FillValue(json: expected, dataType: encoded.dataType), "\(json)")
        }
    }

    // MARK: Configurations

    func testBadConfigurationsAreRefusedNamingTheMember() throws {
        let cases: [(JSONValue, String)] = [
            (entry("numcodecs.quantize", ["digits": 500, "dtype": "<f8"]), "digits"),
            (entry("numcodecs.quantize", ["digits": -400]), "digits"),
            (entry("numcodecs.quantize", ["digits": "2"]), "digits"),
            (entry("numcodecs.quantize", ["dtype": "<f8"]), "digits"),
            (entry("numcodecs.quantize", ["digits": 2, "dtype": "<i2"]), "dtype"),
            (entry("numcodecs.quantize", ["digits": 2, "dtype": "<f8", "astype": "|u1"]), "astype"),
            (entry("numcodecs.bitround", ["keepbits": 53]), "keepbits"),
            (entry("numcodecs.bitround", ["keepbits": -1]), "keepbits"),
            (entry("numcodecs.bitround", ["keepbits": 2.5]), "keepbits"),
            (entry("numcodecs.bitround", [:]), "keepbits"),
            (entry("numcodecs.fixedscaleoffset", ["offset": 0, "scale": 0, "dtype": "<f8"]), "scale"),
            (entry("numcodecs.fixedscaleoffset", ["offset": 0, "scale": .double(.infinity)]), "scale"),
            (entry("numcodecs.fixedscaleoffset", ["offset": .double(.nan), "scale": 1]), "offset"),
            (entry("numcodecs.fixedscaleoffset", ["offset": "1", "scale": 1]), "offset"),
            (entry("numcodecs.fixedscaleoffset", ["scale": 1]), "offset"),
            (entry("numcodecs.fixedscaleoffset", ["offset": 1000, "scale": 2, "dtype": "|i1"]), "offset"),
            (entry("numcodecs.fixedscaleoffset", ["offset": 1, "scale": 300, "dtype": "|u1"]), "scale"),
            (entry("numcodecs.fixedscaleoffset", ["offset": 1, "scale": 2, "dtype": "<f8", "astype": "|b1"]), "astype"),
            (entry("numcodecs.delta", [:]), "dtype"),
            (entry("numcodecs.delta", ["dtype": "<U4"]), "dtype"),
            (entry("numcodecs.delta", ["dtype": "|b1"]), "dtype"),
            (entry("numcodecs.delta", ["dtype": "<c8"]), "dtype"),
            (entry("numcodecs.delta", ["dtype": 5]), "dtype"),
            (entry("numcodecs.delta", ["dtype": "<i4", "astype": "<M8[ns]"]), "astype"),
            (entry("numcodecs.delta", ["dtype": "<i4", "extra": 1]), "extra"),
            (entry("numcodecs.astype", ["decode_dtype": "<f8"]), "encode_dtype"),
            (entry("numcodecs.astype", ["encode_dtype": "<f8", "decode_dtype": "|V2"]), "decode_dtype"),
            (entry("numcodecs.packbits", ["x": 1]), "x"),
        ]
        for (json, member) in cases {
            XCTAssertThrowsError(try CodecRegistry.makeCodec(from: json)) { error in
                guard case ZarrError.invalidMetadata(let details) = error else { return XCTFail("\(json): \(error)") }
                let message = details.message
                XCTAssertTrue(message.contains(member) && message.contains(json["name"]?.stringValue ?? "?"), message)
            }
        }
        // The Swift initialisers refuse the same things as invalid arguments.
        let refusals: [() throws -> any Codec] = [
            { try BitRoundCodec(keepbits: 60) }, { try QuantizeCodec(digits: 1000) }, { try QuantizeCodec(digits: 2, dtype: .int8) },
            { try FixedScaleOffsetCodec(offset: 0, scale: 0) }, { try FixedScaleOffsetCodec(offset: 0, scale: .nan) },
            { try DeltaCodec(dtype: .bool) }, { try AsTypeCodec(encodeDataType: .complex64, decodeDataType: nil) },
        ]
        for make in refusals {
            XCTAssertThrowsError(try make()) { error in
                guard case ZarrError.invalidArgument = error else { return XCTFail("\(error)") }
            }
        }
    }

    func testSwiftValuesWriteNumcodecsConfigurations() throws {
        XCTAssertEqual(try DeltaCodec(dtype: .int16, astype: .int8).json,
                       entry("numcodecs.delta", ["dtype": "<i2", "astype": "|i1"]))
        XCTAssertEqual(try FixedScaleOffsetCodec(offset: 1000, scale: 10, dtype: .float64, astype: .uint16).json,
                       entry("numcodecs.fixedscaleoffset", ["offset": 1000.0, "scale": 10.0, "dtype": "<f8", "astype": "<u2"]))
        XCTAssertEqual(try QuantizeCodec(digits: 3).json, entry("numcodecs.quantize", ["digits": 3]))
        XCTAssertEqual(try BitRoundCodec(keepbits: 7).json, entry("numcodecs.bitround", ["keepbits": 7]))
        XCTAssertEqual(PackBitsCodec().json, entry("numcodecs.packbits", [:]))
        XCTAssertEqual(try AsTypeCodec(encodeDataType: .float32, decodeDataType: .float64).json,
                       entry("numcodecs.astype", ["decode_dtype": "<f8", "encode_dtype": "<f4"]))
        // Binding fills a missing decoded type in, as zarr-python does; given strings stay as written.
        let representation = ArrayRepresentation(shape: [4], dataType: .float32, fillValue: .zero(.float32))
        XCTAssertEqual(try QuantizeCodec(digits: 3).bound(to: representation).configuration["dtype"], "<f4")
        let named = try filter(entry("numcodecs.quantize", ["digits": 3, "dtype": "float32", "astype": ">f4"]))
        XCTAssertEqual(try CodecPipeline(codecs: [named, BytesCodec()], chunk: representation).codecs[0].configuration,
                       ["digits": 3, "dtype": "float32", "astype": ">f4"])
    }

    func testZstdAndGzipAnswerToNumcodecsNames() throws {
        let zstd = try CodecRegistry.makeCodec(from: entry("numcodecs.zstd", ["level": 3, "checksum": true]))
        XCTAssertEqual((zstd as? ZstdCodec)?.checksum, true)
        let gzip = try CodecRegistry.makeCodec(from: entry("numcodecs.gzip", ["level": 1]))
        XCTAssertEqual((gzip as? GzipCodec)?.level, 1)
        let data = Data((0..<500).map { UInt8($0 % 7) })
        for codec in [zstd, gzip] {
            let b2b = try XCTUnwrap(codec as? any BytesToBytesCodec)
            XCTAssertEqual(try b2b.decode(b2b.encode(data)), data)
        }
    }

    // MARK: Pipelines and arrays

    func testPipelinesWithFiltersRoundTrip() throws {
        let wave: [Double] = (0..<600).map { (i: Int) -> Double in
            let smooth: Double = 300 * sin(Double(i) / 20)
            return 1000 + smooth + Double(i % 7) / 10
        }
        func pipeline(_ type: DataType, _ shape: [Int], _ codecs: [JSONValue]) throws -> CodecPipeline {
            try CodecPipeline(json: .array(codecs), chunk: ArrayRepresentation(shape: shape, dataType: type, fillValue: .zero(type)))
        }
        let bytes: JSONValue = ["name": "bytes", "configuration": ["endian": "little"]]
        // Lossless: delta over integers, packbits.
        let integers = try NDArray(wave.map { (value: Double) -> Int32 in Int32(value * 10) }, shape: [20, 30])
        let delta = try pipeline(.int32, [20, 30], [
            entry("numcodecs.delta", ["dtype": "<i4"]), bytes, entry("numcodecs.zstd", ["level": 3, "checksum": false]),
        ])
        XCTAssertEqual(try delta.decode(delta.encode(integers)), integers)
        let flags = try NDArray((0..<77).map { (i: Int) -> Bool in i % 3 == 0 || i % 5 == 0 }, shape: [7, 11])
        let packbits = try pipeline(.bool, [7, 11], [entry("numcodecs.packbits", [:]), bytes])
        XCTAssertEqual(try packbits.encode(flags).count, 1 + 10)
        XCTAssertEqual(try packbits.decode(packbits.encode(flags)), flags)
        // Lossy: each within its step.
        let doubles = try NDArray(wave, shape: [600])
        let lossy: [([JSONValue], Double)] = [
            ([entry("numcodecs.fixedscaleoffset", ["offset": 600, "scale": 10, "dtype": "<f8", "astype": "<u2"]), bytes,
              ["name": "blosc", "configuration": ["cname": "zstd", "clevel": 5, "shuffle": "shuffle", "typesize": 2, "blocksize": 0]]], 0.05),
            ([entry("numcodecs.astype", ["encode_dtype": "<f4", "decode_dtype": "<f8"]), bytes, entry("numcodecs.gzip", ["level": 1])], 1e-4),
            ([entry("numcodecs.quantize", ["digits": 2, "dtype": "<f8"]), bytes, entry("numcodecs.zstd", ["level": 1])], 1.0 / 256),
            ([entry("numcodecs.bitround", ["keepbits": 9]), entry("numcodecs.delta", ["dtype": "<f8"]), bytes], 1300.0 / 1024),
        ]
        for (codecs, tolerance) in lossy {
            let chain = try pipeline(.float64, [600], codecs)
            let decoded = try chain.decode(chain.encode(doubles)).toArray(as: Double.self)
            let worst = zip(decoded, wave).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThanOrEqual(worst, tolerance, "\(codecs[0])")
        }
    }

    func testArraysWithFiltersReadBackBySlicing() throws {
        let store = MemoryStore()
        let values = (0..<600).map { Int16(truncatingIfNeeded: $0 * 37 % 1000 - 500) }
        let source = try NDArray(values, shape: [30, 20])
        let delta = try ZarrArray.create(
            store, "delta", shape: [30, 20], dtype: .int16, chunkShape: [8, 8], fillValue: 7,
            codecs: [try DeltaCodec(dtype: .int16), BytesCodec(), try ZstdCodec(level: 3)])
        try delta[...].set(source)
        let reopened = try XCTUnwrap(try openZarr(store, path: "delta") as? ZarrArray)
        XCTAssertEqual(try reopened[...].get(), source)
        XCTAssertEqual(try reopened[3..<17, 5].get().toArray(as: Int16.self), (3..<17).map { values[$0 * 20 + 5] })
        XCTAssertEqual(reopened.metadata["codecs"]?.arrayValue?.first, entry("numcodecs.delta", ["dtype": "<i2"]))

        // A partly written array of edge chunks: the missing parts read as the fill value.
        let scaled = try ZarrArray.create(
            store, "scaled", shape: [25], dtype: .float64, chunkShape: [10], fillValue: 1000.5,
            codecs: [try FixedScaleOffsetCodec(offset: 1000, scale: 10, astype: .uint16), BytesCodec()])
        try scaled[5..<15].set(NDArray((5..<15).map { 1000 + Double($0) * 0.26 }))
        let read = try XCTUnwrap(try openZarr(store, path: "scaled") as? ZarrArray)
        let expected = (0..<25).map { (5..<15).contains($0) ? 1000 + (Double($0) * 2.6).rounded(.toNearestOrEven) / 10 : 1000.5 }
        XCTAssertEqual(try read[...].get().toArray(as: Double.self), expected)
        XCTAssertEqual(read.metadata["codecs"]?.arrayValue?.first?["configuration"]?["dtype"], "<f8")

        let flags = try NDArray((0..<63).map { $0 % 4 == 1 }, shape: [7, 9])
        let packed = try ZarrArray.create(
            store, "flags", shape: [7, 9], dtype: .bool, chunkShape: [4, 4], codecs: [PackBitsCodec(), BytesCodec()])
        try packed[...].set(flags)
        XCTAssertEqual(try packed[2..<6, 1..<8].get().toArray(as: Bool.self),
                       (2..<6).flatMap { row in (1..<8).map { column in (row * 9 + column) % 4 == 1 } })
    }

    // MARK: Hostile chunks

    func testCorruptChunksDecodeOrThrowButNeverTrap() throws {
        let bytes: JSONValue = "bytes"
        let chains: [(DataType, [JSONValue])] = [
            (.int32, [entry("numcodecs.delta", ["dtype": "<i4", "astype": "<i2"]), bytes, entry("numcodecs.zstd", ["level": 1])]),
            (.uint64, [entry("numcodecs.delta", ["dtype": "<u8", "astype": "|i1"]), bytes]),
            (.float16, [entry("numcodecs.delta", ["dtype": "<f2", "astype": "<i8"]), bytes]),
            (.float64, [entry("numcodecs.fixedscaleoffset", ["offset": 0.5, "scale": 4, "dtype": "<f8", "astype": "|u1"]), bytes]),
            (.int16, [entry("numcodecs.fixedscaleoffset", ["offset": 3, "scale": 0.1, "dtype": "<i2", "astype": "<f2"]), bytes]),
            (.float16, [entry("numcodecs.quantize", ["digits": 2, "dtype": "<f2"]), bytes, entry("numcodecs.gzip", ["level": 1])]),
            (.float32, [entry("numcodecs.bitround", ["keepbits": 5]), bytes]),
            (.bool, [entry("numcodecs.packbits", [:]), bytes, entry("numcodecs.zstd", ["level": 1])]),
            (.int32, [entry("numcodecs.astype", ["encode_dtype": "<f4", "decode_dtype": "<i4"]), bytes]),
            (.uint8, [entry("numcodecs.astype", ["encode_dtype": "<f8"]), bytes]),
        ]
        var rng = SplitMix64(state: 99)
        for (index, (type, codecs)) in chains.enumerated() {
            let chunk = ArrayRepresentation(shape: [5, 7], dataType: type, fillValue: .zero(type))
            let pipeline = try CodecPipeline(json: .array(codecs), chunk: chunk)
            let samples: [Data] = try (0..<4).map { _ in
                let random = Data((0..<chunk.byteCount).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
                return try pipeline.encode(NDArray(dtype: type, shape: chunk.shape, bytes: random))
            }
            let thrown = hostileRounds(samples, rounds: 3000, seed: UInt64(index), limit: chunk.byteCount) { corrupted, _ in
                try pipeline.decode(corrupted).withUnsafeBytes { Data($0) }
            }
            XCTAssertGreaterThan(thrown, 0, "\(codecs[0])")
        }
    }
}
