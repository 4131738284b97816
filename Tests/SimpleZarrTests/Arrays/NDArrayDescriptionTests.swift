import Foundation
import XCTest

@testable import SimpleZarr

final class NDArrayDescriptionTests: XCTestCase {
    /// Every array of the vectors prints exactly as numpy's `repr()` printed it.
    func testDescriptionsMatchNumpy() throws {
        let cases = try NDArrayVectors.reprs()
        XCTAssertGreaterThan(cases.count, 60)
        for (array, repr) in cases {
            XCTAssertEqual(array.description, repr, "shape \(array.shape) of \(array.dtype)")
        }
    }

    func testLayoutOfSmallArrays() throws {
        XCTAssertEqual(try NDArray([0, 1, 2, 3, 4, 5] as [UInt16], shape: [2, 3]).description,
                       "array([[0, 1, 2],\n       [3, 4, 5]], dtype=uint16)")
        XCTAssertEqual(try NDArray([1, -20] as [Int64]).description, "array([  1, -20])")
        XCTAssertEqual(try NDArray([Complex<Float>(1, -2)]).description, "array([1.-2.j], dtype=complex64)")
        XCTAssertEqual(try NDArray([Float(0.5), 1.25]).description, "array([0.5 , 1.25], dtype=float32)")
        XCTAssertEqual(try NDArray(dtype: .uint8, shape: []).description, "array(0, dtype=uint8)")
        XCTAssertEqual(try NDArray(dtype: .float32, shape: [0, 2]).description, "array([], shape=(0, 2), dtype=float32)")
        XCTAssertEqual(try NDArray([true]).description, "array([ True])")
    }

    func testTextAndBytesPrintAsPythonLiterals() throws {
        XCTAssertEqual(try NDArray(["a", "it's"]).description, #"array(['a', "it's"], dtype=StringDType())"#)
        XCTAssertEqual(try NDArray([Data([0, 0x61, 0x27])]).description, #"array([b"\x00a'"], dtype=object)"#)
        XCTAssertEqual(try NDArray(["héllo", ""], dtype: .fixedLengthUTF32(characters: 5)).description,
                       "array(['héllo', ''], dtype='<U5')")
        XCTAssertEqual(try NDArray([Data("ab".utf8)], dtype: .nullTerminatedBytes(length: 4)).description,
                       "array([b'ab'], dtype='|S4')")
        XCTAssertEqual(try NDArray([Data([1, 2, 0xFF])], dtype: .rawBytes(length: 3)).description,
                       #"array([b'\x01\x02\xFF'], dtype='|V3')"#)
        XCTAssertEqual(try NDArray(dtype: .raw(bits: 16), shape: [1], bytes: [0xAB, 0x01]).description,
                       #"array([b'\xAB\x01'], dtype='|V2')"#)
    }

    func testLargeArraysAreSummarised() throws {
        let big = try NDArray.arange(2000, dtype: .uint16)
        XCTAssertEqual(big.description, "array([   0,    1,    2, ..., 1997, 1998, 1999],\n      shape=(2000,), dtype=uint16)")
        let strings = try NDArray((0..<1500).map { "s\($0)" }, shape: [1500])
        XCTAssertEqual(strings.description, "array(['s0', 's1', 's2', ..., 's1497', 's1498', 's1499'],\n      shape=(1500,), dtype=StringDType())")
        // Printing a summarised array reads only the shown elements: a large array prints at once.
        let huge = try NDArray(dtype: .float32, shape: [1024, 4096])
        XCTAssertTrue(huge.description.hasSuffix("shape=(1024, 4096), dtype=float32)"), huge.description)
    }
}
