// numpy's `a.sum()`, `a.min()`, `a.max()` and `a.mean()`, over the whole array or
// along one axis, for bool, integer, float and (sum and mean) complex arrays.
// The results are numpy's:
// - a sum of integers (and bools, counted as 0 and 1) is exact and wraps around at
//   64 bits, as numpy's int64 / uint64 sums do; a sum of floats is accumulated in
//   float64 (numpy sums float32 pairwise in float32, so its last digits may differ);
// - min and max are exact in the elements' type and propagate NaN; over no elements
//   they are an error, as in numpy;
// - a mean is the float64 sum over the count (NaN for no elements, as in numpy).
// Along an axis the result has numpy's dtype: int64 sums of bools and signed
// integers, uint64 of unsigned ones, the float or complex type itself for floats and
// complex numbers; means float64 for integers, the type itself for floats; min and
// max the array's type. Datetimes and timedeltas are not reduced here (reduce their
// counts: `a.astype(.int64)`).

extension NDArray {
    // MARK: Whole array

    /// The sum of the elements, like numpy's `a.sum()` (exact for integers up to 2^53; see
    /// `sum(as:)` for exact 64-bit integer sums); 0 for no elements.
    ///
    /// - Throws: `ZarrError.invalidArgument` for non-numeric and complex arrays (use
    ///   `sum(as: Complex<Double>.self)`).
    public func sum() throws -> Double { try realResult(of: .sum, method: "sum()") }

    /// The sum of the elements as `T`: `a.sum(as: Int64.self)` is numpy's `a.sum()` of signed
    /// integers exactly (wrapping around at 64 bits), `UInt64` that of unsigned ones,
    /// `Complex<Double>` that of complex numbers. The sum is computed as `sum()` describes
    /// (in Int64, UInt64, Double or a pair of Doubles), then converted to `T` as `astype` converts.
    public func sum<T: ZarrScalar>(as type: T.Type) throws -> T {
        try reduced(.sum, axis: nil, method: "sum(as:)").item(as: type)
    }

    /// The smallest element (NaN if there is one), like numpy's `a.min()`.
    ///
    /// - Throws: `ZarrError.invalidArgument` for an empty array, and for non-numeric and
    ///   complex arrays.
    public func min() throws -> Double { try realResult(of: .minimum, method: "min()") }

    /// The smallest element, converted to `T` as `astype` converts: `a.min(as: UInt16.self)`
    /// is exact for a uint16 array.
    public func min<T: ZarrScalar>(as type: T.Type) throws -> T {
        try reduced(.minimum, axis: nil, method: "min(as:)").item(as: type)
    }

    /// The largest element (NaN if there is one), like numpy's `a.max()`.
    ///
    /// - Throws: as `min()`.
    public func max() throws -> Double { try realResult(of: .maximum, method: "max()") }

    /// The largest element, converted to `T` as `astype` converts.
    public func max<T: ZarrScalar>(as type: T.Type) throws -> T {
        try reduced(.maximum, axis: nil, method: "max(as:)").item(as: type)
    }

    /// The mean of the elements, like numpy's `a.mean()`: NaN for no elements.
    ///
    /// - Throws: `ZarrError.invalidArgument` for non-numeric and complex arrays (use
    ///   `mean(as: Complex<Double>.self)`).
    public func mean() throws -> Double {
        try checkReal(method: "mean()")
        return try mean(axis: nil, method: "mean()").item(as: Double.self)
    }

    /// The mean of the elements (float64, or complex128 for complex arrays), converted to `T`.
    public func mean<T: ZarrScalar>(as type: T.Type) throws -> T {
        try mean(axis: nil, method: "mean(as:)").item(as: type)
    }

    // MARK: Along an axis

    /// The sums along `axis` (negative counts from the end), like numpy's `a.sum(axis=k)`:
    /// int64 for bools and signed integers, uint64 for unsigned ones, the array's type for
    /// floats and complex numbers.
    ///
    /// - Throws: `ZarrError.invalidArgument` for an axis outside the array or a non-numeric array.
    public func sum(axis: Int) throws -> NDArray {
        let sums = try reduced(.sum, axis: axis, method: "sum(axis:)")
        return dtype.isFloatingPoint ? try sums.astype(dtype) : sums
    }

    /// The smallest elements along `axis`, in the array's type, like numpy's `a.min(axis=k)`.
    ///
    /// - Throws: as `sum(axis:)`; also for an axis of length 0 when other axes are not empty.
    public func min(axis: Int) throws -> NDArray {
        try reduced(.minimum, axis: axis, method: "min(axis:)").astype(dtype)
    }

    /// The largest elements along `axis`, in the array's type, like numpy's `a.max(axis=k)`.
    ///
    /// - Throws: as `min(axis:)`.
    public func max(axis: Int) throws -> NDArray {
        try reduced(.maximum, axis: axis, method: "max(axis:)").astype(dtype)
    }

    /// The means along `axis`, like numpy's `a.mean(axis=k)`: float64 for bools and integers,
    /// the array's type for floats and complex numbers; NaN over an axis of length 0.
    public func mean(axis: Int) throws -> NDArray {
        let means = try mean(axis: axis, method: "mean(axis:)")
        return dtype.isFloatingPoint ? try means.astype(dtype) : means
    }

    // MARK: Internals

    private func realResult(of reduction: Reduction, method: String) throws -> Double {
        try checkReal(method: method)
        return try reduced(reduction, axis: nil, method: method).item(as: Double.self)
    }

    private func checkReal(method: String) throws {
        guard !dtype.isComplex else {
            throw ZarrError.invalidArgument(
                "NDArray.\(method): the result for \(dtype) elements is complex; use the `as: Complex<Double>.self` form")
        }
    }

    /// The float64 (complex128 for complex arrays) means along `axis`, or of all elements:
    /// the sums in float64 (as numpy's, which do not wrap around for integers), over the count.
    private func mean(axis: Int?, method: String) throws -> NDArray {
        var means = try reduced(.sum, axis: axis, method: method, inFloat: true)
        let length = axis.map { shape[$0 < 0 ? $0 + ndim : $0] } ?? count
        try means.withUnsafeMutableBytes { bytes in
            // float64 elements, or the real and imaginary parts of complex128 ones.
            let values = bytes.assumingMemoryBound(to: Double.self)
            for i in values.indices { values[i] /= Double(length) }
        }
        return means
    }

    /// The reduction of all elements (a 0-d array) or along `axis`, in the accumulator type:
    /// int64, uint64, float64 or complex128 (float64 for integers too when `inFloat`).
    func reduced(_ reduction: Reduction, axis: Int?, method: String, inFloat: Bool = false) throws -> NDArray {
        let owner = "NDArray.\(method)"
        let accumulator: DataType
        switch dtype {
        case .bool, .int8, .int16, .int32, .int64: accumulator = inFloat ? .float64 : .int64
        case .uint8, .uint16, .uint32, .uint64: accumulator = inFloat ? .float64 : .uint64
        case .float16, .float32, .float64: accumulator = .float64
        case .complex64, .complex128:
            guard reduction == .sum else {
                throw ZarrError.invalidArgument("\(owner): complex numbers have no order (numpy's min and max are not supported)")
            }
            accumulator = .complex128
        case .datetime64, .timedelta64:
            throw ZarrError.invalidArgument("\(owner): \(dtype) elements are not reduced here; reduce their counts, a.astype(.int64)")
        default:
            throw ZarrError.invalidArgument("\(owner): \(dtype) elements are not numbers")
        }
        // The array as outer x length x inner, reduced over length.
        var (outer, length, inner) = (1, count, 1)
        var resultShape: [Int] = []
        if let axis {
            guard (-ndim..<ndim).contains(axis) else {
                throw ZarrError.invalidArgument("\(owner): axis \(axis) is out of range for an array of \(ndim) dimensions")
            }
            let resolved = axis < 0 ? axis + ndim : axis
            outer = ShapeArithmetic.product(Array(shape[..<resolved])) ?? 0
            length = shape[resolved]
            inner = ShapeArithmetic.product(Array(shape[(resolved + 1)...])) ?? 0
            resultShape = shape
            resultShape.remove(at: resolved)
        }
        let result = try NDArray(dtype: accumulator, shape: resultShape)
        guard result.count > 0 else { return result }
        guard length > 0 || reduction == .sum else {
            throw ZarrError.invalidArgument("\(owner): no elements to reduce (numpy: zero-size array to reduction operation which has no identity)")
        }
        func run<A: ReductionAccumulator>(_ type: A.Type) throws {
            let width = accumulator == .complex128 ? 2 : 1
            let kernel = ReductionKernel<A>(reduction: reduction, sourceType: dtype, accumulatorType: accumulator, width: width)
            try reduce(into: result, kernel, outer, length, inner)
        }
        switch accumulator {
        case .int64: try run(Int64.self)
        case .uint64: try run(UInt64.self)
        default: try run(Double.self)
        }
        return result
    }

    /// Runs `kernel` over the array seen as `outer x length x inner`, into `result`
    /// (`outer x inner` accumulators of `kernel.width`, just created and zero).
    private func reduce<A: ReductionAccumulator>(into result: NDArray, _ kernel: ReductionKernel<A>, _ outer: Int, _ length: Int, _ inner: Int) throws {
        let accumulators = result.unsafeMutableBaseAddressOfNewArray.assumingMemoryBound(to: A.self)
        let itemSize = dtype.itemSize
        try withElementBuffer { buffer in
            let source = UnsafeRawPointer(buffer.bytes)
            for o in 0..<outer {
                let block = source + o * length * inner * itemSize
                let row = accumulators + o * inner * kernel.width
                if inner == 1 {
                    try kernel.reduceRun(block, count: length, into: row)
                    continue
                }
                guard length > 0 else { continue }
                try kernel.startRow(block, count: inner, into: row)
                for k in 1..<length {
                    try kernel.combineRow(block + k * inner * itemSize, count: inner, into: row)
                }
            }
        }
    }
}
