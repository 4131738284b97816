import Foundation
import XCTest

@testable import SimpleZarr

/// Writes our pyramids of the inputs in Fixtures/ome/pyramids.json into
/// `$PYRAMID_INTEROP_DIR/<case>/pyramid`, for Scripts/check_pyramid_interop.py (run by
/// Scripts/interop.sh) to open with zarr-python and compare with the Python writer's output.
final class PyramidInteropExportTests: XCTestCase {
    func testExportPyramidsForZarrPython() throws {
        guard let directory = ProcessInfo.processInfo.environment["PYRAMID_INTEROP_DIR"] else {
            throw XCTSkip("set PYRAMID_INTEROP_DIR to export pyramids for Scripts/check_pyramid_interop.py")
        }
        let cases = try XCTUnwrap(try OmeFixtures.json("pyramids").arrayValue)
        for entry in cases {
            let name = try XCTUnwrap(entry["name"]?.stringValue)
            let input = try XCTUnwrap(try openZarr(OmeFixtures.store(name), path: "input") as? ZarrArray)
            let source: any PyramidSource = entry["source"]?.stringValue == "numpy" ? NDArraySource(try input[...].get()) : input
            let writer = entry["writer"]
            let target = URL(fileURLWithPath: directory).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try writeOmeZarrPyramid(
                LocalStore(target.path), "pyramid", axes: try XCTUnwrap(entry["axes"]?.stringValue),
                pyramid: try PyramidData(source, dtype: try entry["pyramid_data"]?["dtype"]?.stringValue.map { try DataType(zarrName: $0) }),
                nlevels: writer?["nlevels"]?.intValue ?? 0, spaceUnit: writer?["space_unit"]?.stringValue ?? "",
                baseScale: writer?["base_scale"].map(OmeFixtures.doubles) ?? [1.0],
                chunkShape: writer?["chunk_shape"].map { $0.intValue.map { [$0] } ?? OmeFixtures.ints($0) } ?? [64],
                maxMemory: writer?["max_memory"]?.intValue ?? (1 << 30))
        }
    }
}
