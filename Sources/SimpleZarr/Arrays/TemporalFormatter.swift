// Prints datetime64 and timedelta64 elements as numpy's `str()` prints one:
// - a datetime in ISO 8601 form down to its unit, "2020" (Y), "2020-01" (M),
//   "2020-01-01" (W and D), "2020-01-01T00" (h), "2020-01-01T00:00" (m),
//   "2020-01-01T00:00:00" (s) and 3 to 18 digits of fraction for ms to as; the
//   year has at least four characters, its sign included ("0042", "-001",
//   "10000"); a scale factor moves the instant, not the precision (count 1 of
//   10 s is "1970-01-01T00:00:10");
// - a timedelta as the count times the scale factor and the plural unit name,
//   "10 seconds", "1 years";
// - NaT as "NaT".
// numpy computes count x scale factor (and weeks x 7, and 1970 + years) in 64
// bits, which wraps for counts near the ends of Int64; this prints the true
// value there.

/// Turns datetime and timedelta elements into numpy's text.
enum TemporalFormatter {
    /// One element of a datetime64 or timedelta64 `dtype`.
    static func format(_ count: Int64, dtype: DataType) -> String {
        guard count != DataType.notATime else { return "NaT" }
        switch dtype {
        case .datetime64(let unit, let scale) where (1...DataType.maximumScaleFactor).contains(scale):
            return isoText(TemporalInstant(count: count, unit: unit, scaleFactor: scale), unit: unit)
        case .timedelta64(let unit, let scale) where (1...DataType.maximumScaleFactor).contains(scale):
            return "\(Int128(count) * Int128(scale)) \(pluralName(unit))"
        default:
            // A hand-made type with a scale factor out of range: the raw count.
            return String(count)
        }
    }

    /// `instant` in ISO 8601 form, with the fields down to `unit`.
    private static func isoText(_ instant: TemporalInstant, unit: TimeUnit) -> String {
        let (day, secondOfDay) = instant.seconds.floorDivided(by: 86_400)
        let date = CivilCalendar.date(dayNumber: day)
        var text = yearText(date.year)
        if unit == .years { return text }
        text += "-" + padded(date.month, 2)
        if unit == .months { return text }
        text += "-" + padded(date.day, 2)
        if unit == .weeks || unit == .days { return text }
        let second = Int(truncatingIfNeeded: secondOfDay)  // 0..<86400
        text += "T" + padded(second / 3_600, 2)
        if unit == .hours { return text }
        text += ":" + padded(second / 60 % 60, 2)
        if unit == .minutes { return text }
        text += ":" + padded(second % 60, 2)
        let digits = fractionDigits(unit)
        guard digits > 0 else { return text }
        var divisor: Int64 = 1
        for _ in digits..<18 { divisor *= 10 }
        return text + "." + padded(Int(instant.attoseconds / divisor), digits)
    }

    /// The year as C's `%04lld` prints it: zero-padded to four characters including the sign.
    private static func yearText(_ year: Int128) -> String {
        let digits = String(year.magnitude)
        return year < 0 ? "-" + padded(digits, 3) : padded(digits, 4)
    }

    private static func padded(_ value: Int, _ width: Int) -> String { padded(String(value), width) }

    private static func padded(_ digits: String, _ width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }

    /// The decimal places of the fraction of a second that `unit` shows.
    private static func fractionDigits(_ unit: TimeUnit) -> Int {
        switch unit {
        case .milliseconds: return 3
        case .microseconds: return 6
        case .nanoseconds: return 9
        case .picoseconds: return 12
        case .femtoseconds: return 15
        case .attoseconds: return 18
        default: return 0
        }
    }

    /// numpy's name for `unit` in timedelta text.
    private static func pluralName(_ unit: TimeUnit) -> String {
        switch unit {
        case .years: return "years"
        case .months: return "months"
        case .weeks: return "weeks"
        case .days: return "days"
        case .hours: return "hours"
        case .minutes: return "minutes"
        case .seconds: return "seconds"
        case .milliseconds: return "milliseconds"
        case .microseconds: return "microseconds"
        case .nanoseconds: return "nanoseconds"
        case .picoseconds: return "picoseconds"
        case .femtoseconds: return "femtoseconds"
        case .attoseconds: return "attoseconds"
        }
    }
}
