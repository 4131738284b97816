import Foundation
import XCTest

@testable import SimpleZarr

final class NDArrayShapeAndItemTests: XCTestCase {
    func testReshapeInfersOneLength() throws {
        let a = try NDArray.arange(20)
        XCTAssertEqual(try a.reshape(4, 5).shape, [4, 5])
        XCTAssertEqual(try a.reshape([4, 5]).shape, [4, 5])
        XCTAssertEqual(try a.reshape(-1, 5).shape, [4, 5])
        XCTAssertEqual(try a.reshape(2, -1, 2).shape, [2, 5, 2])
        XCTAssertEqual(try a.reshape(4, 5).flatten(), a)
        XCTAssertEqual(try a.reshape(4, 5).ravel().shape, [20])
        XCTAssertThrowsError(try a.reshape(3, -1))
        XCTAssertThrowsError(try a.reshape(-1, -1))
        XCTAssertThrowsError(try a.reshape(4, -2))
        XCTAssertThrowsError(try a.reshape(21))
        let empty = try NDArray(dtype: .int8, shape: [0, 4])
        XCTAssertEqual(try empty.reshape(-1).shape, [0])
        XCTAssertThrowsError(try empty.reshape(0, -1))
        XCTAssertEqual(try NDArray([7] as [Int16]).reshape([]).shape, [])
    }

    func testItemReadsLikeNumpy() throws {
        let a = try NDArray([1, 2, 3, 4, 5, 6] as [UInt16], shape: [2, 3])
        XCTAssertEqual(try a.item(1, 2, as: Double.self), 6)
        XCTAssertEqual(try a.item(4, as: Int64.self), 5)          // one index: C order over the array
        XCTAssertEqual(try a.item(-1, as: UInt16.self), 6)
        XCTAssertEqual(try a.item(-1, -3, as: Float.self), 4)
        XCTAssertEqual(try a.item(0, 1, as: Bool.self), true)
        XCTAssertEqual(try a.item(0, 0, as: Complex<Float>.self), Complex(1, 0))
        XCTAssertThrowsError(try a.item(as: Double.self))          // six elements, no index
        XCTAssertThrowsError(try a.item(6, as: Double.self)) { XCTAssertEqual(($0 as? ZarrError)?.index, [6]) }
        XCTAssertThrowsError(try a.item(0, 3, as: Double.self)) { XCTAssertEqual(($0 as? ZarrError)?.index, [0, 3]) }
        XCTAssertThrowsError(try a.item(0, 0, 0, as: Double.self))
        let scalar = try NDArray(repeating: Float(2.5), shape: [])
        XCTAssertEqual(try scalar.item(as: Double.self), 2.5)
        XCTAssertEqual(try scalar.item(as: Int32.self), 2)
        XCTAssertEqual(try NDArray(repeating: Float(2.5), shape: [1, 1]).astype(.float16).item(as: Double.self), 2.5)
        let words = try NDArray(["a", "b", "c", "d"], shape: [2, 2])
        XCTAssertEqual(try words.item(1, 0, as: String.self), "c")
        XCTAssertEqual(try words.item(3, as: String.self), "d")
        XCTAssertThrowsError(try words.item(0, 0, as: Int64.self))
        XCTAssertEqual(try NDArray([Data([1, 2])]).item(0, as: Data.self), Data([1, 2]))
        let dates = try NDArray([19_000] as [Int64], dtype: .datetime64(unit: .days, scaleFactor: 1))
        XCTAssertEqual(try dates.item(0, as: Int64.self), 19_000)
        XCTAssertEqual(try dates.item(as: Double.self), 19_000)
    }

    func testNestedArraysGiveTheirShape() throws {
        let square = try NDArray([[1, 2], [3, 4]] as [[Int32]])
        XCTAssertEqual(square.shape, [2, 2])
        XCTAssertEqual(square.dtype, .int32)
        XCTAssertEqual(try square.toArray(as: Int32.self), [1, 2, 3, 4])
        let cube = try NDArray([[[1, 2, 3]], [[4, 5, 6]]] as [[[Double]]])
        XCTAssertEqual(cube.shape, [2, 1, 3])
        XCTAssertEqual(try NDArray([[[[true]], [[false]]]] as [[[[Bool]]]]).shape, [1, 2, 1, 1])
        XCTAssertEqual(try NDArray([] as [[[UInt8]]]).shape, [0, 0, 0])
        XCTAssertEqual(try NDArray([[]] as [[UInt8]]).shape, [1, 0])
        XCTAssertThrowsError(try NDArray([[1, 2], [3]] as [[Int32]])) { XCTAssertTrue("\($0)".contains("ragged"), "\($0)") }
        XCTAssertThrowsError(try NDArray([[[1]], [[2, 3]]] as [[[Int8]]]))
        XCTAssertThrowsError(try NDArray([[[[1]]], [[[2]], [[3]]]] as [[[[Int8]]]]))
    }

    /// arange and linspace give numpy's values (the vectors), in numpy's default types.
    func testRangesMatchNumpy() throws {
        for entry in try NDArrayVectors.ranges() {
            let function = try XCTUnwrap(entry["function"]?.stringValue)
            let args = try XCTUnwrap(entry["args"]?.arrayValue)
            let expected = try NDArrayVectors.array(entry["result"])
            let result: NDArray
            if function == "linspace" {
                result = try NDArray.linspace(
                    try XCTUnwrap(args[0].doubleValue), try XCTUnwrap(args[1].doubleValue), num: try XCTUnwrap(args[2].intValue),
                    endpoint: try XCTUnwrap(args[3].boolValue))
            } else if expected.dtype == .int64 {
                let ints = try args.map { try XCTUnwrap($0.intValue) }
                result = ints.count == 1 ? try NDArray.arange(ints[0]) : try NDArray.arange(ints[0], ints[1], ints.count > 2 ? ints[2] : 1)
            } else {
                let reals = try args.map { try XCTUnwrap($0.doubleValue) }
                result = try NDArray.arange(reals[0], reals[1], reals[2])
            }
            XCTAssertEqual(result, expected, "\(function)\(args)")
        }
    }

    func testRangesByHand() throws {
        XCTAssertEqual(try NDArray.arange(5, dtype: .uint8).toArray(as: UInt8.self), [0, 1, 2, 3, 4])
        XCTAssertEqual(try NDArray.arange(Int.min, Int.max, Int.max).toArray(as: Int64.self), [.min, -1, .max - 1])
        XCTAssertThrowsError(try NDArray.arange(0, 10, 0))
        XCTAssertThrowsError(try NDArray.arange(0.0, .infinity, 1))
        XCTAssertThrowsError(try NDArray.arange(0.0, 1e300, 1e-300))
        XCTAssertThrowsError(try NDArray.linspace(0, 1, num: -1))
        XCTAssertEqual(try NDArray.linspace(0, 1, num: 3, dtype: .float32).toArray(as: Float.self), [0, 0.5, 1])
        XCTAssertEqual(try NDArray.arange(0.0, 1.0, 0.25).shape, [4])
    }
}
