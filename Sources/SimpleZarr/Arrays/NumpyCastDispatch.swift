// From the data types of a cast, known at run time, to a loop over Swift element types.
// Swift closures cannot be generic, so the loop is a visitor value with a generic
// `visit` method; the switch names every concrete type, so the loop is compiled for
// each pair of types and runs on typed buffers without dynamic dispatch per element.

/// Work over the Swift type of one numeric data type.
protocol NumpyCastableVisitor {
    associatedtype Result
    /// Does the work for elements of type `T`.
    func visit<T: NumpyCastable>(_ type: T.Type) throws -> Result
}

extension DataType {
    /// Whether numpy's casts take this type: bool, the integers, floats and complex numbers,
    /// and datetimes and timedeltas (as their Int64 counts).
    var isNumpyCastable: Bool { scalarType != nil }

    /// Runs `visitor` with the Swift type numpy's casts read and write this type's elements as
    /// (`Int64` counts for datetimes and timedeltas).
    ///
    /// - Throws: `ZarrError.invalidArgument` for a type that is not numeric.
    func visitNumpyCastable<V: NumpyCastableVisitor>(_ visitor: V) throws -> V.Result {
        switch scalarType {
        case .bool: return try visitor.visit(Bool.self)
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
        case .complex64: return try visitor.visit(Complex<Float>.self)
        case .complex128: return try visitor.visit(Complex<Double>.self)
        default: throw ZarrError.invalidArgument("\(self) elements are not numbers")
        }
    }
}

/// Casts `count` elements of `sourceType` at `source` to `destinationType` at `destination`
/// as numpy's `astype` does (see NumpyCast.swift).
///
/// Both buffers hold at least `count` elements, aligned for their types, and do not overlap.
///
/// - Throws: `ZarrError.invalidArgument` when either type is not numeric.
func castElements(
    count: Int, from source: UnsafeRawPointer, _ sourceType: DataType,
    to destination: UnsafeMutableRawPointer, _ destinationType: DataType
) throws {
    try sourceType.visitNumpyCastable(
        CastFromPicked(source: source, destination: destination, destinationType: destinationType, count: count))
}

/// Has picked the source type; picks the destination type.
private struct CastFromPicked: NumpyCastableVisitor {
    let source: UnsafeRawPointer
    let destination: UnsafeMutableRawPointer
    let destinationType: DataType
    let count: Int

    func visit<S: NumpyCastable>(_ type: S.Type) throws {
        try destinationType.visitNumpyCastable(
            CastLoop(source: source.assumingMemoryBound(to: S.self), destination: destination, count: count))
    }
}

/// The loop casting `S`s to the destination type.
private struct CastLoop<S: NumpyCastable>: NumpyCastableVisitor {
    let source: UnsafePointer<S>
    let destination: UnsafeMutableRawPointer
    let count: Int

    func visit<T: NumpyCastable>(_ type: T.Type) {
        let output = destination.assumingMemoryBound(to: T.self)
        for i in 0..<count { output[i] = source[i].cast(to: T.self) }
    }
}
