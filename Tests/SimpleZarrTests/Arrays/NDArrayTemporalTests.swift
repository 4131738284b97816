import Foundation
import XCTest

@testable import SimpleZarr

final class NDArrayTemporalTests: XCTestCase {
    private let edges: [Int64] = [Int64.min + 1, Int64.min + 2, -1, 0, 1, Int64.max - 1, Int64.max]
    private let newYear2020: TimeInterval = 1_577_836_800

    private func datetimes(_ counts: [Int64], _ unit: TimeUnit, scale: Int = 1) throws -> NDArray {
        try counts.withUnsafeBytes { try NDArray(dtype: .datetime64(unit: unit, scaleFactor: scale), shape: [counts.count], bytes: $0) }
    }

    private func timedeltas(_ counts: [Int64], _ unit: TimeUnit, scale: Int = 1) throws -> NDArray {
        try counts.withUnsafeBytes { try NDArray(dtype: .timedelta64(unit: unit, scaleFactor: scale), shape: [counts.count], bytes: $0) }
    }

    // MARK: Dates

    func testToDatesForEveryUnit() throws {
        let cases: [(TimeUnit, Int64, TimeInterval)] = [
            (.years, 50, newYear2020), (.months, 600, newYear2020), (.weeks, 2_609, newYear2020 + 86_400),
            (.days, 18_262, newYear2020), (.hours, 438_288, newYear2020), (.minutes, 26_297_280, newYear2020),
            (.seconds, 1_577_836_800, newYear2020), (.milliseconds, 1_577_836_800_250, newYear2020 + 0.25),
            (.microseconds, 1_577_836_800_000_001, newYear2020 + 1e-6), (.nanoseconds, 1_577_836_800_123_456_789, newYear2020 + 0.123456789),
            (.picoseconds, -1_500_000_000_000, -1.5), (.femtoseconds, 2_500_000_000_000_000, 2.5), (.attoseconds, -9_000_000_000_000_000_000, -9),
            (.years, -1, -365 * 86_400), (.months, -1, -31 * 86_400), (.days, -1, -86_400),
        ]
        for (unit, count, seconds) in cases {
            let dates = try datetimes([count, DataType.notATime], unit).toDates()
            XCTAssertEqual(try XCTUnwrap(dates[0]).timeIntervalSince1970, seconds, accuracy: 1e-6, "\(count)\(unit)")
            XCTAssertNil(dates[1])
        }
        // A scale factor multiplies the count: 3 x 10 s.
        XCTAssertEqual(try datetimes([3], .seconds, scale: 10).toDates(), [Date(timeIntervalSince1970: 30)])
        XCTAssertEqual(try datetimes([7], .months, scale: 5).toDates(), [Date(timeIntervalSince1970: TimeInterval(CivilCalendar.dayNumber(year: 1972, month: 12, day: 1)) * 86_400)])
    }

    func testToDatesNeverTrapsAtTheEnds() throws {
        for unit in TimeUnit.allCases {
            for scale in [1, 3, DataType.maximumScaleFactor] {
                let dates = try datetimes(edges, unit, scale: scale).toDates().map { try XCTUnwrap($0).timeIntervalSince1970 }
                XCTAssert(dates.allSatisfy(\.isFinite), "\(unit) x \(scale)")
                XCTAssertEqual(dates, dates.sorted(), "\(unit) x \(scale)")
            }
        }
    }

    func testToDatesRefusesOtherTypes() throws {
        XCTAssertThrowsError(try NDArray([1, 2] as [Int64]).toDates())
        XCTAssertThrowsError(try timedeltas([1], .seconds).toDates())
        XCTAssertThrowsError(try NDArray(["2020-01-01"]).toDates())
        // A hand-made type with a scale factor numpy cannot have.
        XCTAssertThrowsError(try datetimes([1], .seconds, scale: 0).toDates())
        XCTAssertThrowsError(try datetimes([1], .seconds, scale: Int.max).toDates())
    }

    func testDatesRoundDownAsNumpyCasts() throws {
        func counts(_ seconds: TimeInterval, _ unit: TimeUnit, scale: Int = 1) throws -> Int64 {
            try NDArray(dates: [Date(timeIntervalSince1970: seconds)], unit: unit, scaleFactor: scale).toArray(as: Int64.self)[0]
        }
        // 1969-12-31T23:59:59.5 lies in the second, day, month and year before the epoch.
        for unit in [TimeUnit.years, .months, .weeks, .days, .hours, .minutes, .seconds] {
            XCTAssertEqual(try counts(-0.5, unit), -1, "\(unit)")
            XCTAssertEqual(try counts(0.5, unit), 0, "\(unit)")
        }
        XCTAssertEqual(try counts(-0.5, .milliseconds), -500)
        XCTAssertEqual(try counts(-0.0005, .milliseconds), -1)
        XCTAssertEqual(try counts(-5, .seconds, scale: 10), -1)
        XCTAssertEqual(try counts(19.999, .seconds, scale: 10), 1)
        XCTAssertEqual(try counts(newYear2020 - 1, .years), 49)
        XCTAssertEqual(try counts(newYear2020, .years), 50)
        XCTAssertEqual(try counts(newYear2020 + 86_400 * 40, .months), 601)
        XCTAssertEqual(try counts(newYear2020, .years, scale: 3), 16)
    }

    /// A Date written as a decimal literal is a Double a hair off; it still means that count.
    func testDatesOfDecimalLiteralsKeepTheirCount() throws {
        let dates = [1.001, 0.3, -0.3, 1_577_836_800.123, -86_400.007].map { Date(timeIntervalSince1970: $0) }
        let array = try NDArray(dates: dates, unit: .milliseconds)
        XCTAssertEqual(try array.toArray(as: Int64.self), [1_001, 300, -300, 1_577_836_800_123, -86_400_007])
        XCTAssertEqual(try NDArray(dates: [Date(timeIntervalSince1970: 0.000001)], unit: .microseconds).toArray(as: Int64.self), [1])
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try ["2020-01-01T00:00:00.123Z", "1969-12-31T23:59:59.999Z", "1900-03-01T12:00:00.001Z"].map { try XCTUnwrap(formatter.date(from: $0)) }
        XCTAssertEqual(try NDArray(dates: parsed, unit: .milliseconds).toArray(as: Int64.self), [1_577_836_800_123, -1, -2_203_847_999_999])
    }

    func testDatesRoundTrip() throws {
        var random = SplitMix64(state: 12)
        let cases: [(TimeUnit, Int, ClosedRange<Int64>)] = [
            (.years, 1, -1_000_000...1_000_000), (.months, 1, -120_000...120_000), (.months, 7, -10_000...10_000),
            (.weeks, 1, -500_000...500_000), (.days, 1, -3_650_000...3_650_000), (.hours, 3, -10_000_000...10_000_000),
            (.minutes, 1, -Int64(5e9)...Int64(5e9)), (.seconds, 1, -Int64(3e11)...Int64(3e11)), (.seconds, 10, -Int64(1e15)...Int64(1e15)),
            (.milliseconds, 1, -Int64(3e14)...Int64(3e14)), (.microseconds, 1, -Int64(3e15)...Int64(3e15)),
        ]
        for (unit, scale, range) in cases {
            let counts = (0..<500).map { _ in Int64.random(in: range, using: &random) } + [0, 1, -1, DataType.notATime]
            let array = try datetimes(counts, unit, scale: scale)
            let back = try NDArray(dates: try array.toDates(), unit: unit, scaleFactor: scale)
            XCTAssertEqual(back, array, "\(unit) x \(scale)")
        }
        let shaped = try NDArray(dates: [nil, Date(timeIntervalSince1970: 0), nil, Date(timeIntervalSince1970: 60)], unit: .minutes, shape: [2, 2])
        XCTAssertEqual(shaped.shape, [2, 2])
        XCTAssertEqual(shaped.dtype, .datetime64(unit: .minutes, scaleFactor: 1))
        XCTAssertEqual(try shaped.toArray(as: Int64.self), [DataType.notATime, 0, DataType.notATime, 1])
    }

    func testInitFromDatesRefuses() {
        let now = Date(timeIntervalSince1970: newYear2020)
        for scale in [0, -1, DataType.maximumScaleFactor + 1] {
            XCTAssertThrowsError(try NDArray(dates: [now], unit: .seconds, scaleFactor: scale), "\(scale)")
        }
        XCTAssertThrowsError(try NDArray(dates: [now, now], unit: .seconds, shape: [3]))
        XCTAssertThrowsError(try NDArray(dates: [Date(timeIntervalSinceReferenceDate: .infinity)], unit: .days))
        XCTAssertThrowsError(try NDArray(dates: [Date(timeIntervalSinceReferenceDate: .nan)], unit: .days))
        XCTAssertThrowsError(try NDArray(dates: [Date(timeIntervalSinceReferenceDate: -.greatestFiniteMagnitude)], unit: .years))
        // Beyond 64-bit counts: 1e30 s in nanoseconds, 1e30 s in years (3e22 years).
        XCTAssertThrowsError(try NDArray(dates: [Date(timeIntervalSince1970: 1e30)], unit: .nanoseconds))
        XCTAssertThrowsError(try NDArray(dates: [Date(timeIntervalSince1970: 1e30)], unit: .years))
        XCTAssertThrowsError(try NDArray(dates: [Date(timeIntervalSince1970: -9.3e18)], unit: .seconds))
        XCTAssertNoThrow(try NDArray(dates: [Date(timeIntervalSince1970: 1e20)], unit: .years))
        XCTAssertNoThrow(try NDArray(dates: [Date(timeIntervalSince1970: 1e20)], unit: .seconds, scaleFactor: 1_000))
    }

    // MARK: Durations

    func testToDurationsForEveryUnit() throws {
        let cases: [(TimeUnit, Int64, Duration)] = [
            (.years, 1, .seconds(31_556_952)), (.months, -1, .seconds(-2_629_746)), (.weeks, 2, .seconds(1_209_600)),
            (.days, 1, .seconds(86_400)), (.hours, -1, .seconds(-3_600)), (.minutes, 1, .seconds(60)), (.seconds, 10, .seconds(10)),
            (.milliseconds, 1, .milliseconds(1)), (.microseconds, -1, .microseconds(-1)), (.nanoseconds, 1, .nanoseconds(1)),
            (.picoseconds, 1, Duration(attoseconds: 1_000_000)), (.femtoseconds, 1, Duration(attoseconds: 1_000)),
            (.attoseconds, -1, Duration(attoseconds: -1)),
        ]
        for (unit, count, duration) in cases {
            XCTAssertEqual(try timedeltas([count, DataType.notATime], unit).toDurations(), [duration, nil], "\(count)\(unit)")
        }
        XCTAssertEqual(try timedeltas([-3], .seconds, scale: 10).toDurations(), [.seconds(-30)])
        XCTAssertEqual(try timedeltas([Int64.max], .seconds).toDurations(), [.seconds(Int64.max)])
        XCTAssertEqual(try timedeltas([Int64.min + 1], .attoseconds, scale: DataType.maximumScaleFactor).toDurations(),
                       [Duration(attoseconds: Int128(Int64.min + 1) * Int128(DataType.maximumScaleFactor))])
    }

    func testToDurationsRefusesWhatDurationCannotHold() throws {
        XCTAssertThrowsError(try timedeltas([Int64.max], .days).toDurations())
        XCTAssertThrowsError(try timedeltas([Int64.min + 1], .years).toDurations())
        XCTAssertThrowsError(try timedeltas([Int64.max], .seconds, scale: DataType.maximumScaleFactor).toDurations())
        XCTAssertNoThrow(try timedeltas([1_000_000_000_000_000], .days).toDurations())  // 2.7e12 years
        XCTAssertThrowsError(try datetimes([1], .seconds).toDurations())
        XCTAssertThrowsError(try NDArray([1.0]).toDurations())
        XCTAssertThrowsError(try timedeltas([1], .seconds, scale: -2).toDurations())
    }

    /// numpy's `astype` between timedelta units rounds toward negative infinity, with the mean
    /// Gregorian year and month; so does `init(durations:)` of the exact durations.
    func testTimedeltaCastsMatchNumpy() throws {
        var checked = 0
        for cast in try TemporalVectors.casts() {
            guard case .timedelta64(let unit, let scale) = cast.to else { continue }
            let durations = try timedeltas(cast.counts, cast.from.timedeltaUnit, scale: cast.from.timedeltaScale).toDurations()
            let converted = try NDArray(durations: durations, unit: unit, scaleFactor: scale)
            XCTAssertEqual(try converted.toArray(as: Int64.self), cast.results, "\(cast.from) -> \(cast.to)")
            checked += cast.counts.count
        }
        XCTAssertGreaterThan(checked, 1_500)
    }

    func testDurationsRoundTripAndRound() throws {
        var random = SplitMix64(state: 12)
        for unit in TimeUnit.allCases {
            for scale in [1, 10, DataType.maximumScaleFactor] {
                // Counts well inside the range of Duration (about 1.7e20 s either way).
                let limit = Int64(clamping: Swift.min(1 << 40, Int128.max / (unit.lengthInAttoseconds * Int128(scale)) / 4))
                let counts = (0..<100).map { _ in Int64.random(in: -limit...limit, using: &random) } + [0, 1, -1, DataType.notATime]
                let array = try timedeltas(counts, unit, scale: scale)
                XCTAssertEqual(try NDArray(durations: try array.toDurations(), unit: unit, scaleFactor: scale), array, "\(unit) x \(scale)")
            }
        }
        let rounded = try NDArray(durations: [.milliseconds(-1_500), .milliseconds(1_500), .nanoseconds(-1), nil], unit: .seconds)
        XCTAssertEqual(try rounded.toArray(as: Int64.self), [-2, 1, -1, DataType.notATime])
        XCTAssertEqual(rounded.dtype, .timedelta64(unit: .seconds, scaleFactor: 1))
        let shaped = try NDArray(durations: [.seconds(1), .seconds(2)], unit: .seconds, scaleFactor: 2, shape: [1, 2, 1])
        XCTAssertEqual(shaped.shape, [1, 2, 1])
        XCTAssertEqual(try shaped.toArray(as: Int64.self), [0, 1])
    }

    func testInitFromDurationsRefuses() {
        XCTAssertThrowsError(try NDArray(durations: [.seconds(1)], unit: .seconds, scaleFactor: 0))
        XCTAssertThrowsError(try NDArray(durations: [.seconds(1)], unit: .seconds, shape: [2]))
        XCTAssertThrowsError(try NDArray(durations: [Duration(attoseconds: Int128(Int64.min))], unit: .attoseconds))  // NaT
        XCTAssertThrowsError(try NDArray(durations: [.seconds(Int64.max)], unit: .nanoseconds))
        XCTAssertNoThrow(try NDArray(durations: [Duration(attoseconds: Int128(Int64.min) + 1)], unit: .attoseconds))
        XCTAssertNoThrow(try NDArray(durations: [Duration(attoseconds: .max)], unit: .years))
    }
}

private extension DataType {
    var timedeltaUnit: TimeUnit {
        if case .timedelta64(let unit, _) = self { return unit }
        return .seconds
    }

    var timedeltaScale: Int {
        if case .timedelta64(_, let scale) = self { return scale }
        return 1
    }
}
