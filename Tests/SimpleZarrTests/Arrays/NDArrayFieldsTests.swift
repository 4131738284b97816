import Foundation
import XCTest

@testable import SimpleZarr

/// `struct` data types: packing, field access, byte order per field, fill values, and the struct
/// arrays zarr-python wrote (v3 and v2).
final class NDArrayFieldsTests: XCTestCase {
    private let record = DataType.structured(fields: try! StructField.packed([("a", .int32), ("b", .float64)]))

    func testFieldsArePackedAndReadBack() throws {
        XCTAssertEqual(record.itemSize, 12)
        XCTAssertEqual(record.description, "struct(a: int32, b: float64)")
        XCTAssertTrue(record == "struct")
        var records = try NDArray(dtype: record, shape: [3])
        try records.setField("a", try NDArray([1, -2, 3] as [Int32]))
        try records.setField("b", try NDArray([0.5, 1.5, -2.5]))
        XCTAssertEqual(try records.field("a").toArray(as: Int32.self), [1, -2, 3])
        XCTAssertEqual(try records.field("b").toArray(as: Double.self), [0.5, 1.5, -2.5])
        XCTAssertEqual(records.description, """
            array([( 1,  0.5), (-2,  1.5), ( 3, -2.5)],
                  dtype=[('a', '<i4'), ('b', '<f8')])
            """)
        XCTAssertThrowsError(try records.field("c")) { XCTAssertTrue("\($0)".contains("fields: a, b"), "\($0)") }
        XCTAssertThrowsError(try records.setField("a", try NDArray([1, 2] as [Int32])))
        XCTAssertThrowsError(try NDArray([1] as [Int32]).field("a"))
        XCTAssertThrowsError(try StructField.packed([("a", .int8), ("a", .int16)]))
        XCTAssertThrowsError(try StructField.packed([("s", .string)]))
        XCTAssertThrowsError(try StructField.packed([]))
    }

    func testJSONAndFillValuesRoundTrip() throws {
        XCTAssertEqual(try DataType(json: record.json), record)
        XCTAssertEqual(try DataType(json: ["name": "struct", "configuration": ["fields": [["a", "int32"], ["b", "float64"]]]]), record)
        let fill = try FillValue(json: ["a": 7, "b": -1.5], dataType: record)
        XCTAssertEqual(fill.json, ["a": 7, "b": -1.5])
        // A field left out is zero, as zarr-python reads it; zarr-python 3.0's "structured" name reads too.
        XCTAssertEqual(try FillValue(json: ["a": 7], dataType: record).json, ["a": 7, "b": 0.0])
        XCTAssertEqual(try DataType(json: ["name": "structured", "configuration": ["fields": [["a", "int32"], ["b", "float64"]]]]), record)
        XCTAssertThrowsError(try DataType(json: ["name": "struct", "configuration": ["fields": [["a"]]]]))
    }

    func testBigEndianRecordsSwapEachField() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(
            store, "r", shape: [2], dtype: record, codecs: [BytesCodec(endian: .big)])
        var value = try NDArray(dtype: record, shape: [2])
        try value.setField("a", try NDArray([0x0102_0304, -1] as [Int32]))
        try value.setField("b", try NDArray([1.0, 2.0]))
        try array[...].set(value)
        let stored = try store.get("r/c/0")
        XCTAssertEqual([UInt8](stored.prefix(12)), [1, 2, 3, 4, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(try array[...].get(), value)
    }

    func testZarrPythonStructArraysReadFieldByField() throws {
        let manifest = ZarrFixtures.Manifest(try ZarrFixtures.manifest("manifest-dtypes.json"))
        var checked = 0
        for entry in manifest.arrays where entry["kind"]?.stringValue == "struct" {
            let root = try XCTUnwrap(entry["root"]?.stringValue)
            let path = try XCTUnwrap(entry["path"]?.stringValue)
            let node = try ZarrFixtures.openRoot(root)
            let label = "\(root)/\(path)"
            // A v2 structured dtype whose fields have different byte orders has no single `bytes` codec.
            if root.hasSuffix("v2"), path == "struct/be_fields" {
                XCTAssertThrowsError(try node[path] as ZarrNode, label) { XCTAssertTrue("\($0)".contains("mixes byte orders"), "\($0)") }
                continue
            }
            let array = try XCTUnwrap(try node[path] as? ZarrArray, label)
            let values = try array[...].get()
            let expected = try XCTUnwrap(entry["expected"]?["values"]?.arrayValue, label)
            guard case .structured(let fields) = array.dtype else { return XCTFail("\(label): dtype \(array.dtype)") }
            for field in fields {
                let column = try values.field(field.name)
                for (index, record) in expected.enumerated() {
                    let want = try XCTUnwrap(record[field.name], label)
                    let got = try FillValue(json: want, dataType: field.dataType)
                    let element = column.withUnsafeBytes { Array($0[(index * field.dataType.itemSize)..<((index + 1) * field.dataType.itemSize)]) }
                    XCTAssertEqual(element, got.bytes, "\(label)[\(index)].\(field.name)")
                }
            }
            XCTAssertEqual(array.fillValue.json, entry["expected"]?["fill"], label)
            checked += 1
        }
        XCTAssertEqual(checked, 7)
    }

    func testDataTypesBuiltInCodeAreCheckedBeforeAllocating() throws {
        let packed = try StructField.packed([("a", .int32), ("b", .float64)])
        let invalid: [DataType] = [
            .fixedLengthUTF32(characters: .max), .fixedLengthUTF32(characters: -1), .nullTerminatedBytes(length: -1),
            .rawBytes(length: 0), .raw(bits: 12), .datetime64(unit: .seconds, scaleFactor: 0),
            .structured(fields: Array(packed.reversed())), .structured(fields: []),
        ]
        for type in invalid {
            XCTAssertGreaterThanOrEqual(type.itemSize, 0, "\(type)")
            XCTAssertThrowsError(try NDArray(dtype: type, shape: [2]), "\(type)")
            XCTAssertThrowsError(try FillValue(json: nil, dataType: type), "\(type)")
            XCTAssertThrowsError(try ZarrArray.create(MemoryStore(), "a", shape: [2], dtype: type), "\(type)")
        }
        XCTAssertThrowsError(try StructField.packed([("x", .nullTerminatedBytes(length: -5))]))
        // Many fields: the name check is a set, not a scan per field.
        let many = try StructField.packed((0..<20_000).map { ("f\($0)", DataType.uint8) })
        XCTAssertEqual(DataType.structured(fields: many).itemSize, 20_000)
    }
}
