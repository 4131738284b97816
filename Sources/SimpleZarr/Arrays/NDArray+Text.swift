import Foundation

// Typed access to the text and byte-string types: `string` and
// `fixed_length_utf32` elements read and write as `String`; `bytes`,
// `null_terminated_bytes`, `raw_bytes` and `rN` elements as `Data`. Fixed-length
// elements drop their trailing zero padding when read, as numpy does, and a
// value longer than the element is refused rather than cut.

extension NDArray {
    // MARK: Creating

    /// An array of text elements in C order: `dtype` is `string` (the default) or
    /// `fixed_length_utf32`; `shape` defaults to one dimension.
    ///
    /// - Throws: `ZarrError.invalidArgument` when a value does not fit a fixed-length element,
    ///   or the values do not fill the shape.
    public init(_ values: [String], dtype: DataType = .string, shape: [Int]? = nil) throws {
        try self.init(uninitialized: dtype, shape: shape ?? [values.count])
        try checkValueCount(values.count)
        for (index, value) in values.enumerated() { try storeText(value, atFlat: index, method: "NDArray") }
    }

    /// An array of byte-string elements in C order: `dtype` is `bytes` (the default),
    /// `null_terminated_bytes`, `raw_bytes` or `rN`; `shape` defaults to one dimension.
    ///
    /// - Throws: `ZarrError.invalidArgument` when a value does not fit a fixed-length element
    ///   (raw elements need exactly their length), or the values do not fill the shape.
    public init(_ values: [Data], dtype: DataType = .bytes, shape: [Int]? = nil) throws {
        try self.init(uninitialized: dtype, shape: shape ?? [values.count])
        try checkValueCount(values.count)
        for (index, value) in values.enumerated() { try storeBytes(value, atFlat: index, method: "NDArray") }
    }

    // MARK: Reading

    /// The text elements in C order (`string` and `fixed_length_utf32` arrays).
    ///
    /// - Throws: `ZarrError.invalidArgument` for another dtype; `ZarrError.codec` for a
    ///   `fixed_length_utf32` element that holds a code unit which is no Unicode scalar.
    public func toArray(as type: String.Type) throws -> [String] {
        try (0..<count).map { try text(atFlat: $0, method: "toArray(as:)") }
    }

    /// The byte-string elements in C order (`bytes`, `null_terminated_bytes` without the
    /// trailing zeros, `raw_bytes` and `rN` arrays).
    public func toArray(as type: Data.Type) throws -> [Data] {
        try (0..<count).map { try byteString(atFlat: $0, method: "toArray(as:)") }
    }

    /// The text element at a multi-dimensional index (negative indices count from the end).
    public func scalar(at index: [Int], as type: String.Type) throws -> String {
        try text(atFlat: flatOffset(of: index), method: "scalar(at:as:)")
    }

    /// The byte-string element at a multi-dimensional index (negative indices count from the end).
    public func scalar(at index: [Int], as type: Data.Type) throws -> Data {
        try byteString(atFlat: flatOffset(of: index), method: "scalar(at:as:)")
    }

    // MARK: Writing

    /// Sets the text element at a multi-dimensional index.
    public mutating func setScalar(_ value: String, at index: [Int]) throws {
        let offset = try flatOffset(of: index)
        try makeUnique()
        try storeText(value, atFlat: offset, method: "setScalar(_:at:)")
    }

    /// Sets the byte-string element at a multi-dimensional index.
    public mutating func setScalar(_ value: Data, at index: [Int]) throws {
        let offset = try flatOffset(of: index)
        try makeUnique()
        try storeBytes(value, atFlat: offset, method: "setScalar(_:at:)")
    }

    // MARK: Internals

    private func checkValueCount(_ valueCount: Int) throws {
        guard valueCount == count else {
            throw ZarrError.invalidArgument("NDArray: \(valueCount) values do not fill shape \(shape) (\(count) elements)")
        }
    }

    private func fixedElement(atFlat index: Int) -> UnsafeRawBufferPointer {
        withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[(index * dtype.itemSize)..<((index + 1) * dtype.itemSize)]) }
    }

    func text(atFlat index: Int, method: String) throws -> String {
        switch dtype {
        case .string:
            // Elements of a string array are valid UTF-8: every way in checks it.
            return String(decoding: variableLengthElements[index], as: UTF8.self)
        case .fixedLengthUTF32:
            guard let text = FixedLengthText.string(fromUTF32: fixedElement(atFlat: index)) else {
                throw ZarrError.codec("NDArray.\(method): element \(index) holds a code unit that is not a Unicode scalar")
            }
            return text
        default:
            throw ZarrError.invalidArgument("NDArray.\(method): array holds \(dtype), not text")
        }
    }

    func byteString(atFlat index: Int, method: String) throws -> Data {
        switch dtype {
        case .bytes:
            return variableLengthElements[index]
        case .nullTerminatedBytes:
            let element = fixedElement(atFlat: index)
            return Data(UnsafeRawBufferPointer(rebasing: element[..<FixedLengthText.trimmedLength(element)]))
        case .rawBytes, .raw:
            return Data(fixedElement(atFlat: index))
        default:
            throw ZarrError.invalidArgument("NDArray.\(method): array holds \(dtype), not byte strings")
        }
    }

    /// Writes one text element of an array this value owns alone.
    private func storeText(_ value: String, atFlat index: Int, method: String) throws {
        switch dtype {
        case .string:
            unsafeMutableElementsOfNewArray[index] = Data(value.utf8)
        case .fixedLengthUTF32(let characters):
            guard let element = FixedLengthText.utf32Element(value, characters: characters) else {
                throw ZarrError.invalidArgument(
                    "NDArray.\(method): \"\(value.prefix(40))\" has more than the \(characters) characters of \(dtype)")
            }
            storeFixed(element, atFlat: index)
        default:
            throw ZarrError.invalidArgument("NDArray.\(method): array holds \(dtype), not text")
        }
    }

    /// Writes one byte-string element of an array this value owns alone.
    private func storeBytes(_ value: Data, atFlat index: Int, method: String) throws {
        switch dtype {
        case .bytes:
            unsafeMutableElementsOfNewArray[index] = value
        case .nullTerminatedBytes(let length):
            guard value.count <= length else {
                throw ZarrError.invalidArgument("NDArray.\(method): \(value.count) bytes do not fit the \(length) of \(dtype)")
            }
            storeFixed([UInt8](value) + [UInt8](repeating: 0, count: length - value.count), atFlat: index)
        case .rawBytes, .raw:
            guard value.count == dtype.itemSize else {
                throw ZarrError.invalidArgument("NDArray.\(method): \(dtype) elements have \(dtype.itemSize) bytes, not \(value.count)")
            }
            storeFixed([UInt8](value), atFlat: index)
        default:
            throw ZarrError.invalidArgument("NDArray.\(method): array holds \(dtype), not byte strings")
        }
    }

    private func storeFixed(_ element: [UInt8], atFlat index: Int) {
        element.withUnsafeBytes { source in
            guard let start = source.baseAddress else { return }
            (unsafeMutableBaseAddressOfNewArray + index * dtype.itemSize).copyMemory(from: start, byteCount: source.count)
        }
    }
}
