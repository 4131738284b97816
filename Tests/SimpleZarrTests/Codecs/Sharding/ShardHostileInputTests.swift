import Foundation
import XCTest

@testable import SimpleZarr

/// Reads the hand-corrupted shards of Fixtures/hostile-shards (Scripts/make_hostile_shards.py):
/// index offsets past the end, overlapping ranges, an offset or nbytes of 2^64-1 alone, a sum that
/// overflows, a failing index crc32c, a shard shorter than its index, an index one entry short, a
/// 0-byte shard, a truncated inner chunk, with the index at the end and at the start.
///
/// Reading each corrupted shard (with `getChunk` and with a region read, which decodes partially)
/// must throw an error naming the shard's key, never trap or return values; the valid arrays and
/// every untouched shard read as written; the control shard (every entry empty) reads as fill.
final class ShardHostileInputTests: XCTestCase {
    private let folder = ZarrFixtures.folder.appendingPathComponent("hostile-shards")

    private var cases: JSONObject {
        get throws { try XCTUnwrap(try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent("cases.json"))).objectValue) }
    }

    private func open(_ path: String) throws -> ZarrArray {
        try XCTUnwrap(try openZarr(LocalStore(folder.path), path: path) as? ZarrArray, path)
    }

    func testCorruptedShardsThrowNamingTheirKey() throws {
        let entries = (try cases["cases"]?.arrayValue ?? []).compactMap(\.objectValue)
        XCTAssertGreaterThanOrEqual(entries.count, 24)
        for entry in entries {
            let array = try open(try XCTUnwrap(entry["array"]?.stringValue))
            let shard = (entry["shard"]?.arrayValue ?? []).compactMap(\.intValue)
            let key = try XCTUnwrap(entry["key"]?.stringValue)
            XCTAssertEqual(try array.chunkKey(shard), key)
            let name = "\(key) (\(entry["case"]?.stringValue ?? "?"))"
            let region = try array.chunks[shard[0], shard[1]]
            switch entry["expect"]?.stringValue {
            case "error":
                XCTAssertThrowsError(try array.getChunk(shard), name) { error in
                    XCTAssertTrue("\(error)".contains(key), "\(name): the key is not named in \(error)")
                }
                XCTAssertThrowsError(try region.get(), name) { error in
                    XCTAssertTrue("\(error)".contains(key), "\(name): the key is not named in \(error)")
                }
            case "fill":
                let filled = try NDArray(dtype: array.dtype, shape: array.chunkShape, fillValue: array.fillValue)
                XCTAssertEqual(try array.getChunk(shard), filled, name)
            default:
                XCTFail("\(name): unknown expectation \(entry["expect"] ?? .null)")
            }
        }
    }

    /// The valid arrays, and every shard of the corrupted ones that no case touched, read as written.
    func testValidShardsReadAsWritten() throws {
        let manifest = try cases
        let expected = try [UInt8](Data(contentsOf: folder.appendingPathComponent(
            try XCTUnwrap(manifest["expected"]?.stringValue))))
        let entries = (manifest["cases"]?.arrayValue ?? []).compactMap(\.objectValue)
        let valid = (manifest["valid"]?.arrayValue ?? []).compactMap(\.stringValue)
        for path in valid {
            let whole = try open(path)[...].get()
            XCTAssertEqual(whole.withUnsafeBytes { [UInt8]($0) }, expected, path)
        }
        let pairs = Set(entries.compactMap { entry in
            entry["array"]?.stringValue.flatMap { corrupt in entry["valid_array"]?.stringValue.map { [corrupt, $0] } }
        })
        XCTAssertEqual(pairs.count, valid.count)
        for pair in pairs {
            let (corruptPath, validPath) = (pair[0], pair[1])
            let good = try open(validPath)
            let corrupt = try open(corruptPath)
            let touched = Set(entries.filter { $0["array"]?.stringValue == corruptPath }
                .map { ($0["shard"]?.arrayValue ?? []).compactMap(\.intValue) })
            for shard in allIndices(corrupt.chunkGridShape) where !touched.contains(shard) {
                XCTAssertEqual(try corrupt.getChunk(shard), try good.getChunk(shard), "\(corruptPath) \(shard)")
            }
        }
    }
}
