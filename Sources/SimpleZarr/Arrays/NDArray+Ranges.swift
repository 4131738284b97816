// numpy's `np.arange` and `np.linspace`: evenly spaced values in a 1-d array.
// - `arange(stop)`, `arange(start, stop, step)` with integers: int64 values from
//   start while below stop (above it for a negative step), like numpy's default
//   integer type; with floats, float64 values `start + i * delta`, where delta is
//   `(start + step) - start` as numpy computes it; the length is
//   ceil((stop - start) / step), or 0.
// - `linspace(start, stop, num)`: `start + i * step` with step = (stop - start) /
//   (num - 1), the last value exactly `stop` (without `endpoint`, num parts of
//   (stop - start) / num).
// Another dtype casts the values as `astype` does.

extension NDArray {
    /// `0, 1, ..., stop - 1` as int64 (Python: `np.arange(20)`), or as `dtype`.
    ///
    /// - Throws: `ZarrError.invalidArgument` when the values do not fit in memory, or for a
    ///   dtype that is not numeric.
    public static func arange(_ stop: Int, dtype: DataType = .int64) throws -> NDArray {
        try arange(0, stop, 1, dtype: dtype)
    }

    /// `start, start + step, ...` while before `stop`, as int64 (Python:
    /// `np.arange(start, stop, step)`), or as `dtype`.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a step of 0, values that do not fit in memory,
    ///   or a dtype that is not numeric.
    public static func arange(_ start: Int, _ stop: Int, _ step: Int = 1, dtype: DataType = .int64) throws -> NDArray {
        guard step != 0 else { throw ZarrError.invalidArgument("NDArray.arange(): step must not be 0") }
        // The distance in the direction of the step, exact in 64 unsigned bits.
        let distance = step > 0 ? (stop > start ? UInt64(bitPattern: Int64(stop &- start)) : 0)
            : (start > stop ? UInt64(bitPattern: Int64(start &- stop)) : 0)
        let steps = UInt64(step.magnitude)
        let length = distance / steps + (distance % steps == 0 ? 0 : 1)
        guard let count = Int(exactly: length) else {
            throw ZarrError.invalidArgument("NDArray.arange(): \(length) values do not fit in memory")
        }
        var values = try NDArray(dtype: .int64, shape: [count])
        try values.withUnsafeMutableBufferPointer(as: Int64.self) { buffer in
            // Every value lies between start and stop, so none overflows.
            var value = Int64(start)
            for i in buffer.indices {
                buffer[i] = value
                value = value &+ Int64(step)
            }
        }
        return try values.astype(dtype)
    }

    /// `start, start + step, ...` while before `stop`, as float64 (Python:
    /// `np.arange(0.0, 1.0, 0.1)`), or as `dtype`.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a step of 0, a bound or step that is not
    ///   finite, values that do not fit in memory, or a dtype that is not numeric.
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1, dtype: DataType = .float64) throws -> NDArray {
        guard step != 0, start.isFinite, stop.isFinite, step.isFinite else {
            throw ZarrError.invalidArgument("NDArray.arange(): start, stop and step must be finite and step not 0, got \(start), \(stop), \(step)")
        }
        let length = ((stop - start) / step).rounded(.up)
        guard length < Double(Int.max) else {
            throw ZarrError.invalidArgument("NDArray.arange(): \(length) values do not fit in memory")
        }
        let delta = (start + step) - start
        return try evenlySpaced(count: length > 0 ? Int(length) : 0, dtype: dtype) { start + Double($0) * delta }
    }

    /// `num` evenly spaced values from `start` to `stop` (included unless `endpoint` is false),
    /// as float64 (Python: `np.linspace(0, 1, 7)`), or as `dtype`.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a negative `num` or a dtype that is not numeric.
    public static func linspace(
        _ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true, dtype: DataType = .float64
    ) throws -> NDArray {
        guard num >= 0 else { throw ZarrError.invalidArgument("NDArray.linspace(): num must be 0 or more, got \(num)") }
        let parts = Double(endpoint ? num - 1 : num)
        let delta = stop - start
        let step = delta / parts
        return try evenlySpaced(count: num, dtype: dtype) { i in
            if endpoint && num > 1 && i == num - 1 { return stop }
            // No step for a single value; numpy divides first when the step underflows to 0.
            if parts <= 0 { return Double(i) * delta + start }
            return step == 0 ? Double(i) / parts * delta + start : Double(i) * step + start
        }
    }

    /// `count` float64 values `value(0), value(1), ...`, cast to `dtype`.
    private static func evenlySpaced(count: Int, dtype: DataType, _ value: (Int) -> Double) throws -> NDArray {
        var values = try NDArray(dtype: .float64, shape: [count])
        try values.withUnsafeMutableBufferPointer(as: Double.self) { buffer in
            for i in buffer.indices { buffer[i] = value(i) }
        }
        return try values.astype(dtype)
    }
}
