// What a pyramid writer needs from its source array: shape, type, the defaults a pyramid
// inherits (fill value, codecs) and reading a region. Stored arrays and in-memory ones
// (`NDArraySource`) both provide it.

/// An array a pyramid can be built from: a `ZarrArray` or an `NDArraySource`.
public protocol PyramidSource: Sendable {
    /// The array's shape.
    var shape: [Int] { get }
    /// The element type.
    var dtype: DataType { get }
    /// The fill value the pyramid's arrays get by default.
    var fillValue: FillValue { get }
    /// The codecs the pyramid's arrays get by default (as `zarr.json` entries).
    var pyramidCodecs: [JSONValue] { get }
    /// Reads the elements of `region` (one range per axis), using `executor` for stored data.
    func read(_ region: [Range<Int>], executor: ThreadPoolExecutor?) throws -> NDArray
}

extension [Range<Int>] {
    /// The region as selection components.
    var axisSelections: [AxisSelection] { map { .slice(start: $0.lowerBound, stop: $0.upperBound, step: 1) } }
}

extension ZarrArray: PyramidSource {
    /// The array's codecs.
    public var pyramidCodecs: [JSONValue] { arrayMetadata.codecs }

    /// Reads `region` as `array[region].get(executor:)` does.
    public func read(_ region: [Range<Int>], executor: ThreadPoolExecutor?) throws -> NDArray {
        try select(region.axisSelections).get(executor: executor)
    }
}

extension NDArraySource: PyramidSource {
    /// Simplezarr's default codecs (`codecs`).
    public var pyramidCodecs: [JSONValue] { codecs }

    /// The elements of `region`.
    public func read(_ region: [Range<Int>], executor: ThreadPoolExecutor?) throws -> NDArray {
        try select(region.axisSelections).get()
    }
}
