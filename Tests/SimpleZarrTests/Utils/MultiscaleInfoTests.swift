import Foundation
import XCTest

@testable import SimpleZarr

/// `MultiscaleInfo` read from OME-Zarr images (NGFF 0.4 and 0.5, written by the Python writer
/// and in ome-zarr-py's layout) and plain arrays, compared with the Python reading; and bad
/// metadata, which must give an error naming the field.
final class MultiscaleInfoTests: XCTestCase {
    func testOmeImagesMatchThePythonReading() throws {
        // v05-omezarrpy-czyx is written by ome-zarr-py itself (Scripts/make_ome_zarr_py_fixture.py).
        for name in ["v05-simplezarr-zyx", "v05-simplezarr-tcyx", "v04-omezarr-czyx", "v05-omezarr-tyx", "v05-omezarrpy-czyx"] {
            let fixture = try OmeFixtures.json(name)
            let group = try OmeFixtures.node(name, path: fixture["group"]?.stringValue ?? "")
            let infos = try MultiscaleInfo.fromZarrNode(group)
            try OmeFixtures.assertEqual(infos, try XCTUnwrap(fixture["infos"]), name)
        }
    }

    func testPlainArraysOfOneToFiveDimensionsMatchThePythonReading() throws {
        let fixture = try OmeFixtures.json("plain")
        for ndim in 1...5 {
            let array = try OmeFixtures.node("plain", path: "a\(ndim)")
            try OmeFixtures.assertEqual(try MultiscaleInfo.fromZarrNode(array), try XCTUnwrap(fixture["a\(ndim)"]), "a\(ndim)")
        }
    }

    func testUnitsListEveryPrefixedMeterAndSecond() {
        XCTAssertEqual(spaceUnits["micrometer"], 1e-6)
        XCTAssertEqual(spaceUnits["parsec"], 3.085677581e16)
        XCTAssertEqual(spaceUnits.count, 21 + 6)
        XCTAssertEqual(timeUnits["millisecond"], 1e-3)
        XCTAssertEqual(timeUnits["day"], 86400)
        XCTAssertEqual(timeUnits.count, 21 + 3)
    }

    // MARK: Bad metadata

    /// A v3 group with one 3-d array `0` of shape [8, 8, 8] (and `1` of [4, 4, 4]) and `ome` set to `ome`.
    private func group(ome: JSONValue) throws -> ZarrGroup {
        let store = MemoryStore()
        try ZarrArray.create(store, "img/0", shape: [8, 8, 8], dtype: .uint8, chunkShape: [4, 4, 4])
        try ZarrArray.create(store, "img/1", shape: [4, 4, 4], dtype: .uint8, chunkShape: [4, 4, 4])
        try ZarrArray.create(store, "img/big", shape: [16, 16, 16], dtype: .uint8, chunkShape: [4, 4, 4])
        try ZarrArray.create(store, "img/flat", shape: [8, 8], dtype: .uint8, chunkShape: [4, 4])
        return try ZarrGroup.create(store, "img", attributes: ["ome": ome])
    }

    private static let zyx: JSONValue = [
        ["name": "z", "type": "space"], ["name": "y", "type": "space"], ["name": "x", "type": "space", "unit": "micrometer"],
    ]

    private static func dataset(_ path: String, scale: JSONValue = [1, 1, 1]) -> JSONValue {
        ["path": .string(path), "coordinateTransformations": [["type": "scale", "scale": scale]]]
    }

    private func multiscale(axes: JSONValue = zyx, datasets: JSONValue = [dataset("0"), dataset("1", scale: [2, 2, 2])],
                            extra: JSONObject = [:]) -> JSONValue {
        var entry: JSONObject = ["axes": axes, "datasets": datasets]
        for (key, value) in extra { entry[key] = value }
        return ["version": "0.5", "multiscales": [.object(entry)]]
    }

    private func assertInvalid(_ ome: JSONValue, mentions fields: [String], line: UInt = #line) throws {
        let group = try group(ome: ome)
        XCTAssertThrowsError(try createScaleInfosFromOmeZarrGroup(group), line: line) { error in
            guard case ZarrError.invalidMetadata(let details) = error else {
                return XCTFail("expected invalidMetadata, got \(error)", line: line)
            }
            for field in fields {
                XCTAssertTrue(details.message.contains(field), "'\(details.message)' should name \(field)", line: line)
            }
        }
    }

    func testAGoodImageReadsWithTheDefaultHalfPixelTranslation() throws {
        let info = try XCTUnwrap(try createScaleInfosFromOmeZarrGroup(try group(ome: multiscale())).first)
        XCTAssertEqual(info.unit, "micrometer")
        XCTAssertEqual(info.unitFactor, 1e-6)
        XCTAssertEqual(info.scales.map(\.spatialOffset), [[0, 0, 0], [0.5, 0.5, 0.5]])
        XCTAssertEqual(info.scales.map(\.meanScale), [1, 2])
    }

    func testMissingOrInconsistentAxesNameTheField() throws {
        try assertInvalid(["version": "0.5", "multiscales": [["datasets": [Self.dataset("0")]]]], mentions: ["multiscales[0].axes", "missing"])
        try assertInvalid(multiscale(axes: []), mentions: ["multiscales[0].axes", "empty"])
        try assertInvalid(multiscale(axes: [["name": "q"], ["name": "y"], ["name": "x"]]), mentions: ["axes[0].name", "'q'"])
        try assertInvalid(multiscale(axes: [["name": "z"], ["name": "c", "type": "channel"], ["name": "x"]]), mentions: ["last axes"])
        try assertInvalid(multiscale(axes: [["name": "t", "type": "time"], ["name": "c", "type": "channel"], ["name": "x", "type": "time"]]),
                          mentions: ["no axis of type 'space'"])
        try assertInvalid(multiscale(axes: [["name": "z"], ["name": "y", "type": 3], ["name": "x"]]), mentions: ["axes[1].type", "string"])
        try assertInvalid(multiscale(axes: [["name": "y"], ["name": "x"]]), mentions: ["datasets[0].coordinateTransformations[0].scale", "3 values", "2 axes"])
    }

    func testUnknownUnitsAndBadVersionsNameTheField() throws {
        try assertInvalid(multiscale(axes: [["name": "z"], ["name": "y"], ["name": "x", "unit": "furlong"]]), mentions: ["axes[2].unit", "furlong"])
        try assertInvalid(["version": "0.4", "multiscales": []], mentions: ["ome.version", "0.4"])
        try assertInvalid(["version": "zero", "multiscales": []], mentions: ["ome.version"])
        try assertInvalid(["multiscales": []], mentions: ["ome.version", "missing"])
    }

    func testTransformsOfTheWrongLengthNameTheField() throws {
        try assertInvalid(multiscale(datasets: [Self.dataset("0", scale: [1, 1])]), mentions: ["datasets[0].coordinateTransformations[0].scale", "2 values"])
        try assertInvalid(multiscale(extra: ["coordinateTransformations": [["type": "translation", "translation": [1, 2, 3, 4]]]]),
                          mentions: ["multiscales[0].coordinateTransformations[0].translation", "4 values"])
        try assertInvalid(multiscale(datasets: [["path": "0"]]), mentions: ["datasets[0].coordinateTransformations", "missing"])
        try assertInvalid(multiscale(datasets: [Self.dataset("0", scale: [1, "a", 1])]), mentions: ["scale[1]", "number"])
    }

    func testDatasetsThatDoNotShrinkOrDoNotFitNameTheField() throws {
        try assertInvalid(multiscale(datasets: [Self.dataset("0"), Self.dataset("big", scale: [2, 2, 2])]), mentions: ["datasets", "do not shrink"])
        try assertInvalid(multiscale(datasets: [Self.dataset("flat")]), mentions: ["datasets[0].path", "2 dimensions", "3 axes"])
        try assertInvalid(multiscale(datasets: []), mentions: ["datasets", "empty"])
        XCTAssertThrowsError(try createScaleInfosFromOmeZarrGroup(try group(ome: multiscale(datasets: [Self.dataset("nothere")])))) { error in
            guard case ZarrError.nodeNotFound = error else { return XCTFail("\(error)") }
        }
    }

    func testDatasetsOutOfOrderAreSortedAndRenumbered() throws {
        let ome = multiscale(datasets: [Self.dataset("1", scale: [2, 2, 2]), Self.dataset("0")])
        let info = try XCTUnwrap(try createScaleInfosFromOmeZarrGroup(try group(ome: ome)).first)
        XCTAssertEqual(info.scales.map(\.array.path), ["img/0", "img/1"])
        XCTAssertEqual(info.scales.map(\.level), [0, 1])
    }

    func testAGroupWithoutOmeMetadataOrAnArrayOfSixDimensionsIsRefused() throws {
        let store = MemoryStore()
        let plain = try ZarrGroup.create(store, "plain")
        XCTAssertThrowsError(try MultiscaleInfo.fromZarrNode(plain))
        let six = try ZarrArray.create(store, "six", shape: [1, 1, 1, 1, 1, 1], dtype: .uint8)
        XCTAssertThrowsError(try MultiscaleInfo.fromZarrNode(six))
    }
}
