import Foundation
import XCTest

@testable import SimpleZarr

/// The OME-Zarr, pyramid and ChunkPool fixtures in Fixtures/ome (Scripts/make_ome_fixtures.py,
/// Scripts/make_chunkpool_fixtures.py), with what the Python simplezarr 1.2.0 read or wrote.
enum OmeFixtures {
    static let folder = ZarrFixtures.folder.appendingPathComponent("ome")

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent(name + ".json")))
    }

    static func store(_ name: String) -> LocalStore {
        LocalStore(folder.appendingPathComponent(name).path)
    }

    static func node(_ name: String, path: String) throws -> ZarrNode {
        try openZarr(store(name), path: path)
    }

    /// Compares `infos` with a Python dump, field by field, naming the field that differs.
    static func assertEqual(_ infos: [MultiscaleInfo], _ expected: JSONValue, _ label: String,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try XCTUnwrap(expected.arrayValue, label)
        XCTAssertEqual(infos.count, expected.count, "\(label): number of images", file: file, line: line)
        for (info, want) in zip(infos, expected) {
            XCTAssertEqual(info.name, want["name"]?.stringValue, "\(label) name", file: file, line: line)
            XCTAssertEqual(info.axesNames, want["axes_names"]?.arrayValue?.compactMap(\.stringValue), "\(label) axes", file: file, line: line)
            XCTAssertEqual(info.unit, want["unit"]?.stringValue, "\(label) unit", file: file, line: line)
            XCTAssertEqual(info.unitFactor, want["unit_factor"]?.doubleValue, "\(label) unit_factor", file: file, line: line)
            let scales = want["scales"]?.arrayValue ?? []
            XCTAssertEqual(info.scales.count, scales.count, "\(label) number of scales", file: file, line: line)
            for (scale, w) in zip(info.scales, scales) {
                let at = "\(label) \(scale.array.path)"
                XCTAssertEqual(scale.array.path, w["path"]?.stringValue, "\(at) path", file: file, line: line)
                XCTAssertEqual(scale.level, w["level"]?.intValue, "\(at) level", file: file, line: line)
                XCTAssertEqual(scale.meanScale, w["mean_scale"]?.doubleValue ?? .nan, accuracy: 1e-12, "\(at) mean_scale", file: file, line: line)
                XCTAssertEqual(scale.spatialShape, ints(w["spatial_shape"]), "\(at) spatial_shape", file: file, line: line)
                XCTAssertEqual(scale.spatialScale, doubles(w["spatial_scale"]), "\(at) spatial_scale", file: file, line: line)
                XCTAssertEqual(scale.spatialOffset, doubles(w["spatial_offset"]), "\(at) spatial_offset", file: file, line: line)
                XCTAssertEqual(scale.spatialChunkShape, ints(w["spatial_chunk_shape"]), "\(at) spatial_chunk_shape", file: file, line: line)
                XCTAssertEqual(scale.nchannels, w["nchannels"]?.intValue, "\(at) nchannels", file: file, line: line)
                XCTAssertEqual(scale.ntimes, w["ntimes"]?.intValue, "\(at) ntimes", file: file, line: line)
            }
        }
    }

    static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
    static func ints(_ value: JSONValue?) -> [Int] { value?.arrayValue?.compactMap(\.intValue) ?? [] }
    static func doubles(_ value: JSONValue?) -> [Double] { value?.arrayValue?.compactMap(\.doubleValue) ?? [] }
}
