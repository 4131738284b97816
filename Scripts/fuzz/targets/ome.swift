// Fuzz target: group attributes as OME-Zarr multiscales metadata (NGFF 0.5 in a v3
// `zarr.json`, 0.4 in a v2 `.zattrs`) over a fixed set of small arrays, read into
// `MultiscaleInfo`, then a `ChunkPool` getting, waiting for and dropping a chunk of each
// level. Any metadata may be refused with an error; none may crash, hang or allocate
// without bound.
//
// The thread pool frees a task's captures just after its future completes, so per-input leak
// checks would blame the settling heap on the input: they are off (AddressSanitizer stays on).
// fuzz-options: -detect_leaks=0

import Foundation
@testable import SimpleZarr

/// Arrays the metadata may name: `0`, `1`, `2` (2-d to 5-d shapes) and `s0`.
private func arrayFields() -> [String: Data] {
    var fields: [String: Data] = [:]
    let shapes: [(String, [Int])] = [("0", [2, 8, 8, 8]), ("1", [2, 4, 4, 4]), ("2", [8, 8]), ("s0", [1, 2, 4, 4, 4])]
    for (path, shape) in shapes {
        let document = "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":\(shape),\"data_type\":\"uint8\","
            + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":\(shape.map { min($0, 4) })}},"
            + "\"chunk_key_encoding\":{\"name\":\"default\"},\"fill_value\":0,\"codecs\":[{\"name\":\"bytes\"}]}"
        fields["\(path)/zarr.json"] = Data(document.utf8)
        let v2 = "{\"zarr_format\":2,\"shape\":\(shape),\"chunks\":\(shape.map { min($0, 4) }),\"dtype\":\"|u1\","
            + "\"compressor\":null,\"fill_value\":0,\"order\":\"C\",\"filters\":null}"
        fields["\(path)/.zarray"] = Data(v2.utf8)
    }
    return fields
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOme(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let attributes = Data(bytes: data, count: size)
    // Made per input: a global would outlive the run and count as a leak at exit.
    let arrays = arrayFields()
    var v3 = arrays
    v3["zarr.json"] = Data("{\"zarr_format\":3,\"node_type\":\"group\",\"attributes\":".utf8) + attributes + Data("}".utf8)
    var v2 = arrays
    v2[".zgroup"] = Data("{\"zarr_format\":2}".utf8)
    v2[".zattrs"] = attributes
    for fields in [v3, v2] {
        guard let store = try? MemoryStore(fields: fields), let node = try? openZarr(store),
            let infos = try? MultiscaleInfo.fromZarrNode(node)
        else { continue }
        for info in infos {
            _ = (info.name, info.axesNames, info.unit, info.unitFactor)
            let pool = ChunkPool(info, cacheSize: 1)
            for scale in info.scales {
                _ = (scale.meanScale, scale.spatialShape, scale.spatialScale, scale.spatialOffset, scale.nchannels, scale.ntimes)
                let index = Array(repeating: 0, count: scale.array.ndim)
                if let chunk = try? pool.getChunk(scale.level, index, loadHandler: { _ in }) {
                    try? chunk.wait()
                    pool.dropChunk(scale.level, index)
                }
            }
            pool.destroy()
        }
    }
    return 0
}
