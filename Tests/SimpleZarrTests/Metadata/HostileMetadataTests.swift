import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import SimpleZarr

/// Small `zarr.json` documents that trapped, hung or exhausted memory before issue 8 was fixed
/// (raw types of 2^33 bits, shapes of `Int.max` with chunks of 2, `[2^62]` float64, `Int.max`
/// chunks with crc32c, fill-value chunks of gigabytes, zero-size arrays next to huge axes).
/// The documents live in Fixtures/hostile-metadata/ (written by Scripts/make_hostile_metadata.py,
/// also a fuzzing seed corpus) with what opening each must do in its manifest.json.
final class HostileMetadataTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hostile-metadata")

    /// Opens the document, touches every property, reads chunk 0 and a tiny region, writes that
    /// region; returns how opening went ("opens" or the error).
    static func exercise(_ document: Data) throws -> Result<Void, any Error> {
        let store = MemoryStore()
        try store.set("zarr.json", document)
        let node: ZarrNode
        do {
            node = try openZarr(store)
        } catch {
            return .failure(error)
        }
        guard let array = node as? ZarrArray else { return .success(()) }
        _ = (array.dtype, array.ndim, array.shape, array.size, array.nbytes, array.chunkGridShape)
        _ = (array.chunkShape, array.chunkSize, array.chunkNbytes, array.fillValue, array.dimensionNames)
        _ = (array.chunkKeyEncoding, array.description, array.oneLineDescription, array.arrayMetadata.chunkCount)
        _ = try? array.codecPipeline()
        _ = try? array.getChunk(Array(repeating: 0, count: array.ndim))
        _ = try? array.getChunkNow(Array(repeating: 0, count: array.ndim), noneIfMissing: true)
        let tiny = array.shape.map { AxisSelection.slice(start: 0, stop: min($0, 1), step: 1) }
        if let region = try? array.select(tiny) {
            _ = region.description
            let value = try? region.get()
            if let value { _ = try? region.set(value) }
            _ = try? region.set(0)
        }
        _ = array[...].shape
        if array.size == 0 {
            // Before the fix, a whole read of [2^62, 0] split the first axis into 2^62 pieces.
            _ = try? array[...].get()
            _ = try? array[...].set(0)
        }
        _ = try? array.chunks.select(Array(repeating: AxisSelection.slice(start: -1, stop: nil, step: 1), count: array.ndim)).shape
        return .success(())
    }

    func testEveryHostileDocumentOpensOrThrowsQuicklyAndInLittleMemory() throws {
        let manifest = try JSONValue.parse(Data(contentsOf: Self.corpus.appendingPathComponent("manifest.json")))
        let cases = try XCTUnwrap(manifest.objectValue)
        XCTAssertGreaterThan(cases.count, 80)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { $0.hasSuffix(".json") && $0 != "manifest.json" }
        XCTAssertEqual(Set(files.map { String($0.dropLast(5)) }), Set(cases.keys), "manifest and files disagree")

        // Chunk buffers stay small whatever the documents say.
        let savedLimit = ZarrLimits.maximumChunkByteCount
        ZarrLimits.maximumChunkByteCount = 64 << 20
        defer { ZarrLimits.maximumChunkByteCount = savedLimit }
        let peakBefore = Self.peakResidentBytes()
        // On a pool thread: its stack must take the parser's deepest nesting too. A case
        // that hangs fails its timeout instead of stopping the suite.
        let executor = ThreadPoolExecutor(maxWorkers: 2)
        defer { executor.shutdown(wait: false) }
        for (name, expectation) in cases {
            let expected = try XCTUnwrap(expectation.stringValue, name)
            let document = try Data(contentsOf: Self.corpus.appendingPathComponent("\(name).json"))
            let started = Date()
            let outcome: Result<Void, any Error>
            do {
                outcome = try executor.submit { try Self.exercise(document) }.result(timeout: 60)
            } catch {
                XCTFail("\(name): did not finish: \(error)")
                continue
            }
            let seconds = Date().timeIntervalSince(started)
            XCTAssertLessThan(seconds, 20, "\(name) took \(seconds) s")
            switch (outcome, expected) {
            case (.success, "opens"):
                break
            case (.success, _):
                XCTFail("\(name): opened, expected \(expected)")
            case (.failure(let error), "opens"):
                XCTFail("\(name): expected to open, got \(error)")
            case (.failure(let error), _):
                guard let zarrError = error as? ZarrError else {
                    XCTFail("\(name): expected a ZarrError, got \(error)")
                    continue
                }
                if expected.hasPrefix("error:") {
                    let field = String(expected.dropFirst("error:".count))
                    XCTAssertTrue(zarrError.message.contains(field), "\(name): '\(field)' not named in: \(zarrError)")
                    switch zarrError {
                    case .invalidMetadata, .unsupported: break
                    default: XCTFail("\(name): expected invalidMetadata or unsupported, got \(zarrError)")
                    }
                }
            }
        }
        let grown = Self.peakResidentBytes() - peakBefore
        XCTAssertLessThan(grown, 1 << 30, "the corpus raised the peak resident size by \(grown) bytes")
    }

    // MARK: Zarr v2 documents

    /// Each case of Fixtures/hostile-metadata/v2 stored under its key (with the documents its
    /// manifest puts beside it) must make `openZarr` throw a `ZarrError` whose message contains
    /// every one of the case's `names`: the member and the bad value.
    func testHostileV2DocumentsAreRefusedNamingTheMemberAndValue() throws {
        let folder = Self.corpus.appendingPathComponent("v2")
        let manifest = try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        let cases = try XCTUnwrap(manifest.objectValue)
        XCTAssertGreaterThanOrEqual(cases.count, 20)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && $0 != "manifest.json" }
        XCTAssertEqual(Set(files.map { String($0.dropLast(5)) }), Set(cases.keys), "v2 manifest and files disagree")
        for (name, entry) in cases {
            let key = try XCTUnwrap(entry["key"]?.stringValue, name)
            let store = MemoryStore()
            for (besideKey, document) in entry["beside"]?.objectValue ?? [:] {
                try store.set(besideKey, Data(document.prettyPrinted().utf8))
            }
            try store.set(key, Data(contentsOf: folder.appendingPathComponent("\(name).json")))
            let names = (entry["names"]?.arrayValue ?? []).compactMap(\.stringValue)
            XCTAssertFalse(names.isEmpty, name)
            do {
                let node = try openZarr(store)
                XCTFail("\(name): opened as \(node.oneLineDescription), expected an error naming \(names)")
            } catch let error as ZarrError {
                for expected in names {
                    XCTAssertTrue(error.message.contains(expected), "\(name): '\(expected)' not named in: \(error)")
                }
            } catch {
                XCTFail("\(name): expected a ZarrError naming \(names), got \(error)")
            }
        }
    }

    /// The process's peak resident set size (Linux reports kilobytes, Darwin bytes).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if os(Linux)
        return Int(usage.ru_maxrss) * 1024
        #else
        return Int(usage.ru_maxrss)
        #endif
    }

    // MARK: Sizes computed once, at parse time

    func array(shape: [Int], chunks: [Int], dtype: String = "uint8", fill: JSONValue = 0, codecs: [JSONValue]? = nil) throws -> ZarrArray {
        let codecList = codecs ?? [BytesCodec().json]
        let metadata: JSONObject = [
            "zarr_format": 3, "node_type": "array", "shape": JSONValue(shape), "data_type": .string(dtype),
            "chunk_grid": ["name": "regular", "configuration": ["chunk_shape": JSONValue(chunks)]],
            "fill_value": fill, "codecs": .array(codecList),
        ]
        return try ZarrArray(store: MemoryStore(), path: "", metadata: metadata)
    }

    func testHugeSparseArraysHaveExactChunkSizesAndSaturatedTotals() throws {
        let twos = try array(shape: [Int.max], chunks: [2])
        XCTAssertEqual(twos.chunkGridShape, [1 << 62])
        XCTAssertEqual(twos.size, Int.max)
        XCTAssertEqual(twos.nbytes, Int.max)
        XCTAssertEqual(twos.chunkSize, 2)
        XCTAssertEqual(twos.chunkNbytes, 2)
        XCTAssertEqual(try twos.chunkKey([(1 << 62) - 1]), "c/\((1 << 62) - 1)")

        let floats = try array(shape: [1 << 62], chunks: [1], dtype: "float64")
        XCTAssertEqual(floats.size, 1 << 62)
        XCTAssertEqual(floats.nbytes, Int.max)  // 2^65 bytes does not fit
        XCTAssertEqual(floats.arrayMetadata.chunkCount, 1 << 62)

        let square = try array(shape: [Int.max, Int.max], chunks: [1, 1], dtype: "complex128", fill: [0, 0])
        XCTAssertEqual(square.size, Int.max)
        XCTAssertEqual(square.arrayMetadata.chunkCount, Int.max)
        XCTAssertEqual(square.chunkGridShape, [Int.max, Int.max])

        let edge = try array(shape: [Int.max], chunks: [Int.max - 1])
        XCTAssertEqual(edge.chunkGridShape, [2])
        XCTAssertEqual(edge.chunkNbytes, Int.max - 1)

        let exact = try array(shape: [10, 7], chunks: [4, 3], dtype: "int32")
        XCTAssertEqual(exact.chunkGridShape, [3, 3])
        XCTAssertEqual(exact.size, 70)
        XCTAssertEqual(exact.nbytes, 280)
        XCTAssertEqual(exact.chunkSize, 12)
        XCTAssertEqual(exact.chunkNbytes, 48)
        XCTAssertEqual(exact.arrayMetadata.chunkCount, 9)
    }

    func testZeroSizeArraysNextToHugeAxesHaveNoElements() throws {
        for shape in [[0], [0, Int.max], [Int.max, Int.max, 0], [1 << 62, 0, 1 << 62]] {
            let zero = try array(shape: shape, chunks: shape.map { _ in 1 }, dtype: "float64")
            XCTAssertEqual(zero.size, 0, "\(shape)")
            XCTAssertEqual(zero.nbytes, 0, "\(shape)")
            XCTAssertEqual(zero.arrayMetadata.chunkCount, 0, "\(shape)")
            XCTAssertEqual(try zero[...].get().shape, shape, "\(shape)")
        }
        XCTAssertEqual(try NDArray(dtype: .float64, shape: [Int.max, Int.max, 0]).count, 0)
        XCTAssertEqual(try NDArray(dtype: .float64, shape: [0, 1 << 62, 1 << 62]).nbytes, 0)
    }

    func testChunkSizesThatOverflowAreRefusedNamingTheField() throws {
        func message(_ body: () throws -> Any) -> String {
            do {
                _ = try body()
                return "no error"
            } catch let error as ZarrError {
                guard case .invalidMetadata(let details) = error else { return "wrong kind: \(error)" }
                let text = details.message
                return text
            } catch {
                return "\(error)"
            }
        }
        XCTAssertTrue(message { try self.array(shape: [4], chunks: [1 << 62], dtype: "float64") }.contains("chunk_shape"))
        XCTAssertTrue(message { try self.array(shape: [4, 4], chunks: [1 << 32, 1 << 31]) }.contains("chunk_shape"))
        XCTAssertTrue(message { try self.array(shape: [2], chunks: [2], dtype: "r8589934592", fill: nil) }.contains("data_type"))
        XCTAssertTrue(message { try self.array(shape: [2], chunks: [2], dtype: "r16", fill: [1]) }.contains("fill_value"))
        XCTAssertTrue(message { try self.array(shape: [2], chunks: [2], codecs: []) }.contains("codecs"))
        // Creating such an array is the caller's bad argument.
        XCTAssertThrowsError(try ZarrArray.create(MemoryStore(), "a", shape: [4], dtype: .float64, chunkShape: [1 << 62])) {
            guard case ZarrError.invalidArgument(let details) = $0 else { return XCTFail("\($0)") }
            let text = details.message
            XCTAssertTrue(text.hasPrefix("ZarrArray.create(): "), text)
        }
        // The codec chain's sizes: a checksum after a chunk of Int.max bytes does not fit.
        let checked = try array(shape: [Int.max], chunks: [Int.max], codecs: [BytesCodec().json, Crc32cCodec().json])
        XCTAssertTrue(message { try checked.codecPipeline() }.contains("codecs: codec 'crc32c'"))
    }

    func testRawTypesAreCappedAtSixtyFourKibibytes() throws {
        XCTAssertEqual(DataType.maximumRawBits, 524_288)
        XCTAssertEqual(try DataType(zarrName: "r524288").itemSize, 65_536)
        XCTAssertThrowsError(try DataType(zarrName: "r524296"))
        XCTAssertThrowsError(try DataType(zarrName: "r8589934592"))
        XCTAssertThrowsError(try DataType(zarrName: "r" + String(repeating: "9", count: 40)))
        XCTAssertThrowsError(try DataType(zarrName: "r-8"))
        XCTAssertThrowsError(try DataType(zarrName: "r+8"))
        XCTAssertEqual(try DataType(zarrName: "r0008"), .raw(bits: 8))
        let widest = try array(shape: [3], chunks: [2], dtype: "r524288", fill: nil)
        XCTAssertEqual(try widest[...].get().nbytes, 3 * 65_536)
    }

    func testDimensionCountIsCappedAtNumpysLimit() throws {
        let widest = try array(shape: Array(repeating: 2, count: 64), chunks: Array(repeating: 1, count: 64))
        XCTAssertEqual(widest.size, Int.max)
        let corner = try widest.select(Array(repeating: .index(-1), count: 64))
        XCTAssertEqual(try corner.get().toArray(as: UInt8.self), [0])
        let ones = try array(shape: Array(repeating: 1, count: 64), chunks: Array(repeating: 1, count: 64))
        try ones[...].set(7)
        XCTAssertEqual(try ones.getChunk(Array(repeating: 0, count: 64)).toArray(as: UInt8.self), [7])
        // 10,000 dimensions (a 40 KB document) once took 14 s for one small read under the fuzzer.
        for count in [65, 10_000] {
            XCTAssertThrowsError(try array(shape: Array(repeating: 1, count: count), chunks: Array(repeating: 1, count: count))) { error in
                guard case ZarrError.invalidMetadata(let details) = error else { return XCTFail("expected invalidMetadata, got \(error)") }
                let message = details.message
                XCTAssertTrue(message.contains("at most 64"), message)
            }
        }
        XCTAssertThrowsError(try ZarrArray.create(MemoryStore(), "a", shape: Array(repeating: 1, count: 65), dtype: .uint8))
    }

    func testHostileCodecConfigurationsThrow() throws {
        func pipelineError(_ codecs: [JSONValue], shape: [Int] = [2, 2]) -> (any Error)? {
            do {
                _ = try array(shape: shape, chunks: shape, codecs: codecs).codecPipeline()
                return nil
            } catch {
                return error
            }
        }
        let bytes = BytesCodec().json
        func transpose(_ order: JSONValue) -> JSONValue { ["name": "transpose", "configuration": ["order": order]] }
        for order: JSONValue in [[0, 5], [0, 0], [-1, 0], [.int(Int64.max), 0], JSONValue(Array(0..<10_000)), [0.5, 1], ["0", "1"], [], "X", 3] {
            XCTAssertNotNil(pipelineError([transpose(order), bytes]), "transpose order \(order)")
        }
        XCTAssertNil(pipelineError([transpose([1, 0]), bytes]))
        for level: JSONValue in [10, -1, 99, 1e300, .int(Int64.max), .int(Int64.min), "5", .null, [1]] {
            XCTAssertNotNil(pipelineError([bytes, ["name": "gzip", "configuration": ["level": level]]]), "gzip level \(level)")
        }
        for level: JSONValue in [23, -131_073, .int(Int64.max), .int(Int64.min), 1.5, "3"] {
            XCTAssertNotNil(pipelineError([bytes, ["name": "zstd", "configuration": ["level": level]]]), "zstd level \(level)")
        }
        XCTAssertNotNil(pipelineError([bytes, ["name": "zstd", "configuration": ["level": 1, "checksum": 2]]]))
        XCTAssertNotNil(pipelineError([["name": "bytes", "configuration": ["endian": 1]]], shape: [2]))
        XCTAssertNotNil(pipelineError([7]))
        XCTAssertNotNil(pipelineError([["name": "crc32c"]]))
        XCTAssertNotNil(pipelineError([bytes, ["name": "bytes"]]))
        XCTAssertEqual(Crc32cCodec().encodedSize(ofDecodedSize: Int.max - 3), nil)
        XCTAssertEqual(Crc32cCodec().encodedSize(ofDecodedSize: Int.max - 4), Int.max)
        let huge = ArrayRepresentation(shape: [Int.max, 2], dataType: .uint8, fillValue: .zero(.uint8))
        XCTAssertEqual(huge.elementCount, Int.max)
        XCTAssertEqual(huge.byteCount, Int.max)
    }

    func testContextNeverChangesAnErrorsKind() throws {
        XCTAssertEqual(ZarrError.limitExceeded("x").prefixed("chunk 'a'"), .limitExceeded("chunk 'a': x"))
        XCTAssertEqual(ZarrError.invalidMetadata("x").prefixed("k"), .invalidMetadata("k: x"))
        XCTAssertEqual(ZarrError.codec("x").prefixed("k"), .codec("k: x"))
        XCTAssertEqual(ZarrError.indexOutOfRange("x").prefixed("k"), .indexOutOfRange("k: x"))
    }
}
