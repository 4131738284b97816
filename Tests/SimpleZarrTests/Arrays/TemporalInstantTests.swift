import Foundation
import XCTest

@testable import SimpleZarr

final class TemporalInstantTests: XCTestCase {
    private let extremeCounts: [Int64] = [Int64.min + 1, Int64.min + 2, -1, 0, 1, Int64.max - 1, Int64.max, 1 << 62, -(1 << 53) - 1]

    /// numpy's `astype` between datetime units rounds toward the past; so does `periods(of:)`.
    func testDatetimeCastsMatchNumpy() throws {
        var checked = 0
        for cast in try TemporalVectors.casts() {
            guard case .datetime64(let fromUnit, let fromScale) = cast.from, case .datetime64(let toUnit, let toScale) = cast.to else { continue }
            for (count, result) in zip(cast.counts, cast.results) {
                let instant = TemporalInstant(count: count, unit: fromUnit, scaleFactor: fromScale)
                XCTAssertEqual(instant.periods(of: toUnit, scaleFactor: toScale), Int128(result), "\(count) \(cast.from) -> \(cast.to)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1_500)
    }

    /// Every count of every unit, up to Int64's ends and the largest scale factor, is an exact
    /// instant that converts back to the same count.
    func testEveryCountRoundTripsExactly() {
        for unit in TimeUnit.allCases {
            for scale in [1, 7, 1_000, DataType.maximumScaleFactor] {
                for count in extremeCounts {
                    let instant = TemporalInstant(count: count, unit: unit, scaleFactor: scale)
                    XCTAssertEqual(instant.periods(of: unit, scaleFactor: scale), Int128(count), "\(count) x \(scale)\(unit)")
                }
            }
        }
    }

    func testUnitStarts() {
        let day = { (count: Int64, unit: TimeUnit) in TemporalInstant(count: count, unit: unit, scaleFactor: 1).seconds / 86_400 }
        XCTAssertEqual(day(50, .years), 18_262)  // 2020-01-01
        XCTAssertEqual(day(600, .months), 18_262)
        XCTAssertEqual(day(-1, .months), -31)  // 1969-12-01
        XCTAssertEqual(day(-1, .years), -365)  // 1969-01-01
        XCTAssertEqual(TemporalInstant(count: -1, unit: .nanoseconds, scaleFactor: 1), TemporalInstant(seconds: -1, attoseconds: 999_999_999_000_000_000))
        XCTAssertEqual(TemporalInstant(count: -3, unit: .milliseconds, scaleFactor: 500), TemporalInstant(seconds: -2, attoseconds: 500_000_000_000_000_000))
        XCTAssertEqual(TemporalInstant(count: 1, unit: .weeks, scaleFactor: 2).seconds, 14 * 86_400)
    }

    // MARK: Date

    func testDatesAreTakenApartExactly() throws {
        func instant(sinceReference interval: Double) throws -> TemporalInstant {
            try XCTUnwrap(TemporalInstant(date: Date(timeIntervalSinceReferenceDate: interval)))
        }
        let reference: Int128 = 978_307_200
        XCTAssertEqual(try instant(sinceReference: 0), TemporalInstant(seconds: reference, attoseconds: 0))
        XCTAssertEqual(try instant(sinceReference: 0.5), TemporalInstant(seconds: reference, attoseconds: 500_000_000_000_000_000))
        XCTAssertEqual(try instant(sinceReference: -0.5), TemporalInstant(seconds: reference - 1, attoseconds: 500_000_000_000_000_000))
        XCTAssertEqual(try instant(sinceReference: -0.0), TemporalInstant(seconds: reference, attoseconds: 0))
        // 0.1 is 0.1000000000000000055511151231257827... exactly.
        XCTAssertEqual(try instant(sinceReference: 0.1), TemporalInstant(seconds: reference, attoseconds: 100_000_000_000_000_005))
        XCTAssertEqual(try instant(sinceReference: -0.1), TemporalInstant(seconds: reference - 1, attoseconds: 899_999_999_999_999_994))
        XCTAssertEqual(try instant(sinceReference: -1), TemporalInstant(seconds: reference - 1, attoseconds: 0))
        XCTAssertEqual(try instant(sinceReference: .leastNonzeroMagnitude), TemporalInstant(seconds: reference, attoseconds: 0))
        XCTAssertEqual(try instant(sinceReference: -.leastNonzeroMagnitude), TemporalInstant(seconds: reference - 1, attoseconds: 999_999_999_999_999_999))
        // The Double 1e-18 is 1.00000000000000007e-18: just over one attosecond.
        XCTAssertEqual(try instant(sinceReference: 1e-18), TemporalInstant(seconds: reference, attoseconds: 1))
        XCTAssertEqual(try instant(sinceReference: -1e-18), TemporalInstant(seconds: reference - 1, attoseconds: 999_999_999_999_999_998))
        XCTAssertEqual(try instant(sinceReference: 0x1p121), TemporalInstant(seconds: (Int128(1) << 121) + reference, attoseconds: 0))
        XCTAssertEqual(try instant(sinceReference: -0x1p121), TemporalInstant(seconds: -(Int128(1) << 121) + reference, attoseconds: 0))
        XCTAssertEqual(try instant(sinceReference: 1.25e9), TemporalInstant(seconds: 1_250_000_000 + reference, attoseconds: 0))
        for interval in [Double.infinity, -.infinity, .nan, 0x1p122, -0x1p123, .greatestFiniteMagnitude] {
            XCTAssertNil(TemporalInstant(date: Date(timeIntervalSinceReferenceDate: interval)), "\(interval)")
        }
    }

    func testDateOfAnInstant() {
        XCTAssertEqual(TemporalInstant(seconds: 0, attoseconds: 0).date, Date(timeIntervalSince1970: 0))
        XCTAssertEqual(TemporalInstant(seconds: 1_577_836_800, attoseconds: 250_000_000_000_000_000).date.timeIntervalSince1970, 1_577_836_800.25)
        for unit in TimeUnit.allCases {
            for count in extremeCounts {
                let date = TemporalInstant(count: count, unit: unit, scaleFactor: DataType.maximumScaleFactor).date
                XCTAssert(date.timeIntervalSinceReferenceDate.isFinite, "\(count)\(unit)")
            }
        }
    }
}
