// Prints datetime64 and timedelta64 elements: NaT, or the count with its unit.
// (The calendar form of datetimes is in `DatetimeConversion`.)

enum TemporalFormatter {
    /// One element: `"NaT"`, or the count times the scale factor with numpy's unit (`"20s"`).
    static func format(_ count: Int64, dtype: DataType) -> String {
        guard count != DataType.notATime else { return "NaT" }
        switch dtype {
        case .datetime64(let unit, let scale), .timedelta64(let unit, let scale):
            let (scaled, overflow) = count.multipliedReportingOverflow(by: Int64(scale))
            return overflow ? "\(count)x\(scale)\(unit)" : "\(scaled)\(unit)"
        default:
            return String(count)
        }
    }
}
