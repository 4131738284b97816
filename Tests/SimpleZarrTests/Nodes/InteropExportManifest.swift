import Foundation
@testable import SimpleZarr

/// The arrays an interop export wrote, for Scripts/check_hierarchy_interop.py: each array's values
/// (read back here) as raw little-endian bytes beside a manifest naming its path, numpy dtype and shape.
final class InteropExportManifest {
    private let root: URL
    private var arrays: [JSONValue] = []
    private var seed: UInt64 = 0x5EED

    /// A manifest for the export directory `root`.
    init(root: URL) {
        self.root = root
    }

    /// The number of arrays recorded so far.
    var count: Int { arrays.count }

    /// Reads `array` whole and records its values.
    func record(_ array: ZarrArray) throws {
        let values = try array[...].get()
        let file = array.path.replacingOccurrences(of: "/", with: "__") + ".bin"
        try values.withUnsafeBytes { try Data($0).write(to: root.appendingPathComponent(file)) }
        arrays.append([
            "path": .string(array.path), "dtype": .string(NumpyTypeString(dataType: array.dtype).text),
            "shape": JSONValue(array.shape), "expected": .string(file),
        ])
    }

    /// Deterministic pseudo-random elements of `dtype` (booleans 0 or 1), `count` of them.
    func randomElements(_ dtype: DataType, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count * dtype.itemSize)
        for i in bytes.indices {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[i] = dtype == .bool ? UInt8(seed >> 63) : UInt8(truncatingIfNeeded: seed >> 33)
        }
        return bytes
    }

    /// Writes manifest.json for the store folder `store` (relative to `root`).
    func write(store: String, zarrFormat: Int) throws {
        let document: JSONValue = ["store": .string(store), "zarr_format": JSONValue(zarrFormat), "arrays": .array(arrays)]
        try Data(document.prettyPrinted().utf8).write(to: root.appendingPathComponent("manifest.json"))
    }
}
