// Fuzz target: the bzip2 decoder on any bytes, and a round trip of the input through the
// encoder. The first 3 bytes give the output bound (little-endian, 18 bits), the rest is the
// stream. Decoding may fail with an error; it must never crash, overrun a buffer, hang or
// allocate past its limit. The two entry points disagreeing, or a round trip that does not
// give back its input, is a finding.

@testable import ZarrCompression

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBZip2(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 3 else { return 0 }
    let bound = Int(data[0]) | Int(data[1]) << 8 | Int(data[2] & 3) << 16
    let stream = UnsafeRawBufferPointer(start: data + 3, count: size - 3)
    let output = UnsafeMutableRawBufferPointer.allocate(byteCount: bound, alignment: 16)
    defer { output.deallocate() }
    let bounded = try? BZip2.decompress(stream, maxOutputSize: bound)
    let written = try? BZip2.decompress(stream, into: output)
    precondition(bounded?.count == written, "bzip2: the array and buffer decoders disagree")
    if let bounded, let written {
        precondition(bounded.count <= bound, "bzip2: decoded past the bound")
        precondition(bounded.elementsEqual(UnsafeRawBufferPointer(rebasing: output[..<written])),
                     "bzip2: the array and buffer decoders decoded different bytes")
        if written > 0 {
            precondition((try? BZip2.decompress(stream, maxOutputSize: written - 1)) == nil,
                         "bzip2: a stream decoded within a bound too small for it")
        }
    }

    // Round trip of the whole input at a level from its first byte.
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let level = Int(data[0] % 9) + 1
    let packed = BZip2.compress(input, level: level)
    let unpacked = packed.withUnsafeBytes { try? BZip2.decompress($0, maxOutputSize: size) }
    precondition(unpacked.map { $0.elementsEqual(input) } == true, "bzip2: round trip at level \(level) lost data")
    return 0
}
