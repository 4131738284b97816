// numpy's bracket syntax parsed by SelectionExpression, and arrays selected with it.

import Foundation
import SimpleZarr
import XCTest

final class SelectionExpressionTests: XCTestCase {
    func testTheForms() throws {
        XCTAssertEqual(try SelectionExpression.parse("5, :10, ::2"), [.index(5), .slice(start: nil, stop: 10, step: 1), .slice(start: nil, stop: nil, step: 2)])
        XCTAssertEqual(try SelectionExpression.parse("..."), [.ellipsis])
        XCTAssertEqual(try SelectionExpression.parse("-1, ..., 2:-2"), [.index(-1), .ellipsis, .slice(start: 2, stop: -2, step: 1)])
        XCTAssertEqual(try SelectionExpression.parse(""), [])
        XCTAssertEqual(try SelectionExpression.parse("  "), [])
        XCTAssertEqual(try SelectionExpression.parse("5,"), [.index(5)])
        XCTAssertEqual(try SelectionExpression.parse(" 1 : 4 : 3 "), [.slice(start: 1, stop: 4, step: 3)])
        XCTAssertEqual(try SelectionExpression.parse("1_000:+2"), [.slice(start: 1000, stop: 2, step: 1)])
        XCTAssertEqual(try SelectionExpression.parse("::-1"), [.slice(start: nil, stop: nil, step: -1)])
        XCTAssertEqual(try SelectionExpression.parse(":"), [.slice(start: nil, stop: nil, step: 1)])
        XCTAssertEqual(try SelectionExpression.parse("-9223372036854775808, 9223372036854775807"), [.index(Int.min), .index(Int.max)])
    }

    func testErrorsNameThePositionAndCause() {
        let cases: [(String, String)] = [
            ("1,,2", "empty part (at character 3)"), (",", "empty part (at character 1)"), ("x", "'x' is not an integer"),
            ("1:2:3:4", "at most two ':'"), ("::0", "slice step cannot be zero"), ("..., ...", "only one '...'"),
            ("9223372036854775808", "does not fit in a 64-bit integer"), ("1__0", "is not an integer"), ("1.5", "is not an integer"),
            ("np.newaxis", "is not an integer"), ("-", "is not an integer"),
        ]
        for (text, cause) in cases {
            XCTAssertThrowsError(try SelectionExpression.parse(text), text) { error in
                guard case ZarrError.invalidArgument(let details) = error else { return XCTFail("\(text): \(error)") }
                XCTAssertTrue(details.message.contains(cause), "\(text): \(details.message)")
                XCTAssertTrue(details.message.hasPrefix("selection '\(text)'"), details.message)
            }
        }
        XCTAssertThrowsError(try SelectionExpression.parse(String(repeating: "1,", count: 65)))
        XCTAssertThrowsError(try SelectionExpression.parse(String(repeating: " ", count: SelectionExpression.maximumLength + 1)))
    }

    func testSelectingArraysWithText() throws {
        let values = try NDArray(Array(0..<24).map(Int32.init), shape: [2, 3, 4])
        XCTAssertEqual(try values.select("1, ..., ::2"), try values[1, Ellipsis(), stride(from: 0, to: 4, by: 2)])
        XCTAssertEqual(try values.select("-1, -1, -1").toArray(as: Int32.self), [23])
        // As in numpy, axes left out at the end are whole.
        XCTAssertEqual(try values.select("-1"), try values[-1, Ellipsis()])
        XCTAssertEqual(try values.select("0, 1:"), try values[0, 1..., Ellipsis()])
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [2, 3, 4], dtype: .int32, chunkShape: [1, 2, 2])
        try array[...].set(values)
        XCTAssertEqual(try array.select(":, 1:, 3").get(), try values.select(":, 1:, 3"))
        XCTAssertThrowsError(try array.select("2")) { XCTAssertTrue("\($0)".contains("index out of range"), "\($0)") }
    }
}
