// numpy's `a.item(...)`: one element as a plain value. With no index the array
// must hold one element (a 0-d array's scalar); one index counts in C order
// over the whole array (`a.item(7)` of a 4 x 5 array is row 1, column 2); as
// many indices as dimensions select an element. Negative indices count from
// the end. Numbers convert to the type asked for with numpy's casting rules
// (NumpyCast.swift), so one line reads a value of any numeric dtype.

import Foundation

extension NDArray {
    /// One element, converted to `T` as `astype` converts: `a.item(1, 2, as: Double.self)`
    /// (Python: `a.item(1, 2)` or `float(a[1, 2])`), `a.item(as: Int64.self)` for a 0-d array.
    ///
    /// No index: the array must have exactly one element. One index: the position in C order
    /// over the whole array. As many indices as dimensions: that element. Negative indices
    /// count from the end. Datetimes and timedeltas read as their Int64 counts.
    ///
    /// - Throws: `ZarrError.indexOutOfRange` for an index outside the array or the wrong number
    ///   of indices; `ZarrError.invalidArgument` when the array's elements are not numbers.
    public func item<T: ZarrScalar>(_ index: Int..., as type: T.Type) throws -> T {
        let offset = try itemOffset(index)
        if T.zarrDataType == dtype.scalarType {
            return try withUnsafeBufferPointer(as: type) { $0[offset] }
        }
        guard dtype.isNumpyCastable else {
            throw ZarrError.invalidArgument("NDArray.item(as:): \(dtype) elements are not numbers and cannot be read as \(T.self)")
        }
        return try withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { value in
            guard let destination = value.baseAddress else {
                throw ZarrError.invalidArgument("NDArray.item(as:): no room for one \(T.self)")
            }
            try withElementBuffer { source in
                try castElements(count: 1, from: source.bytes + offset * dtype.itemSize, dtype, to: UnsafeMutableRawPointer(destination), T.zarrDataType)
            }
            return destination.move()
        }
    }

    /// One text element (`string` and `fixed_length_utf32` arrays), indexed as `item(_:as:)`.
    public func item(_ index: Int..., as type: String.Type) throws -> String {
        try text(atFlat: itemOffset(index), method: "item(as:)")
    }

    /// One byte-string element (`bytes`, `null_terminated_bytes`, `raw_bytes` and `rN` arrays),
    /// indexed as `item(_:as:)`.
    public func item(_ index: Int..., as type: Data.Type) throws -> Data {
        try byteString(atFlat: itemOffset(index), method: "item(as:)")
    }

    /// The C-order offset of the element numpy's `item(*index)` reads.
    private func itemOffset(_ index: [Int]) throws -> Int {
        switch index.count {
        case 0:
            guard count == 1 else {
                throw ZarrError.indexOutOfRange(ErrorDetails(
                    "NDArray.item(): only an array of one element has an item without an index, this one has \(count)", index: []))
            }
            return 0
        case 1 where ndim != 1:
            let position = index[0] < 0 ? index[0] + count : index[0]
            guard position >= 0, position < count else {
                throw ZarrError.indexOutOfRange(
                    ErrorDetails("NDArray.item(): index \(index[0]) is out of range for an array of \(count) elements", index: index))
            }
            return position
        default:
            do {
                return try flatOffset(of: index)
            } catch let error as ZarrError {
                throw error.with(index: index)
            }
        }
    }
}
