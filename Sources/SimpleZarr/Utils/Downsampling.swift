// The pixel arithmetic of pyramid writing: halving the spatial axes of an array (the
// `local_mean` method, the one Python's writer offers: the mean of each 2x2 or 2x2x2
// block, rounded to the nearest integer, ties to even, and clipped for integer types),
// and casting a source to the pyramid's type (integers: rounded and clipped rather than
// truncated and wrapped). Loops run on typed buffers, summing in float64 in the order
// numpy does, so results equal the Python writer's bit for bit.

/// How a pyramid level is computed from the level below.
public enum DownsampleMethod: String, Sendable, CaseIterable {
    /// The mean of each block of 2 pixels per spatial axis (Python's `"local_mean"`).
    case localMean = "local_mean"
}

enum Downsampling {
    /// `data` with its last `spatialDims` axes (2 or 3) halved to `newShape` (whose leading
    /// axes equal `data`'s, and whose spatial lengths are at most half of `data`'s): element by
    /// element the mean of its block, for every position of the leading (time/channel) axes.
    ///
    /// - Throws: `ZarrError.invalidArgument` for shapes that do not fit, `ZarrError.unsupported`
    ///   for a type that is not an integer or real float.
    static func downsampled(
        _ data: NDArray, to newShape: [Int], spatialDims: Int, method: DownsampleMethod
    ) throws -> NDArray {
        let ndim = data.ndim
        let leading = ndim - spatialDims
        guard spatialDims == 2 || spatialDims == 3, newShape.count == ndim, leading >= 0,
            Array(newShape.prefix(leading)) == Array(data.shape.prefix(leading)),
            zip(newShape.suffix(spatialDims), data.shape.suffix(spatialDims)).allSatisfy({ $0 >= 0 && 2 * $0 <= $1 })
        else {
            throw ZarrError.invalidArgument(
                "downsample: cannot halve the last \(spatialDims) axes of shape \(data.shape) to \(newShape)")
        }
        try checkNumeric(data.dtype, "downsample")
        var result = try NDArray(dtype: data.dtype, shape: newShape)
        let kernel = HalvingKernel(source: data, spatialDims: spatialDims)
        try result.withUnsafeMutableBytes { out in
            try data.dtype.visitNumpyElement(HalvingVisitor(kernel: kernel, output: out, outputShape: newShape))
        }
        return result
    }

    /// `data` cast to `dtype` as the Python writer casts a source: to an integer type values are
    /// rounded (ties to even) and clipped to its range (NaN becomes 0); otherwise numpy's
    /// `astype`. The same array when the type already matches.
    ///
    /// - Throws: `ZarrError.unsupported` for a type that is not an integer or real float.
    static func cast(_ data: NDArray, to dtype: DataType) throws -> NDArray {
        guard data.dtype != dtype else { return data }
        try checkNumeric(data.dtype, "cast")
        try checkNumeric(dtype, "cast")
        guard dtype.isInteger else { return try data.astype(dtype) }
        var result = try NDArray(dtype: dtype, shape: data.shape)
        try result.withUnsafeMutableBytes { out in
            try data.withUnsafeBytes { input in
                try data.dtype.visitNumpyElement(CastSourceVisitor(input: input, output: out, target: dtype))
            }
        }
        return result
    }

    /// Throws unless `dtype` is an integer or real float type, the types pyramids hold.
    static func checkNumeric(_ dtype: DataType, _ what: String) throws {
        guard dtype.isInteger || (dtype.isFloatingPoint && !dtype.isComplex) else {
            throw ZarrError.unsupported(
                "writeOmeZarrPyramid(): cannot \(what) \(dtype) elements; pyramids hold integers or real floats")
        }
    }
}

// MARK: Halving

/// The layout of a halving: the source array, its leading block count and spatial strides.
private struct HalvingKernel {
    let source: NDArray
    let spatialDims: Int
}

private struct HalvingVisitor: NumpyElementVisitor {
    let kernel: HalvingKernel
    let output: UnsafeMutableRawBufferPointer
    let outputShape: [Int]

    func visit<T: NumpyCastable>(_ type: T.Type) throws {
        throw ZarrError.unsupported("downsample: \(T.dataType) elements are not supported")
    }

    func visitNumber<T: NumpyNumber>(_ type: T.Type) throws {
        let rounds = T.dataType.isInteger
        let inShape = kernel.source.shape
        let d = kernel.spatialDims
        let leading = inShape.count - d
        let blocks = inShape.prefix(leading).reduce(1, *)
        let inSpatial = Array(inShape.suffix(d))
        let outSpatial = Array(outputShape.suffix(d))
        let inBlock = inSpatial.reduce(1, *)
        let outBlock = outSpatial.reduce(1, *)
        // Row strides of the source's spatial axes (x is contiguous).
        let sy = inSpatial[d - 1]
        let sz = d == 3 ? inSpatial[d - 2] * sy : 0
        let (oz, oy, ox) = d == 3 ? (outSpatial[0], outSpatial[1], outSpatial[2]) : (1, outSpatial[0], outSpatial[1])
        let out = output.bindMemory(to: T.self)
        kernel.source.withUnsafeBytes { raw in
            let src = raw.bindMemory(to: T.self)
            guard let s = src.baseAddress, let o = out.baseAddress else { return }
            @inline(__always) func value(_ i: Int) -> Double { s[i].cast(to: Double.self) }
            for block in 0..<blocks {
                var target = block * outBlock
                for z in 0..<oz {
                    for y in 0..<oy {
                        var p = block * inBlock + 2 * z * sz + 2 * y * sy
                        for _ in 0..<ox {
                            // numpy's order: a[::2, ::2] + a[1::2, ::2] + a[::2, 1::2] + ... (first axis fastest).
                            var sum: Double
                            if d == 2 {
                                sum = value(p)
                                sum += value(p + sy)
                                sum += value(p + 1)
                                sum += value(p + sy + 1)
                                sum /= 4
                            } else {
                                sum = value(p)
                                sum += value(p + sz)
                                sum += value(p + sy)
                                sum += value(p + sz + sy)
                                sum += value(p + 1)
                                sum += value(p + sz + 1)
                                sum += value(p + sy + 1)
                                sum += value(p + sz + sy + 1)
                                sum /= 8
                            }
                            // Integer types: rounded, ties to even; `castingReal` clips to the range.
                            o[target] = T(castingReal: rounds ? sum.rounded(.toNearestOrEven) : sum)
                            target += 1
                            p += 2
                        }
                    }
                }
            }
        }
    }
}

// MARK: Casting to an integer type

private struct CastSourceVisitor: NumpyElementVisitor {
    let input: UnsafeRawBufferPointer
    let output: UnsafeMutableRawBufferPointer
    let target: DataType

    func visit<S: NumpyCastable>(_ type: S.Type) throws {
        throw ZarrError.unsupported("cast: \(S.dataType) elements are not supported")
    }

    func visitNumber<S: NumpyNumber>(_ type: S.Type) throws {
        try target.visitNumpyElement(CastTargetVisitor<S>(input: input.bindMemory(to: S.self), output: output))
    }
}

private struct CastTargetVisitor<S: NumpyNumber>: NumpyElementVisitor {
    let input: UnsafeBufferPointer<S>
    let output: UnsafeMutableRawBufferPointer

    func visit<T: NumpyCastable>(_ type: T.Type) throws {
        throw ZarrError.unsupported("cast: \(T.dataType) elements are not supported")
    }

    func visitNumber<T: NumpyNumber>(_ type: T.Type) throws {
        let out = output.bindMemory(to: T.self)
        let rounds = S.dataType.isFloatingPoint
        // Through float64, as numpy's clip of integer data to another integer range compares.
        for i in 0..<min(input.count, out.count) {
            let value = input[i].cast(to: Double.self)
            out[i] = T(castingReal: rounds ? value.rounded(.toNearestOrEven) : value)
        }
    }
}
