// Copying element bytes between buffers while reversing the byte order of
// each unit: the `bytes` codec's big-endian mode, and v2 struct fill values
// stored big-endian.

/// Copies `source` to `destination` (same size), reversing every `unit`-byte group.
///
/// Units of 2, 4 and 8 bytes use `byteSwapped` on unaligned loads; other sizes
/// fall back to a byte loop. A unit of 1 is a plain copy.
func copySwappingBytes(from source: UnsafeRawBufferPointer, to destination: UnsafeMutableRawBufferPointer, unit: Int) {
    guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
    let count = min(source.count, destination.count)
    switch unit {
    case 2: swapUnits(src, dst, count / 2, UInt16.self)
    case 4: swapUnits(src, dst, count / 4, UInt32.self)
    case 8: swapUnits(src, dst, count / 8, UInt64.self)
    case ...1: dst.copyMemory(from: src, byteCount: count)
    default:
        var offset = 0
        while offset + unit <= count {
            for i in 0..<unit { dst.storeBytes(of: src.load(fromByteOffset: offset + unit - 1 - i, as: UInt8.self), toByteOffset: offset + i, as: UInt8.self) }
            offset += unit
        }
    }
}

/// Copies elements of `dataType` from `source` to `destination`, reversing the bytes of each
/// swap unit: the whole buffer in one pass for numbers, field by field for structs.
func copySwappingBytes(from source: UnsafeRawBufferPointer, to destination: UnsafeMutableRawBufferPointer, dataType: DataType) {
    let segments = dataType.byteSwapSegments
    let size = dataType.itemSize
    if segments.count <= 1, segments.first.map({ $0.offset == 0 && $0.unit * $0.count == size }) ?? true {
        copySwappingBytes(from: source, to: destination, unit: segments.first?.unit ?? 1)
        return
    }
    let count = min(source.count, destination.count)
    guard let src = source.baseAddress, let dst = destination.baseAddress, size > 0 else { return }
    dst.copyMemory(from: src, byteCount: count)
    for element in stride(from: 0, to: count - size + 1, by: size) {
        for segment in segments {
            let start = element + segment.offset
            let bytes = segment.unit * segment.count
            copySwappingBytes(
                from: UnsafeRawBufferPointer(start: src + start, count: bytes),
                to: UnsafeMutableRawBufferPointer(start: dst + start, count: bytes), unit: segment.unit)
        }
    }
}

@inline(__always)
private func swapUnits<T: FixedWidthInteger>(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ n: Int, _: T.Type) {
    let stride = MemoryLayout<T>.size
    for i in 0..<n {
        dst.storeBytes(of: src.loadUnaligned(fromByteOffset: i * stride, as: T.self).byteSwapped, toByteOffset: i * stride, as: T.self)
    }
}
