// Fuzz target: the .xz and .lzma decoders on any bytes, and round trips of the input through
// the encoder. The first byte picks the container (even: .xz, odd: .lzma); the rest is the
// file. Decoding may fail with an error; it must never crash, overrun a buffer, hang or
// allocate past its limit. Output above maxOutputSize returned, or a round trip that does
// not give back its input, is a finding.

@testable import ZarrCompression

/// The output ceiling while fuzzing.
private let fuzzOutputLimit = 1 << 22

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXZ(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 1 else { return 0 }
    let file = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let alone = data[0] & 1 != 0
    let decode = { (limit: Int) in
        alone ? try LZMA.decompressAlone(file, maxOutputSize: limit) : try XZ.decompress(file, maxOutputSize: limit)
    }
    if let output = try? decode(fuzzOutputLimit), output.count > 0 {
        precondition(output.count <= fuzzOutputLimit, "xz: output above maxOutputSize")
        // A ceiling below the output must fail, not truncate.
        precondition((try? decode(output.count - 1)) == nil, "xz: output above maxOutputSize was returned")
    }

    // Round trips of the whole input at a preset and check picked by the first byte.
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let preset = Int(data[0] >> 1) % 10
    let check = XZCheck.allCases[Int(data[0] >> 5) % XZCheck.allCases.count]
    let delta: Int? = data[0] & 0x10 != 0 ? Int(data[0] & 7) + 1 : nil
    let packed = XZ.compress(input, preset: preset, check: check, deltaDistance: delta)
    let unpacked = packed.withUnsafeBytes { try? XZ.decompress($0, maxOutputSize: size) }
    precondition(unpacked.map { $0.elementsEqual(input) } == true, "xz: round trip at preset \(preset) lost data")
    let packedAlone = LZMA.compressAlone(input, preset: preset)
    let unpackedAlone = packedAlone.withUnsafeBytes { try? LZMA.decompressAlone($0, maxOutputSize: size) }
    precondition(unpackedAlone.map { $0.elementsEqual(input) } == true, "lzma: .lzma round trip at preset \(preset) lost data")
    return 0
}
