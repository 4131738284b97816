// From a numeric data type known at run time to loops over its Swift element type.
// Swift closures cannot be generic, so the work is a visitor value with generic
// `visit` methods; the switch names every concrete type, so each loop is compiled
// for each type (pair) and runs on typed buffers without dynamic dispatch per
// element. Integers and real floats are visited as `NumpyNumber`s, with numpy's
// arithmetic (which the numcodecs filters compute with); bool and complex numbers
// only as `NumpyCastable`s.

/// Work over the Swift type of one numeric data type.
protocol NumpyElementVisitor {
    associatedtype Result
    /// Does the work for elements of type `T`: bool and complex numbers, and (unless
    /// `visitNumber` does it) integers and real floats.
    func visit<T: NumpyCastable>(_ type: T.Type) throws -> Result
    /// Does the work for integers and real floats (by default, `visit`).
    func visitNumber<T: NumpyNumber>(_ type: T.Type) throws -> Result
}

extension NumpyElementVisitor {
    func visitNumber<T: NumpyNumber>(_ type: T.Type) throws -> Result { try visit(type) }
}

extension DataType {
    /// Whether numpy's casts take this type: bool, the integers, floats and complex numbers,
    /// and datetimes and timedeltas (as their Int64 counts).
    var isNumpyCastable: Bool { scalarType != nil }

    /// Runs `visitor` with this type's Swift element type (datetimes and timedeltas are not
    /// numbers here: visit their `scalarType`).
    ///
    /// - Throws: `ZarrError.invalidArgument` for a type that is not numeric.
    func visitNumpyElement<V: NumpyElementVisitor>(_ visitor: V) throws -> V.Result {
        switch self {
        case .bool: return try visitor.visit(Bool.self)
        case .int8: return try visitor.visitNumber(Int8.self)
        case .int16: return try visitor.visitNumber(Int16.self)
        case .int32: return try visitor.visitNumber(Int32.self)
        case .int64: return try visitor.visitNumber(Int64.self)
        case .uint8: return try visitor.visitNumber(UInt8.self)
        case .uint16: return try visitor.visitNumber(UInt16.self)
        case .uint32: return try visitor.visitNumber(UInt32.self)
        case .uint64: return try visitor.visitNumber(UInt64.self)
        case .float16: return try visitor.visitNumber(NumpyHalf.self)
        case .float32: return try visitor.visitNumber(Float.self)
        case .float64: return try visitor.visitNumber(Double.self)
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
    try (sourceType.scalarType ?? sourceType).visitNumpyElement(
        CastFromPicked(source: source, destination: destination, destinationType: destinationType, count: count))
}

/// Has picked the source type; picks the destination type.
private struct CastFromPicked: NumpyElementVisitor {
    let source: UnsafeRawPointer
    let destination: UnsafeMutableRawPointer
    let destinationType: DataType
    let count: Int

    func visit<S: NumpyCastable>(_ type: S.Type) throws {
        try (destinationType.scalarType ?? destinationType).visitNumpyElement(
            CastLoop(source: source.assumingMemoryBound(to: S.self), destination: destination, count: count))
    }
}

/// The loop casting `S`s to the destination type.
private struct CastLoop<S: NumpyCastable>: NumpyElementVisitor {
    let source: UnsafePointer<S>
    let destination: UnsafeMutableRawPointer
    let count: Int

    func visit<T: NumpyCastable>(_ type: T.Type) {
        let output = destination.assumingMemoryBound(to: T.self)
        for i in 0..<count { output[i] = source[i].cast(to: T.self) }
    }
}
