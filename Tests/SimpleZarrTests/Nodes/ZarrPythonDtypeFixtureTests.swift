import Foundation
import XCTest

@testable import SimpleZarr

/// Reads the hierarchies of non-numeric data types zarr-python 3.4.2 wrote into
/// Fixtures/zarr-python-dtypes-v3 and -v2 (Scripts/make_dtype_fixtures.py) and compares every
/// array with Fixtures/manifest-dtypes.json: the data type (name and configuration), shape,
/// chunk shape, fill value and document, then every value, through a whole-array read, a few
/// region reads, `getChunk` of an edge chunk and of a missing one, and for sharded arrays a read
/// inside one inner chunk. Text is compared by its UTF-8 bytes (Swift's `==` on `String` is
/// canonical equivalence, under which "é" and "e" + U+0301 are equal), byte strings by their
/// bytes, datetimes and timedeltas as their Int64 counts, structs field by field. numpy's unit-less
/// `generic` datetimes and the v2 struct whose fields mix byte orders must be refused with
/// `ZarrError.unsupported` naming the reason; every other array must be compared, so a silently
/// skipped one fails the count.
final class ZarrPythonDtypeFixtureTests: XCTestCase {
    /// The manifest's arrays of the root named `key` in its `roots` ("v3" or "v2"), and that root's folder.
    func entries(_ key: String) throws -> (folder: String, arrays: [JSONObject]) {
        let manifest = try ZarrFixtures.manifest("manifest-dtypes.json")
        let folder = try XCTUnwrap(manifest["roots"]?[key]?.stringValue)
        return (folder, ZarrFixtures.Manifest(manifest).arrays.filter { $0["root"]?.stringValue == folder })
    }

    func testV3EveryArrayValueByValue() throws {
        let counts = try checkRoot("v3")
        XCTAssertEqual(counts.compared, 58)
        XCTAssertEqual(counts.refused, 3)  // the generic datetimes and timedeltas
    }

    func testV2EveryArrayValueByValue() throws {
        let counts = try checkRoot("v2")
        XCTAssertEqual(counts.compared, 55)
        XCTAssertEqual(counts.refused, 4)  // and struct/be_fields, whose fields mix byte orders
    }

    /// Checks every array of one root; returns how many were compared value by value and how many refused.
    func checkRoot(_ key: String) throws -> (compared: Int, refused: Int) {
        let (folder, arrays) = try entries(key)
        XCTAssertGreaterThan(arrays.count, 50)
        let root = try ZarrFixtures.openRoot(folder)
        var compared = 0
        var refused = 0
        for entry in arrays {
            let path = try XCTUnwrap(entry["path"]?.stringValue)
            if let refusal = DtypeFixture.refusal(entry) {
                XCTAssertThrowsError(try root[path], path) { error in
                    guard case ZarrError.unsupported(let details) = error else {
                        return XCTFail("\(path): expected ZarrError.unsupported, got \(error)")
                    }
                    XCTAssertTrue(details.message.contains(refusal), "\(path): '\(refusal)' not named in: \(details)")
                    XCTAssertTrue(details.message.contains(path), "\(path): the array is not named in: \(details)")
                }
                refused += 1
                continue
            }
            let array = try XCTUnwrap(try root[path] as? ZarrArray, path)
            try DtypeFixture.checkMetadata(array, entry)
            try DtypeFixture.checkValues(array, entry)
            compared += 1
        }
        let expectedRefusals = arrays.filter { DtypeFixture.refusal($0) != nil }.count
        XCTAssertEqual(compared, arrays.count - expectedRefusals, "\(folder): arrays left unchecked")
        XCTAssertEqual(refused, expectedRefusals, folder)
        print("\(folder): compared \(compared) arrays value by value; \(refused) refused as unsupported")
        return (compared, refused)
    }

    /// The comparison the tests rely on tells canonically equivalent texts apart.
    func testTextIsComparedByItsUTF8Bytes() {
        XCTAssertTrue("\u{E9}" == "e\u{301}", "Swift's String == is canonical equivalence")
        XCTAssertNotEqual(DtypeFixture.Element.text("\u{E9}"), .text("e\u{301}"))
        XCTAssertEqual(DtypeFixture.Element.text("a\u{0}b"), .text("a\u{0}b"))
        XCTAssertNotEqual(DtypeFixture.Element.text("a"), .bytes(Data("a".utf8)))
    }

    // MARK: Printing

    func testStructureAndDescriptionsNameTheTypes() throws {
        let v3 = try ZarrFixtures.openRoot("zarr-python-dtypes-v3")
        let structure = v3.getStructure()
        for line in [
            "<ZarrArray 'strings/vlen_1d' 23 string>", "<ZarrArray 'bytes/vlen_1d' 17 variable_length_bytes>",
            "<ZarrArray 'fixed/U4' 7x5 fixed_length_utf32(length_bytes=16)>",
            "<ZarrArray 'fixed/S8' 13 null_terminated_bytes(length_bytes=8)>",
            "<ZarrArray 'fixed/V4' 5 raw_bytes(length_bytes=4)>",
            "<ZarrArray 'datetime64/scaled_10s' 13 numpy.datetime64(unit='s', scale_factor=10)>",
            "<ZarrArray 'timedelta64/ns' 13 numpy.timedelta64(unit='ns', scale_factor=1)>",
            "<ZarrArray 'sharded/vlen_2d_none' 10x9 string>",
        ] {
            XCTAssertTrue(structure.contains(line), "getStructure() lacks \(line):\n\(structure)")
        }
        XCTAssertTrue(structure.contains("<ZarrArray 'struct/packed_u1_i2_f4' 4 struct(x: uint8, y: int16, z: float32)>"), structure)
        // The refused generic datetimes are listed with the reason, and the listing goes on.
        XCTAssertTrue(structure.contains("<unreadable 'datetime64/generic': unsupported: "), structure)
        let datetimes = try XCTUnwrap(try v3["datetime64"] as? ZarrGroup)
        XCTAssertEqual(try datetimes.unreadableChildren.map(\.path).sorted(), ["datetime64/generic", "datetime64/generic_unwritten"])
        let strings = try XCTUnwrap(try v3["strings/vlen_1d"] as? ZarrArray)
        XCTAssertEqual(strings.description, "<ZarrArray 'strings/vlen_1d' 23 string>")
        XCTAssertTrue(strings.dtype == "string")
        let scaled = try XCTUnwrap(try v3["datetime64/scaled_10s"] as? ZarrArray)
        XCTAssertEqual(scaled.description, "<ZarrArray 'datetime64/scaled_10s' 13 numpy.datetime64(unit='s', scale_factor=10)>")
        XCTAssertTrue(scaled.dtype == "numpy.datetime64(unit='s', scale_factor=10)")
        XCTAssertTrue(scaled.dtype == "numpy.datetime64")

        let v2 = try ZarrFixtures.openRoot("zarr-python-dtypes-v2")
        let v2Structure = v2.getStructure()
        for line in [
            "<ZarrArray 'strings/vlen_2d_F' 5x6 string>", "<ZarrArray 'bytes/vlen_2d_fill' 5x6 variable_length_bytes>",
            "<ZarrArray 'fixed/U4_be' 7x5 fixed_length_utf32(length_bytes=16)>",
            "<ZarrArray 'datetime64/scaled_25ms' 13 numpy.datetime64(unit='ms', scale_factor=25)>",
            "<ZarrArray 'timedelta64/ms_be' 13 numpy.timedelta64(unit='ms', scale_factor=1)>",
        ] {
            XCTAssertTrue(v2Structure.contains(line), "getStructure() lacks \(line):\n\(v2Structure)")
        }
    }
}

/// What the dtype fixture tests compare: elements in the forms of the manifest's `expected`.
enum DtypeFixture {
    /// One element: text (compared by its UTF-8 bytes, never by canonical equivalence), bytes, or
    /// a datetime / timedelta count.
    enum Element: Equatable, CustomStringConvertible {
        case text(String)
        case bytes(Data)
        case count(Int64)
        /// A struct element: its fields' names and values, in order (every field type in the
        /// fixtures holds its values exactly as a Double).
        case record([String], [Double])

        static func == (lhs: Element, rhs: Element) -> Bool {
            switch (lhs, rhs) {
            case (.text(let a), .text(let b)): return a.utf8.elementsEqual(b.utf8)
            case (.bytes(let a), .bytes(let b)): return a == b
            case (.count(let a), .count(let b)): return a == b
            case (.record(let names, let a), .record(let otherNames, let b)): return names == otherNames && a == b
            default: return false
            }
        }

        /// The manifest's spelling: a JSON string, base64 text, or an integer.
        var json: JSONValue {
            switch self {
            case .text(let text): return .string(text)
            case .bytes(let data): return .string(data.base64EncodedString())
            case .count(let count): return .int(count)
            case .record(let names, let values):
                var object: JSONObject = [:]
                for (name, value) in zip(names, values) { object[name] = .double(value) }
                return .object(object)
            }
        }

        var description: String {
            switch self {
            case .text(let text): return "\"\(text.prefix(40))\" (\(text.utf8.count) UTF-8 bytes: \(text.utf8.prefix(12).map { String($0, radix: 16) }))"
            case .bytes(let data): return "bytes \(data.base64EncodedString().prefix(40)) (\(data.count))"
            case .count(let count): return "count \(count)"
            case .record(let names, let values): return "record \(zip(names, values).map { "\($0): \($1)" })"
            }
        }
    }

    /// Why the entry's array must be refused (the words the error must name), or `nil` if it must be read.
    static func refusal(_ entry: JSONObject) -> String? {
        if entry["expected"]?["unit"]?.stringValue == "generic" { return "generic" }
        // A v2 structured dtype lists [name, type string] pairs; one `bytes` codec has one byte order.
        let orders = Set((entry["data_type"]?.arrayValue ?? []).compactMap { $0.arrayValue?.last?.stringValue?.first })
        if orders.contains("<"), orders.contains(">") { return "mixes byte orders" }
        return nil
    }

    /// The elements of `value` in C order, in the form `form` of the manifest.
    static func elements(_ value: NDArray, form: String) throws -> [Element] {
        switch form {
        case "string": return try value.toArray(as: String.self).map(Element.text)
        case "base64": return try value.toArray(as: Data.self).map(Element.bytes)
        case "int64": return try value.toArray(as: Int64.self).map(Element.count)
        case "object":
            guard case .structured(let fields) = value.dtype else { throw ZarrError.invalidArgument("\(value.dtype) is no struct") }
            let columns = try fields.map { try numbers(try value.field($0.name)) }
            return (0..<value.count).map { index in .record(fields.map(\.name), columns.map { $0[index] }) }
        default: throw ZarrError.invalidArgument("unknown expected form '\(form)'")
        }
    }

    /// A numeric array of `values` (each exactly representable in `dtype`, one of those `numbers` reads).
    static func array(numbers values: [Double], dtype: DataType, shape: [Int]) throws -> NDArray {
        func exactly<T: BinaryInteger & ZarrScalar>(_ type: T.Type) throws -> NDArray {
            try NDArray(try values.map { try XCTUnwrap(T(exactly: $0), "\($0) as \(T.self)") }, shape: shape)
        }
        switch dtype {
        case .int8: return try exactly(Int8.self)
        case .int16: return try exactly(Int16.self)
        case .int32: return try exactly(Int32.self)
        case .uint8: return try exactly(UInt8.self)
        case .uint16: return try exactly(UInt16.self)
        case .uint32: return try exactly(UInt32.self)
        case .float32: return try NDArray(values.map { Float($0) }, shape: shape)
        case .float64: return try NDArray(values, shape: shape)
        default: throw ZarrError.invalidArgument("no struct fields of \(dtype) here")
        }
    }

    /// The elements of a numeric array as Doubles (exact for the field types of the fixtures).
    static func numbers(_ value: NDArray) throws -> [Double] {
        switch value.dtype {
        case .int8: return try value.toArray(as: Int8.self).map(Double.init)
        case .int16: return try value.toArray(as: Int16.self).map(Double.init)
        case .int32: return try value.toArray(as: Int32.self).map(Double.init)
        case .uint8: return try value.toArray(as: UInt8.self).map(Double.init)
        case .uint16: return try value.toArray(as: UInt16.self).map(Double.init)
        case .uint32: return try value.toArray(as: UInt32.self).map(Double.init)
        case .float32: return try value.toArray(as: Float.self).map(Double.init)
        case .float64: return try value.toArray(as: Double.self)
        default: throw ZarrError.invalidArgument("no exact Double for struct fields of \(value.dtype)")
        }
    }

    /// The manifest form of `dtype`'s elements: "string" for text, "base64" for byte strings,
    /// "int64" for datetimes and timedeltas.
    static func form(of dtype: DataType) -> String {
        switch dtype {
        case .string, .fixedLengthUTF32: return "string"
        case .datetime64, .timedelta64: return "int64"
        case .structured: return "object"
        default: return "base64"
        }
    }

    /// An array of `dtype` and `shape` holding `values` (all in the form of `dtype`), in C order.
    static func array(_ values: [Element], dtype: DataType, shape: [Int]) throws -> NDArray {
        if case .structured(let fields) = dtype {
            var records = try NDArray(dtype: dtype, shape: shape)
            for (position, field) in fields.enumerated() {
                let column = try values.map { value -> Double in
                    guard case .record(_, let numbers) = value else { throw ZarrError.invalidArgument("not a record: \(value)") }
                    return numbers[position]
                }
                try records.setField(field.name, try array(numbers: column, dtype: field.dataType, shape: shape))
            }
            return records
        }
        var texts: [String] = []
        var byteStrings: [Data] = []
        var counts: [Int64] = []
        for value in values {
            switch value {
            case .text(let text): texts.append(text)
            case .bytes(let data): byteStrings.append(data)
            case .count(let count): counts.append(count)
            case .record: throw ZarrError.invalidArgument("DtypeFixture.array: records are not built here")
            }
        }
        switch form(of: dtype) {
        case "string": return try NDArray(texts, dtype: dtype, shape: shape)
        case "base64": return try NDArray(byteStrings, dtype: dtype, shape: shape)
        default: return try counts.withUnsafeBytes { try NDArray(dtype: dtype, shape: shape, bytes: $0) }
        }
    }

    /// One manifest value in the form `form`.
    static func element(_ json: JSONValue, form: String) throws -> Element {
        switch form {
        case "string": return .text(try XCTUnwrap(json.stringValue))
        case "base64": return .bytes(try XCTUnwrap(Data(base64Encoded: try XCTUnwrap(json.stringValue))))
        case "int64": return .count(Int64(try XCTUnwrap(json.intValue, "\(json)")))
        case "object":
            let fields = try XCTUnwrap(json.objectValue)
            return .record(fields.map(\.key), try fields.map { try XCTUnwrap($0.value.doubleValue) })
        default: throw ZarrError.invalidArgument("unknown expected form '\(form)'")
        }
    }

    /// The entry's expected form, values (C order) and fill element.
    static func expected(_ entry: JSONObject) throws -> (form: String, values: [Element], fill: Element) {
        let expected = try XCTUnwrap(entry["expected"])
        let form = try XCTUnwrap(expected["form"]?.stringValue)
        let values = try XCTUnwrap(expected["values"]?.arrayValue).map { try element($0, form: form) }
        return (form, values, try element(try XCTUnwrap(expected["fill"]), form: form))
    }

    // MARK: Metadata

    /// The description a data type must have: its name, with the configuration of a configured type.
    static func expectedDescription(_ entry: JSONObject) throws -> String {
        let dataType = try XCTUnwrap(entry["data_type"])
        if let pairs = dataType.arrayValue {
            // A v2 structured dtype: [name, numpy type string] pairs such as ["a", "<i4"].
            let fields = try pairs.map { pair -> String in
                let name = try XCTUnwrap(pair.arrayValue?.first?.stringValue)
                let type = try XCTUnwrap(pair.arrayValue?.last?.stringValue).dropFirst()
                let kind = try XCTUnwrap(["i": "int", "u": "uint", "f": "float"][String(type.prefix(1))])
                return "\(name): \(kind)\(8 * (Int(type.dropFirst()) ?? 0))"
            }
            return "struct(\(fields.joined(separator: ", ")))"
        }
        if let v3Name = dataType["name"]?.stringValue {
            let configuration = dataType["configuration"] ?? [:]
            if let fields = configuration["fields"]?.arrayValue {
                let list = try fields.map { "\(try XCTUnwrap($0["name"]?.stringValue)): \(try XCTUnwrap($0["data_type"]?.stringValue))" }
                return "\(v3Name)(\(list.joined(separator: ", ")))"
            }
            if let length = configuration["length_bytes"]?.intValue { return "\(v3Name)(length_bytes=\(length))" }
            let unit = try XCTUnwrap(configuration["unit"]?.stringValue)
            return "\(v3Name)(unit='\(unit)', scale_factor=\(try XCTUnwrap(configuration["scale_factor"]?.intValue)))"
        }
        let text = try XCTUnwrap(dataType.stringValue)
        let kind = try XCTUnwrap(entry["kind"]?.stringValue)
        let digits = Int(text.filter(\.isNumber)) ?? 0
        switch kind {
        case "string" where text.hasPrefix("|O") || text == "string": return "string"
        case "bytes": return "variable_length_bytes"
        case "fixed_string": return "fixed_length_utf32(length_bytes=\(4 * digits))"
        case "null_terminated_bytes": return "null_terminated_bytes(length_bytes=\(digits))"
        // v2 `|V<n>` reads as the core raw type `r<8n>` (as in Fixtures/manifest-v2.json); only v3
        // documents name `raw_bytes`.
        case "raw_bytes": return "r\(8 * digits)"
        case "datetime", "timedelta":
            let expected = try XCTUnwrap(entry["expected"])
            let unit = try XCTUnwrap(expected["unit"]?.stringValue)
            let scale = try XCTUnwrap(expected["scale_factor"]?.intValue)
            return "numpy.\(kind)64(unit='\(unit)', scale_factor=\(scale))"
        default:
            throw ZarrError.invalidArgument("unknown kind '\(kind)' with data type \(text)")
        }
    }

    /// Checks the data type (name and description), shape, chunk shape, fill value and document.
    static func checkMetadata(_ array: ZarrArray, _ entry: JSONObject) throws {
        let path = array.path
        let description = try expectedDescription(entry)
        XCTAssertEqual(array.dtype.description, description, path)
        XCTAssertEqual(array.dtype.name, String(description.prefix { $0 != "(" }), path)
        XCTAssertTrue(array.dtype == description, path)
        XCTAssertEqual(.array(array.shape.map { .int(Int64($0)) }), entry["shape"], path)
        XCTAssertEqual(.array(array.chunkShape.map { .int(Int64($0)) }), entry["chunk_shape"], path)
        XCTAssertEqual(array.zarrFormat, entry["zarr_format"]?.intValue, path)
        XCTAssertEqual(.object(array.metadata), entry["metadata"], path)
        // The fill value: as parsed from the manifest's spelling, and as one element reads back.
        let expected = try self.expected(entry)
        let fill = try NDArray(dtype: array.dtype, shape: [], fillValue: array.fillValue)
        XCTAssertEqual(try elements(fill, form: expected.form), [expected.fill], "\(path): fill value")
        if array.zarrFormat == 3 {
            XCTAssertEqual(array.fillValue, try FillValue(json: entry["fill_value"] ?? .null, dataType: array.dtype), path)
        }
    }

    // MARK: Values

    /// Compares every value: whole, a few regions, an edge chunk, a missing chunk and, sharded, an inner chunk's region.
    static func checkValues(_ array: ZarrArray, _ entry: JSONObject) throws {
        let path = array.path
        let (form, values, fill) = try expected(entry)
        XCTAssertEqual(values.count, array.size, "\(path): the manifest's value count")

        // The whole array.
        let whole = try array[...].get()
        XCTAssertEqual(whole.shape, array.shape, path)
        XCTAssertEqual(whole.dtype, array.dtype, path)
        try compare(try elements(whole, form: form), values, "\(path)[...]")

        // Regions: across chunk boundaries, strided, and with an axis dropped by an integer.
        if array.ndim > 0 {
            for region in regions(array.shape, chunkShape: array.chunkShape) {
                let got = try array.select(region).get()
                let (shape, flat) = selected(region, in: array.shape)
                XCTAssertEqual(got.shape, shape, "\(path)\(region)")
                try compare(try elements(got, form: form), flat.map { values[$0] }, "\(path)\(region)")
            }
        }

        // Chunks: the last one (an edge chunk when the grid does not divide the shape), each
        // missing one (entirely the fill value, its padding too), and the first.
        let readable = try XCTUnwrap(array.store as? any ReadableStore)
        let missing = (entry["missing_chunks"]?.arrayValue ?? []).map { $0.arrayValue?.compactMap(\.intValue) ?? [] }
        for index in missing {
            XCTAssertThrowsError(try readable.get(try array.chunkKey(index)), "\(path) chunk \(index) should have no key")
            let chunk = try array.getChunk(index)
            XCTAssertEqual(chunk.shape, array.chunkShape, path)
            try compare(try elements(chunk, form: form), Array(repeating: fill, count: chunk.count), "\(path) missing chunk \(index)")
        }
        let last = array.chunkGridShape.map { $0 - 1 }
        for index in Set([last, last.map { _ in 0 }]) {
            try checkChunk(array, index, values: values, form: form)
        }

        // Sharded: the first inner chunk of the first stored shard, read as a region (the sharding
        // codec's partial decoder fetches only that inner chunk).
        if let inner = entry["inner_chunk_shape"]?.arrayValue?.compactMap(\.intValue),
           let shardIndex = entry["shards"]?.arrayValue?.first?["index"]?.arrayValue?.compactMap(\.intValue) {
            let region = zip(zip(shardIndex, array.chunkShape), zip(inner, array.shape)).map { shardAndLength, innerAndLength in
                let start = shardAndLength.0 * shardAndLength.1
                return AxisSelection.slice(start: start, stop: min(start + innerAndLength.0, innerAndLength.1), step: 1)
            }
            let got = try array.select(region).get()
            let (shape, flat) = selected(region, in: array.shape)
            XCTAssertEqual(got.shape, shape, path)
            try compare(try elements(got, form: form), flat.map { values[$0] }, "\(path) inner chunk \(region)")
        }
    }

    /// Compares the part of chunk `index` that lies inside the array with the expected values.
    static func checkChunk(_ array: ZarrArray, _ index: [Int], values: [Element], form: String) throws {
        let chunk = try array.getChunk(index)
        XCTAssertEqual(chunk.shape, array.chunkShape, array.path)
        let got = try elements(chunk, form: form)
        for local in allIndices(array.chunkShape) {
            let global = zip(index, zip(local, array.chunkShape)).map { c, lc in c * lc.1 + lc.0 }
            // The padding of edge chunks lies outside the array: its content is unspecified.
            guard zip(global, array.shape).allSatisfy({ $0 < $1 }) else { continue }
            let want = values[flatIndex(global, array.shape)]
            let have = got[flatIndex(local, array.chunkShape)]
            if have != want {
                XCTFail("\(array.path) chunk \(index): element \(global) is \(have), expected \(want)")
                throw ZarrError.codec("mismatch")
            }
        }
    }

    /// Fails at the first element that differs (and throws, so one bad array does not flood the log).
    static func compare(_ got: [Element], _ want: [Element], _ what: String) throws {
        guard got.count == want.count else {
            XCTFail("\(what): \(got.count) elements, expected \(want.count)")
            throw ZarrError.codec("mismatch")
        }
        if let first = zip(got, want).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            XCTFail("\(what): element \(first.offset) is \(first.element.0), expected \(first.element.1)")
            throw ZarrError.codec("mismatch")
        }
    }

    /// Selections to read: from 1 to past the first chunk boundary, every second element, and
    /// (2-d and up) the last position of the first axis with the rest whole.
    static func regions(_ shape: [Int], chunkShape: [Int]) -> [[AxisSelection]] {
        var regions: [[AxisSelection]] = [
            zip(shape, chunkShape).map { length, chunk in .slice(start: min(1, length), stop: min(length, chunk + 2), step: 1) },
            shape.map { _ in .slice(start: 0, stop: nil, step: 2) },
        ]
        if shape.count > 1, let first = shape.first, first > 0 {
            regions.append([.index(first - 1)] + shape.dropFirst().map { _ in .slice(start: nil, stop: nil, step: 1) })
        }
        return regions
    }

    /// The shape of `region` (integers drop their axis) and the C-order flat positions it selects in `shape`.
    static func selected(_ region: [AxisSelection], in shape: [Int]) -> (shape: [Int], flat: [Int]) {
        var resultShape: [Int] = []
        var positions: [[Int]] = []
        for (item, length) in zip(region, shape) {
            switch item {
            case .index(let i):
                positions.append([i < 0 ? i + length : i])
            case .slice(let start, let stop, let step):
                let along = Array(stride(from: min(start ?? 0, length), to: min(stop ?? length, length), by: step))
                positions.append(along)
                resultShape.append(along.count)
            case .ellipsis:
                positions.append(Array(0..<length))
                resultShape.append(length)
            }
        }
        let flat = allIndices(positions.map(\.count)).map { picks in
            flatIndex(zip(picks, positions).map { pick, along in along[pick] }, shape)
        }
        return (resultShape, flat)
    }
}
