// What a sharding codec knows once bound to a shard representation: the
// inner chunk grid, the pipeline of the inner chunks and that of the index
// (whose encoded size is fixed, so readers can fetch it before anything
// else). It encodes whole shards and decodes them, whole or in part
// (the part lives in ShardPartialRead.swift).

import Foundation

/// The inner and index pipelines of a sharding codec bound to one shard representation.
///
/// A class, so copies of the bound codec share the pipelines instead of rebuilding them.
final class ShardLayout: Sendable {
    /// The shard the codec was bound to.
    let shard: ArrayRepresentation
    /// The shape of an inner chunk.
    let chunkShape: [Int]
    /// The number of inner chunks along each axis.
    let gridShape: [Int]
    /// The number of inner chunks.
    let chunkCount: Int
    /// The pipeline of one inner chunk.
    let inner: CodecPipeline
    /// The pipeline of the index: uint64 of shape `gridShape + [2]`.
    let index: CodecPipeline
    /// The size of the encoded index, in bytes.
    let indexByteCount: Int
    /// Where the index is stored.
    let indexLocation: ShardingCodec.IndexLocation
    /// The indexes partial reads decoded lately, so reading a shard's inner chunks one by one
    /// decodes and checks its index once.
    let partialReadIndexes = ShardIndexCache()

    /// The index value of an inner chunk that is not stored (offset and nbytes alike).
    static let emptyMarker = UInt64.max

    init(
        shard: ArrayRepresentation, chunkShape: [Int], codecs: [any Codec], indexCodecs: [any Codec],
        indexLocation: ShardingCodec.IndexLocation
    ) throws {
        let name = ShardingCodec.name
        guard chunkShape.count == shard.shape.count,
              zip(shard.shape, chunkShape).allSatisfy({ $0 > 0 && $1 > 0 && $0 % $1 == 0 })
        else {
            throw ZarrError.codec(
                "codec '\(name)': the shard shape \(ArrayMetadata.brief(shard.shape)) is not a positive multiple "
                    + "of the inner chunk shape \(ArrayMetadata.brief(chunkShape)) on every axis")
        }
        self.shard = shard
        self.chunkShape = chunkShape
        gridShape = zip(shard.shape, chunkShape).map { $0 / $1 }
        // The grid has no more positions than the shard has elements, which fit in Int.
        chunkCount = ShapeArithmetic.product(gridShape) ?? Int.max
        self.indexLocation = indexLocation
        do {
            inner = try CodecPipeline(
                codecs: codecs, chunk: ArrayRepresentation(shape: chunkShape, dataType: shard.dataType, fillValue: shard.fillValue))
        } catch let error as ZarrError {
            throw error.prefixed("codec '\(name)': codecs")
        }
        let marker = FillValue(dataType: .uint64, elementBytes: withUnsafeBytes(of: Self.emptyMarker) { Array($0) })
        do {
            index = try CodecPipeline(
                codecs: indexCodecs, chunk: ArrayRepresentation(shape: gridShape + [2], dataType: .uint64, fillValue: marker))
        } catch let error as ZarrError {
            throw error.prefixed("codec '\(name)': index_codecs")
        }
        guard let size = index.fixedEncodedByteCount else {
            throw ZarrError.unsupported(
                "codec '\(name)': index_codecs \(indexCodecs.map(\.name)) do not give the index a fixed size; "
                    + "use codecs such as 'bytes' and 'crc32c' (no compressor)")
        }
        indexByteCount = size
    }

    // MARK: Grid

    /// The whole shard as a region.
    var wholeShard: ChunkRegion {
        ChunkRegion(start: Array(repeating: 0, count: shard.shape.count), counts: shard.shape)
    }

    /// The C-order number of the inner chunk at `position` in the grid.
    func linearIndex(_ position: [Int]) -> Int {
        zip(position, gridShape).reduce(0) { $0 * $1.1 + $1.0 }
    }

    /// The grid position of inner chunk number `linear`, for messages.
    func gridPosition(_ linear: Int) -> [Int] {
        var rest = linear
        var position = [Int](repeating: 0, count: gridShape.count)
        for axis in gridShape.indices.reversed() {
            position[axis] = rest % gridShape[axis]
            rest /= gridShape[axis]
        }
        return position
    }

    /// Throws `ZarrError.limitExceeded` when the index or an inner chunk (or, with `wholeShard`,
    /// the shard) has more bytes than `ZarrLimits.maximumChunkByteCount` allows.
    func checkLimits(wholeShard: Bool) throws {
        let owner = "codec '\(ShardingCodec.name)'"
        try ZarrLimits.checkChunk(
            byteCount: index.chunk.byteCount, shape: index.chunk.shape, dataType: .uint64, method: "\(owner) (index)")
        try ZarrLimits.checkChunk(
            byteCount: inner.chunk.byteCount, shape: chunkShape, dataType: shard.dataType, method: "\(owner) (inner chunk)")
        if wholeShard {
            try ZarrLimits.checkChunk(byteCount: shard.byteCount, shape: shard.shape, dataType: shard.dataType, method: owner)
        }
    }

    // MARK: Encoding

    /// The stored bytes of one shard: the encoded inner chunks (fill-only ones left out) in C
    /// order of the grid, and the index before or after them.
    func encode(_ array: NDArray) throws -> Data {
        guard array.dtype == shard.dataType, array.shape == shard.shape else {
            throw ZarrError.codec(
                "codec '\(ShardingCodec.name)': shard must have shape \(ArrayMetadata.brief(shard.shape)) and dtype "
                    + "\(shard.dataType), got \(ArrayMetadata.brief(array.shape)) and \(array.dtype)")
        }
        let origin = Array(repeating: 0, count: chunkShape.count)
        var pieces: [Data] = []
        var entries: [UInt64] = []
        entries.reserveCapacity(2 * chunkCount)
        var offset = indexLocation == .start ? indexByteCount : 0
        var parts = ChunkPartIterator(wholeShard, chunkShape: chunkShape)
        try array.withElementBuffer { source in
            while let part = parts.next() {
                let chunk = try NDArray(uninitialized: shard.dataType, shape: chunkShape)
                copyBlock(
                    counts: chunkShape, from: source, BlockSide(shape: shard.shape, start: part.resultStart),
                    to: chunk.elementBufferOfNewArray, BlockSide(shape: chunkShape, start: origin))
                if chunk.isEntirely(shard.fillValue) {
                    entries += [Self.emptyMarker, Self.emptyMarker]
                    continue
                }
                let bytes = try inner.encode(chunk, bufferIsExclusive: true)
                entries += [UInt64(offset), UInt64(bytes.count)]
                offset += bytes.count
                pieces.append(bytes)
            }
        }
        let indexBytes = try index.encode(NDArray(entries, shape: gridShape + [2]))
        guard indexBytes.count == indexByteCount else {
            throw ZarrError.codec(
                "codec '\(ShardingCodec.name)': index_codecs made an index of \(indexBytes.count) bytes, expected \(indexByteCount)")
        }
        var stored = Data(capacity: offset + (indexLocation == .end ? indexByteCount : 0))
        if indexLocation == .start { stored.append(indexBytes) }
        for piece in pieces { stored.append(piece) }
        if indexLocation == .end { stored.append(indexBytes) }
        return stored
    }

    // MARK: Decoding a whole shard

    /// Decodes the stored bytes of a whole shard.
    func decode(_ bytes: Data) throws -> NDArray {
        try checkLimits(wholeShard: true)
        let context = "codec '\(ShardingCodec.name)'"
        guard bytes.count >= indexByteCount else {
            throw ZarrError.codec("\(context): stored shard has \(bytes.count) bytes, fewer than its index (\(indexByteCount) bytes)")
        }
        let indexStart = indexLocation == .start ? 0 : bytes.count - indexByteCount
        let shardIndex = try ShardIndex(
            decoding: bytes.sharedSlice(at: indexStart, count: indexByteCount), of: self, context: context,
            shardSize: bytes.count, indexStart: indexStart)
        let result = try NDArray(uninitialized: shard.dataType, shape: shard.shape)
        let destination = RegionDestination(result.elementBufferOfNewArray, shape: shard.shape, start: wholeShard.start)
        let steps = wholeShard.steps
        var parts = ChunkPartIterator(wholeShard, chunkShape: chunkShape)
        while let part = parts.next() {
            let linear = linearIndex(part.chunkIndex)
            let stored = shardIndex.range(of: linear).map { bytes.sharedSlice(at: $0.lowerBound, count: $0.count) }
            try write(stored, part: part, steps: steps, into: destination, context: context)
        }
        return result
    }

    // MARK: Inner chunks

    /// Writes one inner chunk's part of a region into `destination`: decoded from `stored`, or
    /// the fill value when the inner chunk is not stored (`nil`).
    func write(
        _ stored: Data?, part: ChunkPart, steps: [Int], into destination: RegionDestination, context: String
    ) throws {
        let target = BlockSide(shape: destination.shape, start: zip(destination.start, part.resultStart).map(+))
        guard let stored else {
            fillBlock(counts: part.counts, with: shard.fillValue, in: destination.buffer(itemSize: shard.dataType.itemSize), target)
            return
        }
        let source = BlockSide(shape: chunkShape, start: part.chunkStart, steps: steps)
        do {
            try inner.decode(
                stored, copying: part.counts, from: source, to: destination.buffer(itemSize: shard.dataType.itemSize), target)
        } catch let error as ZarrError {
            throw error.prefixed("\(context): inner chunk \(part.chunkIndex)")
        }
    }
}

extension Data {
    /// `count` bytes from `offset` (counted from the first byte, whatever `startIndex` is),
    /// sharing this value's storage. The caller guarantees the range lies inside.
    func sharedSlice(at offset: Int, count: Int) -> Data {
        let from = startIndex + offset
        return self[from..<(from + count)]
    }
}
