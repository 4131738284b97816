import Foundation
import XCTest

@testable import SimpleZarr

final class NDArraySubscriptTests: XCTestCase {
    private let grid = try! NDArray.arange(20).reshape(4, 5)

    func testSlicesAndIntegersAsNumpy() throws {
        XCTAssertEqual(try grid[2..<4], try NDArray.arange(10, 20).reshape(2, 5))
        XCTAssertEqual(try grid[..., 0].toArray(as: Int64.self), [0, 5, 10, 15])
        XCTAssertEqual(try grid[Slice(nil, nil, 2), -1].toArray(as: Int64.self), [4, 14])
        XCTAssertEqual(try grid[1, 2].shape, [])
        XCTAssertEqual(try grid[1, 2].item(as: Int64.self), 7)
        XCTAssertEqual(try grid[-1, ...].toArray(as: Int64.self), [15, 16, 17, 18, 19])
        XCTAssertEqual(try grid[1..., stride(from: 1, to: 5, by: 3)].toArray(as: Int64.self), [6, 9, 11, 14, 16, 19])
        XCTAssertEqual(try grid[0...1, ..., 4].toArray(as: Int64.self), [4, 9])
        XCTAssertEqual(grid[...], grid)
        XCTAssertEqual(try grid[5..<9].shape, [0, 5])
        XCTAssertEqual(try grid[(-2)...].toArray(as: Int64.self), Array(10..<20))
    }

    func testEveryDtypeIsCopied() throws {
        let words = try NDArray(["a", "bb", "ccc", "dddd", "e", "f"], shape: [2, 3])
        XCTAssertEqual(try words[..., 1].toArray(as: String.self), ["bb", "e"])
        let bytes = try NDArray([Data([1]), Data(), Data([2, 3])], dtype: .bytes)
        XCTAssertEqual(try bytes[Slice(nil, nil, 2)].toArray(as: Data.self), [Data([1]), Data([2, 3])])
        let fixed = try NDArray(["x", "yy", "z"], dtype: .fixedLengthUTF32(characters: 2))
        XCTAssertEqual(try fixed[1...].toArray(as: String.self), ["yy", "z"])
        let flags = try NDArray([true, false, true, true])
        XCTAssertEqual(try flags[1..<3].toArray(as: Bool.self), [false, true])
        let complex = try NDArray([Complex<Double>(1, 2), Complex(3, 4)])
        XCTAssertEqual(try complex[-1].item(as: Complex<Double>.self), Complex(3, 4))
    }

    /// The result is a copy: writing to it leaves the original alone (numpy's view would not).
    func testSelectionsAreIndependentCopies() throws {
        var row = try grid[0]
        try row.setScalar(Int64(99), at: [0])
        XCTAssertEqual(try grid.item(0, 0, as: Int64.self), 0)
        XCTAssertEqual(try row.item(0, as: Int64.self), 99)
    }

    func testBadSelectionsThrow() {
        XCTAssertThrowsError(try grid[4])
        XCTAssertThrowsError(try grid[1, 2, ...].select([.index(0)]))
        XCTAssertThrowsError(try grid[0, 0, 0])
        XCTAssertThrowsError(try grid[Slice(nil, nil, 0)])
        XCTAssertThrowsError(try grid.select([.ellipsis, .ellipsis]))
        XCTAssertThrowsError(try grid[-5, 0])
    }
}
