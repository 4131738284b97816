// The loops of the numcodecs filters over the Swift element types of a pair of
// integer or float data types (picked by `DataType.visitNumpyElement`).

/// Work over the Swift types of two numeric data types.
protocol NumpyNumberPairVisitor {
    associatedtype Result
    /// Does the work for elements of types `S` and `T`.
    func visit<S: NumpyNumber, T: NumpyNumber>(_ first: S.Type, _ second: T.Type) throws -> Result
}

/// Runs `visitor` with the Swift element types of `first` and `second`.
///
/// - Throws: `ZarrError.codec` if either is not an integer or float type.
func visitNumpyNumbers<V: NumpyNumberPairVisitor>(_ first: DataType, _ second: DataType, _ visitor: V) throws -> V.Result {
    for type in [first, second] where !type.isNumpyNumber { throw notNumpyNumber(type) }
    return try first.visitNumpyElement(FirstOfPair(second: second, visitor: visitor))
}

private func notNumpyNumber(_ type: DataType) -> ZarrError {
    .codec("numcodecs filters compute with integer and float types only, not \(type)")
}

/// Has picked nothing yet; picks the first type, then the second.
private struct FirstOfPair<V: NumpyNumberPairVisitor>: NumpyElementVisitor {
    let second: DataType
    let visitor: V

    func visitNumber<S: NumpyNumber>(_ first: S.Type) throws -> V.Result {
        try second.visitNumpyElement(SecondOfPair<V, S>(visitor: visitor))
    }

    func visit<S: NumpyCastable>(_ first: S.Type) throws -> V.Result { throw notNumpyNumber(S.dataType) }
}

/// Has picked the first type `S`; picks the second and runs the work.
private struct SecondOfPair<V: NumpyNumberPairVisitor, S: NumpyNumber>: NumpyElementVisitor {
    let visitor: V

    func visitNumber<T: NumpyNumber>(_ second: T.Type) throws -> V.Result {
        try visitor.visit(S.self, T.self)
    }

    func visit<T: NumpyCastable>(_ second: T.Type) throws -> V.Result { throw notNumpyNumber(T.dataType) }
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
