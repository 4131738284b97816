import Foundation
import XCTest
@testable import ZarrCompression

/// When BLOSC_INTEROP_DIR is set, writes our blosc chunks of a small corpus
/// over every compressor, shuffle, a range of typesizes and levels, for
/// Scripts/check_blosc_interop.py to decode with c-blosc (numcodecs). Without
/// the variable the test is skipped.
final class BloscInteropExportTests: XCTestCase {
    func testExportForCBlosc() throws {
        guard let path = ProcessInfo.processInfo.environment["BLOSC_INTEROP_DIR"] else {
            throw XCTSkip("set BLOSC_INTEROP_DIR to export chunks for Scripts/check_blosc_interop.py")
        }
        let dir = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let corpus: [(String, [UInt8], [Int])] = [
            ("empty", [], [1, 4]),
            ("one", [42], [1, 4]),
            ("tiny", Array(BloscTestSupport.field(40, typesize: 2)), [2]),
            ("field16", BloscTestSupport.field(60_000, typesize: 2), [1, 2, 4]),
            ("field32", BloscTestSupport.field(40_000, typesize: 4), [3, 4, 8]),
            ("field64", BloscTestSupport.field(40_000, typesize: 8), [8, 16]),
            ("smooth", BloscTestSupport.payload("smooth", size: 300_001, typesize: 2, seed: 1), [2, 255, 300]),
            ("random", TestRandom.bytes(50_000, seed: 5), [4]),
            ("zeros", [UInt8](repeating: 0, count: 200_000), [8]),
        ]
        var entries: [[String: Any]] = []
        for (name, data, typesizes) in corpus {
            try Data(data).write(to: dir.appendingPathComponent("\(name).bin"))
            for compressor in [Blosc.Compressor.blosclz, .lz4, .lz4hc, .zlib, .zstd] {
                for shuffle in [Blosc.Shuffle.none, .byte, .bit] {
                    for typesize in typesizes {
                        for clevel in [0, 1, 5, 9] where data.count < 100_000 || clevel != 0 {
                            let stem = "\(name).\(compressor).s\(shuffle.rawValue).t\(typesize).l\(clevel)"
                            let chunk = try BloscTestSupport.compress(data, typesize: typesize, clevel: clevel,
                                                                      shuffle: shuffle, compressor: compressor)
                            try Data(chunk).write(to: dir.appendingPathComponent(stem + ".blosc"))
                            entries.append(["chunk": stem + ".blosc", "original": "\(name).bin",
                                            "cname": compressor.rawValue, "shuffle": shuffle.rawValue,
                                            "typesize": typesize, "clevel": clevel])
                        }
                    }
                }
            }
        }
        let manifest = try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys])
        try manifest.write(to: dir.appendingPathComponent("manifest.json"))
    }
}
