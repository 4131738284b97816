import Foundation
@testable import SimpleZarr

/// The arrays an interop export wrote, for Scripts/check_hierarchy_interop.py: each array's values
/// (read back here) as raw little-endian bytes beside a manifest naming its path, numpy dtype and shape,
/// or, for text, byte strings and datetimes, the values themselves in the manifest.
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

    /// Records `array` with the values meant to be in it (`values`, C order, in `DtypeFixture`'s
    /// forms), written into the manifest itself for the checker to compare element by element,
    /// with the keys of the chunks never stored (`missing`). Throws unless the array reads back
    /// here as exactly those values.
    func record(_ array: ZarrArray, values: [DtypeFixture.Element], form: String, missing: [String]) throws {
        let readBack = try DtypeFixture.elements(try array[...].get(), form: form)
        guard readBack == values else {
            throw ZarrError.codec("\(array.path): SimpleZarr reads back other values than it wrote")
        }
        let numpyType: JSONValue
        switch array.dtype {
        case .string: numpyType = "T"  // numpy's StringDType, as zarr-python 3 reads text
        case .bytes: numpyType = "O"
        case .structured(let fields):  // numpy's spelling: [name, type string] pairs
            numpyType = .array(fields.map { [.string($0.name), .string(NumpyTypeString(dataType: $0.dataType).text)] })
        default: numpyType = .string(NumpyTypeString(dataType: array.dtype).text)
        }
        arrays.append([
            "path": .string(array.path), "dtype": numpyType, "shape": JSONValue(array.shape),
            "form": .string(form), "values": .array(values.map(\.json)), "missing_keys": .array(missing.map(JSONValue.string)),
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
