// Copying an N-dimensional block of elements between two buffers, each
// side described by an element offset and a stride per axis. This one
// kernel serves slice reads (chunk -> result), slice writes (value ->
// chunk) and the transpose codec (strides permuted). Axes that are
// contiguous on both sides are merged first, so a block of whole rows
// becomes a few long memcpy calls.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One side of a block copy: a C-order buffer of `shape`, and where the block lies in it.
struct BlockSide {
    /// The buffer's shape (its C-order layout).
    var shape: [Int]
    /// The block's first position on each axis.
    var start: [Int]
    /// The distance between the block's positions on each axis (1 = adjacent).
    var steps: [Int]

    /// A block starting at `start` with unit steps.
    init(shape: [Int], start: [Int], steps: [Int]? = nil) {
        self.shape = shape
        self.start = start
        self.steps = steps ?? Array(repeating: 1, count: shape.count)
    }

    /// The element offset of the block's first element, and the element stride of each block axis.
    func layout() -> (offset: Int, strides: [Int]) {
        var strides = [Int](repeating: 0, count: shape.count)
        var offset = 0
        var unit = 1
        for axis in (0..<shape.count).reversed() {
            strides[axis] = unit * steps[axis]
            offset += start[axis] * unit
            unit *= shape[axis]
        }
        return (offset, strides)
    }
}

/// Copies a block of `counts` elements (each `itemSize` bytes) between two C-order buffers.
///
/// The caller guarantees that the block lies inside both buffers and that the two do not overlap.
func copyBlock(
    counts: [Int], itemSize: Int,
    from source: UnsafeRawPointer, _ sourceSide: BlockSide,
    to destination: UnsafeMutableRawPointer, _ destinationSide: BlockSide
) {
    let (sourceOffset, sourceStrides) = sourceSide.layout()
    let (destinationOffset, destinationStrides) = destinationSide.layout()
    copyStrided(
        counts: counts, itemSize: itemSize,
        from: source, offset: sourceOffset, strides: sourceStrides,
        to: destination, offset: destinationOffset, strides: destinationStrides)
}

/// Sets every element of a block of `counts` elements in a C-order buffer to `pattern` (one element).
func fillBlock(counts: [Int], pattern: [UInt8], in destination: UnsafeMutableRawPointer, _ side: BlockSide) {
    let layout = side.layout()
    pattern.withUnsafeBytes { source in
        guard let start = source.baseAddress else { return }
        // A source stride of 0 on every axis reads the one pattern element again and again.
        copyStrided(
            counts: counts, itemSize: pattern.count,
            from: start, offset: 0, strides: Array(repeating: 0, count: counts.count),
            to: destination, offset: layout.offset, strides: layout.strides)
    }
}

/// Copies `counts` elements where element (i0, i1, ...) lies at `offset + Σ ik·strides[k]`
/// (in elements) on each side.
func copyStrided(
    counts: [Int], itemSize: Int,
    from source: UnsafeRawPointer, offset sourceOffset: Int, strides sourceStrides: [Int],
    to destination: UnsafeMutableRawPointer, offset destinationOffset: Int, strides destinationStrides: [Int]
) {
    let src = source + sourceOffset * itemSize
    let dst = destination + destinationOffset * itemSize
    forEachStridedRow(counts: counts, sourceStrides: sourceStrides, destinationStrides: destinationStrides) { s, d, row in
        copyRow(from: src + s * itemSize, row.source, to: dst + d * itemSize, row.destination, count: row.count, itemSize: itemSize)
    }
}

/// Copies a block of `counts` variable-length elements between two C-order element buffers
/// (the `Data` values are shared, not their bytes copied).
///
/// The caller guarantees that the block lies inside both buffers.
func copyElementBlock(
    counts: [Int],
    from source: UnsafePointer<Data>, _ sourceSide: BlockSide,
    to destination: UnsafeMutablePointer<Data>, _ destinationSide: BlockSide
) {
    let (sourceOffset, sourceStrides) = sourceSide.layout()
    let (destinationOffset, destinationStrides) = destinationSide.layout()
    copyStridedElements(
        counts: counts, from: source + sourceOffset, strides: sourceStrides,
        to: destination + destinationOffset, strides: destinationStrides)
}

/// Copies `counts` variable-length elements where element (i0, i1, ...) lies at
/// `Σ ik·strides[k]` from the first one on each side.
func copyStridedElements(
    counts: [Int], from source: UnsafePointer<Data>, strides sourceStrides: [Int],
    to destination: UnsafeMutablePointer<Data>, strides destinationStrides: [Int]
) {
    forEachStridedRow(counts: counts, sourceStrides: sourceStrides, destinationStrides: destinationStrides) { s, d, row in
        for i in 0..<row.count { destination[d + i * row.destination] = source[s + i * row.source] }
    }
}

/// Sets every element of a block of `counts` variable-length elements to `value`.
func fillElementBlock(counts: [Int], value: Data, in destination: UnsafeMutablePointer<Data>, _ side: BlockSide) {
    let (offset, strides) = side.layout()
    let dst = destination + offset
    forEachStridedRow(counts: counts, sourceStrides: strides, destinationStrides: strides) { _, d, row in
        for i in 0..<row.count { dst[d + i * row.destination] = value }
    }
}

/// One innermost row of a strided walk: its length and the element stride on each side.
struct StridedRow {
    var count: Int
    var source: Int
    var destination: Int
}

/// Walks the block of `counts` elements row by row, calling `body` with each row's first
/// element offset on both sides (in elements, from the block's first element) and the row.
///
/// Axes contiguous on both sides are merged first, and length-1 axes dropped, so the rows are
/// as long as the layouts allow.
@inline(__always)
func forEachStridedRow(
    counts: [Int], sourceStrides: [Int], destinationStrides: [Int], _ body: (Int, Int, StridedRow) -> Void
) {
    guard !counts.contains(0) else { return }
    var dims: [StridedRow] = []
    for axis in counts.indices where counts[axis] != 1 {
        let dim = StridedRow(count: counts[axis], source: sourceStrides[axis], destination: destinationStrides[axis])
        if let last = dims.last, last.source == dim.count * dim.source, last.destination == dim.count * dim.destination {
            dims[dims.count - 1] = StridedRow(count: last.count * dim.count, source: dim.source, destination: dim.destination)
        } else {
            dims.append(dim)
        }
    }
    let inner = dims.popLast() ?? StridedRow(count: 1, source: 1, destination: 1)

    // Walk the outer axes like an odometer, one inner row each time.
    var counter = [Int](repeating: 0, count: dims.count)
    var s = 0
    var d = 0
    while true {
        body(s, d, inner)
        var axis = dims.count - 1
        while axis >= 0 {
            counter[axis] += 1
            s += dims[axis].source
            d += dims[axis].destination
            if counter[axis] < dims[axis].count { break }
            s -= dims[axis].source * dims[axis].count
            d -= dims[axis].destination * dims[axis].count
            counter[axis] = 0
            axis -= 1
        }
        if axis < 0 { return }
    }
}

/// Copies `count` elements with the given element strides.
@inline(__always)
private func copyRow(
    from source: UnsafeRawPointer, _ sourceStride: Int,
    to destination: UnsafeMutableRawPointer, _ destinationStride: Int,
    count: Int, itemSize: Int
) {
    if sourceStride == 1, destinationStride == 1 {
        memcpy(destination, source, count * itemSize)
        return
    }
    switch itemSize {
    case 1: copyElements(source, sourceStride, destination, destinationStride, count, UInt8.self)
    case 2: copyElements(source, sourceStride, destination, destinationStride, count, UInt16.self)
    case 4: copyElements(source, sourceStride, destination, destinationStride, count, UInt32.self)
    case 8: copyElements(source, sourceStride, destination, destinationStride, count, UInt64.self)
    default:
        for i in 0..<count {
            memcpy(destination + i * destinationStride * itemSize, source + i * sourceStride * itemSize, itemSize)
        }
    }
}

@inline(__always)
private func copyElements<T>(
    _ source: UnsafeRawPointer, _ sourceStride: Int,
    _ destination: UnsafeMutableRawPointer, _ destinationStride: Int,
    _ count: Int, _: T.Type
) {
    let size = MemoryLayout<T>.size
    for i in 0..<count {
        let value = source.loadUnaligned(fromByteOffset: i * sourceStride * size, as: T.self)
        destination.storeBytes(of: value, toByteOffset: i * destinationStride * size, as: T.self)
    }
}
