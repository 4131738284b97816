// `simplezarr demo`: the library in one screen. Builds a group with two
// arrays in a MemoryStore, writes every chunk in parallel with futures,
// reads them back and checks them, slices a region, prints the structure.

import SimpleZarr

func runDemo() throws {
    let store = MemoryStore()
    try ZarrGroup.create(store, "", attributes: ["title": "SimpleZarr demo"])
    try ZarrGroup.create(store, "volumes", attributes: ["units": "counts"])
    let volume = try ZarrArray.create(
        store, "volumes/smooth", shape: [64, 64, 64], dtype: .uint16, chunkShape: [16, 16, 16],
        dimensionNames: ["z", "y", "x"])
    let image = try ZarrArray.create(
        store, "volumes/image", shape: [100, 120], dtype: .float32, chunkShape: [32, 32], fillValue: "NaN",
        codecs: [TransposeCodec(order: [1, 0]).json, BytesCodec(endian: .big).json, Crc32cCodec().json])

    // Write every chunk of the volume in parallel: one future per chunk.
    func chunkValues(_ index: [Int]) throws -> NDArray {
        var values = [UInt16](repeating: 0, count: 16 * 16 * 16)
        for z in 0..<16 { for y in 0..<16 { for x in 0..<16 {
            let (gz, gy, gx) = (index[0] * 16 + z, index[1] * 16 + y, index[2] * 16 + x)
            values[(z * 16 + y) * 16 + x] = UInt16(truncatingIfNeeded: gz + gy * gy / 32 + gx * gx * gx)
        } } }
        return try NDArray(values, shape: [16, 16, 16])
    }
    var indices: [[Int]] = []
    for z in 0..<4 { for y in 0..<4 { for x in 0..<4 { indices.append([z, y, x]) } } }
    let writes = try indices.map { volume.setChunkFuture(try chunkValues($0), $0) }
    _ = try waitAll(writes)
    print("wrote \(writes.count) chunks of \(volume) in parallel")

    // Read them back in parallel and check each one.
    let reads = indices.map { volume.getChunkFuture($0) }
    for (index, chunk) in zip(indices, try waitAll(reads)) where chunk != (try chunkValues(index)) {
        throw ZarrError.codec("chunk \(index) did not read back as written")
    }
    print("read \(reads.count) chunks back: all equal to what was written")

    // Regions: a slice of the volume, and a write to the image that leaves the rest as fill.
    let plane = try volume[5, 0..<64, 10].get()
    print("volume[5, 0..<64, 10] -> shape \(plane.shape), first values \(try plane.toArray(as: UInt16.self).prefix(6))")
    try image[10..<50, 20...].set(Float(1.5))
    let row = try image[30, 15..<25].get()
    print("image[30, 15..<25] -> \(try row.toArray(as: Float.self))")

    let root = try openZarr(store) as? ZarrGroup
    print()
    root?.printStructure()
    print("\nmetadata of volumes/image:")
    image.printMetadata()
}
