import Foundation
import XCTest

@testable import SimpleZarr

/// A `ByteRangeReader` over one value in memory (or none), counting calls and bytes.
final class CountingDataReader: ByteRangeReader, @unchecked Sendable {
    // @unchecked Sendable: the counters are only touched with `lock` held.
    let value: Data?
    let key: String
    private let lock = NSLock()
    private var calls: [[(start: Int, length: Int?)]] = []
    private var bytes = 0

    init(_ value: Data?, key: String = "shard/c/0") {
        self.value = value
        self.key = key
    }

    func read(_ ranges: [(start: Int, length: Int?)]) throws -> [Data]? {
        lock.lock()
        calls.append(ranges)
        lock.unlock()
        guard let value else { return nil }
        let result = ranges.map { range -> Data in
            let start = range.start < 0 ? max(0, value.count + range.start) : min(range.start, value.count)
            let end = range.length.map { min(value.count, start + $0) } ?? value.count
            return Data(value[(value.startIndex + start)..<(value.startIndex + end)])
        }
        lock.lock()
        bytes += result.reduce(0) { $0 + $1.count }
        lock.unlock()
        return result
    }

    /// The number of `read` calls so far.
    var callCount: Int { lock.lock(); defer { lock.unlock() }; return calls.count }
    /// The ranges of each call so far.
    var rangesPerCall: [Int] { lock.lock(); defer { lock.unlock() }; return calls.map(\.count) }
    /// The bytes returned so far.
    var bytesRead: Int { lock.lock(); defer { lock.unlock() }; return bytes }
}

enum ShardTesting {
    /// A pipeline of one sharding codec for shards of `shape`.
    static func pipeline(
        _ codec: ShardingCodec, shape: [Int], dtype: DataType, fill: JSONValue? = nil
    ) throws -> CodecPipeline {
        let fillValue = try fill.map { try FillValue(json: $0, dataType: dtype) } ?? .zero(dtype)
        return try CodecPipeline(codecs: [codec], chunk: ArrayRepresentation(shape: shape, dataType: dtype, fillValue: fillValue))
    }

    /// Random elements (booleans 0/1); a fraction `fillShare` of the inner chunk rows left zero.
    static func randomArray(_ dtype: DataType, shape: [Int], rng: inout SplitMix64, zeroShare: Double = 0) throws -> NDArray {
        let count = shape.reduce(1, *)
        var bytes = [UInt8](repeating: 0, count: count * dtype.itemSize)
        for element in 0..<count where Double.random(in: 0..<1, using: &rng) >= zeroShare {
            for b in 0..<dtype.itemSize {
                bytes[element * dtype.itemSize + b] = dtype == .bool ? UInt8.random(in: 0...1, using: &rng) : UInt8.random(in: 0...255, using: &rng)
            }
        }
        return try NDArray(dtype: dtype, shape: shape, bytes: bytes)
    }

    /// The elements of `region` of `array`, in C order, as a new array of the region's counts.
    static func slice(_ array: NDArray, _ region: ChunkRegion) throws -> NDArray {
        let item = array.dtype.itemSize
        var strides = [Int](repeating: 1, count: array.ndim)
        for axis in stride(from: array.ndim - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * array.shape[axis + 1] }
        var offsets = [0]
        for axis in 0..<array.ndim {
            let positions = (0..<region.counts[axis]).map { region.start[axis] + $0 * region.steps[axis] }
            offsets = offsets.flatMap { base in positions.map { base + $0 * strides[axis] } }
        }
        let bytes: [UInt8] = array.withUnsafeBytes { raw in offsets.flatMap { Array(raw[$0 * item..<($0 + 1) * item]) } }
        return try NDArray(dtype: array.dtype, shape: region.counts, bytes: bytes)
    }

    /// Runs `decodePartial` for `region` into a new array of the region's counts and waits.
    ///
    /// With `fromPool`, the call is made from a job of `executor` (as an array read makes it),
    /// and only the test's thread waits.
    static func decodePartial(
        _ pipeline: CodecPipeline, _ region: ChunkRegion, reader: any ByteRangeReader,
        executor: ThreadPoolExecutor = ThreadPoolExecutor(maxWorkers: 2), fromPool: Bool = false
    ) throws -> NDArray {
        guard let decoder = pipeline.partialDecoder else { throw ZarrError.codec("no partial decoder") }
        var result = try NDArray(dtype: pipeline.chunk.dataType, shape: region.counts)
        let done = Future<Void>()
        try result.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            let destination = RegionDestination(base: base, shape: region.counts, start: Array(repeating: 0, count: region.counts.count))
            let start: @Sendable () -> Void = {
                decoder.decodePartial(region, of: pipeline.chunk, from: reader, into: destination, executor: executor) { result in
                    done.complete(with: result)
                }
            }
            if fromPool {
                _ = executor.submit(start)
            } else {
                start()
            }
            try done.result(timeout: 30)
        }
        return result
    }

    /// The bytes of the CRC-32C (Castagnoli, reflected 0x82F63B78) of `bytes`, bit by bit.
    static func crc32c(_ bytes: [UInt8]) -> [UInt8] {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return withUnsafeBytes(of: (~crc).littleEndian) { Array($0) }
    }

    /// Little-endian bytes of each value.
    static func uint64LE(_ values: [UInt64]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }
}
