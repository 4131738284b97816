// Fuzz target: the blosc1 container decoder on any bytes (every header field, flag, block
// table and stream size is the fuzzer's), and a round trip of the input through our encoder
// with the compressor, shuffle and typesize picked from its first byte, the level and block
// size from the second, and the split mode from the last. Decoding may fail with an error; it must never crash, overrun a buffer, hang or
// allocate past its limit. Decoding into a caller's buffer must give the same bytes, a limit
// below the decoded size must fail, and a round trip must give back its input.

@testable import ZarrCompression

/// The output ceiling while fuzzing (see the inflate target).
private let fuzzOutputLimit = 1 << 22

private let typesizes = [1, 2, 3, 4, 8, 16, 17, 255]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBlosc(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 1 else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    if let output = try? Blosc.decompress(input, maxOutputSize: fuzzOutputLimit) {
        var copy = [UInt8](repeating: 0, count: output.count)
        let written = try? copy.withUnsafeMutableBytes { try Blosc.decompress(input, into: $0) }
        precondition(written == output.count && copy == output, "blosc: decoding into a buffer gave other bytes")
        if output.count > 0 {
            precondition((try? Blosc.decompress(input, maxOutputSize: output.count - 1)) == nil,
                         "blosc: output above maxOutputSize was returned")
        }
    }
    let compressors: [Blosc.Compressor] = [.blosclz, .lz4, .lz4hc, .zlib, .zstd]
    let compressor = compressors[Int(data[0]) % compressors.count]
    let shuffle = Blosc.Shuffle(rawValue: Int(data[0] / 5) % 3) ?? .none
    let typesize = typesizes[Int(data[0] / 15) % typesizes.count]
    let clevel = Int(data[1]) % 10
    // A forced block size now and then, to get many blocks out of short inputs.
    let blockSize = data[1] >= 200 ? 128 * Int(data[1] - 199) : 0
    let splitModes: [Blosc.SplitMode] = [.forwardCompatible, .always, .never, .auto]
    let splitMode = splitModes[Int(data[size - 1]) % splitModes.count]
    guard let packed = try? Blosc.compress(input, typesize: typesize, clevel: clevel, shuffle: shuffle,
                                           compressor: compressor, blockSize: blockSize, splitMode: splitMode) else {
        preconditionFailure("blosc: compressing \(size) bytes failed")
    }
    precondition(packed.count <= size + 16, "blosc: the chunk is larger than the input plus the header")
    let unpacked = packed.withUnsafeBytes { try? Blosc.decompress($0, maxOutputSize: size) }
    precondition(unpacked.map { $0.elementsEqual(input) } == true,
                 "blosc: round trip with \(compressor) \(shuffle) typesize \(typesize) level \(clevel) \(splitMode) lost data")
    return 0
}
