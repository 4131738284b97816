import XCTest

@testable import SimpleZarr

final class DataTypeAndFillValueTests: XCTestCase {
    func testNamesRoundTripAndCompareWithStrings() throws {
        for type in DataType.namedTypes {
            XCTAssertEqual(try DataType(zarrName: type.name), type)
        }
        XCTAssertEqual(try DataType(zarrName: "r24"), .raw(bits: 24))
        XCTAssertEqual(DataType.raw(bits: 24).itemSize, 3)
        XCTAssertTrue(DataType.uint16 == "uint16")
        XCTAssertTrue("float32" == DataType.float32)
        XCTAssertTrue(DataType.int8 != "uint8")
        XCTAssertEqual("\(DataType.complex128)", "complex128")
    }

    func testUnknownAndBadRawTypesThrow() {
        XCTAssertThrowsError(try DataType(zarrName: "float128"))
        XCTAssertThrowsError(try DataType(zarrName: "r12"))
        XCTAssertThrowsError(try DataType(zarrName: "r0"))
        XCTAssertThrowsError(try DataType(zarrName: "r"))
        XCTAssertThrowsError(try DataType(zarrName: "r٣"))  // a non-ASCII digit
    }

    func testFloatFillValuesInEverySpelling() throws {
        func bits32(_ json: JSONValue) throws -> UInt32 {
            let fill = try FillValue(json: json, dataType: .float32)
            return fill.bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        }
        XCTAssertEqual(try bits32(1.5), Float(1.5).bitPattern)
        XCTAssertEqual(try bits32(3), Float(3).bitPattern)
        XCTAssertEqual(try bits32("NaN"), 0x7FC0_0000)
        XCTAssertEqual(try bits32("Infinity"), Float.infinity.bitPattern)
        XCTAssertEqual(try bits32("-Infinity"), (-Float.infinity).bitPattern)
        XCTAssertEqual(try bits32("0x7fc00001"), 0x7FC0_0001)
        XCTAssertEqual(try FillValue(json: "0x7fc00001", dataType: .float32).json, "0x7fc00001")
        XCTAssertEqual(try FillValue(json: "NaN", dataType: .float64).json, "NaN")
        XCTAssertEqual(try FillValue(json: -0.0, dataType: .float64).bytes.last, 0x80)
        XCTAssertThrowsError(try FillValue(json: "0x7fc0", dataType: .float32))
        XCTAssertThrowsError(try FillValue(json: "nope", dataType: .float64))
        XCTAssertThrowsError(try FillValue(json: [1, 2], dataType: .float64))
    }

    func testFloat16Conversion() throws {
        XCTAssertEqual(float16Bits(1.0), 0x3C00)
        XCTAssertEqual(float16Bits(-2.0), 0xC000)
        XCTAssertEqual(float16Bits(65504), 0x7BFF)
        XCTAssertEqual(float16Bits(65520), 0x7C00)  // rounds to infinity
        XCTAssertEqual(float16Bits(0x1p-24), 0x0001)  // smallest subnormal
        XCTAssertEqual(float16Bits(.infinity), 0x7C00)
        XCTAssertEqual(float16Bits(.nan) & 0x7E00, 0x7E00)
        for bits in [UInt16(0x0001), 0x03FF, 0x0400, 0x3C01, 0x7BFF, 0x8001, 0xFBFF] {
            XCTAssertEqual(float16Bits(float16Value(bits)), bits, "0x\(String(bits, radix: 16))")
        }
        XCTAssertEqual(try FillValue(json: 0.5, dataType: .float16).bytes, [0x00, 0x38])
    }

    func testIntegerFillValuesAreRangeChecked() throws {
        XCTAssertEqual(try FillValue(json: .uint(UInt64.max), dataType: .uint64).bytes, [UInt8](repeating: 0xFF, count: 8))
        XCTAssertEqual(try FillValue(json: .uint(UInt64.max), dataType: .uint64).json, .uint(UInt64.max))
        XCTAssertEqual(try FillValue(json: .int(Int64.min), dataType: .int64).json, .int(Int64.min))
        XCTAssertEqual(try FillValue(json: -128, dataType: .int8).bytes, [0x80])
        XCTAssertThrowsError(try FillValue(json: -129, dataType: .int8))
        XCTAssertThrowsError(try FillValue(json: 256, dataType: .uint8))
        XCTAssertThrowsError(try FillValue(json: -1, dataType: .uint32))
        XCTAssertThrowsError(try FillValue(json: 1.5, dataType: .int32))
        XCTAssertThrowsError(try FillValue(json: "x", dataType: .int32))
    }

    func testComplexBoolAndRawFillValues() throws {
        let complex = try FillValue(json: [1.5, "NaN"], dataType: .complex64)
        XCTAssertEqual(complex.json, [1.5, "NaN"])
        XCTAssertEqual(complex.bytes.count, 8)
        XCTAssertThrowsError(try FillValue(json: 1.5, dataType: .complex128))
        XCTAssertEqual(try FillValue(json: true, dataType: .bool).bytes, [1])
        XCTAssertThrowsError(try FillValue(json: 2, dataType: .bool))
        XCTAssertEqual(try FillValue(json: [1, 2, 255], dataType: .raw(bits: 24)).bytes, [1, 2, 255])
        XCTAssertThrowsError(try FillValue(json: [1, 2], dataType: .raw(bits: 24)))
        XCTAssertThrowsError(try FillValue(json: [1, 2, 256], dataType: .raw(bits: 24)))
        XCTAssertEqual(try FillValue(json: nil, dataType: .float64).json, 0.0)
    }

    func testMatchesEveryElementComparesBits() throws {
        let nan = try FillValue(json: "NaN", dataType: .float32)
        let nans = try NDArray([Float.nan, Float.nan], shape: [2])
        XCTAssertTrue(nans.withUnsafeBytes { nan.matchesEveryElement(of: $0) })
        let zero = try FillValue(json: 0.0, dataType: .float32)
        let negativeZero = try NDArray([Float(0), Float(-0.0)], shape: [2])
        XCTAssertFalse(negativeZero.withUnsafeBytes { zero.matchesEveryElement(of: $0) })
    }
}
