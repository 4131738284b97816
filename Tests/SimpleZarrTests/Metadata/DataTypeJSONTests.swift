import XCTest

@testable import SimpleZarr

final class DataTypeJSONTests: XCTestCase {
    /// Every type beyond the core: the text types, and datetimes/timedeltas of every unit.
    private var extensionTypes: [DataType] {
        [.string, .bytes, .fixedLengthUTF32(characters: 1), .fixedLengthUTF32(characters: 16_384), .nullTerminatedBytes(length: 8),
         .nullTerminatedBytes(length: 65_536), .rawBytes(length: 1), .rawBytes(length: 65_536)]
            + TimeUnit.allCases.flatMap { unit in
                [1, 10, DataType.maximumScaleFactor].flatMap { [DataType.datetime64(unit: unit, scaleFactor: $0), .timedelta64(unit: unit, scaleFactor: $0)] }
            }
    }

    func testEveryExtensionTypeRoundTripsThroughJSONText() throws {
        for type in extensionTypes {
            XCTAssertEqual(try DataType(json: type.json), type, "\(type)")
            XCTAssertEqual(try DataType(json: JSONValue.parse(type.json.jsonText)), type, "\(type)")
        }
    }

    /// The documents zarr-python 3.4.2 writes.
    func testZarrPythonSpellings() throws {
        let cases: [(String, DataType)] = [
            (#""string""#, .string),
            (#""variable_length_bytes""#, .bytes),
            (#"{"name": "fixed_length_utf32", "configuration": {"length_bytes": 16}}"#, .fixedLengthUTF32(characters: 4)),
            (#"{"name": "null_terminated_bytes", "configuration": {"length_bytes": 8}}"#, .nullTerminatedBytes(length: 8)),
            (#"{"name": "raw_bytes", "configuration": {"length_bytes": 4}}"#, .rawBytes(length: 4)),
            (#"{"name": "numpy.datetime64", "configuration": {"unit": "s", "scale_factor": 10}}"#, .datetime64(unit: .seconds, scaleFactor: 10)),
            (#"{"name": "numpy.timedelta64", "configuration": {"unit": "ns", "scale_factor": 1}}"#, .timedelta64(unit: .nanoseconds, scaleFactor: 1)),
            (#"{"name": "numpy.datetime64", "configuration": {"unit": "Y"}}"#, .datetime64(unit: .years, scaleFactor: 1)),
            (#"{"name": "uint8"}"#, .uint8),
        ]
        for (text, type) in cases {
            XCTAssertEqual(try DataType(json: JSONValue.parse(text)), type, text)
        }
        XCTAssertEqual(
            DataType.datetime64(unit: .seconds, scaleFactor: 10).json.jsonText,
            #"{"name": "numpy.datetime64", "configuration": {"unit": "s", "scale_factor": 10}}"#)
        XCTAssertEqual(DataType.fixedLengthUTF32(characters: 4).json.jsonText, #"{"name": "fixed_length_utf32", "configuration": {"length_bytes": 16}}"#)
        XCTAssertEqual(DataType.bytes.json, "variable_length_bytes")
    }

    func testNamesSizesAndKinds() {
        let utf32 = DataType.fixedLengthUTF32(characters: 4)
        XCTAssertEqual(utf32.name, "fixed_length_utf32")
        XCTAssertEqual(utf32.description, "fixed_length_utf32(length_bytes=16)")
        XCTAssertEqual(utf32.itemSize, 16)
        XCTAssertTrue(utf32 == "fixed_length_utf32")
        XCTAssertTrue(utf32 == "fixed_length_utf32(length_bytes=16)")
        let datetime = DataType.datetime64(unit: .seconds, scaleFactor: 10)
        XCTAssertEqual(datetime.description, "numpy.datetime64(unit='s', scale_factor=10)")
        XCTAssertEqual(datetime.itemSize, 8)
        XCTAssertTrue(datetime.isTemporal)
        XCTAssertEqual(datetime.scalarType, .int64)
        XCTAssertEqual(DataType.string.itemSize, 0)
        XCTAssertTrue(DataType.string.isVariableLength)
        XCTAssertTrue(DataType.bytes.isVariableLength)
        XCTAssertFalse(DataType.nullTerminatedBytes(length: 2).isVariableLength)
        XCTAssertNil(DataType.string.scalarType)
        XCTAssertNil(DataType.rawBytes(length: 2).scalarType)
        XCTAssertTrue(DataType.rawBytes(length: 2).isRaw)
        XCTAssertFalse(DataType.string.isTemporal)
    }

    func testBadConfigurationsAreRefused() throws {
        let refused: [String] = [
            // units and scale factors
            #"{"name": "numpy.datetime64", "configuration": {"unit": "fortnight", "scale_factor": 1}}"#,
            #"{"name": "numpy.datetime64", "configuration": {"unit": "", "scale_factor": 1}}"#,
            #"{"name": "numpy.timedelta64", "configuration": {"unit": 5}}"#,
            #"{"name": "numpy.datetime64", "configuration": {"unit": "s", "scale_factor": 0}}"#,
            #"{"name": "numpy.datetime64", "configuration": {"unit": "s", "scale_factor": -10}}"#,
            #"{"name": "numpy.datetime64", "configuration": {"unit": "s", "scale_factor": 2147483648}}"#,
            #"{"name": "numpy.timedelta64", "configuration": {"unit": "s", "scale_factor": 1.5}}"#,
            #"{"name": "numpy.timedelta64", "configuration": {"unit": "s", "scale_factor": "10"}}"#,
            #"{"name": "numpy.timedelta64", "configuration": {"unit": "s", "scale_factor": 18446744073709551615}}"#,
            // lengths
            #"{"name": "fixed_length_utf32", "configuration": {"length_bytes": 0}}"#,
            #"{"name": "fixed_length_utf32", "configuration": {"length_bytes": 6}}"#,
            #"{"name": "fixed_length_utf32", "configuration": {"length_bytes": 65540}}"#,
            #"{"name": "fixed_length_utf32", "configuration": {"length_bytes": -4}}"#,
            #"{"name": "null_terminated_bytes", "configuration": {"length_bytes": 0}}"#,
            #"{"name": "null_terminated_bytes", "configuration": {"length_bytes": 65537}}"#,
            #"{"name": "raw_bytes", "configuration": {"length_bytes": 0}}"#,
            #"{"name": "raw_bytes", "configuration": {"length_bytes": 1e9}}"#,
            #"{"name": "raw_bytes", "configuration": {"length_bytes": "4"}}"#,
            // missing or malformed configuration
            #"{"name": "fixed_length_utf32"}"#,
            #"{"name": "null_terminated_bytes", "configuration": {}}"#,
            #"{"name": "raw_bytes", "configuration": 4}"#,
            #"{"name": "numpy.datetime64"}"#,
            #"{"name": "numpy.timedelta64", "configuration": {"scale_factor": 1}}"#,
            #""fixed_length_utf32""#, #""null_terminated_bytes""#, #""raw_bytes""#, #""numpy.datetime64""#, #""numpy.timedelta64""#,
            #"{"configuration": {"unit": "s"}}"#,
        ]
        for text in refused {
            XCTAssertThrowsError(try DataType(json: JSONValue.parse(text)), text) { error in
                guard case .invalidArgument(let details) = error as? ZarrError else { return XCTFail("\(text): \(error)") }
                let message = details.message
                XCTAssertTrue(message.contains("data type") || message.contains("data_type"), message)
            }
        }
        XCTAssertThrowsError(try DataType(json: JSONValue.parse(#"{"name": "numpy.datetime128", "configuration": {"unit": "s"}}"#))) { error in
            guard case .unsupported = error as? ZarrError else { return XCTFail("\(error)") }
        }
    }
}
