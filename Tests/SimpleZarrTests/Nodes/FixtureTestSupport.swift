import Foundation
import XCTest

@testable import SimpleZarr

/// The interop fixtures committed in Fixtures/ (written by Scripts/make_fixtures.py,
/// Scripts/make_v2_fixtures.py, Scripts/make_tensorstore_v2_fixtures.py and
/// Scripts/make_shard_fixtures.py) and the checks the fixture tests share.
enum ZarrFixtures {
    /// Tests/SimpleZarrTests/Fixtures.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A manifest's `groups` and `arrays` lists.
    struct Manifest {
        let groups: [JSONObject]
        let arrays: [JSONObject]

        /// The lists of `json` (a whole manifest, or one of its sections).
        init(_ json: JSONValue) {
            groups = (json["groups"]?.arrayValue ?? []).compactMap(\.objectValue)
            arrays = (json["arrays"]?.arrayValue ?? []).compactMap(\.objectValue)
        }
    }

    /// The parsed manifest file `name` (e.g. "manifest.json").
    static func manifest(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// Opens the hierarchy in the fixture sub-folder `name`; its root must be a group.
    static func openRoot(_ name: String) throws -> ZarrGroup {
        let root = try openZarr(LocalStore(folder.appendingPathComponent(name).path))
        return try XCTUnwrap(root as? ZarrGroup, name)
    }

    /// Finds every group of `entries` below `root` and checks its attributes; returns the groups.
    @discardableResult
    static func checkGroups(_ entries: [JSONObject], in root: ZarrGroup) throws -> [ZarrGroup] {
        try entries.map { entry in
            let path = entry["path"]?.stringValue ?? ""
            let node: ZarrNode = path.isEmpty ? root : try root[path]
            let group = try XCTUnwrap(node as? ZarrGroup, path)
            XCTAssertEqual(.object(group.attributes), entry["attributes"] ?? [:], path)
            return group
        }
    }

    /// Finds every array of `entries` below `root` and checks it as
    /// `checkArrays(_:opening:checkMetadata:)` does.
    static func checkArrays(
        _ entries: [JSONObject], in root: ZarrGroup, checkMetadata: (ZarrArray, JSONObject) throws -> Void
    ) throws -> (compared: Int, refused: Int) {
        try checkArrays(entries, opening: { try root[$0] }, checkMetadata: checkMetadata)
    }

    /// Opens every array of `entries` by its path with `open`, checks it with `checkMetadata`,
    /// then compares its values with `checkValues` (by default `checkValues(_:_:missingKey:)`),
    /// or, when it needs a codec that is not registered, checks that its first chunk is refused.
    /// Returns how many arrays were compared and how many refused.
    static func checkArrays(
        _ entries: [JSONObject], opening open: (String) throws -> ZarrNode,
        checkMetadata: (ZarrArray, JSONObject) throws -> Void,
        checkValues: (ZarrArray, JSONObject) throws -> Void = { try ZarrFixtures.checkValues($0, $1) }
    ) throws -> (compared: Int, refused: Int) {
        var compared = 0
        var refused = 0
        for entry in entries {
            let path = try XCTUnwrap(entry["path"]?.stringValue)
            let array = try XCTUnwrap(try open(path) as? ZarrArray, path)
            try checkMetadata(array, entry)
            if let codec = unregisteredNeeds(entry).first {
                // Until the codec exists, reading must fail clearly, not crash or mis-decode;
                // the rest of the hierarchy still opens.
                checkRefused(array, codec: codec)
                refused += 1
                continue
            }
            try checkValues(array, entry)
            compared += 1
        }
        return (compared, refused)
    }

    /// The names in the entry's `needs` that no codec is registered under.
    static func unregisteredNeeds(_ entry: JSONObject) -> [String] {
        (entry["needs"]?.arrayValue ?? []).compactMap(\.stringValue).filter { CodecRegistry.codecType(named: $0) == nil }
    }

    /// Checks that reading the first chunk is refused with "not supported" and the codec's
    /// id (`name` without a "numcodecs." prefix, so the v2 id and the v3 name both match).
    static func checkRefused(_ array: ZarrArray, codec name: String) {
        let id = name.hasPrefix("numcodecs.") ? String(name.dropFirst("numcodecs.".count)) : name
        XCTAssertThrowsError(try array.getChunk(Array(repeating: 0, count: array.ndim)), array.path) { error in
            XCTAssertTrue("\(error)".contains("not supported"), "\(array.path): \(error)")
            XCTAssertTrue("\(error)".contains(id), "\(array.path): '\(id)' not named in \(error)")
        }
    }

    /// Checks an array against a v3 manifest entry (data_type, shape, chunk_shape, fill_value,
    /// attributes, dimension_names and codecs as its zarr.json has them).
    static func checkV3Metadata(_ array: ZarrArray, _ entry: JSONObject) throws {
        let path = array.path
        XCTAssertEqual(array.dtype.name, entry["data_type"]?.stringValue, path)
        XCTAssertEqual(.array(array.shape.map { .int(Int64($0)) }), entry["shape"], path)
        XCTAssertEqual(.array(array.chunkShape.map { .int(Int64($0)) }), entry["chunk_shape"], path)
        let expectedFill = try FillValue(json: entry["fill_value"] ?? .null, dataType: array.dtype)
        XCTAssertEqual(array.fillValue.bytes, expectedFill.bytes, path)
        XCTAssertEqual(.object(array.attributes), entry["attributes"] ?? [:], path)
        if let names = entry["dimension_names"]?.arrayValue {
            XCTAssertEqual(array.dimensionNames ?? [], names.map(\.stringValue), path)
        } else {
            XCTAssertNil(array.dimensionNames, path)
        }
        XCTAssertEqual(array.metadata["codecs"], entry["codecs"], path)
    }

    /// Checks an array against a v2 manifest entry: the `.zarray` as stored, the `.zattrs` (none
    /// when the entry has no `zattrs`), and the shape, chunk shape, Zarr data type name and fill
    /// value (one element, little-endian).
    static func checkV2Metadata(_ array: ZarrArray, _ entry: JSONObject) throws {
        let path = array.path
        let zarray = try XCTUnwrap(entry["zarray"]?.objectValue, path)
        XCTAssertEqual(array.zarrFormat, 2, path)
        XCTAssertEqual(array.metadata["zarr_format"], 2, path)
        XCTAssertEqual(array.metadata, zarray, path)
        XCTAssertEqual(.object(array.attributes), entry["zattrs"] ?? [:], path)
        XCTAssertEqual(.array(array.shape.map { .int(Int64($0)) }), zarray["shape"], path)
        XCTAssertEqual(.array(array.chunkShape.map { .int(Int64($0)) }), zarray["chunks"], path)
        XCTAssertEqual(array.dtype.name, entry["data_type"]?.stringValue, path)
        // FillValue.bytes is in native order; the fixtures hold little-endian bytes.
        let fillBytes = (entry["fill_bytes"]?.arrayValue ?? []).compactMap(\.intValue).map { UInt8(truncatingIfNeeded: $0) }
        XCTAssertEqual(array.fillValue.bytes, fillBytes, path)
    }

    /// The entry's expected values (its `expected` file: C order, little-endian), checked to hold
    /// one element per element of `array`.
    static func expectedBytes(_ array: ZarrArray, _ entry: JSONObject) throws -> [UInt8] {
        let expectedFile = try XCTUnwrap(entry["expected"]?.stringValue)
        let expected = try [UInt8](Data(contentsOf: folder.appendingPathComponent(expectedFile)))
        XCTAssertEqual(expected.count, array.size * array.dtype.itemSize, array.path)
        return expected
    }

    /// Compares every chunk with the entry's expected values, element by element by plain index
    /// arithmetic, and checks that the chunks listed under `missingKey` have no stored key.
    static func checkValues(_ array: ZarrArray, _ entry: JSONObject, missingKey: String = "missing_chunks") throws {
        let path = array.path
        let expected = try expectedBytes(array, entry)
        let itemSize = array.dtype.itemSize
        let missing = Set((entry[missingKey]?.arrayValue ?? []).map { $0.arrayValue?.compactMap(\.intValue) ?? [] })
        let readable = try XCTUnwrap(array.store as? any ReadableStore)

        for chunkIndex in allIndices(array.chunkGridShape) {
            let key = try array.chunkKey(chunkIndex)
            if missing.contains(chunkIndex) {
                XCTAssertThrowsError(try readable.get(key), "\(path) \(chunkIndex) should be missing")
            }
            let chunk = try array.getChunk(chunkIndex)
            XCTAssertEqual(chunk.shape, array.chunkShape, path)
            XCTAssertEqual(chunk.dtype, array.dtype, path)
            try chunk.withUnsafeBytes { bytes in
                for local in allIndices(array.chunkShape) {
                    let global = zip(chunkIndex, zip(local, array.chunkShape)).map { c, lc in c * lc.1 + lc.0 }
                    let localOffset = flatIndex(local, array.chunkShape) * itemSize
                    // The padding of edge chunks lies outside the array: its content is unspecified.
                    guard zip(global, array.shape).allSatisfy({ $0 < $1 }) else { continue }
                    let got = Array(bytes[localOffset..<localOffset + itemSize])
                    let offset = flatIndex(global, array.shape) * itemSize
                    let want = Array(expected[offset..<offset + itemSize])
                    if got != want {
                        XCTFail("\(path): element \(global) is \(got), expected \(want)")
                        throw ZarrError.codec("mismatch")
                    }
                }
            }
        }
    }

    /// Reads the whole array at once (`array[...].get()`) and compares it, bit for bit, with the
    /// entry's expected values.
    static func checkWholeArray(_ array: ZarrArray, _ entry: JSONObject) throws {
        let expected = try expectedBytes(array, entry)
        let whole = try array[...].get()
        XCTAssertEqual(whole.shape, array.shape, array.path)
        XCTAssertEqual(whole.dtype, array.dtype, array.path)
        let got = whole.withUnsafeBytes { [UInt8]($0) }
        guard got != expected else { return }
        let itemSize = array.dtype.itemSize
        let first = zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
        XCTFail("\(array.path): array[...].get() differs from the expected values from element \(first / itemSize)")
    }
}

/// Every index of a grid of `shape`, in C order (one empty index for a 0-d grid).
func allIndices(_ shape: [Int]) -> [[Int]] {
    var result: [[Int]] = [[]]
    for length in shape {
        result = result.flatMap { prefix in (0..<length).map { prefix + [$0] } }
    }
    return result
}

/// The C-order flat position of `index` in `shape`.
func flatIndex(_ index: [Int], _ shape: [Int]) -> Int {
    zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }
}
