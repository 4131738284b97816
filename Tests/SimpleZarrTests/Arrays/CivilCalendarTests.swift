import XCTest

@testable import SimpleZarr

final class CivilCalendarTests: XCTestCase {
    func testKnownDays() {
        XCTAssertEqual(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(CivilCalendar.dayNumber(year: 1969, month: 12, day: 31), -1)
        XCTAssertEqual(CivilCalendar.dayNumber(year: 2020, month: 1, day: 1), 18_262)
        XCTAssertEqual(CivilCalendar.dayNumber(year: 2000, month: 3, day: 1), 11_017)
        // numpy: np.datetime64(-719528, 'D') is 0000-01-01, -719529 is -001-12-31.
        XCTAssertEqual(CivilCalendar.dayNumber(year: 0, month: 1, day: 1), -719_528)
        XCTAssert(CivilCalendar.date(dayNumber: -719_529) == (-1, 12, 31))
        XCTAssert(CivilCalendar.date(dayNumber: 2_932_897) == (10_000, 1, 1))
    }

    func testLeapYearsFollowTheGregorianRuleBefore1582Too() {
        for (year, leap) in [(2000, true), (1900, false), (2024, true), (2023, false), (1600, true), (1500, false), (4, true), (0, true), (-4, true), (-100, false)] {
            let lastOfFebruary = CivilCalendar.date(dayNumber: CivilCalendar.dayNumber(year: Int128(year), month: 3, day: 1) - 1)
            XCTAssert(lastOfFebruary == (Int128(year), 2, leap ? 29 : 28), "\(year)")
        }
    }

    /// Two whole 400-year eras around year 0, day by day: each day is the one after the last.
    func testEveryDayOfTwoErasRoundTrips() {
        var previous = CivilCalendar.date(dayNumber: -146_097 - 719_528 - 1)
        for day in Int128(-146_097 - 719_528)..<Int128(146_097 - 719_528) {
            let date = CivilCalendar.date(dayNumber: day)
            XCTAssertEqual(CivilCalendar.dayNumber(year: date.year, month: date.month, day: date.day), day)
            let nextOfPrevious: (Int128, Int, Int)
            if date.day > 1 {
                nextOfPrevious = (previous.year, previous.month, previous.day + 1)
            } else {
                nextOfPrevious = previous.month == 12 ? (previous.year + 1, 1, 1) : (previous.year, previous.month + 1, 1)
            }
            guard date == nextOfPrevious else { return XCTFail("day \(day): \(date) after \(previous)") }
            previous = date
        }
    }

    func testExtremeDaysAndYearsRoundTrip() {
        for day in [Int128(1) << 119, -(Int128(1) << 119), Int128(Int64.max) * 604_800, Int128(Int64.min) * 86_400] {
            let date = CivilCalendar.date(dayNumber: day)
            XCTAssertEqual(CivilCalendar.dayNumber(year: date.year, month: date.month, day: date.day), day)
        }
        for year in [Int128(1) << 111, -(Int128(1) << 111) + 1] {
            XCTAssert(CivilCalendar.date(dayNumber: CivilCalendar.dayNumber(year: year, month: 12, day: 31)) == (year, 12, 31))
        }
    }
}
