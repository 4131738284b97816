import Foundation
import XCTest

@testable import SimpleZarr

/// The pipeline picks its fast paths from what codecs declare, so a user's codec that declares
/// the same capabilities as a built-in one gets the same treatment; binding and aliases work
/// for user codecs too.
final class CodecCapabilityTests: XCTestCase {
    /// Native-order raw bytes, like `bytes` on a little-endian machine, optionally declaring it.
    struct RawBytesCodec: ArrayToBytesCodec {
        static let name = "test.raw"
        let declaresLayout: Bool
        init(declaresLayout: Bool) { self.declaresLayout = declaresLayout }
        init(configuration: JSONObject) throws { declaresLayout = configuration["declares"]?.boolValue ?? false }
        var configuration: JSONObject { ["declares": .bool(declaresLayout)] }
        func validate(_ decoded: ArrayRepresentation) throws {}
        func encode(_ array: NDArray) throws -> Data { array.withUnsafeBytes { Data($0) } }
        func decode(_ bytes: Data, to decoded: ArrayRepresentation) throws -> NDArray {
            try NDArray(dtype: decoded.dataType, shape: decoded.shape, bytes: bytes)
        }
        func encodedByteCount(of decoded: ArrayRepresentation) -> Int? { declaresLayout ? decoded.byteCount : nil }
        func keepsMemoryLayout(of decoded: ArrayRepresentation) -> Bool { declaresLayout }
    }

    /// A bytes -> bytes codec that records the item size it was bound to and the decoded
    /// size the pipeline announced to it.
    struct ItemSizeCodec: BytesToBytesCodec {
        static let name = "test.itemsize"
        static let aliases = ["test.itemsize-alias"]
        var itemSize: Int?
        init(configuration: JSONObject) throws { itemSize = configuration["itemsize"]?.intValue }
        var configuration: JSONObject { itemSize.map { ["itemsize": JSONValue($0)] } ?? [:] }
        func bound(to representation: ArrayRepresentation) throws -> ItemSizeCodec {
            var copy = self
            copy.itemSize = copy.itemSize ?? representation.dataType.itemSize
            return copy
        }
        func encode(_ bytes: Data) throws -> Data { bytes }
        func decode(_ bytes: Data) throws -> Data { bytes }
    }

    private let chunk = ArrayRepresentation(shape: [3, 4], dataType: .uint16, fillValue: try! FillValue(json: 0, dataType: .uint16))

    func testDeclaredMemoryLayoutEnablesTheDirectCopyPath() throws {
        let declaring = try CodecPipeline(codecs: [RawBytesCodec(declaresLayout: true)], chunk: chunk)
        XCTAssertTrue(declaring.yieldsNativeElementBytes)
        XCTAssertEqual(declaring.bytesToBytesDecodedSizes, [])
        let silent = try CodecPipeline(codecs: [RawBytesCodec(declaresLayout: false)], chunk: chunk)
        XCTAssertFalse(silent.yieldsNativeElementBytes)
        // A built-in `bytes` codec declares it for the machine's own byte order only.
        XCTAssertTrue(try CodecPipeline(codecs: [BytesCodec(endian: .little)], chunk: chunk).yieldsNativeElementBytes)
        XCTAssertFalse(try CodecPipeline(codecs: [BytesCodec(endian: .big)], chunk: chunk).yieldsNativeElementBytes)
    }

    func testDeclaredEncodedSizeReachesTheBytesToBytesCodecs() throws {
        let sized = try CodecPipeline(
            codecs: [RawBytesCodec(declaresLayout: true), Crc32cCodec(), try GzipCodec()], chunk: chunk)
        XCTAssertEqual(sized.bytesToBytesDecodedSizes, [24, 28])
        let unsized = try CodecPipeline(codecs: [RawBytesCodec(declaresLayout: false), Crc32cCodec()], chunk: chunk)
        XCTAssertEqual(unsized.bytesToBytesDecodedSizes, [nil])
    }

    func testCodecsAreBoundToTheArrayTheyServe() throws {
        let pipeline = try CodecPipeline(
            codecs: [BytesCodec(), try ItemSizeCodec(configuration: [:]), try ItemSizeCodec(configuration: ["itemsize": 8])],
            chunk: chunk)
        let bound = pipeline.codecs.compactMap { $0 as? ItemSizeCodec }.map(\.itemSize)
        XCTAssertEqual(bound, [2, 8], "a missing item size comes from the data type; a given one stays")
        // `create` writes the codecs as bound, so the document says what the writer used.
        try registerCodec(ItemSizeCodec.self)
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "a", shape: [6], dtype: .float32, codecs: [BytesCodec(), try ItemSizeCodec(configuration: [:])])
        let written = try JSONValue.parse(try store.get("a/zarr.json"))
        XCTAssertEqual(written["codecs"]?.arrayValue?.last?["configuration"]?["itemsize"], 4)
        XCTAssertEqual(array.metadata["codecs"], written["codecs"])
    }

    func testAliasesOpenTheSameCodecType() throws {
        try registerCodec(ItemSizeCodec.self)
        let codec = try CodecRegistry.makeCodec(from: ["name": "test.itemsize-alias", "configuration": ["itemsize": 3]])
        XCTAssertEqual((codec as? ItemSizeCodec)?.itemSize, 3)
        // Written back under its main name.
        XCTAssertEqual(codec.json["name"], "test.itemsize")
    }

    /// zarr-python cannot open a `numcodecs.*` entry without a `configuration` member, so one
    /// is written even when empty; other codecs leave an empty one out, as zarr-python does.
    func testNumcodecsEntriesAlwaysCarryAConfiguration() throws {
        XCTAssertEqual(Crc32Codec().json, ["name": "numcodecs.crc32", "configuration": [:]])
        XCTAssertEqual(Fletcher32Codec().json, ["name": "numcodecs.fletcher32", "configuration": [:]])
        XCTAssertEqual(Crc32cCodec().json, ["name": "crc32c"])
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [4], dtype: .uint32, codecs: [BytesCodec(), Adler32Codec()])
        XCTAssertEqual(array.metadata["codecs"]?.arrayValue?.last, ["name": "numcodecs.adler32", "configuration": [:]])
    }
}
