import Foundation
import XCTest
@testable import SimpleZarr

/// When V2_INTEROP_DIR is set, writes a consolidated Zarr v2 hierarchy there with this library
/// (every data type, both orders and separators, each compressor, filters, fill values with
/// missing chunks) plus each array's values, for Scripts/check_hierarchy_interop.py to read with
/// zarr-python. Without the variable the test is skipped.
final class V2InteropExportTests: XCTestCase {
    func testExportV2HierarchyForZarrPython() throws {
        guard let path = ProcessInfo.processInfo.environment["V2_INTEROP_DIR"] else {
            throw XCTSkip("set V2_INTEROP_DIR to export a v2 hierarchy for Scripts/check_hierarchy_interop.py")
        }
        let root = URL(fileURLWithPath: path)
        let storeURL = root.appendingPathComponent("v2.zarr")
        try FileManager.default.createDirectory(at: storeURL, withIntermediateDirectories: true)
        let store = LocalStore(storeURL.path)
        try ZarrGroup.create(store, attributes: ["written_by": "SimpleZarr", "ü": [1, 2]], zarrFormat: 2)
        try ZarrGroup.create(store, "types", zarrFormat: 2)
        try ZarrGroup.create(store, "codecs", attributes: ["nested": ["deep": true]], zarrFormat: 2)
        try ZarrGroup.create(store, "layout", zarrFormat: 2)
        let manifest = InteropExportManifest(root: root)

        func write(_ arrayPath: String, dtype: DataType, shape: [Int] = [7, 5], chunks: [Int] = [3, 2],
                   fill: JSONValue? = nil, compressor: (any BytesToBytesCodec)? = ZstdCodec.standard,
                   filters: [any Codec] = [], order: ChunkOrder = .c, separator: String = ".",
                   region: (rows: Range<Int>, columns: Range<Int>)? = nil) throws {
            let array = try ZarrArray.create(
                store, arrayPath, shape: shape, dtype: dtype, chunkShape: chunks, fillValue: fill, zarrFormat: 2,
                compressor: compressor, filters: filters, order: order, dimensionSeparator: separator)
            let rows = region?.rows ?? 0..<shape[0]
            let columns = region?.columns ?? 0..<shape[1]
            let bytes = manifest.randomElements(dtype, count: rows.count * columns.count)
            try array[rows, columns].set(try NDArray(dtype: dtype, shape: [rows.count, columns.count], bytes: bytes))
            try manifest.record(array)
        }

        for dtype in DataType.namedTypes + [.raw(bits: 24)] {
            try write("types/\(dtype)", dtype: dtype)
        }
        let compressors: [(String, any BytesToBytesCodec)] = [
            ("zlib", try ZlibCodec(level: 5)), ("gzip", try GzipCodec(level: 1)),
            ("zstd_checksum", try ZstdCodec(level: 3, checksum: true)), ("lz4", try Lz4Codec(configuration: [:])),
            ("bz2", try Bz2Codec(level: 3)), ("lzma_xz", try LzmaCodec(preset: 6)),
            // (No `filters`: numcodecs passes them to lzma.decompress, which takes them only for raw data.)
            ("lzma_alone", try LzmaCodec(format: 2, preset: 1)),
            ("blosc_lz4_shuffle", try BloscCodec(cname: .lz4, clevel: 5, shuffle: .shuffle)),
            ("blosc_zstd_bitshuffle", try BloscCodec(cname: .zstd, clevel: 3, shuffle: .bitshuffle)),
            ("blosc_blosclz_auto", try BloscCodec(cname: .blosclz, clevel: 9)),
            ("blosc_zlib_noshuffle", try BloscCodec(cname: .zlib, clevel: 1, shuffle: .noshuffle)),
        ]
        for (name, compressor) in compressors {
            try write("codecs/\(name)", dtype: .float32, compressor: compressor)
        }
        try write("codecs/none", dtype: .int64, compressor: nil)
        try write("codecs/shuffle_zlib", dtype: .uint32, compressor: try ZlibCodec(level: 1),
                  filters: [try ShuffleCodec(configuration: [:])])
        try write("layout/f_order", dtype: .int16, chunks: [3, 4], order: .f)
        try write("layout/f_order_blosc", dtype: .float64, compressor: try BloscCodec(cname: .lz4), order: .f)
        try write("layout/slash", dtype: .uint16, separator: "/")
        try write("layout/fill_nan_missing", dtype: .float32, fill: "NaN", region: (0..<3, 0..<2))
        try write("layout/fill_7_missing", dtype: .int32, fill: 7, region: (3..<6, 2..<4))
        try write("layout/fill_inf", dtype: .float64, fill: "-Infinity", region: (0..<1, 0..<5))
        try write("layout/one_chunk", dtype: .uint8, chunks: [10, 10])
        try consolidateMetadata(store)

        try manifest.write(store: "v2.zarr", zarrFormat: 2)
        XCTAssertGreaterThan(manifest.count, 30)
    }
}
