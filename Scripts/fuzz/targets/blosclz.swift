// Fuzz target: the BloscLZ decoder on any bytes, and a round trip of the input through the
// encoder. The first 3 bytes give the output capacity (little-endian, 18 bits), the rest is
// the stream. Decoding may fail with an error; it must never crash, overrun a buffer, hang or
// write past the capacity. Decoding again into exactly the bytes written must give the same
// bytes or fail (the copy paths without slack), and a round trip must give back its input.

@testable import ZarrCompression

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBloscLZ(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 3 else { return 0 }
    let capacity = Int(data[0]) | Int(data[1]) << 8 | Int(data[2] & 3) << 16
    let stream = UnsafeRawBufferPointer(start: data + 3, count: size - 3)
    let output = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    defer { output.deallocate() }
    if let written = try? BloscLZ.decompress(stream, into: output) {
        precondition(written <= capacity, "blosclz: wrote past the capacity")
        let exact = UnsafeMutableRawBufferPointer.allocate(byteCount: written, alignment: 1)
        defer { exact.deallocate() }
        // It may fail: a final match that c-blosc drops is still checked against the output end.
        if let again = try? BloscLZ.decompress(stream, into: exact) {
            precondition(again == written && exact.elementsEqual(output[..<written]),
                         "blosclz: an exactly sized output decoded differently")
        }
    }

    // Round trip of the whole input at a level from the first byte, split mode from the second.
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let level = Int(data[0] % 9) + 1
    let packed = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
    defer { packed.deallocate() }
    let n = BloscLZ.compress(input, level: level, splitBlock: data[1] & 1 == 1, into: packed)
    guard n > 0 else { return 0 }
    let unpacked = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
    defer { unpacked.deallocate() }
    let back = try? BloscLZ.decompress(UnsafeRawBufferPointer(rebasing: packed[..<n]), into: unpacked)
    precondition(back == size && unpacked.elementsEqual(input), "blosclz: round trip at level \(level) lost data")
    return 0
}
