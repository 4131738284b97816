// Fuzz target: the Zstandard decoder on any bytes (frames, skippable frames, every block and
// literal/sequence mode), the declared-size reader, and a round trip of the input itself.
// Decoding may fail with an error; it must never crash, overrun a buffer, hang or allocate
// past its limit. A round trip that does not give back its input is a finding.

@testable import ZarrCompression

/// The output ceiling while fuzzing (see the inflate target).
private let fuzzOutputLimit = 1 << 22

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZstd(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    _ = Zstd.decompressedSize(input)
    if let output = try? Zstd.decompress(input, maxOutputSize: fuzzOutputLimit), output.count > 1 {
        // A ceiling below the output must fail, not truncate.
        precondition((try? Zstd.decompress(input, maxOutputSize: output.count - 1)) == nil,
                     "zstd: output above maxOutputSize was returned")
    }
    // Round trip at a level picked by the first byte (negative levels included).
    let level = Int(data[0] % 12) - 2
    let packed = Zstd.compress(input, level: level, checksum: data[0] & 0x80 != 0)
    let unpacked = try? Zstd.decompress(packed, maxOutputSize: size)
    precondition(unpacked.map { $0.elementsEqual(input) } == true, "zstd: round trip at level \(level) lost data")
    return 0
}
