import Foundation
import XCTest

@testable import SimpleZarr

final class TemporalFormatterTests: XCTestCase {
    /// Every unit, scale factors 1, 10 and 7, counts of every magnitude: numpy's `str()`.
    func testMatchesNumpyStrOfEveryVector() throws {
        let groups = try TemporalVectors.strings()
        XCTAssertEqual(groups.count, 2 * 13 * 3)
        var checked = 0
        for group in groups {
            for (count, text) in zip(group.counts, group.texts) {
                XCTAssertEqual(TemporalFormatter.format(count, dtype: group.dtype), text, "\(count) of \(group.dtype)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 4_000)
    }
}

extension TemporalFormatterTests {
    func testDescriptionsPrintNumpysText() throws {
        let dates = try NDArray(dates: [Date(timeIntervalSince1970: 1_577_836_800), nil, Date(timeIntervalSince1970: -0.25)], unit: .milliseconds)
        XCTAssertEqual(dates.description, """
            array(['2020-01-01T00:00:00.000',                     'NaT',
                   '1969-12-31T23:59:59.750'], dtype='datetime64[ms]')
            """)
        let months = try NDArray(dates: [Date(timeIntervalSince1970: 1_577_836_800)], unit: .months, scaleFactor: 5)
        XCTAssertEqual(months.description, "array(['2020-01'], dtype='datetime64[5M]')")
        // numpy's repr of timedeltas shows the counts (3 x 10 s), as it does here.
        let spans = try NDArray(durations: [.seconds(30), nil, .seconds(-10)], unit: .seconds, scaleFactor: 10)
        XCTAssertEqual(spans.description, "array([    3, 'NaT',    -1], dtype='timedelta64[10s]')")
    }

    /// Where numpy's 64-bit arithmetic wraps, the true value is printed; nothing traps.
    func testTheEndsOfInt64PrintTheTrueValue() {
        let years = DataType.datetime64(unit: .years, scaleFactor: 1)
        XCTAssertEqual(TemporalFormatter.format(Int64.max, dtype: years), "9223372036854777777")
        XCTAssertEqual(TemporalFormatter.format(Int64.min + 1, dtype: years), "-9223372036854773837")
        XCTAssertEqual(TemporalFormatter.format(Int64.max, dtype: .timedelta64(unit: .seconds, scaleFactor: 10)), "92233720368547758070 seconds")
        XCTAssertEqual(TemporalFormatter.format(-1, dtype: .datetime64(unit: .years, scaleFactor: 10_000)), "-8030")
        for unit in TimeUnit.allCases {
            for count in [Int64.max, Int64.min + 1] {
                XCTAssertFalse(TemporalFormatter.format(count, dtype: .datetime64(unit: unit, scaleFactor: DataType.maximumScaleFactor)).isEmpty)
            }
        }
        // A hand-made type with a scale factor numpy cannot have prints the raw count.
        XCTAssertEqual(TemporalFormatter.format(5, dtype: .datetime64(unit: .seconds, scaleFactor: 0)), "5")
        XCTAssertEqual(TemporalFormatter.format(5, dtype: .timedelta64(unit: .seconds, scaleFactor: Int.max)), "5")
    }
}
