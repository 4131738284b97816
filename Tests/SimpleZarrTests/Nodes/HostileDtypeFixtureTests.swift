import Foundation
import XCTest

@testable import SimpleZarr

/// The hierarchies of Fixtures/hostile-dtypes (Scripts/make_hostile_dtype_fixtures.py): v3 and v2
/// arrays of strings, bytes and datetimes, some with broken chunks (vlen lengths past the end,
/// counts that disagree with the chunk shape, invalid UTF-8), some with broken documents (a unit
/// "fortnight", zero-length fixed types, v2 `|O` without a vlen filter). Each broken chunk must be a
/// thrown `ZarrError.codec` naming its key, each broken document a thrown error naming the array,
/// never a trap; the good arrays and chunks beside them still read.
final class HostileDtypeFixtureTests: XCTestCase {
    static let folder = ZarrFixtures.folder.appendingPathComponent("hostile-dtypes")

    func testBrokenChunksAndDocumentsAreErrorsAndTheRestStillReads() throws {
        let manifest = ZarrFixtures.Manifest(try JSONValue.parse(Data(contentsOf: Self.folder.appendingPathComponent("manifest.json"))))
        XCTAssertGreaterThan(manifest.arrays.count, 40)
        var checked: [String: Int] = [:]
        for rootName in ["v3", "v2"] {
            let root = try XCTUnwrap(try openZarr(LocalStore(Self.folder.appendingPathComponent(rootName).path)) as? ZarrGroup)
            XCTAssertEqual(root.attributes["hostile"], rootName == "v3" ? true : nil)
            for entry in manifest.arrays where entry["root"]?.stringValue == rootName {
                let path = try XCTUnwrap(entry["path"]?.stringValue)
                let names = (entry["names"]?.arrayValue ?? []).compactMap(\.stringValue)
                let expect = try XCTUnwrap(entry["expect"]?.stringValue)
                switch expect {
                case "reads":
                    let array = try XCTUnwrap(try root[path] as? ZarrArray, path)
                    let form = try XCTUnwrap(entry["form"]?.stringValue)
                    let values = try XCTUnwrap(entry["values"]?.arrayValue).map { try DtypeFixture.element($0, form: form) }
                    XCTAssertEqual(try DtypeFixture.elements(try array[...].get(), form: form), values, "\(rootName)/\(path)")
                case "chunk":
                    let array = try XCTUnwrap(try root[path] as? ZarrArray, path)
                    let key = try XCTUnwrap(entry["key"]?.stringValue)
                    XCTAssertEqual(try array.chunkKey([1]), key)
                    // The good chunk beside the broken one reads; the broken one fails however it is read.
                    XCTAssertEqual(try array.getChunk([0]).count, 2, "\(rootName)/\(path)")
                    XCTAssertEqual(try array[0..<2].get().count, 2, "\(rootName)/\(path)")
                    let codec = try XCTUnwrap(names.first)
                    for (how, read) in [("getChunk", { _ = try array.getChunk([1]) }), ("[...].get()", { _ = try array[...].get() }),
                                        ("[3].get()", { _ = try array[3].get() })] as [(String, () throws -> Void)] {
                        let error = Self.checkError("\(rootName)/\(path) \(how)", names: ["chunk '\(key)'"] + names, codec: true, read)
                        XCTAssertEqual(error?.key, key, "\(rootName)/\(path) \(how)")
                        XCTAssertEqual(error?.codecName, codec, "\(rootName)/\(path) \(how)")
                    }
                case "metadata":
                    let error = Self.checkError("\(rootName)/\(path)", names: [path] + names, codec: false) { _ = try root[path] }
                    XCTAssertEqual(error?.path, path, "\(rootName)/\(path)")
                    let parent = try XCTUnwrap(try root["metadata"] as? ZarrGroup)
                    XCTAssertTrue(try parent.unreadableChildren.contains { $0.path == path }, "\(rootName)/\(path) not listed as unreadable")
                default:
                    XCTFail("\(path): unknown expectation \(expect)")
                }
                checked[expect, default: 0] += 1
            }
            // The whole hierarchy still lists, every good and chunk-broken array among its children.
            let structure = root.getStructure()
            XCTAssertTrue(structure.contains("<ZarrArray 'good/strings' 4 string>"), structure)
            XCTAssertTrue(structure.contains("<ZarrArray 'chunk/utf8_surrogate' 4 string>"), structure)
            XCTAssertTrue(structure.contains("<unreadable 'metadata/datetime_fortnight'"), structure)
        }
        XCTAssertEqual(checked, ["reads": 4, "chunk": 32, "metadata": 12])
    }

    /// Checks that `body` throws a `ZarrError` (`.codec` when `codec`, else `.invalidMetadata` or
    /// `.unsupported`) whose message contains each of `names`; returns the error.
    @discardableResult
    static func checkError(_ what: String, names: [String], codec: Bool, _ body: () throws -> Void) -> ZarrError? {
        do {
            try body()
            XCTFail("\(what): no error, expected one naming \(names)")
        } catch let error as ZarrError {
            switch (error, codec) {
            case (.codec, true), (.invalidMetadata, false), (.unsupported, false): break
            default: XCTFail("\(what): unexpected kind of error: \(error)")
            }
            for name in names where !error.message.contains(name) {
                XCTFail("\(what): '\(name)' not named in: \(error)")
            }
            return error
        } catch {
            XCTFail("\(what): expected a ZarrError naming \(names), got \(error)")
        }
        return nil
    }
}
