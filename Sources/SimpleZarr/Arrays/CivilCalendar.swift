// The proleptic Gregorian calendar as integer arithmetic, the calendar of
// numpy's datetime64: UTC, no leap seconds, the Gregorian leap rule applied
// before 1582 too, and a year 0 (so year -1 is 2 BCE). A day number counts
// days from 1970-01-01. The conversion shifts each year to start on 1 March,
// so that the leap day is the last day of a shifted year, and counts eras of
// 400 years, which all have 146,097 days (the method H. Hinnant describes in
// "chrono-compatible low-level date algorithms"). 128-bit integers hold every
// day and year that a datetime64 count reaches with any scale factor.

/// Dates of the proleptic Gregorian calendar and their day numbers.
enum CivilCalendar {
    /// The days from 1970-03-01 back to 0000-03-01, the start of era 0.
    private static let daysFromEraStartTo1970: Int128 = 719_468

    /// The number of the day `year`-`month`-`day` (`month` 1...12, `day` 1...31), 0 for 1970-01-01.
    ///
    /// `year` is below 2^112 in magnitude, so no intermediate overflows.
    static func dayNumber(year: Int128, month: Int, day: Int) -> Int128 {
        assert((1...12).contains(month) && (1...31).contains(day) && year.magnitude < UInt128(1) << 112)
        let shiftedYear = month <= 2 ? year - 1 : year
        let (era, yearOfEra) = shiftedYear.floorDivided(by: 400)
        let shiftedMonth = Int128(month > 2 ? month - 3 : month + 9)  // 0 is March
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int128(day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - daysFromEraStartTo1970
    }

    /// The date of day number `day` (0 is 1970-01-01).
    ///
    /// `day` is below 2^120 in magnitude, so no intermediate overflows.
    static func date(dayNumber day: Int128) -> (year: Int128, month: Int, day: Int) {
        assert(day.magnitude < UInt128(1) << 120)
        let (era, dayOfEra) = (day + daysFromEraStartTo1970).floorDivided(by: 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        // dayOfYear is in 0...365 and shiftedMonth in 0...11, so both narrowings are exact.
        let dayOfMonth = Int(truncatingIfNeeded: dayOfYear - (153 * shiftedMonth + 2) / 5) + 1
        let month = Int(truncatingIfNeeded: shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        return (era * 400 + yearOfEra + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }
}
