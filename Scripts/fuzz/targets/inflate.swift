// Fuzz target: the deflate decoders (raw deflate, zlib, gzip with several members) on any
// bytes, with and without a size hint, into a caller's buffer, and a deflate round trip of
// the input itself.
// Decoding may fail with an error; it must never crash, overrun a buffer, hang or allocate
// past its limit. A round trip that does not give back its input is a finding.

@testable import ZarrCompression

/// The output ceiling while fuzzing: big enough for every seed, small enough that a
/// decoder that honours it cannot exhaust memory.
private let fuzzOutputLimit = 1 << 22

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInflate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    // Into a caller's buffer (a chunk of known size): the same bytes as the growable output,
    // and a buffer one byte short is an error.
    if let whole = try? Zlib.decompress(input, maxOutputSize: fuzzOutputLimit) {
        checkInto(whole, "zlib") { try Zlib.decompress(input, into: $0) }
    }
    if let whole = try? Gzip.decompress(input, maxOutputSize: fuzzOutputLimit) {
        checkInto(whole, "gzip") { try Gzip.decompress(input, into: $0) }
    }
    if let raw = try? Deflate.decompress(input, maxOutputSize: fuzzOutputLimit) {
        // The hint paths: an exact hint (output lands in the caller-sized buffer) and a short one.
        let exact = try? Deflate.decompress(input, expectedSize: raw.count, maxOutputSize: fuzzOutputLimit)
        precondition(exact == raw, "inflate: the exact size hint changed the output")
        let short = try? Deflate.decompress(input, expectedSize: raw.count / 2, maxOutputSize: fuzzOutputLimit)
        precondition(short == raw, "inflate: a short size hint changed the output")
        if raw.count > 1 {
            // A ceiling below the output must fail, not truncate.
            precondition((try? Deflate.decompress(input, maxOutputSize: raw.count - 1)) == nil,
                         "inflate: output above maxOutputSize was returned")
        }
    }
    // Skipping a two-byte zlib header reaches the raw decoder with a real stream.
    if size > 2 {
        _ = try? Deflate.decompress(UnsafeRawBufferPointer(rebasing: input[2...]), maxOutputSize: fuzzOutputLimit)
    }
    // Round trip: the encoder at a level picked by the first byte.
    let level = Int(data[0] % 10)
    let packed = Deflate.compress(input, level: level)
    let unpacked = try? Deflate.decompress(packed, expectedSize: size, maxOutputSize: size)
    precondition(unpacked.map { $0.elementsEqual(input) } == true, "deflate: round trip at level \(level) lost data")
    return 0
}

/// Decodes with `decode` into a buffer of `whole.count` bytes plus the slack, then of one byte
/// less: the first must give `whole`, the second must fail.
private func checkInto(_ whole: [UInt8], _ name: String, _ decode: (UnsafeMutableRawBufferPointer) throws -> Int) {
    var buffer = [UInt8](repeating: 0, count: whole.count + Deflate.decompressionSlack)
    let count = buffer.withUnsafeMutableBytes { try? decode($0) }
    precondition(count == whole.count && buffer.prefix(whole.count).elementsEqual(whole), "\(name): decoding into a buffer changed the output")
    guard !whole.isEmpty else { return }
    var short = [UInt8](repeating: 0, count: whole.count - 1 + Deflate.decompressionSlack)
    precondition(short.withUnsafeMutableBytes { try? decode($0) } == nil, "\(name): a buffer one byte short was accepted")
}
