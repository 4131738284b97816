import Foundation
import XCTest
@testable import SimpleZarr

/// When SHARDED_INTEROP_DIR is set, writes sharded arrays there with this library (zarr-python's
/// `shards=`/`chunks=` spelling and explicit `sharding_indexed` configurations: index at start
/// and end, with and without crc32c, several inner codecs, nested sharding, edge shards, inner
/// chunks and shards holding only the fill value, shards rewritten by partial region writes),
/// plus each array's values, and consolidates the hierarchy (v3 inline form), for
/// Scripts/check_hierarchy_interop.py to read with zarr-python.
final class ShardedInteropExportTests: XCTestCase {
    func testExportShardedArraysForZarrPython() throws {
        guard let path = ProcessInfo.processInfo.environment["SHARDED_INTEROP_DIR"] else {
            throw XCTSkip("set SHARDED_INTEROP_DIR to export sharded arrays for Scripts/check_hierarchy_interop.py")
        }
        let root = URL(fileURLWithPath: path)
        let storeURL = root.appendingPathComponent("sharded.zarr")
        try FileManager.default.createDirectory(at: storeURL, withIntermediateDirectories: true)
        let store = LocalStore(storeURL.path)
        try ZarrGroup.create(store, attributes: ["written_by": "SimpleZarr"])
        for group in ["types", "variants", "shapes"] { try ZarrGroup.create(store, group) }
        let manifest = InteropExportManifest(root: root)

        /// Fills the array with values, then blanks a block (fill-only inner chunks and, for larger
        /// arrays, whole shards) and rewrites a small region (a partial shard write).
        func populate(_ array: ZarrArray) throws {
            let count = array.shape.reduce(1, *)
            try array[...].set(try NDArray(dtype: array.dtype, shape: array.shape,
                                           bytes: manifest.randomElements(array.dtype, count: count)))
            let blank = array.shape.map { 0..<min($0, 9) }
            try array.select(blank.map(\.axisSelection)).set(
                try NDArray(dtype: array.dtype, shape: blank.map(\.count), fillValue: array.fillValue))
            let region = array.shape.map { ($0 / 2)..<min($0, $0 / 2 + 3) }
            try array.select(region.map(\.axisSelection)).set(try NDArray(
                dtype: array.dtype, shape: region.map(\.count),
                bytes: manifest.randomElements(array.dtype, count: region.map(\.count).reduce(1, *))))
            try manifest.record(array)
        }

        let zstd: JSONValue = ["name": "zstd", "configuration": ["level": 3, "checksum": false]]
        let bytes: JSONValue = ["name": "bytes", "configuration": ["endian": "little"]]
        for dtype: DataType in [.uint8, .int16, .float32, .float64, .complex64, .bool] {
            try populate(ZarrArray.create(
                store, "types/\(dtype)", shape: [20, 13], dtype: dtype, chunkShape: [4, 4], shardShape: [8, 8]))
        }
        func sharding(_ configuration: JSONObject) -> [JSONValue] { [["name": "sharding_indexed", "configuration": .object(configuration)]] }
        let variants: [(String, [JSONValue])] = [
            ("index_start", sharding(["chunk_shape": [4, 4], "codecs": [bytes, zstd], "index_location": "start",
                                      "index_codecs": [bytes, ["name": "crc32c"]]])),
            ("index_no_crc", sharding(["chunk_shape": [4, 4], "codecs": [bytes, zstd], "index_codecs": [bytes]])),
            ("inner_gzip", sharding(["chunk_shape": [4, 4], "codecs": [bytes, ["name": "gzip", "configuration": ["level": 5]]],
                                     "index_codecs": [bytes, ["name": "crc32c"]]])),
            ("inner_transpose", sharding(["chunk_shape": [4, 2], "codecs": [["name": "transpose", "configuration": ["order": [1, 0]]], bytes, zstd],
                                          "index_codecs": [bytes, ["name": "crc32c"]]])),
            ("inner_blosc", sharding(["chunk_shape": [8, 4], "codecs": [bytes, ["name": "blosc", "configuration": ["cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 2, "blocksize": 0]]],
                                      "index_codecs": [bytes, ["name": "crc32c"]]])),
            ("nested", sharding(["chunk_shape": [4, 4], "index_codecs": [bytes, ["name": "crc32c"]],
                                 "codecs": .array(sharding(["chunk_shape": [2, 2], "codecs": [bytes, zstd], "index_codecs": [bytes, ["name": "crc32c"]]]))])),
        ]
        for (name, codecs) in variants {
            try populate(ZarrArray.create(store, "variants/\(name)", shape: [20, 13], dtype: .uint16, chunkShape: [8, 8],
                                          fillValue: 7, codecs: codecs))
        }
        try populate(ZarrArray.create(store, "shapes/one_d", shape: [100], dtype: .int32, chunkShape: [5], shardShape: [20]))
        try populate(ZarrArray.create(store, "shapes/three_d", shape: [10, 9, 11], dtype: .float32, chunkShape: [2, 3, 4],
                                      shardShape: [4, 6, 8], fillValue: "NaN"))
        try populate(ZarrArray.create(store, "shapes/shard_larger_than_array", shape: [5, 5], dtype: .uint8, chunkShape: [4, 4],
                                      shardShape: [16, 16]))
        try consolidateMetadata(store)  // zarr-python reads the inline consolidated metadata too
        try manifest.write(store: "sharded.zarr", zarrFormat: 3)
        XCTAssertEqual(manifest.count, 15)
    }
}
