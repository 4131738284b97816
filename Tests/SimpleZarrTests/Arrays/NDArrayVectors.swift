import Foundation
import XCTest

@testable import SimpleZarr

/// Tests/SimpleZarrTests/Fixtures/ndarray-vectors.json, written by numpy through
/// Scripts/make_ndarray_vectors.py: numpy's casts, reprs, reductions and ranges.
enum NDArrayVectors {
    /// An array and what numpy gives for it.
    struct Case {
        let array: NDArray
        let entry: JSONValue
    }

    static func casts() throws -> [(from: NDArray, to: NDArray)] {
        try section("casts").map { (try array($0["from"]), try array($0["to"])) }
    }

    static func reprs() throws -> [(array: NDArray, repr: String)] {
        try section("reprs").map { (try array($0), try XCTUnwrap($0["repr"]?.stringValue)) }
    }

    static func wholeReductions() throws -> [Case] {
        try XCTUnwrap(document()["reductions"]?["whole"]?.arrayValue).map { Case(array: try array($0["array"]), entry: $0) }
    }

    static func axisReductions() throws -> [Case] {
        try XCTUnwrap(document()["reductions"]?["axis"]?.arrayValue).map { Case(array: try array($0["array"]), entry: $0) }
    }

    static func ranges() throws -> [JSONValue] { try section("ranges") }

    /// An array as the script writes it: numpy's type string (or "string" / "bytes"), shape, data.
    static func array(_ json: JSONValue?) throws -> NDArray {
        let json = try XCTUnwrap(json)
        let shape = try XCTUnwrap(json["shape"]?.arrayValue).map { try XCTUnwrap($0.intValue) }
        let type = try XCTUnwrap(json["dtype"])
        switch type.stringValue {
        case "string":
            return try NDArray(try XCTUnwrap(json["data"]?.arrayValue).map { try XCTUnwrap($0.stringValue) }, shape: shape)
        case "bytes":
            let elements = try XCTUnwrap(json["data"]?.arrayValue).map { Data(try hex(XCTUnwrap($0.stringValue))) }
            return try NDArray(elements, dtype: .bytes, shape: shape)
        default:
            let dtype = try NumpyTypeString(json: type).dataType
            return try NDArray(dtype: dtype, shape: shape, bytes: try hex(XCTUnwrap(json["data"]?.stringValue)))
        }
    }

    /// The Python float `repr` the script writes (`"nan"`, `"1.5"`, `"-inf"`).
    static func double(_ json: JSONValue?) throws -> Double {
        let text = try XCTUnwrap(json?.stringValue)
        return try XCTUnwrap(text == "nan" ? .nan : text == "inf" ? .infinity : text == "-inf" ? -.infinity : Double(text))
    }

    private static func section(_ name: String) throws -> [JSONValue] {
        try XCTUnwrap(document()[name]?.arrayValue)
    }

    private static func document() throws -> JSONValue {
        let url = ZarrFixtures.folder.appendingPathComponent("ndarray-vectors.json")
        return try JSONValue.parse(Array(try Data(contentsOf: url)))
    }

    private static func hex(_ text: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(try XCTUnwrap(UInt8(text[index..<next], radix: 16)))
            index = next
        }
        return bytes
    }
}
