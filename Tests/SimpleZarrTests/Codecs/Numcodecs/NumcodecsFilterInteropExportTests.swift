import Foundation
import XCTest

@testable import SimpleZarr

/// When FILTERS_INTEROP_DIR is set, writes Zarr v3 arrays with each numcodecs filter into a
/// LocalStore there, with the values they hold, for Scripts/check_filters_interop.py to read
/// with zarr-python. Without the variable the test is skipped.
final class NumcodecsFilterInteropExportTests: XCTestCase {
    func testExportForZarrPython() throws {
        guard let path = ProcessInfo.processInfo.environment["FILTERS_INTEROP_DIR"] else {
            throw XCTSkip("set FILTERS_INTEROP_DIR to export arrays for Scripts/check_filters_interop.py")
        }
        let dir = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = LocalStore(path)
        let count = 37 * 23
        let wave: [Double] = (0..<count).map { (i: Int) -> Double in
            let smooth: Double = 40 * sin(Double(i) / 17) + 25 * cos(Double(i) / 5)
            return 1000 + smooth + Double(i % 11) / 8
        }
        let doubles = try NDArray(wave, shape: [37, 23])
        let arrays: [(name: String, values: NDArray, fill: JSONValue, codecs: [any Codec])] = [
            ("delta_i2", try NDArray(wave.map { Int16($0 * 20) }, shape: [37, 23]), 7,
             [try DeltaCodec(dtype: .int16), BytesCodec(), try ZstdCodec(level: 3)]),
            ("delta_u4_as_i8", try NDArray(wave.map { UInt32($0 * 1000) }, shape: [37, 23]), 0,
             [try DeltaCodec(dtype: .uint32, astype: .int64), BytesCodec(), try GzipCodec(level: 1)]),
            ("delta_f8", doubles, 0.5, [try DeltaCodec(dtype: .float64), BytesCodec()]),
            ("fixedscaleoffset_f8_u2", doubles, 1000, [
                try FixedScaleOffsetCodec(offset: 900, scale: 100, dtype: .float64, astype: .uint16), BytesCodec(),
                try BloscCodec(cname: .zstd, clevel: 5, shuffle: .shuffle),
            ]),
            ("fixedscaleoffset_f4_u1", try NDArray(wave.map { Float($0) }, shape: [37, 23]), 1000, [
                try FixedScaleOffsetCodec(offset: 920.5, scale: 2, astype: .uint8), BytesCodec(),
            ]),
            ("quantize_f4", try NDArray(wave.map { Float($0 / 7) }, shape: [37, 23]), "NaN",
             [try QuantizeCodec(digits: 2), BytesCodec(), try ZstdCodec(level: 1)]),
            ("bitround_f8", doubles, "Infinity", [try BitRoundCodec(keepbits: 10), BytesCodec(), try GzipCodec(level: 5)]),
            ("packbits", try NDArray((0..<count).map { (i: Int) -> Bool in i % 3 == 0 || i % 7 == 2 }, shape: [37, 23]), false,
             [PackBitsCodec(), BytesCodec()]),
            ("astype_f8_f4", doubles, -1.5, [try AsTypeCodec(encodeDataType: .float32, decodeDataType: .float64), BytesCodec()]),
        ]
        var manifest: [JSONValue] = []
        for (name, values, fill, codecs) in arrays {
            let array = try ZarrArray.create(
                store, name, shape: values.shape, dtype: values.dtype, chunkShape: [10, 8], fillValue: fill, codecs: codecs)
            // The last rows are left unwritten: they read as the fill value.
            try array[..<30, ...].set(try values.sliced(rows: 30))
            let expected = try array[...].get()
            if name.hasPrefix("delta_i") || name.hasPrefix("delta_u") || name == "packbits" {
                XCTAssertEqual(try array[..<30, ...].get(), try values.sliced(rows: 30), "\(name) is lossless")
            }
            try expected.withUnsafeBytes { try Data($0).write(to: dir.appendingPathComponent(name + ".bin")) }
            manifest.append(["path": .string(name), "dtype": .string(values.dtype.name), "shape": JSONValue(values.shape)])
        }
        try Data(JSONValue.array(manifest).prettyPrinted().utf8).write(to: dir.appendingPathComponent("manifest.json"))
        XCTAssertEqual(manifest.count, 9)
    }
}

private extension NDArray {
    /// The first `rows` rows of a 2-d array.
    func sliced(rows: Int) throws -> NDArray {
        let rowBytes = nbytes / shape[0]
        return try withUnsafeBytes { bytes in
            try NDArray(dtype: dtype, shape: [rows, shape[1]], bytes: UnsafeRawBufferPointer(rebasing: bytes[..<(rows * rowBytes)]))
        }
    }
}
