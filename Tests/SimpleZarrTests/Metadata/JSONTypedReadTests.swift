import Foundation
import XCTest

@testable import SimpleZarr

/// Reading attributes without force unwraps: the short typed views, index and nested
/// subscripts, and the Codable bridge (`value(as:)`, `decode(as:)`, `JSONValue(encoding:)`).
final class JSONTypedReadTests: XCTestCase {
    private let attributes: JSONObject = [
        "title": "example", "n": 3, "scale": 0.5, "flag": true, "tags": ["a", "b"],
        "nested": ["a": ["b": [10, 20]]], "big": .uint(UInt64.max), "nothing": nil,
    ]

    func testShortTypedViews() {
        XCTAssertEqual(attributes["title"]?.string, "example")
        XCTAssertEqual(attributes["n"]?.int, 3)
        XCTAssertEqual(attributes["n"]?.double, 3.0)
        XCTAssertEqual(attributes["scale"]?.double, 0.5)
        XCTAssertEqual(attributes["flag"]?.bool, true)
        XCTAssertEqual(attributes["tags"]?.array?.compactMap(\.string), ["a", "b"])
        XCTAssertEqual(attributes["nested"]?.object?.keys, ["a"])
        // The wrong kind and a missing key are nil, never a trap.
        XCTAssertNil(attributes["title"]?.int)
        XCTAssertNil(attributes["scale"]?.int)
        XCTAssertNil(attributes["big"]?.int)
        XCTAssertNil(attributes["missing"]?.string)
        XCTAssertEqual(attributes["nothing"]?.isNull, true)
    }

    func testNestedAndIndexSubscripts() {
        XCTAssertEqual(attributes["nested"]?["a"]?["b"]?[1]?.int, 20)
        XCTAssertEqual(attributes["tags"]?[0]?.string, "a")
        XCTAssertNil(attributes["tags"]?[2])
        XCTAssertNil(attributes["tags"]?[-1])
        XCTAssertNil(attributes["title"]?[0])
        XCTAssertNil(attributes["tags"]?["a"])
    }

    func testValueAsDecodableTypes() {
        XCTAssertEqual(attributes["n"]?.value(as: Int.self), 3)
        XCTAssertEqual(attributes["big"]?.value(as: UInt64.self), UInt64.max)
        XCTAssertEqual(attributes["tags"]?.value(as: [String].self), ["a", "b"])
        XCTAssertEqual(attributes["nested"]?.value(as: [String: [String: [Int]]].self), ["a": ["b": [10, 20]]])
        XCTAssertNil(attributes["title"]?.value(as: Int.self))
        XCTAssertNil(attributes["n"]?.value(as: String.self))
        let nonFinite = try? JSONValue.parse(#"[NaN, "Infinity", -Infinity]"#).value(as: [Double].self)
        XCTAssertEqual(nonFinite?.count, 3)
        XCTAssertEqual(nonFinite?[1], .infinity)
        XCTAssertEqual(nonFinite?[0].isNaN, true)
    }

    private struct Multiscale: Codable, Equatable {
        var name: String
        var axes: [String]
        var version: String?
    }

    func testDecodeAStructAndEncodeItBack() throws {
        let object: JSONObject = ["name": "pyramid", "axes": ["y", "x"]]
        let decoded = try object.decode(as: Multiscale.self)
        XCTAssertEqual(decoded, Multiscale(name: "pyramid", axes: ["y", "x"], version: nil))
        XCTAssertEqual(try JSONValue(encoding: decoded), .object(object))  // members compare in any order
        XCTAssertEqual(
            try JSONValue(encoding: Multiscale(name: "p", axes: [], version: "0.4")).jsonText,
            #"{"axes": [], "name": "p", "version": "0.4"}"#)
        XCTAssertEqual(try JSONValue(encoding: [Double.nan]).jsonText, #"["NaN"]"#)
        let wrongType: JSONObject = ["name": 3, "axes": []]
        XCTAssertThrowsError(try wrongType.decode(as: Multiscale.self)) { error in
            guard case ZarrError.invalidArgument(let details) = error else { return XCTFail("\(error)") }
            let message = details.message
            XCTAssertTrue(message.hasPrefix("JSONValue.decode(as: Multiscale): "), message)
        }
    }
}
