// `tree`, `info` and `get` on the zarr-python fixtures, compared with the
// committed outputs in Golden/. Set SIMPLEZARR_UPDATE_GOLDEN=1 to rewrite them
// (then read the diff: the golden files are the specification).

import Foundation
import XCTest

final class GoldenOutputTests: XCTestCase {
    private let fixtures = "Tests/SimpleZarrTests/Fixtures"

    /// Runs the command and compares its stdout with `Golden/<name>.txt`.
    private func assertGolden(_ name: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CommandRunner.run(arguments)
        XCTAssertEqual(result.status, 0, "simplezarr \(arguments): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        let golden = CommandRunner.packageRoot.appendingPathComponent("Tests/SimpleZarrCLITests/Golden/\(name).txt")
        if ProcessInfo.processInfo.environment["SIMPLEZARR_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        XCTAssertEqual(result.stdout, expected, "simplezarr \(arguments.joined(separator: " ")) differs from \(golden.lastPathComponent)", file: file, line: line)
    }

    func testTreeOfAV3Hierarchy() throws {
        try assertGolden("tree-zarr-python-depth2", ["tree", "\(fixtures)/zarr-python", "--depth", "2"])
    }

    func testTreeOfShardedArrays() throws {
        try assertGolden("tree-sharded", ["tree", "\(fixtures)/sharded-zarr-python"])
    }

    func testTreeOfAV2Hierarchy() throws {
        try assertGolden("tree-v2-compressors", ["tree", "\(fixtures)/zarr-python-v2/compressors", "--depth=1"])
    }

    func testTreeOfAnArray() throws {
        try assertGolden("tree-array", ["tree", "\(fixtures)/zarr-python/types/le/uint16"])
    }

    func testInfoOfAnArray() throws {
        try assertGolden("info-uint16", ["info", "\(fixtures)/zarr-python/types/le/uint16"])
    }

    func testInfoWithMissingChunksAndFillCount() throws {
        try assertGolden("info-missing-half", ["info", "\(fixtures)/zarr-python/chunks/missing_half_uint16", "--count-fill"])
    }

    func testInfoJSONOfAShardedArray() throws {
        try assertGolden("info-sharded-json", ["info", "\(fixtures)/sharded-zarr-python/defaults/uint16_smooth", "--json"])
    }

    func testInfoOfAV2Array() throws {
        try assertGolden("info-v2-blosc", ["info", "\(fixtures)/zarr-python-v2/compressors/blosc/blosclz_shuffle1_c5_u2_le"])
    }

    func testInfoOfAGroup() throws {
        try assertGolden("info-group", ["info", "\(fixtures)/zarr-python/types"])
    }

    func testGetASlice() throws {
        try assertGolden("get-uint16-slice", ["get", "\(fixtures)/zarr-python/types/le/uint16", "2:, 3:-2"])
    }

    func testGetNegativeIndexAndSteps() throws {
        try assertGolden("get-float32-steps", ["get", "\(fixtures)/zarr-python/types/le/float32", "-1, ::2"])
    }

    func testGetEllipsisOf4D() throws {
        try assertGolden("get-4d-ellipsis", ["get", "\(fixtures)/zarr-python/chunks/four_d_int16", "..., 1:3"])
    }

    func testGetSummarisesLargeResults() throws {
        try assertGolden("get-summarised", ["get", "\(fixtures)/sharded-zarr-python/coalesce/8x8_inner_chunks_uint16"])
    }
}
