import Foundation
import XCTest

@testable import SimpleZarr

/// Tests/SimpleZarrTests/Fixtures/temporal-vectors.json, written by numpy through
/// Scripts/make_temporal_vectors.py: numpy's text of datetime64/timedelta64 elements and
/// its rounding of casts between units.
enum TemporalVectors {
    /// Counts of one data type and numpy's `str()` of each.
    struct Strings {
        let dtype: DataType
        let counts: [Int64]
        let texts: [String]
    }

    /// Counts of one data type and numpy's `astype` of each to another.
    struct Cast {
        let from: DataType
        let to: DataType
        let counts: [Int64]
        let results: [Int64]
    }

    static func strings() throws -> [Strings] {
        try document()["strings"]?.arrayValue?.map { group in
            Strings(
                dtype: try dataType(group["kind"], group["unit"], group["scale"]),
                counts: try int64s(group["counts"]), texts: try (group["text"]?.arrayValue ?? []).map { try XCTUnwrap($0.stringValue) })
        } ?? []
    }

    static func casts() throws -> [Cast] {
        try document()["casts"]?.arrayValue?.map { group in
            let from = try XCTUnwrap(group["from"]?.arrayValue)
            let to = try XCTUnwrap(group["to"]?.arrayValue)
            return Cast(
                from: try dataType(group["kind"], from.first, from.last), to: try dataType(group["kind"], to.first, to.last),
                counts: try int64s(group["counts"]), results: try int64s(group["results"]))
        } ?? []
    }

    private static func document() throws -> JSONValue {
        let url = ZarrFixtures.folder.appendingPathComponent("temporal-vectors.json")
        return try JSONValue.parse(Array(try Data(contentsOf: url)))
    }

    private static func dataType(_ kind: JSONValue?, _ unit: JSONValue?, _ scale: JSONValue?) throws -> DataType {
        let unit = try TimeUnit(numpyName: try XCTUnwrap(unit?.stringValue))
        let scale = try XCTUnwrap(scale?.intValue)
        return kind?.stringValue == "M8" ? .datetime64(unit: unit, scaleFactor: scale) : .timedelta64(unit: unit, scaleFactor: scale)
    }

    private static func int64s(_ json: JSONValue?) throws -> [Int64] {
        try (json?.arrayValue ?? []).map { value in
            guard case .int(let v) = value else { throw ZarrError.invalidArgument("not an Int64: \(value)") }
            return v
        }
    }
}
