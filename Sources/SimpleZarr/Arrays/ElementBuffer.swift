import Foundation

/// The elements of a C-order buffer as the block-copy kernels see them: bytes for the
/// fixed-size types, one `Data` value per element for the variable-length ones.
///
/// `@unchecked Sendable`: it is a pair of pointers; whoever makes one guarantees that the
/// buffer outlives its use and that concurrent users touch disjoint elements.
struct ElementBuffer: @unchecked Sendable {
    /// The first byte of fixed-size elements (unused for variable-length types).
    let bytes: UnsafeMutableRawPointer
    /// The first element of a variable-length type; `nil` for fixed-size types.
    let elements: UnsafeMutablePointer<Data>?
    /// Bytes per fixed-size element.
    let itemSize: Int

    /// A buffer at `bytes` and, for variable-length types, `elements`.
    init(bytes: UnsafeMutableRawPointer, elements: UnsafeMutablePointer<Data>?, itemSize: Int) {
        self.bytes = bytes
        self.elements = elements
        self.itemSize = itemSize
    }
}

/// Copies a block of `counts` elements between two C-order buffers of the same data type.
///
/// The caller guarantees that the block lies inside both buffers and that the two do not overlap.
/// Buffers of different kinds (one with elements, one without) are never copied between: the
/// callers check the data types first, and this returns without writing if they did not.
func copyBlock(counts: [Int], from source: ElementBuffer, _ sourceSide: BlockSide, to destination: ElementBuffer, _ destinationSide: BlockSide) {
    switch (source.elements, destination.elements) {
    case let (sourceElements?, destinationElements?):
        copyElementBlock(counts: counts, from: sourceElements, sourceSide, to: destinationElements, destinationSide)
    case (nil, nil):
        guard source.itemSize == destination.itemSize else { return }
        copyBlock(counts: counts, itemSize: source.itemSize, from: source.bytes, sourceSide, to: destination.bytes, destinationSide)
    default:
        assertionFailure("copyBlock: a variable-length buffer and a fixed-size one")
    }
}

/// Sets every element of a block of `counts` elements to `fill`.
///
/// A fill value of another item size than the buffer's writes nothing.
func fillBlock(counts: [Int], with fill: FillValue, in destination: ElementBuffer, _ side: BlockSide) {
    if let elements = destination.elements {
        fillElementBlock(counts: counts, value: fill.variableLengthElement, in: elements, side)
    } else if fill.bytes.count == destination.itemSize {
        fillBlock(counts: counts, pattern: fill.bytes, in: destination.bytes, side)
    }
}

extension NDArray {
    /// The buffer of an array an in-library writer just created (no uniqueness check).
    var elementBufferOfNewArray: ElementBuffer {
        ElementBuffer(
            bytes: unsafeMutableBaseAddressOfNewArray, elements: unsafeMutableElementsOfNewArray.baseAddress,
            itemSize: dtype.itemSize)
    }

    /// Calls `body` with the buffer for reading (the kernels take mutable pointers; nothing writes).
    func withElementBuffer<R>(_ body: (ElementBuffer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(elementBufferOfNewArray) }
    }

    /// Calls `body` with the buffer for writing, copying it first if it is shared.
    mutating func withMutableElementBuffer<R>(_ body: (ElementBuffer) throws -> R) throws -> R {
        try makeUnique()
        let result = try body(elementBufferOfNewArray)
        if dtype == .bool { normalizeBooleans() }
        return result
    }

    /// Sets every element of an array this value owns alone to `fill`.
    func fillAllOfNewArray(with fill: FillValue) {
        fillRepeating(unsafeMutableBytesOfNewArray, with: fill.bytes)
        if !fill.variableLengthElement.isEmpty { unsafeMutableElementsOfNewArray.update(repeating: fill.variableLengthElement) }
    }

    /// Whether every element equals `fill` (bit for bit; element by element for variable-length types).
    func isEntirely(_ fill: FillValue) -> Bool {
        if dtype.isVariableLength { return variableLengthElements.allSatisfy { $0 == fill.variableLengthElement } }
        return withUnsafeBytes { fill.matchesEveryElement(of: $0) }
    }
}
