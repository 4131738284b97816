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
                    throw ZarrError.invalidMetadata("codec 'transpose': order must hold integers, got \(value.jsonText)")
                }
                return axis
            }
            legacyName = nil
        default:
            throw ZarrError.invalidMetadata("codec 'transpose': order must be an array of integers, got \(value.jsonText)")
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

    /// Transposing always builds a new array.
    public var encodeReturnsNewStorage: Bool { true }

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
    let result = try NDArray(uninitialized: source.dtype, shape: order.map { source.shape[$0] })
    // Walk the result in C order; each of its axes steps through the source with the permuted stride.
    var sourceStrides = [Int](repeating: 1, count: source.ndim)
    for axis in stride(from: source.ndim - 2, through: 0, by: -1) {
        sourceStrides[axis] = sourceStrides[axis + 1] * source.shape[axis + 1]
    }
    let resultLayout = BlockSide(shape: result.shape, start: Array(repeating: 0, count: result.ndim)).layout()
    if let destination = result.unsafeMutableElementsOfNewArray.baseAddress, let src = source.variableLengthElements.baseAddress {
        copyStridedElements(
            counts: result.shape, from: src, strides: order.map { sourceStrides[$0] },
            to: destination, strides: resultLayout.strides)
        return result
    }
    let destination = result.unsafeMutableBytesOfNewArray
    source.withUnsafeBytes { sourceBytes in
        guard let src = sourceBytes.baseAddress, let dst = destination.baseAddress else { return }
        copyStrided(
            counts: result.shape, itemSize: source.dtype.itemSize,
            from: src, offset: 0, strides: order.map { sourceStrides[$0] },
            to: dst, offset: 0, strides: resultLayout.strides)
    }
    return result
}
