import Foundation

// A point on numpy's datetime64 time line, held exactly: whole seconds since
// 1970-01-01T00:00:00 UTC and the attoseconds after them. Every datetime64
// count of every unit and scale factor is one such instant (years and months
// through the calendar, the other units as fixed lengths), and an instant
// belongs to the one count whose period holds it: conversion to a unit rounds
// toward the past, as numpy does when it casts datetimes to a coarser unit.
// Foundation's `Date` converts both ways. A `Date` is a Double of seconds since
// 2001-01-01; each finite Double is an exact binary fraction, taken apart here
// into its integer significand and power of two, so reading a `Date` rounds
// only once, down to the attosecond.

/// An instant as whole seconds since the Unix epoch and attoseconds past them.
struct TemporalInstant: Hashable, Sendable {
    /// Whole seconds since 1970-01-01T00:00:00 UTC (negative before it), below 2^124 in magnitude.
    let seconds: Int128
    /// Attoseconds after `seconds`, in `0..<10^18`.
    let attoseconds: Int64

    /// Attoseconds in a second.
    static let attosecondsPerSecond: Int128 = 1_000_000_000_000_000_000
    /// Seconds from 1970-01-01 to 2001-01-01, the reference date of `Date`.
    private static let secondsFrom1970To2001: Int128 = 978_307_200

    init(seconds: Int128, attoseconds: Int64) {
        assert(seconds.magnitude < UInt128(1) << 124 && (0..<1_000_000_000_000_000_000).contains(attoseconds))
        self.seconds = seconds
        self.attoseconds = attoseconds
    }

    // MARK: Counts of a unit

    /// The start of the datetime64 period `count` of `scaleFactor` x `unit` (`count` is not NaT;
    /// `scaleFactor` is in `1...DataType.maximumScaleFactor`).
    ///
    /// Exact for every count: `count x scaleFactor` is below 2^94 (in years, fewer than 2^103 days).
    init(count: Int64, unit: TimeUnit, scaleFactor: Int) {
        assert((1...DataType.maximumScaleFactor).contains(scaleFactor))
        let periods = Int128(count) * Int128(scaleFactor)
        switch unit {
        case .years:
            self.init(day: CivilCalendar.dayNumber(year: 1970 + periods, month: 1, day: 1))
        case .months:
            let (years, month) = periods.floorDivided(by: 12)
            self.init(day: CivilCalendar.dayNumber(year: 1970 + years, month: Int(truncatingIfNeeded: month) + 1, day: 1))
        default:
            let length = unit.lengthInAttoseconds
            if length >= TemporalInstant.attosecondsPerSecond {
                self.init(seconds: periods * (length / TemporalInstant.attosecondsPerSecond), attoseconds: 0)
            } else {
                let (whole, part) = periods.floorDivided(by: TemporalInstant.attosecondsPerSecond / length)
                self.init(seconds: whole, attoseconds: Int64(truncatingIfNeeded: part * length))
            }
        }
    }

    /// The number of the `scaleFactor` x `unit` period that holds this instant (rounded toward
    /// the past), or `nil` when it does not fit 128 bits (so certainly not an `Int64` count).
    func periods(of unit: TimeUnit, scaleFactor: Int) -> Int128? {
        guard scaleFactor > 0 else { return nil }
        let units: Int128
        switch unit {
        case .years, .months:
            let date = CivilCalendar.date(dayNumber: seconds.floorDivided(by: 86_400).quotient)
            units = unit == .years ? date.year - 1970 : (date.year - 1970) * 12 + Int128(date.month - 1)
        default:
            let length = unit.lengthInAttoseconds
            if length >= TemporalInstant.attosecondsPerSecond {
                units = seconds.floorDivided(by: length / TemporalInstant.attosecondsPerSecond).quotient
            } else {
                let (whole, overflow) = seconds.multipliedReportingOverflow(by: TemporalInstant.attosecondsPerSecond / length)
                let (total, carry) = whole.addingReportingOverflow(Int128(attoseconds) / length)
                guard !overflow, !carry else { return nil }
                units = total
            }
        }
        return units.floorDivided(by: Int128(scaleFactor)).quotient
    }

    /// The instant at midnight starting day number `day`.
    private init(day: Int128) {
        self.init(seconds: day * 86_400, attoseconds: 0)
    }

    // MARK: Date

    /// The instant `date` stands for, rounded down to the attosecond; `nil` when the date is
    /// not finite or lies more than 2^122 seconds from 2001 (beyond every datetime64 count).
    init?(date: Date) {
        let interval = date.timeIntervalSinceReferenceDate
        guard interval.isFinite else { return nil }
        let magnitude = interval.magnitude
        // magnitude = significand x 2^exponent exactly, the significand below 2^53.
        let significand = Int128(magnitude.isNormal ? magnitude.significandBitPattern | 1 << 52 : magnitude.significandBitPattern)
        let exponent = magnitude.isNormal ? Int(magnitude.exponent) - 52 : -1074
        guard exponent <= 69 else { return nil }
        // The magnitude as whole seconds, attoseconds below it, and whether a remainder is left.
        var whole: Int128 = 0
        var atto: Int128 = 0
        var inexact = false
        if exponent >= 0 {
            whole = significand << exponent
        } else {
            // Swift's shifts give 0 past the bit width, so shifts up to 1074 need no cases.
            let shift = -exponent
            whole = significand >> shift
            let scaled = (significand - (whole << shift)) * TemporalInstant.attosecondsPerSecond  // below 2^113
            atto = scaled >> shift
            inexact = atto << shift != scaled
        }
        if interval >= 0 {
            self.init(seconds: whole + TemporalInstant.secondsFrom1970To2001, attoseconds: Int64(truncatingIfNeeded: atto))
            return
        }
        // -(whole + atto + remainder) rounded down: the magnitude rounded up, negated.
        var upAtto = atto + (inexact ? 1 : 0)
        var upWhole = whole
        if upAtto == TemporalInstant.attosecondsPerSecond { upWhole += 1; upAtto = 0 }
        let seconds = upAtto == 0 ? -upWhole : -upWhole - 1
        let attoseconds = upAtto == 0 ? 0 : TemporalInstant.attosecondsPerSecond - upAtto
        self.init(seconds: seconds + TemporalInstant.secondsFrom1970To2001, attoseconds: Int64(truncatingIfNeeded: attoseconds))
    }

    /// The smallest step of `date` as a Double, seconds since 2001 or since 1970, whichever is
    /// coarser: the dates that one value stands for, however it was made, lie within it.
    static func resolution(of date: Date) -> Double {
        Swift.max(date.timeIntervalSinceReferenceDate.ulp, date.timeIntervalSince1970.ulp)
    }

    /// The seconds from this instant to `later` (negative when `later` is earlier), rounded.
    func seconds(until later: TemporalInstant) -> Double {
        TemporalInstant.double(later.seconds - seconds) + Double(later.attoseconds - attoseconds) / 1e18
    }

    /// The nearest `Date` (to within the rounding of adding the attoseconds to the seconds).
    var date: Date {
        let interval = TemporalInstant.double(seconds - TemporalInstant.secondsFrom1970To2001) + Double(attoseconds) / 1e18
        return Date(timeIntervalSinceReferenceDate: interval)
    }

    /// `value` as a Double: correctly rounded within `Int64`, within one step beyond it. (The
    /// standard library converts 128-bit integers by a generic path about 80 times slower.)
    @inline(__always)
    private static func double(_ value: Int128) -> Double {
        if value >= Int128(Int64.min), value <= Int128(Int64.max) { return Double(Int64(truncatingIfNeeded: value)) }
        return Double(Int64(truncatingIfNeeded: value >> 64)) * 0x1p64 + Double(UInt64(truncatingIfNeeded: value))
    }
}
