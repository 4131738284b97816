import Foundation
import XCTest

@testable import SimpleZarr

final class NDArrayTextTests: XCTestCase {
    // MARK: string and variable_length_bytes

    func testStringArrays() throws {
        var a = try NDArray(["Oslo", "Zürich", "", "東京"], shape: [2, 2])
        XCTAssertEqual(a.dtype, .string)
        XCTAssertEqual(a.shape, [2, 2])
        XCTAssertEqual(try a.toArray(as: String.self), ["Oslo", "Zürich", "", "東京"])
        XCTAssertEqual(try a.scalar(at: [0, 1], as: String.self), "Zürich")
        XCTAssertEqual(try a.scalar(at: [-1, -1], as: String.self), "東京")
        XCTAssertEqual(a.nbytes, 4 * 16)  // the 16-byte reference of each element, not its text
        try a.setScalar("Bergen", at: [1, 0])
        XCTAssertEqual(try a.toArray(as: String.self), ["Oslo", "Zürich", "Bergen", "東京"])
        XCTAssertThrowsError(try a.scalar(at: [2, 0], as: String.self))
        XCTAssertThrowsError(try a.toArray(as: Data.self))
        XCTAssertThrowsError(try a.toArray(as: Int64.self))
        XCTAssertThrowsError(try a.setScalar(Data([1]), at: [0, 0]))
        XCTAssertThrowsError(try a.withUnsafeMutableBytes { _ in })
        XCTAssertEqual(try NDArray(dtype: .string, shape: [2]).toArray(as: String.self), ["", ""])
        let filled = try NDArray(dtype: .string, shape: [3], fillValue: try FillValue(json: "x", dataType: .string))
        XCTAssertEqual(try filled.toArray(as: String.self), ["x", "x", "x"])
    }

    func testVariableLengthBytesArrays() throws {
        var a = try NDArray([Data([0, 1]), Data(), Data([0, 0, 0])])
        XCTAssertEqual(a.dtype, .bytes)
        XCTAssertEqual(try a.toArray(as: Data.self), [Data([0, 1]), Data(), Data([0, 0, 0])])  // zeros are kept
        try a.setScalar(Data([9]), at: [1])
        XCTAssertEqual(try a.scalar(at: [1], as: Data.self), Data([9]))
        XCTAssertThrowsError(try a.toArray(as: String.self))
        XCTAssertThrowsError(try a.setScalar("text", at: [0]))
    }

    func testValuesMustFillTheShapeAndFitTheType() {
        XCTAssertThrowsError(try NDArray(["a", "b", "c"], shape: [2, 2]))
        XCTAssertThrowsError(try NDArray([Data()], shape: [2]))
        XCTAssertThrowsError(try NDArray(["a"], dtype: .nullTerminatedBytes(length: 4)))
        XCTAssertThrowsError(try NDArray(["a"], dtype: .int32))
        XCTAssertThrowsError(try NDArray(["a"], dtype: .bytes))
        XCTAssertThrowsError(try NDArray([Data()], dtype: .string))
        XCTAssertThrowsError(try NDArray([Data()], dtype: .fixedLengthUTF32(characters: 2)))
        XCTAssertThrowsError(try NDArray([Data([1])], dtype: .float32))
    }

    // MARK: Fixed-length types

    func testFixedLengthUTF32() throws {
        let type = DataType.fixedLengthUTF32(characters: 4)
        // Non-ASCII, an emoji (one scalar), a skin-toned emoji and a flag (two scalars each).
        let values = ["abcd", "ñü", "😀", "👍🏽", "🇳🇴", ""]
        var a = try NDArray(values, dtype: type)
        XCTAssertEqual(a.nbytes, 6 * 16)
        XCTAssertEqual(try a.toArray(as: String.self), values)
        a.withUnsafeBytes { bytes in
            let units = Array(bytes.bindMemory(to: UInt32.self))
            XCTAssertEqual(Array(units[4..<8]), [0xF1, 0xFC, 0, 0])
            XCTAssertEqual(Array(units[8..<12]), [0x1F600, 0, 0, 0])
        }
        XCTAssertThrowsError(try NDArray(["abcde"], dtype: type)) { error in
            XCTAssertTrue("\(error)".contains("4 characters"), "\(error)")
        }
        XCTAssertThrowsError(try NDArray(["👍🏽👍🏽👍🏽"], dtype: type))  // six scalars
        XCTAssertThrowsError(try a.setScalar("toolong", at: [0]))
        XCTAssertEqual(try a.scalar(at: [0], as: String.self), "abcd")  // a refused write leaves the element
        try a.setScalar("z", at: [0])
        XCTAssertEqual(try a.scalar(at: [0], as: String.self), "z")
        XCTAssertThrowsError(try a.toArray(as: Data.self))
        XCTAssertThrowsError(try a.setScalar(Data([1]), at: [0]))
    }

    func testFixedLengthUTF32RefusesUnitsThatAreNoScalars() throws {
        for unit in [UInt32(0xD800), 0x11_0000, 0xFFFF_FFFF] {
            let a = try NDArray(dtype: .fixedLengthUTF32(characters: 2), shape: [1], bytes: [unit, 0].withUnsafeBytes { Array($0) })
            XCTAssertThrowsError(try a.toArray(as: String.self)) { error in
                guard case .codec = error as? ZarrError else { return XCTFail("\(error)") }
            }
            XCTAssertThrowsError(try a.scalar(at: [0], as: String.self))
            XCTAssertEqual(a.description, "array([<invalid UTF-32>], dtype='<U2')")
        }
    }

    func testNullTerminatedBytesDropTrailingZerosOnly() throws {
        let type = DataType.nullTerminatedBytes(length: 4)
        var a = try NDArray([Data([0x61, 0, 0x62]), Data([0x61, 0x62, 0, 0]), Data([1, 2, 3, 4]), Data(), Data([0, 0])], dtype: type)
        XCTAssertEqual(try a.toArray(as: Data.self), [Data([0x61, 0, 0x62]), Data([0x61, 0x62]), Data([1, 2, 3, 4]), Data(), Data()])
        XCTAssertEqual(a.nbytes, 20)
        XCTAssertThrowsError(try NDArray([Data([1, 2, 3, 4, 5])], dtype: type))
        try a.setScalar(Data([7]), at: [2])
        XCTAssertEqual(try a.scalar(at: [2], as: Data.self), Data([7]))
        a.withUnsafeBytes { XCTAssertEqual(Array($0[8..<12]), [7, 0, 0, 0]) }
        XCTAssertThrowsError(try a.toArray(as: String.self))
    }

    func testRawBytesKeepEveryByte() throws {
        let type = DataType.rawBytes(length: 3)
        var a = try NDArray([Data([1, 0, 0]), Data([0, 0, 0])], dtype: type)
        XCTAssertEqual(try a.toArray(as: Data.self), [Data([1, 0, 0]), Data([0, 0, 0])])
        XCTAssertThrowsError(try NDArray([Data([1, 2])], dtype: type))
        XCTAssertThrowsError(try a.setScalar(Data([1, 2, 3, 4]), at: [0]))
        try a.setScalar(Data([4, 5, 6]), at: [1])
        XCTAssertEqual(try a.scalar(at: [1], as: Data.self), Data([4, 5, 6]))
        let r16 = try NDArray([Data([1, 2])], dtype: .raw(bits: 16))
        XCTAssertEqual(try r16.toArray(as: Data.self), [Data([1, 2])])
        XCTAssertThrowsError(try NDArray([1] as [UInt8]).toArray(as: Data.self))
    }

    // MARK: Value semantics

    func testEqualityOfStringArrays() throws {
        let a = try NDArray(["x", "y"])
        XCTAssertEqual(a, try NDArray(["x", "y"]))
        XCTAssertNotEqual(a, try NDArray(["x", "z"]))
        XCTAssertNotEqual(a, try NDArray(["x", "y"], shape: [2, 1]))
        XCTAssertNotEqual(a, try NDArray(["x", "y"], dtype: .fixedLengthUTF32(characters: 1)))
        XCTAssertNotEqual(try NDArray([Data("x".utf8), Data("y".utf8)]), a)
        XCTAssertEqual(try NDArray(["x", "y"], dtype: .fixedLengthUTF32(characters: 1)), try NDArray(["x", "y"], dtype: .fixedLengthUTF32(characters: 1)))
    }

    func testCopyOnWriteOfTextArrays() throws {
        let a = try NDArray(["one", "two", "three"])
        var b = a
        try b.setScalar("changed", at: [1])
        XCTAssertEqual(try a.toArray(as: String.self), ["one", "two", "three"])
        XCTAssertEqual(try b.toArray(as: String.self), ["one", "changed", "three"])
        let c = try NDArray(["ab", "cd"], dtype: .fixedLengthUTF32(characters: 2))
        var d = c
        try d.setScalar("x", at: [0])
        XCTAssertEqual(try c.toArray(as: String.self), ["ab", "cd"])
        XCTAssertEqual(try d.toArray(as: String.self), ["x", "cd"])
    }

    func testReshapedStringArrays() throws {
        let a = try NDArray(["a", "b", "c", "d", "e", "f"])
        var b = try a.reshaped([2, 3])
        XCTAssertEqual(b.shape, [2, 3])
        XCTAssertEqual(try b.scalar(at: [1, 0], as: String.self), "d")
        XCTAssertEqual(try b.toArray(as: String.self), try a.toArray(as: String.self))
        try b.setScalar("D", at: [1, 0])
        XCTAssertEqual(try a.scalar(at: [3], as: String.self), "d")
        XCTAssertEqual(try b.reshaped([6]), try NDArray(["a", "b", "c", "D", "e", "f"]))
        XCTAssertThrowsError(try a.reshaped([4]))
        XCTAssertEqual(try a.reshaped([1, 6, 1]).ndim, 3)
    }

    // MARK: Printing

    func testDescriptionOfEachTextType() throws {
        XCTAssertEqual(try NDArray(["a", "it's"]).description, #"array(['a', "it's"], dtype=StringDType())"#)
        XCTAssertEqual(try NDArray([Data([0, 0x61, 0x27])]).description, #"array([b"\x00a'"], dtype=object)"#)
        XCTAssertEqual(try NDArray(["héllo", ""], dtype: .fixedLengthUTF32(characters: 5)).description,
                       "array(['héllo', ''], dtype='<U5')")
        XCTAssertEqual(try NDArray([Data("ab".utf8), Data([0x61, 0x62, 0, 0x63])], dtype: .nullTerminatedBytes(length: 4)).description,
                       #"array([b'ab', b'ab\x00c'], dtype='|S4')"#)
        XCTAssertEqual(try NDArray([Data([1, 2, 0xFF])], dtype: .rawBytes(length: 3)).description,
                       #"array([b'\x01\x02\xFF'], dtype='|V3')"#)
        let many = try NDArray((0..<20).map(String.init))
        XCTAssertEqual(many.description, """
            array(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12',
                   '13', '14', '15', '16', '17', '18', '19'], dtype=StringDType())
            """)
    }
}
