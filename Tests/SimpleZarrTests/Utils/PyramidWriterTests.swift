import Foundation
import XCTest

@testable import SimpleZarr

/// `writeOmeZarrPyramid`: the same inputs as Scripts/make_ome_fixtures.py gave the Python
/// writer (2 to 5 dimensions, casts with rounding and clipping, memory bounds forcing several
/// steps) must give the same steps, metadata and values; plus the rules for bad arguments,
/// a 1-worker executor, and the downsampling and casting kernels against numpy's rules.
final class PyramidWriterTests: XCTestCase {
    private func writerArguments(_ json: JSONValue?) -> (chunk: [Int], nlevels: Int, maxMemory: Int, unit: String, scale: [Double]) {
        let chunk = json?["chunk_shape"].map { $0.intValue.map { [$0] } ?? OmeFixtures.ints($0) } ?? [64]
        return (
            chunk, json?["nlevels"]?.intValue ?? 0, json?["max_memory"]?.intValue ?? (1 << 30),
            json?["space_unit"]?.stringValue ?? "", json?["base_scale"].map(OmeFixtures.doubles) ?? [1.0]
        )
    }

    func testPyramidsEqualThePythonWritersOutput() throws {
        let cases = try XCTUnwrap(try OmeFixtures.json("pyramids").arrayValue)
        XCTAssertEqual(cases.count, 5)
        for entry in cases {
            let name = try XCTUnwrap(entry["name"]?.stringValue)
            let fixture = OmeFixtures.store(name)
            let input = try XCTUnwrap(try openZarr(fixture, path: "input") as? ZarrArray)
            let source: any PyramidSource = entry["source"]?.stringValue == "numpy" ? NDArraySource(try input[...].get()) : input
            let dtype = try entry["pyramid_data"]?["dtype"]?.stringValue.map { try DataType(zarrName: $0) }
            let args = writerArguments(entry["writer"])
            let store = MemoryStore()
            var steps: [PyramidStep] = []
            let group = try writeOmeZarrPyramid(
                store, "pyramid", axes: try XCTUnwrap(entry["axes"]?.stringValue), pyramid: try PyramidData(source, dtype: dtype),
                nlevels: args.nlevels, spaceUnit: args.unit, baseScale: args.scale, chunkShape: args.chunk,
                maxMemory: args.maxMemory, onStep: { steps.append($0) })

            let expectedSteps = (entry["steps"]?.arrayValue ?? []).map {
                PyramidStep(level: $0["level"]?.intValue ?? -1, nlevels: $0["nlevels"]?.intValue ?? -1,
                            keptInMemory: $0["kept_in_memory"]?.boolValue ?? false)
            }
            XCTAssertEqual(steps, expectedSteps, "\(name) steps")
            XCTAssertEqual(JSONValue.object(group.attributes), entry["attributes"], "\(name) attributes")
            let python = try XCTUnwrap(try openZarr(fixture, path: "pyramid") as? ZarrGroup)
            for level in entry["levels"]?.arrayValue ?? [] {
                let path = try XCTUnwrap(level["path"]?.stringValue)
                let ours = try XCTUnwrap(try openZarr(store, path: path) as? ZarrArray, path)
                let theirs = try XCTUnwrap(try python[String(path.dropFirst("pyramid/".count))] as? ZarrArray, path)
                XCTAssertEqual(ours.shape, OmeFixtures.ints(level["shape"]), "\(name) \(path) shape")
                XCTAssertEqual(ours.chunkShape, OmeFixtures.ints(level["chunk_shape"]), "\(name) \(path) chunks")
                XCTAssertEqual(ours.dtype.description, level["dtype"]?.stringValue, "\(name) \(path) dtype")
                XCTAssertEqual(ours.fillValue, theirs.fillValue, "\(name) \(path) fill value")
                XCTAssertEqual(ours.arrayMetadata.codecs, theirs.arrayMetadata.codecs, "\(name) \(path) codecs")
                XCTAssertEqual(try ours[...].get(), try theirs[...].get(), "\(name) \(path) values")
            }
            // And it reads back as the image the Python reader saw in the Python output.
            let infos = try MultiscaleInfo.fromZarrNode(group)
            XCTAssertEqual(infos.first?.scales.map(\.spatialShape),
                           (entry["levels"]?.arrayValue ?? []).map { Array(OmeFixtures.ints($0["shape"]).suffix(infos.first?.scales.first?.spatialShape.count ?? 0)) })
        }
    }

    func testSeveralPyramidsAndAOneWorkerExecutorFinish() throws {
        let a = try NDArray((0..<(3 * 20 * 24)).map { UInt16($0 % 5000) }, shape: [3, 20, 24])
        let b = try a.astype(.float32)
        let executor = ThreadPoolExecutor(maxWorkers: 1, label: "pyramid-test")
        defer { executor.shutdown() }
        let store = MemoryStore()
        var steps: [PyramidStep] = []
        let group = try writeOmeZarrPyramid(
            store, "two", axes: "cyx", pyramids: [try PyramidData(a, name: "raw"), try PyramidData(b, name: "f", dtype: .uint8)],
            chunkShape: [4], maxMemory: 2000, executor: executor, onStep: { steps.append($0) })
        XCTAssertGreaterThan(steps.count, 2, "a small maxMemory forces several steps")
        let infos = try MultiscaleInfo.fromZarrNode(group)
        XCTAssertEqual(infos.map(\.name), ["raw", "f"])
        XCTAssertEqual(infos[0].scales.map(\.array.path), ["two/pyramid0/level0", "two/pyramid0/level1", "two/pyramid0/level2", "two/pyramid0/level3"])
        let top = try XCTUnwrap(try openZarr(store, path: "two/pyramid1/level1") as? ZarrArray)
        XCTAssertEqual(top.dtype, .uint8)
        // uint8 clips what does not fit: values above 255 become 255.
        XCTAssertEqual(try top[...].get().toArray(as: UInt8.self).max(), 255)
        XCTAssertNotNil(try openZarr(store, path: "two/pyramid1") as? ZarrGroup)
    }

    func testBadArgumentsAreRefused() throws {
        let data = try NDArray([UInt8](repeating: 1, count: 64), shape: [8, 8])
        let store = MemoryStore()
        let pyramid = try PyramidData(data)
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "p", axes: "xy", pyramid: pyramid))
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "p", axes: "zyx", pyramid: pyramid))
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "p", axes: "yx", pyramid: pyramid, spaceUnit: "furlong"))
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "p", axes: "yx", pyramid: pyramid, baseScale: [1, 2, 3]))
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "p", axes: "yx", pyramid: pyramid, baseScale: [-1]))
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "p", axes: "yx", pyramid: pyramid, chunkShape: [0]))
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "p", axes: "yx", pyramids: []))
        XCTAssertThrowsError(try PyramidData(try NDArray([UInt8(1)], shape: [1])))
        let other = try PyramidData(try NDArray([UInt8](repeating: 1, count: 16), shape: [4, 4]))
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "p", axes: "yx", pyramids: [pyramid, other]))
        let text = try PyramidData(try NDArray(["a", "b", "c", "d"], shape: [2, 2]))
        XCTAssertThrowsError(try writeOmeZarrPyramid(store, "t", axes: "yx", pyramid: text, chunkShape: [1]))
        XCTAssertEqual(Array(try store.list()), [], "arguments are checked before anything is written")
    }

    func testHalvingRoundsTiesToEvenAndCastingClips() throws {
        // Means 0.25, 1.5, 2.5 round to 0, 2, 2 (ties to even), as numpy's rint.
        let data = try NDArray([UInt8]([0, 1, 1, 2, 2, 3, 0, 0, 1, 2, 3, 2]), shape: [2, 6])
        let halved = try Downsampling.downsampled(data, to: [1, 3], spatialDims: 2, method: .localMean)
        XCTAssertEqual(try halved.toArray(as: UInt8.self), [0, 2, 2])
        let floats = try NDArray([Float]([-3.5, 2.5, 300, .nan, 127.5]), shape: [5])
        XCTAssertEqual(try Downsampling.cast(floats, to: .int8).toArray(as: Int8.self), [-4, 2, 127, 0, 127])
        XCTAssertEqual(try Downsampling.cast(try NDArray([Int16]([-5, 300]), shape: [2]), to: .uint8).toArray(as: UInt8.self), [0, 255])
        XCTAssertThrowsError(try Downsampling.downsampled(data, to: [2, 3], spatialDims: 2, method: .localMean))
    }

    func testAnNDArraySourceReadsLikeAnArrayAndRefusesWrites() throws {
        let source = NDArraySource(try NDArray((0..<12).map { Int32($0) }, shape: [3, 4]))
        XCTAssertEqual(source.chunkShape, [3, 4])
        XCTAssertEqual(source.fillValue, .zero(.int32))
        XCTAssertEqual(try source[1, 1..<3].get().toArray(as: Int32.self), [5, 6])
        XCTAssertEqual(try source[...].getFuture().result().shape, [3, 4])
        XCTAssertThrowsError(try source[...].set(source.data))
        XCTAssertThrowsError(try source[...].setFuture(source.data).result())
    }
}
