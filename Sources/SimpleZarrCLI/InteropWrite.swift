// `simplezarr interop-write MANIFEST OUTDIR`: re-create every group and
// array of the zarr-python fixture manifest (see Scripts/make_fixtures.py)
// with this library, in a LocalStore at OUTDIR, so that
// Scripts/interop_check.py can read them back with zarr-python.

import Foundation
import SimpleZarr

func runInteropWrite(manifestPath: String, outputPath: String) throws {
    let manifestURL = URL(fileURLWithPath: manifestPath)
    let manifest = try JSONValue.parse(Data(contentsOf: manifestURL))
    let store = LocalStore(outputPath)

    for group in manifest["groups"]?.arrayValue ?? [] {
        try ZarrGroup.create(store, group["path"]?.stringValue ?? "", attributes: group["attributes"]?.objectValue)
    }
    var written = 0
    var skipped = 0
    for entry in manifest["arrays"]?.arrayValue ?? [] {
        guard let path = entry["path"]?.stringValue, let typeName = entry["data_type"]?.stringValue,
            let expectedFile = entry["expected"]?.stringValue
        else {
            throw ZarrError.invalidArgument("manifest entry without path, data_type or expected: \(entry)")
        }
        let codecs = entry["codecs"]?.arrayValue ?? []
        let missing = codecs.compactMap { $0["name"]?.stringValue }.filter { CodecRegistry.codecType(named: $0) == nil }
        guard missing.isEmpty else {
            print("skip \(path) (codecs not supported yet: \(missing.joined(separator: ", ")))")
            skipped += 1
            continue
        }
        let dtype = try DataType(zarrName: typeName)
        let shape = (entry["shape"]?.arrayValue ?? []).compactMap(\.intValue)
        let array = try ZarrArray.create(
            store, path, shape: shape, dtype: dtype,
            chunkShape: entry["chunk_shape"]?.arrayValue?.compactMap(\.intValue),
            fillValue: entry["fill_value"],
            chunkKeyEncoding: try entry["chunk_key_encoding"].map(ChunkKeyEncoding.init(json:)),
            codecs: codecs,
            dimensionNames: entry["dimension_names"]?.arrayValue?.map(\.stringValue),
            attributes: entry["attributes"]?.objectValue)
        let expectedURL = manifestURL.deletingLastPathComponent().appendingPathComponent(expectedFile)
        let values = try NDArray(dtype: dtype, shape: shape, bytes: Data(contentsOf: expectedURL))
        try array[...].set(values)
        written += 1
    }
    print("interop-write: wrote \(written) arrays, skipped \(skipped), into \(outputPath)")
}
