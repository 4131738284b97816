import Foundation

// Typed access to the datetime64 and timedelta64 types: datetimes read and
// write as Foundation `Date`s, timedeltas as Swift `Duration`s, NaT as `nil`.
// The raw counts stay readable as `Int64` (`toArray(as: Int64.self)`). Values
// that fall between two counts round toward the past, as numpy rounds when it
// casts to a coarser unit; a value whose count would not fit 64 bits (or would
// be the NaT count) is refused.

extension NDArray {
    // MARK: Datetimes

    /// An array of datetime64 elements of `scaleFactor` x `unit`, holding `dates` in C order;
    /// `nil` becomes NaT, and `shape` defaults to one dimension.
    ///
    /// Each date becomes the count of the period that holds it, rounded toward the past as numpy
    /// rounds when it casts to a coarser unit (so 1969-12-31T23:59:59.5 is count -1 in seconds,
    /// and 1969 in years). Years and months are calendar periods since 1970-01 (proleptic
    /// Gregorian, UTC). A `Date` is a Double, which holds few decimal instants exactly: a date
    /// no more than one step of its Double (as seconds since 1970 or since 2001) before the
    /// start of a period counts as that period, so `Date(timeIntervalSince1970: 1.001)` is 1001
    /// milliseconds, not 1000, and `NDArray(dates: a.toDates(), ...)` gives back `a` wherever
    /// the dates can tell its counts apart.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a scale factor outside
    ///   `1...DataType.maximumScaleFactor`, a date that is not finite, a date whose count does
    ///   not fit `Int64` (or is its smallest value, which is NaT), or values that do not fill the shape.
    public init(dates: [Date?], unit: TimeUnit, scaleFactor: Int = 1, shape: [Int]? = nil) throws {
        let method = "NDArray(dates:unit:scaleFactor:shape:)"
        let dtype = DataType.datetime64(unit: unit, scaleFactor: scaleFactor)
        try dtype.validate(method: method)
        let counts = try dates.map { date -> Int64 in
            guard let date else { return DataType.notATime }
            guard let count = NDArray.datetimeCount(of: date, unit: unit, scaleFactor: scaleFactor) else {
                throw NDArray.unrepresentable("\(date.timeIntervalSince1970) s since 1970", unit, scaleFactor, method)
            }
            return count
        }
        try self.init(counts, dtype: dtype, shape: shape)
    }

    /// The datetime64 elements as `Date`s, in C order; `nil` for NaT.
    ///
    /// Years and months count calendar periods since 1970-01 (proleptic Gregorian, UTC); the
    /// other units are fixed lengths. A `Date` holds a Double of seconds since 2001-01-01, whose
    /// precision shrinks with the distance from 2001 (about 0.1 microsecond around 1970 and
    /// today), so nanosecond counts and the finer picosecond, femtosecond and attosecond ones are
    /// rounded to the nearest `Date`. Every count converts: the farthest instant any count
    /// reaches (`Int64.max` years at the largest scale factor, about 6e35 seconds) lies far inside
    /// the range of a Double; such dates are only less precise.
    ///
    /// - Throws: `ZarrError.invalidArgument` when the array is not datetime64.
    public func toDates() throws -> [Date?] {
        guard case .datetime64(let unit, let scaleFactor) = dtype else {
            throw ZarrError.invalidArgument("NDArray.toDates(): array holds \(dtype), not numpy.datetime64")
        }
        return try withUnsafeBufferPointer(as: Int64.self) { counts in
            counts.map { count in
                count == DataType.notATime ? nil : TemporalInstant(count: count, unit: unit, scaleFactor: scaleFactor).date
            }
        }
    }

    // MARK: Timedeltas

    /// An array of timedelta64 elements of `scaleFactor` x `unit`, holding `durations` in C order;
    /// `nil` becomes NaT, and `shape` defaults to one dimension.
    ///
    /// Each duration becomes a whole count, rounded toward negative infinity as numpy rounds when
    /// it casts timedeltas to a coarser unit (-1.5 s is -2 in seconds). Years and months have
    /// numpy's mean lengths: 365.2425 days and a twelfth of that.
    ///
    /// - Throws: `ZarrError.invalidArgument` for a scale factor outside
    ///   `1...DataType.maximumScaleFactor`, a duration whose count does not fit `Int64` (or is its
    ///   smallest value, which is NaT), or values that do not fill the shape.
    public init(durations: [Duration?], unit: TimeUnit, scaleFactor: Int = 1, shape: [Int]? = nil) throws {
        let method = "NDArray(durations:unit:scaleFactor:shape:)"
        let dtype = DataType.timedelta64(unit: unit, scaleFactor: scaleFactor)
        try dtype.validate(method: method)
        // Below 2^86 x 2^31: no overflow.
        let period = unit.lengthInAttoseconds * Int128(scaleFactor)
        let counts = try durations.map { duration -> Int64 in
            guard let duration else { return DataType.notATime }
            guard let count = Int64(exactly: duration.attoseconds.floorDivided(by: period).quotient), count != DataType.notATime else {
                throw NDArray.unrepresentable("\(duration)", unit, scaleFactor, method)
            }
            return count
        }
        try self.init(counts, dtype: dtype, shape: shape)
    }

    /// The timedelta64 elements as `Duration`s, in C order; `nil` for NaT.
    ///
    /// A `Duration` counts attoseconds in 128 bits, so every unit converts exactly; years and
    /// months, which numpy's timedeltas count without a calendar, take numpy's mean lengths
    /// (365.2425 days and a twelfth of that), as numpy's `astype` does.
    ///
    /// - Throws: `ZarrError.invalidArgument` when the array is not timedelta64, or for a count beyond the range of
    ///   `Duration` (about 5.4e12 years either way: only counts of days or longer units far
    ///   beyond that, or large scale factors, reach it).
    public func toDurations() throws -> [Duration?] {
        guard case .timedelta64(let unit, let scaleFactor) = dtype else {
            throw ZarrError.invalidArgument("NDArray.toDurations(): array holds \(dtype), not numpy.timedelta64")
        }
        let period = unit.lengthInAttoseconds * Int128(scaleFactor)
        return try withUnsafeBufferPointer(as: Int64.self) { counts in
            try counts.map { count in
                guard count != DataType.notATime else { return nil }
                let (attoseconds, overflow) = Int128(count).multipliedReportingOverflow(by: period)
                guard !overflow else {
                    throw ZarrError.invalidArgument(
                        "NDArray.toDurations(): \(count) x \(scaleFactor)\(unit) is beyond the range of Duration")
                }
                return Duration(attoseconds: attoseconds)
            }
        }
    }

    // MARK: Internals

    /// The count of the period holding `date`, or `nil` when there is none (see `init(dates:...)`).
    private static func datetimeCount(of date: Date, unit: TimeUnit, scaleFactor: Int) -> Int64? {
        guard let instant = TemporalInstant(date: date), var periods = instant.periods(of: unit, scaleFactor: scaleFactor) else {
            return nil
        }
        if periods >= Int128(Int64.min), periods < Int128(Int64.max) {
            let next = TemporalInstant(count: Int64(periods + 1), unit: unit, scaleFactor: scaleFactor)
            if instant.seconds(until: next) <= TemporalInstant.resolution(of: date) { periods += 1 }
        }
        guard let count = Int64(exactly: periods), count != DataType.notATime else { return nil }
        return count
    }

    private static func unrepresentable(_ value: String, _ unit: TimeUnit, _ scaleFactor: Int, _ method: String) -> ZarrError {
        .invalidArgument("\(method): \(value) has no 64-bit count of \(scaleFactor)\(unit) (or it would read as NaT)")
    }
}
