import Testing

@testable import SimpleZarr

/// JSON parsing and printing (Swift Testing).
@Suite struct JSONValueTests {
    @Test func testParsesEveryKindAndKeepsKeyOrder() throws {
        let text = #"{"z": 1, "a": [true, false, null], "m": {"y": -2.5e3, "b": "x\u00e9\n"}, "k": 0}"#
        let value = try JSONValue.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "k"])
        #expect(value["a"] == [true, false, nil])
        #expect(value["m"]?["y"]?.doubleValue == -2500)
        #expect(value["m"]?["b"]?.stringValue == "xé\n")
        #expect(value["m"]?.objectValue?.keys == ["y", "b"])
    }

    @Test func testIntegersStayExactTo64Bits() throws {
        let value = try JSONValue.parse("[9007199254740993, -9223372036854775808, 18446744073709551615, 1e2]")
        #expect(value.arrayValue?[0] == .int(9_007_199_254_740_993))
        #expect(value.arrayValue?[1] == .int(Int64.min))
        #expect(value.arrayValue?[2] == .uint(UInt64.max))
        #expect(value.arrayValue?[3] == .double(100))
        #expect(value.description == "[9007199254740993, -9223372036854775808, 18446744073709551615, 100.0]")
    }

    @Test func testSurrogatePairsAndPythonNonFiniteTokens() throws {
        #expect(try JSONValue.parse(#""\ud83e\uddca""#).stringValue == "🧊")
        let tokens = try JSONValue.parse("[NaN, Infinity, -Infinity]").arrayValue ?? []
        #expect(tokens[0].doubleValue?.isNaN ?? false)
        #expect(tokens[1].doubleValue == .infinity)
        #expect(tokens[2].doubleValue == -.infinity)
    }

    @Test func testPrettyPrintingMatchesPythonIndent4() throws {
        let value: JSONValue = ["a": 1, "b": [1, 2], "c": [:], "d": []]
        #expect(value.prettyPrinted() == "{\n    \"a\": 1,\n    \"b\": [\n        1,\n        2\n    ],\n    \"c\": {},\n    \"d\": []\n}")
    }

    @Test func testRoundTripPreservesDocument() throws {
        let text = #"{"b": {"must_understand": false, "x": [1, 2.5, "s", null]}, "a": 18446744073709551615, "c": -0.0}"#
        let value = try JSONValue.parse(text)
        #expect(try JSONValue.parse(value.prettyPrinted()) == value)
        #expect(try JSONValue.parse(value.jsonText).objectValue?.keys == ["b", "a", "c"])
    }

    @Test func testMalformedTextThrowsWithOffset() {
        let bad = ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01", "1.", "[1] 2", "{\"a\":}", "\"\\x\"", "-", "\"\u{01}\""]
        for text in bad {
            do {
                _ = try JSONValue.parse(text)
                Issue.record("no error for \(text)")
            } catch ZarrError.invalidMetadata(let details) {
                let message = details.message
                #expect(message.contains("at byte"), "\(message)")
            } catch {
                Issue.record("unexpected error \(error) for \(text)")
            }
        }
    }

    @Test func testDeepNestingIsRefusedNotCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: ZarrError.self) { try JSONValue.parse(deep) }
    }
}
