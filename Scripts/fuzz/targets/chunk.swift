// Fuzz target: decoding one stored chunk through a codec pipeline. The first input byte picks
// one of a set of pipelines (every codec, several data types, the non-numeric ones too, and chunk
// shapes); the rest is the chunk as read from a store. Decoding may fail with an error; it must
// never crash, overrun a buffer or allocate without bound. A chunk that decodes must encode and
// decode back to the same elements; through a lossy filter (quantize, bitround), whose encoding
// changes decoded values, the second round trip must give the first one's result back.

import Foundation
@testable import SimpleZarr

/// A `blosc` codec entry at clevel 5.
private func blosc(_ cname: String, _ shuffle: String, typesize: Int) -> JSONValue {
    ["name": "blosc", "configuration": [
        "cname": .string(cname), "clevel": 5, "shuffle": .string(shuffle), "typesize": JSONValue(typesize), "blocksize": 0,
    ]]
}

/// Pipelines covering each codec and the representation changes between them.
private let fuzzPipelines: [CodecPipeline] = {
    let cases: [(DataType, [Int], JSONValue, [JSONValue])] = [
        (.uint8, [16], 0, [["name": "bytes"]]),
        (.uint16, [4, 5], 7, [["name": "bytes", "configuration": ["endian": "little"]], ["name": "gzip", "configuration": ["level": 5]]]),
        (.float32, [3, 4, 5], "NaN", [
            ["name": "transpose", "configuration": ["order": [2, 0, 1]]],
            ["name": "bytes", "configuration": ["endian": "big"]], ["name": "zstd", "configuration": ["level": 3, "checksum": false]],
        ]),
        (.int64, [7], -1, [["name": "bytes", "configuration": ["endian": "little"]], ["name": "crc32c"]]),
        (.complex64, [2, 3], [1.5, "Infinity"], [
            ["name": "bytes", "configuration": ["endian": "big"]], ["name": "gzip", "configuration": ["level": 1]], ["name": "crc32c"],
        ]),
        (.bool, [9], false, [["name": "bytes"], ["name": "zstd", "configuration": ["level": 1, "checksum": true]]]),
        (.raw(bits: 24), [5], [1, 2, 3], [["name": "bytes"]]),
        (.uint32, [2, 2, 2], 0, [
            ["name": "transpose", "configuration": ["order": [1, 0, 2]]],
            ["name": "bytes", "configuration": ["endian": "big"]], ["name": "crc32c"], ["name": "zstd", "configuration": ["level": 3, "checksum": false]],
        ]),
        (.float16, [8], 0, [["name": "bytes", "configuration": ["endian": "big"]], ["name": "gzip", "configuration": ["level": 9]]]),
        (.float64, [], 0, [["name": "bytes", "configuration": ["endian": "little"]], ["name": "zstd", "configuration": ["level": 3, "checksum": false]]]),
        (.int16, [3, 5], 0, [
            ["name": "bytes", "configuration": ["endian": "little"]], ["name": "numcodecs.zlib", "configuration": ["level": 1]],
            ["name": "numcodecs.crc32", "configuration": [:]],
        ]),
        (.uint8, [9], 0, [
            ["name": "bytes"], ["name": "fletcher32"], ["name": "numcodecs.jenkins_lookup3", "configuration": ["initval": 7]],
            ["name": "adler32", "configuration": ["location": "end"]],
        ]),
        (.uint16, [6, 7], 0, [["name": "bytes"], blosc("lz4", "shuffle", typesize: 2)]),
        (.float32, [40], 0, [["name": "bytes"], blosc("zstd", "bitshuffle", typesize: 4)]),
        (.float64, [5, 3], 0, [["name": "bytes"], blosc("blosclz", "shuffle", typesize: 8)]),
        (.int32, [9], 0, [["name": "bytes"], ["name": "numcodecs.lz4", "configuration": ["acceleration": 1]]]),
        (.int16, [10], 0, [
            ["name": "bytes"], ["name": "numcodecs.shuffle", "configuration": ["elementsize": 2]],
            ["name": "numcodecs.zlib", "configuration": ["level": 1]],
        ]),
        (.int32, [6, 5], 0, [
            ["name": "numcodecs.delta", "configuration": ["dtype": "<i4", "astype": "<i2"]],
            ["name": "bytes"], ["name": "numcodecs.zstd", "configuration": ["level": 3, "checksum": false]],
        ]),
        (.float64, [12], 0.5, [
            ["name": "numcodecs.fixedscaleoffset", "configuration": ["offset": 0.5, "scale": 4, "dtype": "<f8", "astype": "|u1"]],
            ["name": "bytes"],
        ]),
        (.bool, [3, 7], false, [["name": "numcodecs.packbits", "configuration": [:]], ["name": "bytes"], ["name": "zstd"]]),
        (.float64, [9], "NaN", [
            ["name": "numcodecs.astype", "configuration": ["encode_dtype": "<f4", "decode_dtype": "<f8"]], ["name": "bytes"],
        ]),
    ] + lossyFilterCases + shardingCases + dataTypeCases
    return cases.compactMap { dtype, shape, fill, codecs in
        guard let fillValue = try? FillValue(json: fill, dataType: dtype) else { return nil }
        return try? CodecPipeline(json: .array(codecs), chunk: ArrayRepresentation(shape: shape, dataType: dtype, fillValue: fillValue))
    }
}()

/// Sharded chunks (the last two pipelines): index with crc32c at the end, and at the start without one.
private let shardingCases: [(DataType, [Int], JSONValue, [JSONValue])] = [
    (.uint16, [4, 6], 0, [["name": "sharding_indexed", "configuration": [
        "chunk_shape": [2, 3], "codecs": [["name": "bytes"], ["name": "zstd", "configuration": ["level": 3, "checksum": false]]],
    ]]]),
    (.int32, [4], 5, [["name": "sharding_indexed", "configuration": [
        "chunk_shape": [1], "codecs": [["name": "bytes"], ["name": "crc32c"]],
        "index_codecs": [["name": "bytes", "configuration": ["endian": "little"]]], "index_location": "start",
    ]]]),
]

/// The non-numeric data types (the last pipelines, after the sharding ones), shaped like arrays of
/// Fixtures/zarr-python-dtypes-v3 so that their chunks are seeds: variable-length text and bytes
/// in their length-prefixed layout (text must be UTF-8), fixed-length UTF-32 text and zero-padded
/// bytes, big-endian datetimes, text inside shards, and big-endian packed structs (each field
/// swapped by its own size).
private let dataTypeCases: [(DataType, [Int], JSONValue, [JSONValue])] = [
    (.string, [4, 4], "", [["name": "vlen-utf8"]]),  // strings/vlen_2d_none
    (.string, [5], "", [["name": "vlen-utf8"], ["name": "zstd", "configuration": ["level": 0, "checksum": false]]]),  // strings/vlen_1d
    (.bytes, [2, 4], "AAFhYg==", [["name": "vlen-bytes"]]),  // bytes/vlen_2d_fill
    (.fixedLengthUTF32(characters: 4), [4, 4], "", [["name": "bytes", "configuration": ["endian": "little"]]]),  // fixed/U4
    (.nullTerminatedBytes(length: 8), [4], "", [["name": "bytes"]]),  // fixed/S8
    (.datetime64(unit: .seconds, scaleFactor: 1), [5], "NaT", [["name": "bytes", "configuration": ["endian": "big"]]]),  // datetime64/seconds_bytes_big
    (.string, [8], "", [["name": "sharding_indexed", "configuration": [  // sharded/vlen_1d
        "chunk_shape": [2], "codecs": [["name": "vlen-utf8"], ["name": "zstd", "configuration": ["level": 0, "checksum": false]]],
        "index_codecs": [["name": "bytes", "configuration": ["endian": "little"]], ["name": "crc32c"]],
    ]]]),
    ((try? DataType(json: ["name": "struct", "configuration": ["fields": [  // struct/packed_u1_i2_f4
        ["name": "x", "data_type": "uint8"], ["name": "y", "data_type": "int16"], ["name": "z", "data_type": "float32"],
    ]]])) ?? .bool, [4], ["x": 1, "y": -2, "z": 0.5], [["name": "bytes", "configuration": ["endian": "big"]]]),
]

/// Pipelines whose filters change decoded values when encoding them (but not a second time); just
/// before the sharding ones.
private let lossyFilterCases: [(DataType, [Int], JSONValue, [JSONValue])] = [
    (.float32, [10], 0, [
        ["name": "numcodecs.quantize", "configuration": ["digits": 2, "dtype": "<f4"]], ["name": "bytes"],
        ["name": "numcodecs.gzip", "configuration": ["level": 1]],
    ]),
    (.float64, [2, 4], "Infinity", [["name": "numcodecs.bitround", "configuration": ["keepbits": 7]], ["name": "bytes"]]),
]

/// The chunk ceiling while fuzzing: legal documents may declare chunks of gigabytes; the
/// target keeps them small so that a run is about correctness, not memory.
private let fuzzChunkLimit = 1 << 24

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChunk(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ZarrLimits.maximumChunkByteCount = fuzzChunkLimit
    guard let data, size > 0 else { return 0 }
    precondition(fuzzPipelines.count == 33, "chunk: a fuzz pipeline failed to build")
    let index = Int(data[0]) % fuzzPipelines.count
    let pipeline = fuzzPipelines[index]
    let stored = Data(bytes: data + 1, count: size - 1)
    guard var decoded = try? pipeline.decode(stored) else { return 0 }
    func roundTrip(_ chunk: NDArray) -> NDArray {
        guard let encoded = try? pipeline.encode(chunk), let again = try? pipeline.decode(encoded) else {
            preconditionFailure("chunk: a decoded chunk failed to encode and decode again")
        }
        return again
    }
    let firstLossy = fuzzPipelines.count - dataTypeCases.count - shardingCases.count - lossyFilterCases.count
    if (firstLossy..<(firstLossy + lossyFilterCases.count)).contains(index) { decoded = roundTrip(decoded) }
    // Same dtype, shape and bytes (or variable-length elements).
    precondition(roundTrip(decoded) == decoded, "chunk: a round trip changed the chunk")
    if let partial = pipeline.partialDecoder {
        // A shard that decodes whole must decode the same through byte-range reads.
        precondition(decodePartially(partial, pipeline.chunk, stored) == decoded, "chunk: a partial decode differs")
    }
    return 0
}

/// Reads `value` through byte ranges, as Python slices it (a negative start counts from the end).
private struct DataReader: ByteRangeReader {
    let value: Data
    var key: String { "fuzz/c/0" }

    func read(_ ranges: [(start: Int, length: Int?)]) throws -> [Data]? {
        ranges.map { range in
            let start = range.start < 0 ? max(0, value.count + range.start) : min(range.start, value.count)
            let end = range.length.map { min(value.count, start + $0) } ?? value.count
            return value.subdata(in: (value.startIndex + start)..<(value.startIndex + end))
        }
    }
}

private let fuzzExecutor = ThreadPoolExecutor(maxWorkers: 1)

/// The whole chunk decoded with `decoder.decodePartial`, or `nil` if that fails.
private func decodePartially(_ decoder: any PartialDecodingCodec, _ chunk: ArrayRepresentation, _ stored: Data) -> NDArray? {
    guard let result = try? NDArray(dtype: chunk.dataType, shape: chunk.shape) else { return nil }
    let done = Future<Void>()
    let region = ChunkRegion(start: Array(repeating: 0, count: chunk.shape.count), counts: chunk.shape)
    // The new array is this function's alone, and outlives the wait below.
    let destination = RegionDestination(result.elementBufferOfNewArray, shape: chunk.shape, start: region.start)
    decoder.decodePartial(region, of: chunk, from: DataReader(value: stored), into: destination, executor: fuzzExecutor) {
        done.complete(with: $0)
    }
    let succeeded = (try? done.result()) != nil
    return withExtendedLifetime(result) { succeeded ? result : nil }
}
