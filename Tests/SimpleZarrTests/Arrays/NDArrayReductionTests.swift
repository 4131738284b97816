import Foundation
import XCTest

@testable import SimpleZarr

final class NDArrayReductionTests: XCTestCase {
    /// sum, min, max and mean of the vectors' arrays give numpy's values.
    func testWholeArrayReductionsMatchNumpy() throws {
        for test in try NDArrayVectors.wholeReductions() {
            let (array, entry) = (test.array, test.entry)
            let name = "\(array.dtype) \(array.shape)"
            if array.dtype.isComplex {
                let sum = try array.sum(as: Complex<Double>.self)
                let mean = try array.mean(as: Complex<Double>.self)
                let expected = try XCTUnwrap(entry["sum"]?.arrayValue).map { try NDArrayVectors.double($0) }
                let expectedMean = try XCTUnwrap(entry["mean"]?.arrayValue).map { try NDArrayVectors.double($0) }
                XCTAssertEqual([sum.real, sum.imaginary], expected, name)
                XCTAssertEqual([mean.real, mean.imaginary], expectedMean, name)
                XCTAssertThrowsError(try array.sum())
                XCTAssertThrowsError(try array.min())
                continue
            }
            if array.dtype.isInteger || array.dtype == .bool {
                // numpy's integer sums are exact (wrapping at 64 bits).
                let unsigned = array.dtype.name.hasPrefix("uint")
                func exact(_ reduce: (NDArray) throws -> (Int64, UInt64)) throws -> String {
                    let (signed, unsignedValue) = try reduce(array)
                    return unsigned ? String(unsignedValue) : String(signed)
                }
                XCTAssertEqual(try exact { (try $0.sum(as: Int64.self), try $0.sum(as: UInt64.self)) }, entry["sum"]?.stringValue, name)
            }
            if array.dtype.isInteger {
                // min and max are exact in the elements' type.
                let unsigned = array.dtype.name.hasPrefix("uint")
                let minimum = unsigned ? String(try array.min(as: UInt64.self)) : String(try array.min(as: Int64.self))
                let maximum = unsigned ? String(try array.max(as: UInt64.self)) : String(try array.max(as: Int64.self))
                XCTAssertEqual(minimum, entry["min"]?.stringValue, name)
                XCTAssertEqual(maximum, entry["max"]?.stringValue, name)
            } else {
                try assertClose(try array.min(), try NDArrayVectors.double(entry["min"]), name)
                try assertClose(try array.max(), try NDArrayVectors.double(entry["max"]), name)
                try assertClose(try array.sum(), try NDArrayVectors.double(entry["sum"]), name)
            }
            try assertClose(try array.mean(), try NDArrayVectors.double(entry["mean"]), name)
        }
    }

    /// Reductions along every axis give numpy's dtypes and values.
    func testAxisReductionsMatchNumpy() throws {
        var checked = 0
        for test in try NDArrayVectors.axisReductions() {
            let axis = try XCTUnwrap(test.entry["axis"]?.intValue)
            let reductions: [(String, (Int) throws -> NDArray)] = [
                ("sum", test.array.sum(axis:)), ("mean", test.array.mean(axis:)),
                ("min", test.array.min(axis:)), ("max", test.array.max(axis:)),
            ]
            for (name, reduce) in reductions {
                guard let expected = test.entry[name] else { continue }
                let expectedArray = try NDArrayVectors.array(expected)
                let result = try reduce(axis)
                XCTAssertEqual(result.dtype, expectedArray.dtype, "\(name)(axis: \(axis)) of \(test.array.dtype)")
                XCTAssertEqual(result.shape, expectedArray.shape)
                let values = try result.astype(.complex128).toArray(as: Complex<Double>.self)
                let numpy = try expectedArray.astype(.complex128).toArray(as: Complex<Double>.self)
                for (value, reference) in zip(values, numpy) {
                    try assertClose(value.real, reference.real, "\(name)(axis: \(axis)) of \(test.array.dtype) \(test.array.shape)")
                    try assertClose(value.imaginary, reference.imaginary, "\(name)(axis: \(axis)) imaginary")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 80)
    }

    private func assertClose(_ value: Double, _ expected: Double, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        if expected.isNaN {
            XCTAssertTrue(value.isNaN, "\(message): \(value) is not NaN", file: file, line: line)
        } else {
            // numpy sums float32 in float32 (pairwise); here sums are float64.
            XCTAssertEqual(value, expected, accuracy: Swift.max(1e-6 * expected.magnitude, 1e-9), message, file: file, line: line)
        }
    }

    /// float32 sums take a loop of their own; it adds the same values in the same lanes as
    /// the float64 one, so both give the same bits.
    func testFloat32SumsAreFloat64Sums() throws {
        var random = SplitMix64(state: 5)
        for count in [0, 1, 7, 8, 9, 1023, 1024, 1025, 5000] {
            let values = (0..<count).map { _ in Float(Double(random.next() % 2_000_001) / 1000 - 1000) }
            let array = try NDArray(values)
            XCTAssertEqual(try array.sum(), try array.astype(.float64).sum(), "\(count)")
            XCTAssertEqual(try array.mean().isNaN, count == 0)
            XCTAssertEqual(try array.sum(), values.reduce(0.0) { $0 + Double($1) }, accuracy: 1e-6 * Double(count))
        }
    }

    func testSumsOfIntegersAreExactAndWrap() throws {
        let big = try NDArray([Int64.max, 1, Int64.max])
        XCTAssertEqual(try big.sum(as: Int64.self), Int64.max &+ 1 &+ Int64.max)
        XCTAssertEqual(try NDArray([UInt64.max, 2] as [UInt64]).sum(as: UInt64.self), 1)
        XCTAssertEqual(try NDArray([1 << 60, 3] as [Int64]).sum(as: Int64.self), (1 << 60) + 3)
        XCTAssertEqual(try NDArray(repeating: UInt16.max, shape: [3000]).sum(), 3000 * 65535)
        XCTAssertEqual(try NDArray([true, true, false]).sum(as: Int64.self), 2)
    }

    func testNaNPropagatesAndEmptyArrays() throws {
        let values = try NDArray([1, .nan, -3] as [Float])
        XCTAssertTrue(try values.min().isNaN)
        XCTAssertTrue(try values.max().isNaN)
        XCTAssertTrue(try values.sum().isNaN)
        let empty = try NDArray(dtype: .float32, shape: [0])
        XCTAssertEqual(try empty.sum(), 0)
        XCTAssertTrue(try empty.mean().isNaN)
        XCTAssertThrowsError(try empty.min())
        XCTAssertThrowsError(try empty.max(as: Float.self))
        // No elements along the axis, but none in the result either: numpy gives an empty array.
        XCTAssertEqual(try NDArray(dtype: .int16, shape: [0, 3]).min(axis: 1).shape, [0])
        XCTAssertThrowsError(try NDArray(dtype: .int16, shape: [3, 0]).min(axis: 1))
        XCTAssertEqual(try NDArray(dtype: .int16, shape: [3, 0]).sum(axis: 1).toArray(as: Int64.self), [0, 0, 0])
        XCTAssertTrue(try NDArray(dtype: .int16, shape: [3, 0]).mean(axis: 1).toArray(as: Double.self).allSatisfy(\.isNaN))
    }

    func testAxesAndTypesThatAreRefused() throws {
        let a = try NDArray.arange(6).reshape(2, 3)
        XCTAssertEqual(try a.sum(axis: -1).toArray(as: Int64.self), [3, 12])
        XCTAssertThrowsError(try a.sum(axis: 2))
        XCTAssertThrowsError(try a.min(axis: -3))
        XCTAssertThrowsError(try NDArray(["a"]).sum())
        XCTAssertThrowsError(try NDArray([1] as [Int64], dtype: .datetime64(unit: .days, scaleFactor: 1)).max())
        XCTAssertThrowsError(try NDArray([Complex<Float>(1, 1)]).max(axis: 0))
        XCTAssertEqual(try NDArray(dtype: .int8, shape: []).sum(), 0)
    }

    func testTypedResults() throws {
        let a = try NDArray([3, 9, 1] as [UInt16])
        XCTAssertEqual(try a.max(as: UInt16.self), 9)
        XCTAssertEqual(try a.min(), 1)
        XCTAssertEqual(try a.mean(), 13.0 / 3)
        XCTAssertEqual(try a.sum(as: Double.self), 13)
        XCTAssertEqual(try NDArray([1.5, 2.5] as [Float]).mean(as: Float.self), 2)
    }
}
