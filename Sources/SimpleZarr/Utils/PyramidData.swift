// One image of an OME-Zarr pyramid to write (Python's
// `simplezarr.utils.write_multiscale.PyramidData`): its source, name, and the type, fill
// value and codecs of the arrays written for it.

/// One image to write as a pyramid: its source array and how its levels are stored.
public struct PyramidData: Sendable {
    /// The source: 2 to 5 dimensions (t, c, z, y, x as the writer's `axes` say).
    public let source: any PyramidSource
    /// The image's name in the metadata.
    public let name: String
    /// The element type of the levels; values cast to an integer type are rounded and clipped.
    public let dtype: DataType
    /// The fill value of the levels (by default the source's, or zero when the levels' type cannot hold it).
    public let fillValue: JSONValue
    /// The codecs of the levels (the source's by default).
    public let codecs: [JSONValue]

    /// An image from a stored or in-memory source; `nil` arguments take the source's value.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a source of fewer than 2 or more than 5 dimensions.
    public init(
        _ source: any PyramidSource, name: String = "", dtype: DataType? = nil, fillValue: JSONValue? = nil,
        codecs: [JSONValue]? = nil
    ) throws {
        guard (2...5).contains(source.shape.count) else {
            throw ZarrError.invalidArgument(
                "PyramidData(): expected an array of 2, 3, 4 or 5 dimensions, got shape \(source.shape)")
        }
        self.source = source
        self.name = name
        self.dtype = dtype ?? source.dtype
        // The source's fill value, when the levels' type can hold it (Python's 0.0 of a float
        // source becomes 0 for integer levels); else zero.
        self.fillValue = fillValue ?? (try? FillValue(json: source.fillValue.json, dataType: self.dtype))?.json
            ?? FillValue.zero(self.dtype).json
        self.codecs = codecs ?? source.pyramidCodecs
    }

    /// An image of an in-memory array (wrapped in an `NDArraySource`, as Python wraps numpy arrays).
    ///
    /// - Throws: as `init(_:name:dtype:fillValue:codecs:)`.
    public init(
        _ data: NDArray, name: String = "", dtype: DataType? = nil, fillValue: JSONValue? = nil, codecs: [JSONValue]? = nil
    ) throws {
        try self.init(NDArraySource(data), name: name, dtype: dtype, fillValue: fillValue, codecs: codecs)
    }
}
