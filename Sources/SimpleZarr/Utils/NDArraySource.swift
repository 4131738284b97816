// An in-memory array that reads like a `ZarrArray` (Python's
// `simplezarr.utils.npzarrarray.NumpyZarrArray`): the same shape, dtype and selection
// calls, with the defaults `ZarrArray.create` would give it (one chunk, zero fill value,
// simplezarr's codecs), read-only. It lets an `NDArray` be the source of a pyramid.

/// A read-only, `ZarrArray`-like view of an `NDArray`: `source[0..<10, ...].get()` as on a
/// stored array. Writing throws.
public struct NDArraySource: RegionSelectable, Sendable, CustomStringConvertible {
    /// The wrapped array.
    public let data: NDArray

    /// Wraps `data` (no copy: `NDArray` is copy-on-write).
    public init(_ data: NDArray) { self.data = data }

    /// The array's shape.
    public var shape: [Int] { data.shape }
    /// The number of dimensions.
    public var ndim: Int { data.ndim }
    /// The element type.
    public var dtype: DataType { data.dtype }
    /// One chunk covering the whole array, as `ZarrArray.create` makes by default.
    public var chunkShape: [Int] { data.shape }
    /// The zero fill value `ZarrArray.create` gives an array of this type.
    public var fillValue: FillValue { .zero(data.dtype) }
    /// The codecs Python simplezarr gives a new array (`ZarrArray.simplezarrDefaultCodecs`).
    public var codecs: [JSONValue] { ZarrArray.simplezarrDefaultCodecs }

    /// `<NDArraySource [shape] dtype>`.
    public var description: String { "<NDArraySource \(shape) \(dtype)>" }

    /// The whole array: `source[...]`.
    public subscript(_: UnboundedRange) -> NDArraySourceSlice { NDArraySourceSlice(data: data) }

    /// The selected region (Python's indexing rules, as on `ZarrArray`).
    ///
    /// - Throws: the selection errors of `ZarrArray`'s subscripts.
    public func select(_ items: [AxisSelection]) throws -> NDArraySourceSlice {
        NDArraySourceSlice(data: try data.select(items))
    }
}

/// A region of an `NDArraySource`, with the calls of `ZarrArraySlice`; writing throws.
public struct NDArraySourceSlice: Sendable {
    /// The selected elements.
    let data: NDArray

    /// The region's shape.
    public var shape: [Int] { data.shape }

    /// The region's elements.
    public func get() -> NDArray { data }

    /// The region's elements, as an already completed future.
    public func getFuture() -> Future<NDArray> { .succeeded(data) }

    /// Always throws: an `NDArraySource` is read-only.
    public func set(_ value: NDArray) throws { throw Self.readOnly }

    /// A failed future: an `NDArraySource` is read-only.
    public func setFuture(_ value: NDArray) -> Future<Void> { .failed(Self.readOnly) }

    private static var readOnly: ZarrError {
        .invalidArgument("NDArraySource: cannot write to an NDArraySource, it is read-only")
    }
}
