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
