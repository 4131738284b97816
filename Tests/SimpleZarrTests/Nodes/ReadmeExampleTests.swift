import Foundation
import XCTest

import SimpleZarr

/// The README's example, compiled and run here. `testReadmeShowsThisExample` checks that the
/// README's code block is exactly the body below, so the two cannot drift apart.
final class ReadmeExampleTests: XCTestCase {
    func testReadmeExampleRuns() throws {
        // README-EXAMPLE-BEGIN
        let store = MemoryStore()  // or LocalStore("/path/to/data.zarr")
        try ZarrGroup.create(store, "", attributes: ["title": "example"])
        let array = try ZarrArray.create(
            store, "temperature", shape: [100, 200], dtype: .float32,
            chunkShape: [50, 50], fillValue: "NaN", dimensionNames: ["y", "x"])

        // Chunk I/O, as in Python: set_chunk / get_chunk / get_chunk_future.
        let chunk = try NDArray([Float](repeating: 21.5, count: 2500), shape: [50, 50])
        try array.setChunk(chunk, [0, 1])
        let futures = [[0, 0], [0, 1]].map { array.getChunkFuture($0) }
        let chunks = try waitAll(futures)  // or: try await futures[1].value

        // Regions, as in Python's arr[:10, 60].get_now() and arr[...].set_now(0).
        let column = try array[..<10, 60].get()
        try array[90..., ...].set(Float(0))

        // Codecs as values: blosc with lz4 and byte shuffle, zarr-python 2's default compressor.
        let labels = try ZarrArray.create(
            store, "labels", shape: [100, 200], dtype: .uint16, chunkShape: [50, 50],
            codecs: [BytesCodec(), try BloscCodec(cname: .lz4, clevel: 5, shuffle: .shuffle)])
        try labels[...].set(UInt16(7))

        // Zarr v2, as zarr-python writes it: .zgroup, .zarray with a numcodecs compressor, F order.
        let v2Store = MemoryStore()
        try ZarrGroup.create(v2Store, zarrFormat: 2)
        let legacy = try ZarrArray.create(
            v2Store, "legacy", shape: [10, 10], dtype: .int16, zarrFormat: 2,
            compressor: try ZlibCodec(level: 5), order: .f)
        try legacy[...].set(Int16(3))
        try consolidateMetadata(v2Store)  // .zmetadata: the hierarchy then opens without listing
        let v2Root = try openZarr(v2Store) as? ZarrGroup

        // Text and datetimes, as zarr-python 3 writes them (vlen-utf8; numpy.datetime64).
        let cities = try ZarrArray.create(store, "cities", shape: [3], dtype: .string, chunkShape: [2])
        try cities[...].set(try NDArray(["Oslo", "Zürich", "東京"]))
        let names = try cities[1...].get().toArray(as: String.self)  // ["Zürich", "東京"]
        let times = try ZarrArray.create(
            store, "times", shape: [2], dtype: .datetime64(unit: .seconds, scaleFactor: 1), fillValue: "NaT")
        try times[0].set(1_700_000_000)
        let counts = try times[...].get().toArray(as: Int64.self)  // [1700000000, Int64.min (NaT)]

        let root = try openZarr(store) as? ZarrGroup
        root?.printStructure()
        // README-EXAMPLE-END
        XCTAssertTrue(try chunks[0].scalar(at: [0, 0], as: Float.self).isNaN)
        XCTAssertEqual(chunks[1], chunk)
        XCTAssertEqual(try column.toArray(as: Float.self), [Float](repeating: 21.5, count: 10))
        XCTAssertEqual(try array[99, 199].get().scalar(at: [], as: Float.self), 0)
        XCTAssertEqual(try labels[99, 199].get().scalar(at: [], as: UInt16.self), 7)
        XCTAssertEqual(try (try v2Root?["legacy"] as? ZarrArray)?[9, 9].get().scalar(at: [], as: Int16.self), 3)
        XCTAssertEqual(v2Root?.usesConsolidatedMetadata, true)
        XCTAssertEqual(names, ["Zürich", "東京"])
        XCTAssertEqual(counts, [1_700_000_000, DataType.notATime])
    }

    func testReadmeErrorExampleRuns() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [4, 16], dtype: .uint8, chunkShape: [4, 4])
        try store.set("a/c/0/3", Data([0x28, 0xB5, 0x2F, 0xFD, 1, 2]))
        var printed = false
        func print(_ text: String) { printed = text.contains("a/c/0/3") && text.contains("zstd") }
        // README-ERRORS-BEGIN
        do {
            let chunk = try array.getChunk([0, 3])
            print("read \(chunk.count) values")
        } catch let error as ZarrError where error.codecName != nil {
            print("chunk \(error.key ?? "?") is corrupt (\(error.codecName ?? "")): \(error.message)")
        }
        // README-ERRORS-END
        XCTAssertTrue(printed)
    }

    func testReadmeShowsThisExample() throws {
        let here = URL(fileURLWithPath: #filePath)
        let readme = try String(contentsOf: here.appendingPathComponent("../../../../README.md").standardized, encoding: .utf8)
        let source = try String(contentsOf: here, encoding: .utf8)
        func between(_ text: String, _ start: String, _ end: String) -> String? {
            guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return nil }
            return String(text[a.upperBound..<b.lowerBound])
        }
        let body = try XCTUnwrap(between(source, "// README-EXAMPLE-BEGIN\n", "        // README-EXAMPLE-END"))
        let dedented = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }.joined(separator: "\n")
        let block = try XCTUnwrap(between(readme, "```swift\nimport SimpleZarr\n\n", "```"))
        XCTAssertEqual(block, dedented)
        let errors = try XCTUnwrap(between(source, "// README-ERRORS-BEGIN\n", "        // README-ERRORS-END"))
        let errorsDedented = errors.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }.joined(separator: "\n")
        XCTAssertTrue(readme.contains("```swift\n" + errorsDedented + "```"), "README's error example differs from the test's")
    }
}
