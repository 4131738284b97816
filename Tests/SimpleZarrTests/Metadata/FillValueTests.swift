import Foundation
import XCTest

@testable import SimpleZarr

/// Fill values of the extension types, as zarr-python 3.4.2 writes them.
final class FillValueTests: XCTestCase {
    private func int64(_ fill: FillValue) -> Int64 { fill.bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) } }

    private func refuses(_ json: JSONValue, _ type: DataType, line: UInt = #line) {
        XCTAssertThrowsError(try FillValue(json: json, dataType: type), "\(json) for \(type)", line: line) { error in
            guard case .invalidMetadata(let details) = error as? ZarrError else { return XCTFail("\(error)", line: line) }
            let message = details.message
            XCTAssertTrue(message.contains(type.description), message, line: line)
        }
    }

    func testDatetimeAndTimedeltaFills() throws {
        for type in [DataType.datetime64(unit: .seconds, scaleFactor: 10), .timedelta64(unit: .nanoseconds, scaleFactor: 1)] {
            let natFromInteger = try FillValue(json: .int(Int64.min), dataType: type)
            XCTAssertEqual(int64(natFromInteger), DataType.notATime)
            XCTAssertEqual(natFromInteger.json, .int(Int64.min))  // zarr-python writes the integer
            let natFromText = try FillValue(json: "NaT", dataType: type)
            XCTAssertEqual(natFromText, natFromInteger)
            XCTAssertEqual(int64(try FillValue(json: 1_234, dataType: type)), 1_234)
            XCTAssertEqual(int64(try FillValue(json: .int(Int64.max), dataType: type)), Int64.max)
            XCTAssertEqual(int64(try FillValue(json: -1, dataType: type)), -1)
            XCTAssertEqual(int64(try FillValue(json: nil, dataType: type)), 0)
            XCTAssertEqual(FillValue.zero(type).json, 0)
            refuses(1.5, type)
            refuses("nat", type)
            refuses("2020-01-01", type)
            refuses(.uint(UInt64(Int64.max) + 1), type)
            refuses([1], type)
            refuses(true, type)
        }
        let filled = try NDArray(dtype: .datetime64(unit: .days, scaleFactor: 1), shape: [2], fillValue: try FillValue(json: "NaT", dataType: .datetime64(unit: .days, scaleFactor: 1)))
        XCTAssertEqual(try filled.toDates(), [nil, nil])
    }

    func testStringFills() throws {
        let fill = try FillValue(json: "héllo 😀", dataType: .string)
        XCTAssertEqual(fill.variableLengthElement, Data("héllo 😀".utf8))
        XCTAssertEqual(fill.json, "héllo 😀")
        XCTAssertTrue(fill.bytes.isEmpty)
        XCTAssertEqual(try FillValue(json: nil, dataType: .string).variableLengthElement, Data())
        XCTAssertEqual(FillValue.zero(.string).json, "")
        refuses(5, .string)
        refuses(["a"], .string)
    }

    func testVariableLengthBytesFillsAreBase64() throws {
        let fill = try FillValue(json: "AAEC/w==", dataType: .bytes)
        XCTAssertEqual(fill.variableLengthElement, Data([0, 1, 2, 255]))
        XCTAssertEqual(fill.json, "AAEC/w==")
        XCTAssertEqual(try FillValue(json: [0, 1, 2, 255], dataType: .bytes), fill)
        XCTAssertEqual(try FillValue(json: "", dataType: .bytes).variableLengthElement, Data())
        refuses("not base64!", .bytes)
        refuses([256], .bytes)
        refuses(3, .bytes)
    }

    func testRawBytesFillsNeedTheExactLength() throws {
        let type = DataType.rawBytes(length: 3)
        let fill = try FillValue(json: "AAEC", dataType: type)
        XCTAssertEqual(fill.bytes, [0, 1, 2])
        XCTAssertEqual(fill.json, "AAEC")
        XCTAssertEqual(try FillValue(json: "AAAA", dataType: type).json, "AAAA")  // zeros are data, not padding
        XCTAssertEqual(try FillValue(json: nil, dataType: type).bytes, [0, 0, 0])
        refuses("AAE=", type)  // 2 bytes
        refuses("AAECAw==", type)  // 4 bytes
        refuses("@@@@", type)
    }

    func testNullTerminatedBytesFillsArePadded() throws {
        let type = DataType.nullTerminatedBytes(length: 8)
        let fill = try FillValue(json: "aGVsbG8=", dataType: type)  // "hello"
        XCTAssertEqual(fill.bytes, Array("hello".utf8) + [0, 0, 0])
        XCTAssertEqual(fill.json, "aGVsbG8=")
        XCTAssertEqual(try FillValue(json: "aGVsbG8AAAA=", dataType: type), fill)  // written with its padding
        XCTAssertEqual(try FillValue(json: .string(Data(count: 8).base64EncodedString()), dataType: type).json, "")
        XCTAssertEqual(try FillValue(json: .string(Data(repeating: 65, count: 8).base64EncodedString()), dataType: type).bytes, [UInt8](repeating: 65, count: 8))
        refuses(.string(Data(repeating: 65, count: 9).base64EncodedString()), type)
        refuses(1, type)
    }

    func testFixedLengthUTF32FillsFitTheirCharacters() throws {
        let type = DataType.fixedLengthUTF32(characters: 4)
        let fill = try FillValue(json: "abcd", dataType: type)
        XCTAssertEqual(fill.bytes.count, 16)
        XCTAssertEqual(fill.json, "abcd")
        XCTAssertEqual(fill.bytes.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }, [0x61, 0x62, 0x63, 0x64])
        let short = try FillValue(json: "é😀", dataType: type)
        XCTAssertEqual(short.bytes.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }, [0xE9, 0x1F600, 0, 0])
        XCTAssertEqual(short.json, "é😀")
        XCTAssertEqual(try FillValue(json: nil, dataType: type).json, "")
        refuses("abcde", type)
        refuses("🇳🇴🇳🇴🇳", type)  // five scalars, though three characters
        refuses(5, type)
    }
}
