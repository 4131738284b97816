// The `transpose` codec (array -> array):
// https://zarr-specs.readthedocs.io/en/latest/v3/codecs/transpose/index.html
// `order` is a permutation of the dimensions: axis i of the encoded array
// is axis order[i] of the decoded one. The older spellings "C" (identity)
// and "F" (reversed) are read too.

/// Permutes the dimensions of a chunk.
public struct TransposeCodec: ArrayToArrayCodec {
    public static let name = "transpose"

    /// The permutation, or `nil` for the legacy "F" order (reverse every axis) resolved per chunk.
    private let explicitOrder: [Int]?
    private let legacyName: String?

    /// A codec applying `order`, a permutation of `0..<ndim`.
    public init(order: [Int]) {
        explicitOrder = order
        legacyName = nil
    }

    public init(configuration: JSONObject) throws {
        guard let value = configuration["order"] else {
            throw ZarrError.invalidMetadata("codec 'transpose': configuration needs 'order'")
        }
        switch value {
        case .string(let text) where text == "C" || text == "F":
            explicitOrder = nil
            legacyName = text
        case .array(let elements):
            explicitOrder = try elements.map { element in
                guard let axis = element.intValue else {
                    throw ZarrError.invalidMetadata("codec 'transpose': order must hold integers, got \(value)")
                }
                return axis
            }
            legacyName = nil
        default:
            throw ZarrError.invalidMetadata("codec 'transpose': order must be an array of integers, got \(value)")
        }
    }

    public var configuration: JSONObject {
        if let legacyName { return ["order": .string(legacyName)] }
        return ["order": JSONValue(explicitOrder ?? [])]
    }

    /// The permutation for arrays of `ndim` dimensions, checked to be one.
    private func permutation(ndim: Int) throws -> [Int] {
        let order: [Int]
        if let explicitOrder {
            order = explicitOrder
        } else {
            order = legacyName == "F" ? Array((0..<ndim).reversed()) : Array(0..<ndim)
        }
        guard order.count == ndim, Set(order) == Set(0..<ndim) else {
            throw ZarrError.codec("codec 'transpose': order \(order) is not a permutation of the \(ndim) dimensions of the chunk")
        }
        return order
    }

    public func encodedRepresentation(of decoded: ArrayRepresentation) throws -> ArrayRepresentation {
        let order = try permutation(ndim: decoded.shape.count)
        var encoded = decoded
        encoded.shape = order.map { decoded.shape[$0] }
        return encoded
    }

    public func encode(_ array: NDArray) throws -> NDArray {
        try permuteAxes(array, permutation(ndim: array.ndim))
    }

    public func decode(_ array: NDArray, to decoded: ArrayRepresentation) throws -> NDArray {
        let order = try permutation(ndim: decoded.shape.count)
        let encodedShape = order.map { decoded.shape[$0] }
        guard array.shape == encodedShape else {
            throw ZarrError.codec("codec 'transpose': got shape \(array.shape), expected \(encodedShape)")
        }
        var inverse = [Int](repeating: 0, count: order.count)
        for (i, axis) in order.enumerated() { inverse[axis] = i }
        return try permuteAxes(array, inverse)
    }
}

/// A new array whose axis i is axis `order[i]` of `source` (numpy's `transpose(order)` made contiguous).
func permuteAxes(_ source: NDArray, _ order: [Int]) throws -> NDArray {
    let ndim = source.ndim
    let shape = order.map { source.shape[$0] }
    let result = try NDArray(uninitialized: source.dtype, shape: shape)
    guard source.count > 0 else { return result }
    if order == Array(0..<ndim) {
        source.withUnsafeBytes { result.unsafeMutableBytesOfNewArray.copyMemory(from: $0) }
        return result
    }
    // Source strides in elements, then reordered to follow the destination's axes.
    var sourceStrides = [Int](repeating: 1, count: ndim)
    for axis in stride(from: ndim - 2, through: 0, by: -1) {
        sourceStrides[axis] = sourceStrides[axis + 1] * source.shape[axis + 1]
    }
    let strides = order.map { sourceStrides[$0] }
    let itemSize = source.dtype.itemSize
    let destination = result.unsafeMutableBytesOfNewArray
    source.withUnsafeBytes { sourceBytes in
        switch itemSize {
        case 1: gather(sourceBytes, destination, shape, strides, UInt8.self)
        case 2: gather(sourceBytes, destination, shape, strides, UInt16.self)
        case 4: gather(sourceBytes, destination, shape, strides, UInt32.self)
        case 8: gather(sourceBytes, destination, shape, strides, UInt64.self)
        default: gatherBytes(sourceBytes, destination, shape, strides, itemSize)
        }
    }
    return result
}

/// Walks the destination in C order, reading each element at its strided source offset.
private func gather<T>(
    _ source: UnsafeRawBufferPointer, _ destination: UnsafeMutableRawBufferPointer,
    _ shape: [Int], _ strides: [Int], _: T.Type
) {
    guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
    let size = MemoryLayout<T>.size
    forEachRow(shape, strides) { destinationOffset, sourceOffset, innerLength, innerStride in
        var s = sourceOffset
        for i in 0..<innerLength {
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: s * size, as: T.self), toByteOffset: (destinationOffset + i) * size, as: T.self)
            s += innerStride
        }
    }
}

private func gatherBytes(
    _ source: UnsafeRawBufferPointer, _ destination: UnsafeMutableRawBufferPointer,
    _ shape: [Int], _ strides: [Int], _ itemSize: Int
) {
    guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
    forEachRow(shape, strides) { destinationOffset, sourceOffset, innerLength, innerStride in
        for i in 0..<innerLength {
            (dst + (destinationOffset + i) * itemSize).copyMemory(from: src + (sourceOffset + i * innerStride) * itemSize, byteCount: itemSize)
        }
    }
}

/// Calls `body` once per innermost row of `shape` (in C order) with the row's flat
/// destination offset, its source offset under `strides`, its length and its source stride.
@inline(__always)
private func forEachRow(_ shape: [Int], _ strides: [Int], _ body: (Int, Int, Int, Int) -> Void) {
    let ndim = shape.count
    let innerLength = shape[ndim - 1]
    let innerStride = strides[ndim - 1]
    let rows = shape.dropLast().reduce(1, *)
    var counter = [Int](repeating: 0, count: ndim)
    var sourceOffset = 0
    for row in 0..<rows {
        body(row * innerLength, sourceOffset, innerLength, innerStride)
        // Advance the outer counters like an odometer, keeping sourceOffset in step.
        var axis = ndim - 2
        while axis >= 0 {
            counter[axis] += 1
            sourceOffset += strides[axis]
            if counter[axis] < shape[axis] { break }
            sourceOffset -= strides[axis] * shape[axis]
            counter[axis] = 0
            axis -= 1
        }
    }
}
