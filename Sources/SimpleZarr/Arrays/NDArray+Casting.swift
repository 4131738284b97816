// numpy's `a.astype(dtype)`: a new array of another element type, each element
// cast by numpy's rules (NumpyCast.swift) between bool, the integers, floats and
// complex numbers. Datetimes and timedeltas cast to and from numbers as their
// Int64 counts (numpy's view: `a.astype(np.int64)` gives the counts, NaT becomes
// Int64.min); between units of the same kind they convert as numpy does, rounding
// toward the past, NaT staying NaT. Text, byte-string, raw and struct types cast
// only to themselves.

extension NDArray {
    /// A new array of `dtype` whose elements are this array's, cast as numpy's `astype` does.
    ///
    /// ```swift
    /// let total = try a.astype(.float64).sum()     // Python: a.astype(np.float64).sum()
    /// ```
    ///
    /// - Integers to integers keep the low bits (`300` as `int8` is `44`).
    /// - To floats: the nearest value, ties to even; beyond the range, an infinity.
    /// - Floats to integers truncate toward zero. NaN, the infinities and values beyond the
    ///   target's range, which numpy leaves to the platform (and warns about), saturate here
    ///   at the target's minimum or maximum, and NaN becomes 0, on every platform.
    /// - To `bool`: whether the value is not zero (NaN is `true`); from `bool`: 0 or 1.
    /// - Complex to real keeps the real part (numpy warns); real to complex adds `+0j`.
    /// - Datetimes and timedeltas are their Int64 counts to and from numbers; to another unit
    ///   of the same kind they are converted, rounding toward the past (as numpy does).
    ///
    /// A cast to the array's own type returns the array (numpy copies; with value semantics
    /// the two cannot be told apart).
    ///
    /// - Throws: `ZarrError.invalidArgument` for a cast from or to a text, byte-string, raw or
    ///   struct type (other than to itself), between datetimes and timedeltas, or of a datetime
    ///   or timedelta whose count in the new unit does not fit 64 bits.
    public func astype(_ newType: DataType) throws -> NDArray {
        if newType == dtype { return self }
        guard dtype.isNumpyCastable, newType.isNumpyCastable else {
            throw ZarrError.invalidArgument(
                "NDArray.astype(): \(dtype) elements cannot be cast to \(newType); only numbers, datetimes and "
                    + "timedeltas cast to other types")
        }
        switch (dtype, newType) {
        case (.datetime64, .datetime64), (.timedelta64, .timedelta64):
            return try convertingTemporalUnit(to: newType)
        case (.datetime64, .timedelta64), (.timedelta64, .datetime64):
            throw ZarrError.invalidArgument(
                "NDArray.astype(): \(dtype) elements cannot be cast to \(newType) (cast the counts through .int64)")
        default:
            let result = try NDArray(uninitialized: newType, shape: shape)
            try withElementBuffer { source in
                try castElements(count: count, from: source.bytes, dtype, to: result.unsafeMutableBaseAddressOfNewArray, newType)
            }
            return result
        }
    }

    // MARK: Temporal units

    /// This datetime (or timedelta) array in another unit of its kind.
    private func convertingTemporalUnit(to newType: DataType) throws -> NDArray {
        let convert: (Int64) -> Int128?
        switch (dtype, newType) {
        case (.datetime64(let unit, let scale), .datetime64(let newUnit, let newScale)):
            try newType.validate(method: "NDArray.astype()")
            convert = { TemporalInstant(count: $0, unit: unit, scaleFactor: scale).periods(of: newUnit, scaleFactor: newScale) }
        case (.timedelta64(let unit, let scale), .timedelta64(let newUnit, let newScale)):
            try newType.validate(method: "NDArray.astype()")
            // Both periods lie below 2^86 x 2^31 attoseconds: no overflow.
            let period = unit.lengthInAttoseconds * Int128(scale)
            let newPeriod = newUnit.lengthInAttoseconds * Int128(newScale)
            convert = { count in
                let (attoseconds, overflow) = Int128(count).multipliedReportingOverflow(by: period)
                return overflow ? nil : attoseconds.floorDivided(by: newPeriod).quotient
            }
        default:
            throw ZarrError.invalidArgument("NDArray.astype(): \(dtype) is not \(newType)'s kind")
        }
        var result = try NDArray(uninitialized: newType, shape: shape)
        try withUnsafeBufferPointer(as: Int64.self) { counts in
            try result.withUnsafeMutableBufferPointer(as: Int64.self) { output in
                for (i, count) in counts.enumerated() {
                    guard count != DataType.notATime else {
                        output[i] = DataType.notATime
                        continue
                    }
                    guard let converted = convert(count).flatMap({ Int64(exactly: $0) }), converted != DataType.notATime else {
                        throw ZarrError.invalidArgument(
                            "NDArray.astype(): the count \(count) of \(dtype) has no 64-bit count of \(newType)")
                    }
                    output[i] = converted
                }
            }
        }
        return result
    }
}
