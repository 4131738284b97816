// Fuzz target: a whole metadata document (as `zarr.json`, `.zarray`, `.zgroup` and
// `.zmetadata`) through `openZarr`, every property of the node, and, for an
// array, a read of its first chunk and of a tiny region, a write of one element and a read
// back. Any document may be refused with an error; none may crash, hang or allocate without
// bound.
//
// The thread pool frees a task's captures just after its future completes, so the heap can
// still be settling when one input returns: per-input leak checks would blame that on the
// input, so they are off for this target (AddressSanitizer itself stays on).
// fuzz-options: -detect_leaks=0

import Foundation
@testable import SimpleZarr

/// The chunk ceiling while fuzzing: legal documents may declare chunks of gigabytes; the
/// target keeps them small so that a run is about correctness, not memory.
private let fuzzChunkLimit = 1 << 24

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMetadata(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ZarrLimits.maximumChunkByteCount = fuzzChunkLimit
    guard let data else { return 0 }
    let document = Data(bytes: data, count: size)
    // The same bytes as each kind of metadata document: v3 zarr.json, v2 .zarray with .zattrs,
    // v2 .zgroup, v2 consolidated .zmetadata.
    let layouts: [[String: Data]] = [
        ["zarr.json": document, "child/zarr.json": document],
        [".zarray": document, ".zattrs": document],
        [".zgroup": document, "child/.zarray": document],
        [".zmetadata": document, ".zgroup": document],
    ]
    for fields in layouts {
        guard let store = try? MemoryStore(fields: fields), let node = try? openZarr(store) else { continue }
        _ = node.description
        _ = node.attributes.count
        if let group = node as? ZarrGroup {
            _ = group.getStructure(maxDepth: 3)
            for child in (try? group.children) ?? [] { exercise(child as? ZarrArray) }
        }
        exercise(node as? ZarrArray)
    }
    return 0
}

/// Touches every property of `array`, then reads and writes a little of it.
private func exercise(_ array: ZarrArray?) {
    guard let array else { return }
    _ = (array.dtype, array.ndim, array.shape, array.size, array.nbytes, array.chunkGridShape,
         array.chunkShape, array.chunkSize, array.chunkNbytes, array.fillValue, array.dimensionNames,
         array.chunkKeyEncoding, array.oneLineDescription)
    // A region of at most two positions per axis, chunk (0, ...) and the first element.
    guard array.shape.allSatisfy({ $0 > 0 }) else {
        _ = try? array[...].get()
        return
    }
    _ = try? array.getChunk(Array(repeating: 0, count: array.ndim))
    // Two positions on each of up to 64 axes can be 2^64 elements: read the corner only while it
    // stays small (a legal but impossible read is the caller's to avoid, as in numpy).
    let corner = array.shape.map { AxisSelection.slice(start: 0, stop: min($0, 2), step: 1) }
    // (Elements of variable-length types take a `Data` each.)
    let elementBytes = array.dtype.isVariableLength ? MemoryLayout<Data>.stride : array.dtype.itemSize
    let cornerBytes = array.shape.reduce(elementBytes) { bytes, length in
        bytes > 1 << 24 ? bytes : bytes * min(length, 2)
    }
    if cornerBytes <= 1 << 24 { _ = try? array.select(corner).get() }
    let first = array.shape.map { _ in AxisSelection.index(0) }
    guard let element = try? NDArray(dtype: array.dtype, shape: [], fillValue: array.fillValue) else { return }
    if (try? array.select(first).set(element)) != nil {
        _ = try? array.select(first).get()
    }
}
