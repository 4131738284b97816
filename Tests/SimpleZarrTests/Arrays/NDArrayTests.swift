import XCTest

@testable import SimpleZarr

final class NDArrayTests: XCTestCase {
    func testInitFromValuesAndTypedAccess() throws {
        let a = try NDArray([1, 2, 3, 4, 5, 6] as [UInt16], shape: [2, 3])
        XCTAssertEqual(a.dtype, .uint16)
        XCTAssertEqual(a.shape, [2, 3])
        XCTAssertEqual(a.count, 6)
        XCTAssertEqual(a.nbytes, 12)
        XCTAssertEqual(try a.toArray(as: UInt16.self), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try a.scalar(at: [1, 2], as: UInt16.self), 6)
        XCTAssertEqual(try a.scalar(at: [-1, 0], as: UInt16.self), 4)
        XCTAssertThrowsError(try a.toArray(as: Int16.self))
        XCTAssertThrowsError(try a.scalar(at: [2, 0], as: UInt16.self))
        XCTAssertThrowsError(try a.scalar(at: [0], as: UInt16.self))
    }

    func testWrongCountsAndShapesThrow() {
        XCTAssertThrowsError(try NDArray([1, 2, 3] as [Int32], shape: [2, 2]))
        XCTAssertThrowsError(try NDArray(dtype: .int8, shape: [-1]))
        XCTAssertThrowsError(try NDArray(dtype: .int8, shape: [Int.max, 2]))
        XCTAssertThrowsError(try NDArray(dtype: .float64, shape: [1 << 40, 1 << 20]))  // too large to allocate
        XCTAssertThrowsError(try NDArray(dtype: .int16, shape: [2], bytes: [UInt8](repeating: 0, count: 3)))
    }

    func testCopyOnWrite() throws {
        let a = try NDArray([1, 2, 3] as [Int64])
        var b = a
        try b.withUnsafeMutableBufferPointer(as: Int64.self) { $0[0] = 99 }
        XCTAssertEqual(try a.toArray(as: Int64.self), [1, 2, 3])
        XCTAssertEqual(try b.toArray(as: Int64.self), [99, 2, 3])
        XCTAssertNotEqual(a, b)
        var c = b
        try c.setScalar(Int64(2), at: [2])
        XCTAssertEqual(try b.scalar(at: [2], as: Int64.self), 3)
        XCTAssertEqual(try c.scalar(at: [2], as: Int64.self), 2)
    }

    func testFilledArraysAndZeroD() throws {
        let fill = try FillValue(json: [1.0, -2.0], dataType: .complex128)
        let a = try NDArray(dtype: .complex128, shape: [3, 5], fillValue: fill)
        XCTAssertEqual(try a.toArray(as: Complex<Double>.self), Array(repeating: Complex(1.0, -2.0), count: 15))
        let scalar = try NDArray(repeating: Float(2.5), shape: [])
        XCTAssertEqual(scalar.count, 1)
        XCTAssertEqual(try scalar.scalar(at: [], as: Float.self), 2.5)
        let empty = try NDArray(dtype: .uint8, shape: [0, 4])
        XCTAssertEqual(empty.count, 0)
        XCTAssertEqual(try NDArray(dtype: .int32, shape: [2]), try NDArray([0, 0] as [Int32]))
    }

    func testBooleansFromBytesAreNormalised() throws {
        let a = try NDArray(dtype: .bool, shape: [3], bytes: [0, 1, 7] as [UInt8])
        XCTAssertEqual(try a.toArray(as: Bool.self), [false, true, true])
        XCTAssertEqual(a, try NDArray([false, true, true]))
    }

    func testEqualityComparesBitsIncludingNaN() throws {
        XCTAssertEqual(try NDArray([Double.nan]), try NDArray([Double.nan]))
        XCTAssertNotEqual(try NDArray([0.0]), try NDArray([-0.0]))
        XCTAssertNotEqual(try NDArray([1, 2] as [Int8], shape: [2]), try NDArray([1, 2] as [Int8], shape: [1, 2]))
    }

    func testReshapeAndDescription() throws {
        let a = try NDArray(Array(0..<20) as [Int32], shape: [4, 5])
        XCTAssertEqual(try a.reshaped([2, 10]).shape, [2, 10])
        XCTAssertThrowsError(try a.reshaped([3, 7]))
        XCTAssertEqual(try NDArray([1, 2] as [UInt8]).description, "array([1, 2], dtype=uint8)")
        XCTAssertEqual(a.description, """
            array([[ 0,  1,  2,  3,  4],
                   [ 5,  6,  7,  8,  9],
                   [10, 11, 12, 13, 14],
                   [15, 16, 17, 18, 19]], dtype=int32)
            """)
        XCTAssertEqual(try NDArray([Complex<Float>(1, -2)]).description, "array([1.-2.j], dtype=complex64)")
    }
}
