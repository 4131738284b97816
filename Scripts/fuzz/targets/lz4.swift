// Fuzz target: the LZ4 block decoder on any bytes, and round trips of the input through both
// encoders. The first 3 bytes give the output capacity (little-endian, 18 bits), the rest is
// the block. Decoding may fail with an error; it must never crash, overrun a buffer, hang or
// allocate past its limit. A decoded size that depends on the capacity (once it is large
// enough), or a round trip that does not give back its input, is a finding.

@testable import ZarrCompression

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLZ4(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 3 else { return 0 }
    let capacity = Int(data[0]) | Int(data[1]) << 8 | Int(data[2] & 3) << 16
    let block = UnsafeRawBufferPointer(start: data + 3, count: size - 3)
    let output = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    defer { output.deallocate() }
    if let written = try? LZ4.decompressBlock(block, into: output) {
        precondition(written <= capacity, "lz4: wrote past the capacity")
        // Exactly sized: the same bytes; one byte less must fail.
        let exact = try? LZ4.decompress(block, decodedSize: written)
        precondition(exact.map { $0.elementsEqual(UnsafeRawBufferPointer(rebasing: output[..<written])) } == true,
                     "lz4: an exactly sized output decoded differently")
        if written > 0 {
            precondition((try? LZ4.decompress(block, decodedSize: written - 1)) == nil,
                         "lz4: a block decoded into a buffer too small for it")
        }
    }

    // Round trips of the whole input: acceleration from the first byte, level from the second
    // (the price-based levels 10...12 on short inputs only, they are slow on long ones).
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let acceleration = Int(data[0] % 24) + 1
    var level = Int(data[1] % 13)
    if level >= 10 && size > 8192 { level -= 5 }
    for packed in [LZ4.compress(input, acceleration: acceleration), LZ4.compressHC(input, level: level)] {
        let unpacked = packed.withUnsafeBytes { try? LZ4.decompress($0, decodedSize: size) }
        precondition(unpacked.map { $0.elementsEqual(input) } == true,
                     "lz4: round trip at acceleration \(acceleration) / level \(level) lost data")
    }
    // An output one byte short of the block must be refused without writing past it.
    let fast = LZ4.compress(input, acceleration: acceleration)
    let short = UnsafeMutableRawBufferPointer.allocate(byteCount: fast.count - 1, alignment: 1)
    defer { short.deallocate() }
    precondition(LZ4.compressBlock(input, into: short, acceleration: acceleration) == 0,
                 "lz4: a block was written into an output too small for it")
    return 0
}
