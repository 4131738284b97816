// The units of numpy's datetime64 and timedelta64, as the `numpy.datetime64` and
// `numpy.timedelta64` data types of zarr-extensions spell them in their `unit`
// configuration (and v2 type strings such as "<M8[ns]" in brackets): calendar
// years and months, weeks, days, hours, minutes, seconds and the decimal
// fractions of a second down to attoseconds.

/// The unit of a datetime or timedelta count, named as numpy names it.
public enum TimeUnit: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case years = "Y"
    case months = "M"
    case weeks = "W"
    case days = "D"
    case hours = "h"
    case minutes = "m"
    case seconds = "s"
    case milliseconds = "ms"
    case microseconds = "us"
    case nanoseconds = "ns"
    case picoseconds = "ps"
    case femtoseconds = "fs"
    case attoseconds = "as"

    /// Parses numpy's spelling (`"ns"`, `"D"`; numpy's generic unit is not a storable unit).
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the text when it is no unit.
    public init(numpyName text: String) throws {
        guard let unit = TimeUnit(rawValue: text) else {
            throw ZarrError.invalidMetadata(
                "'\(text.prefix(20))' is not a datetime unit (one of \(TimeUnit.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self = unit
    }

    /// numpy's spelling.
    public var description: String { rawValue }

    /// The length of one unit in seconds, for the units of fixed length (weeks and shorter);
    /// `nil` for years and months, whose length depends on the calendar.
    public var seconds: Double? {
        switch self {
        case .years, .months: return nil
        case .weeks: return 604_800
        case .days: return 86_400
        case .hours: return 3_600
        case .minutes: return 60
        case .seconds: return 1
        case .milliseconds: return 1e-3
        case .microseconds: return 1e-6
        case .nanoseconds: return 1e-9
        case .picoseconds: return 1e-12
        case .femtoseconds: return 1e-15
        case .attoseconds: return 1e-18
        }
    }

    /// The length of one unit in attoseconds, exactly; for years and months numpy's mean
    /// Gregorian lengths (365.2425 days and a twelfth of that), by which it casts timedeltas
    /// of those units to fixed ones.
    var lengthInAttoseconds: Int128 {
        let second: Int128 = 1_000_000_000_000_000_000
        switch self {
        case .years: return 31_556_952 * second
        case .months: return 2_629_746 * second
        case .weeks: return 604_800 * second
        case .days: return 86_400 * second
        case .hours: return 3_600 * second
        case .minutes: return 60 * second
        case .seconds: return second
        case .milliseconds: return second / 1_000
        case .microseconds: return second / 1_000_000
        case .nanoseconds: return second / 1_000_000_000
        case .picoseconds: return 1_000_000
        case .femtoseconds: return 1_000
        case .attoseconds: return 1
        }
    }
}
