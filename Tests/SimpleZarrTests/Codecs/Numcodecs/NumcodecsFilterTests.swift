import Foundation
import XCTest

@testable import SimpleZarr

/// A chunk that numcodecs' filters encoded and decoded (Fixtures/numcodecs-filters.json,
/// written by Scripts/make_numcodecs_filter_vectors.py).
private struct FilterVector {
    let codec: JSONValue
    let dataType: DataType
    let shape: [Int]
    let input: Data
    let encoded: Data
    let decoded: Data

    static func loadAll() throws -> [FilterVector] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/numcodecs-filters.json")
        let json = try JSONValue.parse(Data(contentsOf: file))
        return try (json.arrayValue ?? []).map { entry in
            func bytes(_ key: String) throws -> Data { try XCTUnwrap(Data(base64Encoded: entry[key]?.stringValue ?? "?")) }
            return FilterVector(
                codec: try XCTUnwrap(entry["codec"]),
                dataType: try DataType(zarrName: XCTUnwrap(entry["dtype"]?.stringValue)),
                shape: try XCTUnwrap(entry["shape"]?.arrayValue).map { try XCTUnwrap($0.intValue) },
                input: try bytes("input"), encoded: try bytes("encoded"), decoded: try bytes("decoded"))
        }
    }

    var name: String { codec["name"]?.stringValue ?? "?" }

    var representation: ArrayRepresentation {
        ArrayRepresentation(shape: shape, dataType: dataType, fillValue: .zero(dataType))
    }
}

/// The array -> array codec of a `zarr.json` entry.
private func filter(_ entry: JSONValue) throws -> any ArrayToArrayCodec {
    try XCTUnwrap(try CodecRegistry.makeCodec(from: entry) as? any ArrayToArrayCodec, "\(entry)")
}

private func entry(_ name: String, _ configuration: JSONObject) -> JSONValue {
    ["name": .string(name), "configuration": .object(configuration)]
}

private func bytes(of array: NDArray) -> Data { array.withUnsafeBytes { Data($0) } }

final class NumcodecsFilterTests: XCTestCase {
    // MARK: numcodecs' bytes

    func testEveryVectorEncodesAndDecodesAsNumcodecsDoes() throws {
        let vectors = try FilterVector.loadAll()
        XCTAssertGreaterThan(vectors.count, 500)
        var checked: [String: Int] = [:]
        var failures: [String] = []
        for (index, vector) in vectors.enumerated() {
            let label = "#\(index) \(vector.codec) on \(vector.dataType) \(vector.shape)"
            let codec = try filter(vector.codec)
            let encodedRepresentation = try codec.encodedRepresentation(of: vector.representation)
            let input = try NDArray(dtype: vector.dataType, shape: vector.shape, bytes: vector.input)
            let encoded = try codec.encode(input)
            XCTAssertEqual(encoded.dtype, encodedRepresentation.dataType, label)
            XCTAssertEqual(encoded.shape, encodedRepresentation.shape, label)
            if bytes(of: encoded) != vector.encoded {
                failures.append("\(label): encoded \(encoded), numcodecs "
                    + "\((try? NDArray(dtype: encoded.dtype, shape: encoded.shape, bytes: vector.encoded))?.description ?? "?")")
            }
            let stored = try NDArray(dtype: encodedRepresentation.dataType, shape: encodedRepresentation.shape, bytes: vector.encoded)
            let decoded = try codec.decode(stored, to: vector.representation)
            XCTAssertEqual(decoded.shape, vector.shape, label)
            if bytes(of: decoded) != vector.decoded {
                failures.append("\(label): decoded \(decoded), numcodecs "
                    + "\((try? NDArray(dtype: vector.dataType, shape: vector.shape, bytes: vector.decoded))?.description ?? "?")")
            }
            // numcodecs' own id (a v2 filter) names the same codec, and the configuration reads back as written.
            let v2 = entry(String(vector.name.dropFirst("numcodecs.".count)), vector.codec["configuration"]?.objectValue ?? [:])
            XCTAssertEqual(try filter(v2).json, vector.codec, label)
            checked[vector.name, default: 0] += 1
        }
        XCTAssertEqual(failures, [], "\(failures.count) mismatches")
        XCTAssertEqual(Set(checked.keys), [
            "numcodecs.delta", "numcodecs.fixedscaleoffset", "numcodecs.quantize", "numcodecs.bitround",
            "numcodecs.packbits", "numcodecs.astype",
        ])
    }
}
