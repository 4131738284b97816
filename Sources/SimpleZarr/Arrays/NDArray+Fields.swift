// The fields of a `struct` array, like numpy's `records["name"]`: reading one
// field gives an array of its type and the array's shape; writing one sets that
// field of every record.

extension NDArray {
    /// The values of one field of a `struct` array, as a new array of the field's type.
    ///
    /// - Throws: `ZarrError.invalidArgument` when the array is not a struct or has no such field.
    public func field(_ name: String) throws -> NDArray {
        let field = try structField(name, method: "field(_:)")
        var result = try NDArray(uninitialized: field.dataType, shape: shape)
        let recordSize = dtype.itemSize
        let fieldSize = field.dataType.itemSize
        withUnsafeBytes { records in
            guard let source = records.baseAddress else { return }
            let destination = result.unsafeMutableBaseAddressOfNewArray
            for index in 0..<count {
                (destination + index * fieldSize).copyMemory(from: source + index * recordSize + field.offset, byteCount: fieldSize)
            }
        }
        if field.dataType == .bool { result.normalizeBooleans() }
        return result
    }

    /// Sets one field of every record of a `struct` array from `values` (of the field's type
    /// and this array's shape).
    public mutating func setField(_ name: String, _ values: NDArray) throws {
        let field = try structField(name, method: "setField(_:_:)")
        guard values.dtype == field.dataType, values.shape == shape else {
            throw ZarrError.invalidArgument(
                "NDArray.setField(_:_:): field '\(name)' takes shape \(shape) of \(field.dataType), got \(values.shape) of \(values.dtype)")
        }
        try makeUnique()
        let recordSize = dtype.itemSize
        let fieldSize = field.dataType.itemSize
        let destination = unsafeMutableBaseAddressOfNewArray
        values.withUnsafeBytes { source in
            guard let start = source.baseAddress else { return }
            for index in 0..<count {
                (destination + index * recordSize + field.offset).copyMemory(from: start + index * fieldSize, byteCount: fieldSize)
            }
        }
    }

    private func structField(_ name: String, method: String) throws -> StructField {
        guard case .structured(let fields) = dtype else {
            throw ZarrError.invalidArgument("NDArray.\(method): array holds \(dtype), not records with fields")
        }
        guard let field = fields.first(where: { $0.name == name }) else {
            throw ZarrError.invalidArgument(
                "NDArray.\(method): no field '\(name.prefix(40))' (fields: \(fields.map(\.name).joined(separator: ", ")))")
        }
        return field
    }
}
