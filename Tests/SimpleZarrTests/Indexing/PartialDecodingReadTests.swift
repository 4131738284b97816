import Foundation
import XCTest
@testable import SimpleZarr

/// A test codec with the partial decoding capability: it stores elements like `bytes` (C order,
/// native), and decodes a region by asking the reader for exactly the rows it selects, on tasks
/// of the executor (every row its own task; the last runs inline).
struct RowReadingCodec: PartialDecodingCodec {
    static let name = "test.row_reading"
    init() {}
    init(configuration: JSONObject) throws {}
    var configuration: JSONObject { [:] }

    func validate(_ decoded: ArrayRepresentation) throws {}
    func encode(_ array: NDArray) throws -> Data { array.withUnsafeBytes { Data($0) } }
    func decode(_ bytes: Data, to decoded: ArrayRepresentation) throws -> NDArray {
        try NDArray(dtype: decoded.dataType, shape: decoded.shape, bytes: bytes)
    }

    func decodePartial(
        _ region: ChunkRegion, of decoded: ArrayRepresentation, from reader: any ByteRangeReader,
        into destination: RegionDestination, executor: ThreadPoolExecutor,
        completion: @escaping @Sendable (Result<Void, any Error>) -> Void
    ) {
        // A 1-d or 2-d chunk: one range per selected row of the last axis.
        let itemSize = decoded.dataType.itemSize
        let rowLength = decoded.shape.last ?? 1
        let rows: [Int] = decoded.shape.count == 2
            ? (0..<region.counts[0]).map { region.start[0] + $0 * region.steps[0] } : [0]
        let columnStart = region.start.last ?? 0
        let columnSpan = ((region.counts.last ?? 1) - 1) * (region.steps.last ?? 1) + 1
        do {
            guard let data = try reader.read(rows.map { ($0 * rowLength * itemSize + columnStart * itemSize, columnSpan * itemSize) }) else {
                fillBlock(counts: region.counts, pattern: decoded.fillValue.bytes, in: destination.base,
                          BlockSide(shape: destination.shape, start: destination.start))
                return completion(.success(()))
            }
            let remaining = ConcurrencyLocked(rows.count)
            let twoD = decoded.shape.count == 2
            for (n, bytes) in data.enumerated() {
                let copyRow: @Sendable () -> Void = {
                    bytes.withUnsafeBytes { raw in
                        guard let base = raw.baseAddress else { return }
                        let lastStep = region.steps.last ?? 1
                        let source = twoD
                            ? BlockSide(shape: [1, columnSpan], start: [0, 0], steps: [1, lastStep])
                            : BlockSide(shape: [columnSpan], start: [0], steps: [lastStep])
                        var counts = region.counts
                        var start = destination.start
                        if twoD { counts[0] = 1; start[0] += n }
                        copyBlock(counts: counts, itemSize: itemSize, from: base, source,
                                  to: destination.base, BlockSide(shape: destination.shape, start: start))
                    }
                    if remaining.withLock({ $0 -= 1; return $0 == 0 }) { completion(.success(())) }
                }
                if n == data.count - 1 { copyRow() } else { _ = executor.submit(copyRow) }
            }
        } catch {
            completion(.failure(error))
        }
    }
}

/// Slice reads through a codec's partial decoder: only ranges are read, values equal a plain
/// array's, and a pool of one worker finishes.
final class PartialDecodingReadTests: XCTestCase {
    override func setUpWithError() throws {
        try registerCodec(RowReadingCodec.self)
    }

    func testSliceReadsOnlyTheRangesItNeedsAndMatchesBytes() throws {
        let inner = MemoryStore()
        let partial = try ZarrArray.create(inner, "p", shape: [10, 12], dtype: .int32, chunkShape: [4, 5],
                                           codecs: [RowReadingCodec()])
        let plain = try ZarrArray.create(inner, "b", shape: [10, 12], dtype: .int32, chunkShape: [4, 5],
                                         codecs: [BytesCodec()])
        XCTAssertNotNil(try partial.codecPipeline().partialDecoder)
        XCTAssertNil(try plain.codecPipeline().partialDecoder)
        let data = try NDArray((0..<120).map { Int32($0 * 7 - 300) }, shape: [10, 12])
        try partial[...].set(data)
        try plain[...].set(data)
        try partial[8..., 10...].set(Int32(0))  // chunk (2, 2) holds only the fill value: erased
        try plain[8..., 10...].set(Int32(0))

        let store = RequestCountingStore(inner)
        let reopened = try XCTUnwrap(try openZarr(store, path: "p") as? ZarrArray)
        let oneWorker = ThreadPoolExecutor(maxWorkers: 1)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let r0 = Int.random(in: 0..<10, using: &random), r1 = Int.random(in: r0...10, using: &random)
            let c0 = Int.random(in: 0..<12, using: &random), c1 = Int.random(in: c0...12, using: &random)
            let step = Int.random(in: 1...3, using: &random)
            XCTAssertEqual(try reopened[Slice(r0, r1, step), Slice(c0, c1, 1)].get(executor: oneWorker),
                           try plain[Slice(r0, r1, step), Slice(c0, c1, 1)].get(), "\(r0) \(r1) \(step) \(c0) \(c1)")
        }
        XCTAssertEqual(store.gets.withLock { $0.filter { !$0.hasSuffix("zarr.json") } }, [], "no whole-chunk get")
    }
}
