import XCTest

@testable import SimpleZarr

/// JSON parsing and printing.
final class JSONValueTests: XCTestCase {
    func testParsesEveryKindAndKeepsKeyOrder() throws {
        let text = #"{"z": 1, "a": [true, false, null], "m": {"y": -2.5e3, "b": "x\u00e9\n"}, "k": 0}"#
        let value = try JSONValue.parse(text)
        XCTAssertEqual(value.objectValue?.keys, ["z", "a", "m", "k"])
        XCTAssertEqual(value["a"], [true, false, nil])
        XCTAssertEqual(value["m"]?["y"]?.doubleValue, -2500)
        XCTAssertEqual(value["m"]?["b"]?.stringValue, "xé\n")
        XCTAssertEqual(value["m"]?.objectValue?.keys, ["y", "b"])
    }

    func testIntegersStayExactTo64Bits() throws {
        let value = try JSONValue.parse("[9007199254740993, -9223372036854775808, 18446744073709551615, 1e2]")
        XCTAssertEqual(value.arrayValue?[0], .int(9_007_199_254_740_993))
        XCTAssertEqual(value.arrayValue?[1], .int(Int64.min))
        XCTAssertEqual(value.arrayValue?[2], .uint(UInt64.max))
        XCTAssertEqual(value.arrayValue?[3], .double(100))
        XCTAssertEqual(value.description, "[9007199254740993, -9223372036854775808, 18446744073709551615, 100.0]")
    }

    func testSurrogatePairsAndPythonNonFiniteTokens() throws {
        XCTAssertEqual(try JSONValue.parse(#""\ud83e\uddca""#).stringValue, "🧊")
        let tokens = try JSONValue.parse("[NaN, Infinity, -Infinity]").arrayValue ?? []
        XCTAssertTrue(tokens[0].doubleValue?.isNaN ?? false)
        XCTAssertEqual(tokens[1].doubleValue, .infinity)
        XCTAssertEqual(tokens[2].doubleValue, -.infinity)
    }

    func testPrettyPrintingMatchesPythonIndent4() throws {
        let value: JSONValue = ["a": 1, "b": [1, 2], "c": [:], "d": []]
        XCTAssertEqual(value.prettyPrinted(), "{\n    \"a\": 1,\n    \"b\": [\n        1,\n        2\n    ],\n    \"c\": {},\n    \"d\": []\n}")
    }

    func testRoundTripPreservesDocument() throws {
        let text = #"{"b": {"must_understand": false, "x": [1, 2.5, "s", null]}, "a": 18446744073709551615, "c": -0.0}"#
        let value = try JSONValue.parse(text)
        XCTAssertEqual(try JSONValue.parse(value.prettyPrinted()), value)
        XCTAssertEqual(try JSONValue.parse(value.jsonText).objectValue?.keys, ["b", "a", "c"])
    }

    func testMalformedTextThrowsWithOffset() {
        let bad = ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01", "1.", "[1] 2", "{\"a\":}", "\"\\x\"", "-", "\"\u{01}\""]
        for text in bad {
            do {
                _ = try JSONValue.parse(text)
                XCTFail("no error for \(text)")
            } catch ZarrError.invalidMetadata(let details) {
                let message = details.message
                XCTAssertTrue(message.contains("at byte"), message)
            } catch {
                XCTFail("unexpected error \(error) for \(text)")
            }
        }
    }

    func testDeepNestingIsRefusedNotCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONValue.parse(deep)) { XCTAssertTrue($0 is ZarrError, "\($0)") }
    }
}
