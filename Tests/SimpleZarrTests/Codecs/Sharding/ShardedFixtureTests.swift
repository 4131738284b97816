import Foundation
import XCTest

@testable import SimpleZarr

/// Reads the `sharding_indexed` arrays that zarr-python (Fixtures/sharded-zarr-python, one v3
/// hierarchy) and tensorstore's "zarr3" driver (Fixtures/sharded-tensorstore, one array per folder)
/// wrote with Scripts/make_shard_fixtures.py, and compares them with Fixtures/manifest-sharded.json
/// and Fixtures/expected-sharded.
///
/// The chunk grid of a sharded array is its shard grid: `getChunk` reads one whole shard. The
/// shape, data type, fill value and every value are compared, through `arr[...].get()` (partial
/// decoding) and through `getChunk` for every shard of the grid (missing shards included).
final class ShardedFixtureTests: XCTestCase {
    private static let sharding = "sharding_indexed"

    private func entries(writer: String) throws -> [JSONObject] {
        let arrays = ZarrFixtures.Manifest(try ZarrFixtures.manifest("manifest-sharded.json")).arrays
        return arrays.filter { $0["writer"]?.stringValue == writer }
    }

    /// Opens the array of an entry in the store of its `root` folder.
    private func open(_ entry: JSONObject) throws -> ZarrNode {
        let root = try XCTUnwrap(entry["root"]?.stringValue)
        let path = try XCTUnwrap(entry["path"]?.stringValue)
        return try openZarr(LocalStore(ZarrFixtures.folder.appendingPathComponent(root).path), path: path)
    }

    /// Checks every array of one writer; returns (compared, refused).
    @discardableResult
    private func checkEvery(writer: String, atLeast count: Int) throws -> (compared: Int, refused: Int) {
        let entries = try entries(writer: writer)
        XCTAssertGreaterThanOrEqual(entries.count, count, writer)
        let byPath = Dictionary(entries.map { ($0["path"]?.stringValue ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let (compared, refused) = try ZarrFixtures.checkArrays(
            entries, opening: { path in try self.open(try XCTUnwrap(byPath[path])) },
            checkMetadata: checkShardedMetadata, checkValues: checkShardedValues)
        XCTAssertEqual(compared, entries.count, "\(writer): every sharded array is read")
        print("\(writer): compared \(compared) sharded arrays value by value; \(refused) need codecs not yet registered")
        return (compared, refused)
    }

    func testZarrPythonShardedArrays() throws {
        try checkEvery(writer: "zarr-python", atLeast: 35)
    }

    func testTensorstoreShardedArrays() throws {
        try checkEvery(writer: "tensorstore", atLeast: 12)
    }

    /// The matrix keeps the cases the codec must handle.
    func testMatrixHoldsTheShardingCases() throws {
        let all = try entries(writer: "zarr-python") + entries(writer: "tensorstore")
        let configurations = all.compactMap { shardingConfiguration($0["codecs"]) }
        for writer in ["zarr-python", "tensorstore"] {
            let mine = try entries(writer: writer).compactMap { shardingConfiguration($0["codecs"]) }
            XCTAssertTrue(mine.contains { $0["index_location"] == "start" }, writer)
            // "end" is the default; tensorstore leaves it out.
            XCTAssertTrue(mine.contains { ($0["index_location"] ?? "end") == "end" }, writer)
            XCTAssertTrue(mine.contains { $0["index_codecs"]?.arrayValue?.count == 1 }, writer)
            XCTAssertTrue(mine.contains { shardingConfiguration($0["codecs"]) != nil }, "\(writer): nested sharding")
        }
        XCTAssertEqual(configurations.count, all.count)
        // Spellings a reader must accept: no index_location, a bytes codec without configuration.
        XCTAssertTrue(configurations.contains { $0["index_location"] == nil })
        XCTAssertTrue(configurations.contains { ($0["codecs"]?.arrayValue ?? []).contains { $0 == ["name": "bytes"] } })
        XCTAssertTrue(all.contains { !($0["missing_shards"]?.arrayValue ?? []).isEmpty })
        XCTAssertTrue(all.contains { $0["fill_value"] == 7 })
        let shards = all.flatMap { ($0["shards"]?.arrayValue ?? []).compactMap(\.objectValue) }
        XCTAssertTrue(shards.contains { !($0["empty_inner_chunks"]?.arrayValue ?? []).isEmpty })
        XCTAssertTrue(all.contains { innerChunksPerShard($0) >= 64 }, "an array with 8x8 inner chunks per shard")
        XCTAssertEqual(Set(all.compactMap { $0["shape"]?.arrayValue?.count }), [1, 2, 3])
    }

    // MARK: Checks

    /// The v3 metadata of the entry, the zarr.json as stored, and the shard and inner chunk shapes.
    private func checkShardedMetadata(_ array: ZarrArray, _ entry: JSONObject) throws {
        try ZarrFixtures.checkV3Metadata(array, entry)
        XCTAssertEqual(array.metadata, try XCTUnwrap(entry["zarr_json"]?.objectValue), array.path)
        XCTAssertEqual(.array(array.chunkShape.map { .int(Int64($0)) }), entry["shard_shape"], array.path)
        let configuration = try XCTUnwrap(shardingConfiguration(array.metadata["codecs"]), array.path)
        XCTAssertEqual(configuration["chunk_shape"], entry["inner_chunk_shape"], array.path)
    }

    /// Every value through every shard of the grid and through `arr[...].get()`; the stored shards
    /// are those of the manifest.
    private func checkShardedValues(_ array: ZarrArray, _ entry: JSONObject) throws {
        try ZarrFixtures.checkValues(array, entry, missingKey: "missing_shards")
        try ZarrFixtures.checkWholeArray(array, entry)
        let readable = try XCTUnwrap(array.store as? any ReadableStore)
        for shard in (entry["shards"]?.arrayValue ?? []).compactMap(\.objectValue) {
            let key = NodePath.join(array.path, try XCTUnwrap(shard["key"]?.stringValue))
            XCTAssertEqual(try readable.get(key).count, shard["bytes"]?.intValue, key)
        }
    }

    /// The configuration of the first sharding codec in a codec list.
    private func shardingConfiguration(_ codecs: JSONValue?) -> JSONObject? {
        (codecs?.arrayValue ?? []).lazy.compactMap(\.objectValue)
            .first { $0["name"] == .string(Self.sharding) }?["configuration"]?.objectValue
    }

    private func innerChunksPerShard(_ entry: JSONObject) -> Int {
        let shard = (entry["shard_shape"]?.arrayValue ?? []).compactMap(\.intValue)
        let inner = (entry["inner_chunk_shape"]?.arrayValue ?? []).compactMap(\.intValue)
        return zip(shard, inner).reduce(1) { $0 * ($1.0 / max($1.1, 1)) }
    }
}
