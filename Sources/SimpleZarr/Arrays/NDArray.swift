import Foundation

// NDArray: the stand-in for numpy's ndarray. A runtime data type and shape
// over one contiguous C-order buffer in native byte order, with value
// semantics (copy-on-write), typed zero-copy access, and no traps on bad
// shapes or mismatched types: those throw `ZarrError`. Elements of the
// variable-length types (`string`, `bytes`) are held one `Data` each, in C
// order, beside an empty byte buffer (their item size is 0, so code that works
// on bytes alone copies nothing of them).

/// An N-dimensional array of Zarr elements in C order.
///
/// ```swift
/// var a = try NDArray([1, 2, 3, 4, 5, 6] as [UInt16], shape: [2, 3])
/// try a.withUnsafeMutableBufferPointer(as: UInt16.self) { $0[0] = 42 }
/// let values = try a.toArray(as: UInt16.self)   // [42, 2, 3, 4, 5, 6]
/// ```
///
/// Text and byte strings have typed access of their own:
///
/// ```swift
/// let names = try NDArray(["Oslo", "Zürich", ""], shape: [3])   // dtype "string"
/// let second = try names.scalar(at: [1], as: String.self)        // "Zürich"
/// ```
///
/// The numpy basics a script needs are there too: `reshape(4, 5)`, `astype(.float64)`,
/// `a[2..<4, ...]`, `item(1, 2, as: Double.self)`, `sum()`, `min()`, `max()`, `mean()`,
/// `NDArray.arange(20)`; and an array prints as numpy's `repr()` prints it.
///
/// Two arrays are equal when they have the same dtype, shape and bytes (so NaN
/// elements with the same bits compare equal, unlike numpy's `==`), or for
/// variable-length types the same elements.
public struct NDArray: Sendable, Equatable, CustomStringConvertible {
    /// The element type.
    public let dtype: DataType
    /// The length of each dimension; empty for a 0-d (scalar) array.
    public let shape: [Int]
    /// The number of elements (1 for a 0-d array).
    public let count: Int
    private var storage: ByteStorage
    /// The elements of a variable-length type; `nil` for every other type.
    private var elements: ElementStorage?

    // MARK: Creating

    /// An array of `shape` whose bytes are not yet set; callers must write every byte (the
    /// elements of a variable-length type start empty). `slack` bytes past the elements are
    /// allocated too, as scratch room for a decoder that writes the elements in place.
    init(uninitialized dtype: DataType, shape: [Int], slack: Int = 0) throws {
        try dtype.validate(method: "NDArray")
        let count = try NDArray.elementCount(shape, method: "NDArray")
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: dtype.itemSize)
        guard !overflow else { throw ZarrError.invalidArgument("NDArray: shape \(shape) of \(dtype) is too large") }
        self.dtype = dtype
        self.shape = shape
        self.count = count
        self.storage = try ByteStorage(byteCount: byteCount, slack: slack)
        self.elements = dtype.isVariableLength ? try ElementStorage(repeating: Data(), count: count) : nil
    }

    /// An array of zeros (false, 0, 0.0, zero bytes, empty strings).
    public init(dtype: DataType, shape: [Int]) throws {
        try self.init(uninitialized: dtype, shape: shape)
        storage.mutableBytes.initializeMemory(as: UInt8.self, repeating: 0)
    }

    /// An array with every element set to `fillValue`.
    public init(dtype: DataType, shape: [Int], fillValue: FillValue) throws {
        guard fillValue.dataType == dtype else {
            throw ZarrError.invalidArgument("NDArray: fill value of \(fillValue.dataType) for an array of \(dtype)")
        }
        try self.init(uninitialized: dtype, shape: shape)
        fillAllOfNewArray(with: fillValue)
    }

    /// An array with every element set to `value`.
    public init<T: ZarrScalar>(repeating value: T, shape: [Int]) throws {
        try self.init(uninitialized: T.zarrDataType, shape: shape)
        let pattern = Swift.withUnsafeBytes(of: value) { Array($0) }
        fillRepeating(storage.mutableBytes, with: pattern)
    }

    /// An array holding `values` in C order; `shape` defaults to one dimension.
    public init<T: ZarrScalar>(_ values: [T], shape: [Int]? = nil) throws {
        try self.init(values, dtype: T.zarrDataType, shape: shape)
    }

    /// An array of `dtype` holding `values` in C order, for the types whose elements are another
    /// type's scalars: `Int64` counts for datetimes and timedeltas (and any type for itself).
    ///
    /// - Throws: `ZarrError.invalidArgument` when `T` is not `dtype.scalarType`'s Swift type.
    public init<T: ZarrScalar>(_ values: [T], dtype: DataType, shape: [Int]? = nil) throws {
        guard T.zarrDataType == dtype.scalarType else {
            throw ZarrError.invalidArgument("NDArray: \(dtype) elements are not \(T.self) values")
        }
        let shape = shape ?? [values.count]
        try self.init(uninitialized: dtype, shape: shape)
        guard values.count == count else {
            throw ZarrError.invalidArgument("NDArray: \(values.count) values do not fill shape \(shape) (\(count) elements)")
        }
        values.withUnsafeBytes { source in
            if let start = source.baseAddress { storage.pointer.copyMemory(from: start, byteCount: source.count) }
        }
    }

    /// An array whose elements are the given bytes, in native byte order and C order
    /// (the only way to build arrays of raw `rN` types).
    public init(dtype: DataType, shape: [Int], bytes: UnsafeRawBufferPointer) throws {
        try self.init(uninitialized: dtype, shape: shape)
        guard bytes.count == storage.byteCount else {
            throw ZarrError.invalidArgument("NDArray: \(bytes.count) bytes do not fill shape \(shape) of \(dtype) (\(storage.byteCount) bytes)")
        }
        if let start = bytes.baseAddress { storage.pointer.copyMemory(from: start, byteCount: bytes.count) }
        if dtype == .bool { normalizeBooleans() }
    }

    /// Like `init(dtype:shape:bytes:)`, from any byte collection such as `Data` or `[UInt8]`.
    public init<Bytes: ContiguousBytes>(dtype: DataType, shape: [Int], bytes: Bytes) throws {
        self = try bytes.withUnsafeBytes { try NDArray(dtype: dtype, shape: shape, bytes: $0) }
    }

    // MARK: Properties

    /// The number of dimensions.
    public var ndim: Int { shape.count }

    /// The number of elements, like numpy's `size`.
    public var size: Int { count }

    /// The number of bytes of the elements (`count` x `dtype.memoryItemSize`: for variable-length
    /// types the references, not their contents).
    public var nbytes: Int { elements == nil ? storage.byteCount : count * dtype.memoryItemSize }

    // MARK: Access

    /// Calls `body` with the elements' bytes (native byte order, C order).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(storage.bytes)
    }

    /// Calls `body` with the elements' bytes for writing (copying first if the buffer is shared).
    public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        guard !dtype.isVariableLength else {
            throw ZarrError.invalidArgument("NDArray.withUnsafeMutableBytes(): \(dtype) elements have no fixed-size bytes")
        }
        try makeUnique()
        let result = try body(storage.mutableBytes)
        if dtype == .bool { normalizeBooleans() }
        return result
    }

    /// Calls `body` with the elements typed as `T`, without copying.
    ///
    /// - Throws: `ZarrError.invalidArgument` if `T` is not the element type of `dtype`.
    public func withUnsafeBufferPointer<T: ZarrScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) throws -> R {
        try checkElementType(type, method: "withUnsafeBufferPointer(as:)")
        let typed = UnsafeBufferPointer(start: storage.pointer.assumingMemoryBound(to: T.self), count: count)
        return try body(typed)
    }

    /// Calls `body` with the elements typed as `T` for writing (copying first if shared).
    public mutating func withUnsafeMutableBufferPointer<T: ZarrScalar, R>(
        as type: T.Type, _ body: (inout UnsafeMutableBufferPointer<T>) throws -> R
    ) throws -> R {
        try checkElementType(type, method: "withUnsafeMutableBufferPointer(as:)")
        try makeUnique()
        var typed = UnsafeMutableBufferPointer(start: storage.pointer.assumingMemoryBound(to: T.self), count: count)
        return try body(&typed)
    }

    /// The elements as a Swift array, in C order.
    public func toArray<T: ZarrScalar>(as type: T.Type) throws -> [T] {
        try withUnsafeBufferPointer(as: type) { Array($0) }
    }

    /// The element at a multi-dimensional index (negative indices count from the end).
    public func scalar<T: ZarrScalar>(at index: [Int], as type: T.Type) throws -> T {
        let offset = try flatOffset(of: index)
        return try withUnsafeBufferPointer(as: type) { $0[offset] }
    }

    /// Sets the element at a multi-dimensional index (negative indices count from the end).
    public mutating func setScalar<T: ZarrScalar>(_ value: T, at index: [Int]) throws {
        let offset = try flatOffset(of: index)
        try withUnsafeMutableBufferPointer(as: T.self) { $0[offset] = value }
    }

    /// The same elements viewed with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) throws -> NDArray {
        let newCount = try NDArray.elementCount(newShape, method: "NDArray.reshaped")
        guard newCount == count else {
            throw ZarrError.invalidArgument("NDArray.reshaped(): cannot view \(count) elements as shape \(newShape)")
        }
        return sharingStorage(dtype: dtype, shape: newShape)
    }

    // MARK: Equatable

    public static func == (lhs: NDArray, rhs: NDArray) -> Bool {
        guard lhs.dtype == rhs.dtype, lhs.shape == rhs.shape else { return false }
        if let left = lhs.elements, let right = rhs.elements {
            return left === right || left.elements.elementsEqual(right.elements)
        }
        if lhs.storage === rhs.storage { return true }
        return lhs.storage.bytes.elementsEqual(rhs.storage.bytes)
    }

    // MARK: Internals

    private init(dtype: DataType, shape: [Int], count: Int, storage: ByteStorage, elements: ElementStorage?) {
        self.dtype = dtype
        self.shape = shape
        self.count = count
        self.storage = storage
        self.elements = elements
    }

    /// The same buffer seen with another shape of the same element count, or as another type
    /// of the same item size (and kind: both fixed-size or both variable-length).
    func sharingStorage(dtype newType: DataType, shape newShape: [Int]) -> NDArray {
        assert(ShapeArithmetic.product(newShape) == count, "sharingStorage: shape \(newShape) does not hold \(count) elements")
        assert(newType.itemSize == dtype.itemSize && newType.isVariableLength == dtype.isVariableLength,
               "sharingStorage: \(newType) elements are not laid out like \(dtype) elements")
        return NDArray(dtype: newType, shape: newShape, count: count, storage: storage, elements: elements)
    }

    /// Ensures this value owns its buffer before a write (copy-on-write).
    mutating func makeUnique() throws {
        if !isKnownUniquelyReferenced(&storage) { storage = try storage.copy() }
        if !isKnownUniquelyReferenced(&elements), let shared = elements { elements = try shared.copy() }
    }

    /// The elements of a variable-length type, for reading (empty for other types).
    var variableLengthElements: UnsafeBufferPointer<Data> { elements?.elements ?? UnsafeBufferPointer(start: nil, count: 0) }

    /// The elements of a variable-length type, for in-library writers that just created this
    /// array or made it unique (empty for other types).
    var unsafeMutableElementsOfNewArray: UnsafeMutableBufferPointer<Data> {
        elements?.mutableElements ?? UnsafeMutableBufferPointer(start: nil, count: 0)
    }

    /// The raw pointer for in-library writers that just created this array (no uniqueness check).
    var unsafeMutableBytesOfNewArray: UnsafeMutableRawBufferPointer { storage.mutableBytes }

    /// The elements' bytes as `Data` that shares this array's buffer instead of copying it.
    ///
    /// The `Data` keeps the buffer alive; because it holds a reference, a later write to this
    /// array (or a copy of it) sees the buffer as shared and copies it first, so the `Data`
    /// never changes.
    var bytesSharingStorage: Data {
        let storage = self.storage
        guard storage.byteCount > 0 else { return Data() }
        return Data(bytesNoCopy: storage.pointer, count: storage.byteCount, deallocator: .custom { _, _ in
            withExtendedLifetime(storage) {}
        })
    }

    /// The start of the buffer for in-library writers that just created this array (never nil, even when empty).
    var unsafeMutableBaseAddressOfNewArray: UnsafeMutableRawPointer { storage.pointer }

    /// Booleans read from outside must be exactly 0 or 1 to be valid `Bool`s.
    mutating func normalizeBooleans() {
        let bytes = storage.mutableBytes
        for i in 0..<bytes.count where bytes[i] > 1 { bytes[i] = 1 }
    }

    private func checkElementType<T: ZarrScalar>(_ type: T.Type, method: String) throws {
        guard T.zarrDataType == dtype.scalarType else {
            throw ZarrError.invalidArgument("NDArray.\(method): array holds \(dtype), not \(T.self)")
        }
    }

    func flatOffset(of index: [Int]) throws -> Int {
        guard index.count == shape.count else {
            throw ZarrError.indexOutOfRange("NDArray: index \(index) needs \(shape.count) components")
        }
        var offset = 0
        for (axis, (i, length)) in zip(index, shape).enumerated() {
            let resolved = i < 0 ? i + length : i
            guard resolved >= 0, resolved < length else {
                throw ZarrError.indexOutOfRange("NDArray: index \(i) is out of range for axis \(axis) with size \(length)")
            }
            offset = offset * length + resolved
        }
        return offset
    }

    /// The product of `shape`, checked for negative lengths and overflow.
    ///
    /// A shape with a zero length has no elements, whatever its other lengths.
    static func elementCount(_ shape: [Int], method: String) throws -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw ZarrError.invalidArgument("\(method): negative length in shape \(shape)")
        }
        guard let count = ShapeArithmetic.product(shape) else {
            throw ZarrError.invalidArgument("\(method): shape \(shape) has too many elements")
        }
        return count
    }
}
