import XCTest

@testable import SimpleZarr

final class NumpyTypeStringTests: XCTestCase {
    func testTextAndTemporalTypesParseAndPrint() throws {
        let cases: [(String, DataType, Endianness?)] = [
            ("<U4", .fixedLengthUTF32(characters: 4), .little),
            (">U4", .fixedLengthUTF32(characters: 4), .big),
            ("|S8", .nullTerminatedBytes(length: 8), nil),
            ("|V4", .raw(bits: 32), nil),
            ("<M8[ns]", .datetime64(unit: .nanoseconds, scaleFactor: 1), .little),
            (">M8[10s]", .datetime64(unit: .seconds, scaleFactor: 10), .big),
            ("<m8[s]", .timedelta64(unit: .seconds, scaleFactor: 1), .little),
            ("<m8[2147483647as]", .timedelta64(unit: .attoseconds, scaleFactor: 2_147_483_647), .little),
            ("<M8[Y]", .datetime64(unit: .years, scaleFactor: 1), .little),
            (">m8[7D]", .timedelta64(unit: .days, scaleFactor: 7), .big),
        ]
        for (text, type, endian) in cases {
            let parsed = try NumpyTypeString(text)
            XCTAssertEqual(parsed.dataType, type, text)
            XCTAssertEqual(parsed.endian, endian, text)
            XCTAssertFalse(parsed.isObject, text)
            XCTAssertEqual(parsed.text, text)
            XCTAssertEqual(NumpyTypeString(dataType: type, endian: endian ?? .little).text, text)
        }
        XCTAssertEqual(NumpyTypeString(dataType: .nullTerminatedBytes(length: 3), endian: .big).text, "|S3")
        XCTAssertEqual(NumpyTypeString(dataType: .rawBytes(length: 5)).text, "|V5")
        XCTAssertEqual(try NumpyTypeString("U4").dataType, .fixedLengthUTF32(characters: 4))
        XCTAssertEqual(try NumpyTypeString("|a3").dataType, .nullTerminatedBytes(length: 3))
    }

    func testObjectKind() throws {
        let object = try NumpyTypeString("|O")
        XCTAssertTrue(object.isObject)
        XCTAssertEqual(object.dataType, .string)
        XCTAssertNil(object.endian)
        XCTAssertEqual(object.text, "|O")
        XCTAssertEqual(NumpyTypeString(dataType: .bytes).text, "|O")
        XCTAssertTrue(try NumpyTypeString("|O8").isObject)
    }

    func testGenericAndMalformedTypesAreRefused() {
        func expect(_ text: String, unsupported: Bool, line: UInt = #line) {
            XCTAssertThrowsError(try NumpyTypeString(text), text, line: line) { error in
                switch error as? ZarrError {
                case .unsupported?: XCTAssertTrue(unsupported, "\(text): \(error)", line: line)
                case .invalidMetadata?: XCTAssertFalse(unsupported, "\(text): \(error)", line: line)
                default: XCTFail("\(text): \(error)", line: line)
                }
                XCTAssertTrue(text.isEmpty || "\(error)".contains(text), "\(error) names \(text)", line: line)
            }
        }
        expect("<M8", unsupported: true)  // numpy's generic datetime: no unit to store
        expect("<m8", unsupported: true)
        expect("<U", unsupported: true)
        expect("|S", unsupported: true)
        for text in ["<M8[xx]", "<M8[]", "<M8[ns", "<M8ns]", "<M8[0s]", "<M8[2147483648s]", "<M8[-1s]", "<M4[s]", "<m8[fortnight]",
                     "<M8[99999999999s]", "<U0", "<U16385", "|S0", "|S65537", "|O4", "|V0", "<", ""] {
            expect(text, unsupported: false)
        }
    }
}
