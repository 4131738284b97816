// From a data type known at run time to loops over its Swift element type. Swift closures
// cannot be generic, so the work is a visitor value with a generic `visit` method; the
// switches below name every concrete type, so each loop is compiled for each type (pair)
// and runs on typed buffers without dynamic dispatch per element.

/// Work over the Swift type of one numeric data type.
protocol NumpyNumberVisitor {
    associatedtype Result
    /// Does the work for elements of type `T`.
    func visit<T: NumpyNumber>(_ type: T.Type) throws -> Result
}

/// Work over the Swift types of two numeric data types.
protocol NumpyNumberPairVisitor {
    associatedtype Result
    /// Does the work for elements of types `S` and `T`.
    func visit<S: NumpyNumber, T: NumpyNumber>(_ first: S.Type, _ second: T.Type) throws -> Result
}

extension DataType {
    /// Runs `visitor` with this type's Swift element type.
    ///
    /// - Throws: `ZarrError.codec` if this is not an integer or float type.
    func visitNumpyNumber<V: NumpyNumberVisitor>(_ visitor: V) throws -> V.Result {
        switch self {
        case .int8: return try visitor.visit(Int8.self)
        case .int16: return try visitor.visit(Int16.self)
        case .int32: return try visitor.visit(Int32.self)
        case .int64: return try visitor.visit(Int64.self)
        case .uint8: return try visitor.visit(UInt8.self)
        case .uint16: return try visitor.visit(UInt16.self)
        case .uint32: return try visitor.visit(UInt32.self)
        case .uint64: return try visitor.visit(UInt64.self)
        case .float16: return try visitor.visit(NumpyHalf.self)
        case .float32: return try visitor.visit(Float.self)
        case .float64: return try visitor.visit(Double.self)
        default: throw ZarrError.codec("numcodecs filters compute with integer and float types only, not \(self)")
        }
    }
}

/// Runs `visitor` with the Swift element types of `first` and `second`.
func visitNumpyNumbers<V: NumpyNumberPairVisitor>(_ first: DataType, _ second: DataType, _ visitor: V) throws -> V.Result {
    try first.visitNumpyNumber(FirstOfPair(second: second, visitor: visitor))
}

/// Has picked nothing yet; picks the first type, then the second.
private struct FirstOfPair<V: NumpyNumberPairVisitor>: NumpyNumberVisitor {
    let second: DataType
    let visitor: V

    func visit<S: NumpyNumber>(_ first: S.Type) throws -> V.Result {
        try second.visitNumpyNumber(SecondOfPair<V, S>(visitor: visitor))
    }
}

/// Has picked the first type `S`; picks the second and runs the work.
private struct SecondOfPair<V: NumpyNumberPairVisitor, S: NumpyNumber>: NumpyNumberVisitor {
    let visitor: V

    func visit<T: NumpyNumber>(_ second: T.Type) throws -> V.Result {
        try visitor.visit(S.self, T.self)
    }
}

// MARK: - Element loops

/// A new array of `T`s of `shape` (by default `source`'s) whose elements `body` writes, given
/// `source`'s elements as `S`s; `source` must hold `S`s.
func mapNumpyNumbers<S: NumpyNumber, T: NumpyNumber>(
    _ source: NDArray, from: S.Type, to: T.Type, shape: [Int]? = nil,
    _ body: (UnsafeBufferPointer<S>, UnsafeMutableBufferPointer<T>) -> Void
) throws -> NDArray {
    let result = try NDArray(uninitialized: T.dataType, shape: shape ?? source.shape)
    guard source.dtype == S.dataType, result.count == source.count else {
        throw ZarrError.codec("numcodecs filter: cannot map \(source.count) elements of \(source.dtype) to \(result.count) of \(T.dataType)")
    }
    let output = result.unsafeMutableBytesOfNewArray
    source.withUnsafeBytes { input in
        body(
            UnsafeBufferPointer(start: input.baseAddress?.assumingMemoryBound(to: S.self), count: source.count),
            UnsafeMutableBufferPointer(start: output.baseAddress?.assumingMemoryBound(to: T.self), count: result.count))
    }
    return result
}

/// The loop casting `source`'s elements (`S`) to `T`s as numpy's `astype` does, into an array
/// of `shape` (by default `source`'s).
struct NumpyCaster: NumpyNumberPairVisitor {
    let source: NDArray
    var shape: [Int]? = nil

    func visit<S: NumpyNumber, T: NumpyNumber>(_ first: S.Type, _ second: T.Type) throws -> NDArray {
        try mapNumpyNumbers(source, from: S.self, to: T.self, shape: shape) { input, output in
            for i in input.indices { output[i] = input[i].cast(to: T.self) }
        }
    }
}
