import Foundation
import XCTest

@testable import SimpleZarr

/// `print(node.attributes)` prints what Python prints for the parsed dict; `jsonText` keeps the JSON.
/// The expected texts were printed by CPython (`repr(json.load(...))`).
final class JSONPrintingTests: XCTestCase {
    func testFixtureAttributesPrintAsPythonPrintsThem() throws {
        let root = try openZarr(LocalStore(ZarrFixtures.folder.appendingPathComponent("zarr-python").path))
        XCTAssertEqual(
            root.attributes.description,
            "{'title': 'SimpleZarr interop fixtures', 'written_by': 'zarr-python', 'unicode': 'Grüße, 世界 — ζάρρ ✓ 🧊', "
                + "'big_int': 9007199254740993, 'negative_big_int': -9007199254740993, 'uint64_max': 18446744073709551615, "
                + "'float': 0.1, 'float_exp': 6.02214076e+23, 'tiny_float': 5e-324, 'negative_zero': -0.0, 'bool': True, "
                + "'null': None, 'empty_list': [], 'empty_object': {}, 'list': [1, 2.5, 'three', None, False, [4, [5]], "
                + "{'six': 6}], 'nested': {'a': {'b': {'c': [1, 2, 3], 'd': 'deep'}}, 'e': 1.25}}")
        XCTAssertEqual("\(root.attributes["list"] ?? .null)", "[1, 2.5, 'three', None, False, [4, [5]], {'six': 6}]")
    }

    func testJSONTextIsStillJSON() throws {
        let value: JSONValue = ["title": "it's", "n": 3, "ok": true, "none": nil, "x": [1.5, "NaN"]]
        XCTAssertEqual(value.jsonText, #"{"title": "it's", "n": 3, "ok": true, "none": null, "x": [1.5, "NaN"]}"#)
        XCTAssertEqual(value.objectValue?.jsonText, value.jsonText)
        XCTAssertEqual(value.description, #"{'title': "it's", 'n': 3, 'ok': True, 'none': None, 'x': [1.5, 'NaN']}"#)
        XCTAssertEqual(try JSONValue.parse(value.jsonText), value)
    }

    func testStringsQuoteAndEscapeAsPythonDoes() {
        let cases: [(String, String)] = [
            ("plain", "'plain'"),
            ("it's", #""it's""#),
            (#"say "hi""#, #"'say "hi"'"#),
            (#"both ' and ""#, #"'both \' and "'"#),
            ("tab\there", #"'tab\there'"#),
            ("nl\n", #"'nl\n'"#),
            (#"bs\"#, #"'bs\\'"#),
            ("\u{0}\u{1F}\u{7F}", #"'\x00\x1f\x7f'"#),
            ("\u{85}\u{A0}\u{AD}", #"'\x85\xa0\xad'"#),
            ("café", "'café'"),
            ("\u{2028}\u{200B}\u{E000}", #"'\u2028\u200b\ue000'"#),
            ("🧊", "'🧊'"),
            ("\u{E0001}", #"'\U000e0001'"#),
        ]
        for (text, repr) in cases {
            XCTAssertEqual(JSONValue.string(text).description, repr, text.debugDescription)
        }
    }

    func testFloatsPrintAsPythonReprDoes() {
        let cases: [(Double, String)] = [
            (0.0, "0.0"), (-0.0, "-0.0"), (1.0, "1.0"), (0.1, "0.1"), (1e+16, "1e+16"),
            (1000000000000000.0, "1000000000000000.0"), (9999999999999998.0, "9999999999999998.0"),
            (1.5e+16, "1.5e+16"), (1.2345678901234568e+17, "1.2345678901234568e+17"), (0.0001, "0.0001"),
            (1e-05, "1e-05"), (0.00012345, "0.00012345"), (.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e+308, "1.7976931348623157e+308"), (6.02214076e+23, "6.02214076e+23"),
            (2.5, "2.5"), (-3.75e-07, "-3.75e-07"), (1e+22, "1e+22"), (1e+21, "1e+21"), (12345.678, "12345.678"),
            (100.0, "100.0"), (9007199254740992.0, "9007199254740992.0"), (9.223372036854776e+18, "9.223372036854776e+18"),
            (0.3333333333333333, "0.3333333333333333"), (-1.2345e-07, "-1.2345e-07"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"),
        ]
        for (value, repr) in cases {
            XCTAssertEqual(JSONValue.double(value).description, repr)
        }
        XCTAssertEqual(JSONValue.uint(UInt64.max).description, "18446744073709551615")
        XCTAssertEqual(JSONValue.int(Int64.min).description, "-9223372036854775808")
    }

    func testEmptyContainersAndNodeMetadata() throws {
        XCTAssertEqual(JSONObject().description, "{}")
        XCTAssertEqual(JSONValue.array([]).description, "[]")
        let store = MemoryStore()
        let group = try ZarrGroup.create(store, "g", attributes: ["title": "example", "n": 3])
        XCTAssertEqual("\(group.attributes)", "{'title': 'example', 'n': 3}")
        XCTAssertEqual("\(group.metadata)", "{'zarr_format': 3, 'node_type': 'group', 'attributes': {'title': 'example', 'n': 3}}")
    }

    func testPrintedMetadataEscapesNonASCIIAsPythonsJSONDumps() throws {
        // json.dumps({"t": "é🧊", "n": 1}, indent=4)
        let value: JSONValue = ["t": "é🧊", "n": 1]
        XCTAssertEqual(value.prettyPrinted(asciiOnly: true), "{\n    \"t\": \"\\u00e9\\ud83e\\uddca\",\n    \"n\": 1\n}")
        XCTAssertEqual(value.prettyPrinted(), "{\n    \"t\": \"é🧊\",\n    \"n\": 1\n}")
        let store = MemoryStore()
        let group = try ZarrGroup.create(store, "g", attributes: ["title": "Zürich"])
        XCTAssertTrue(group.metadataText.contains(#""title": "Z\u00fcrich""#), group.metadataText)
    }
}
