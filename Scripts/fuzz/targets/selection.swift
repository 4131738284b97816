// Fuzz target: resolving a selection (integers, slices with any bounds and steps, ellipses)
// against any shape and chunk shape, with extreme values (0, 1, ±2^31, ±2^62, Int.min,
// Int.max) likely. A small selection is also read and written. Anything may be refused with
// an error; nothing may crash, hang or allocate without bound.
//
// The thread pool frees a task's captures just after its future completes, so the heap can
// still be settling when one input returns: per-input leak checks would blame that on the
// input, so they are off for this target (AddressSanitizer itself stays on).
// fuzz-options: -detect_leaks=0

import Foundation
@testable import SimpleZarr

/// Reads Ints from the fuzzer's bytes, often picking extreme values.
private struct FuzzReader {
    var bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func int() -> Int {
        let tag = byte()
        switch tag % 16 {
        case 0: return Int.max
        case 1: return Int.min
        case 2: return 1 << 62
        case 3: return -(1 << 62)
        case 4: return Int(Int32.max)
        case 5: return -Int(Int32.max) - 1
        case 6:
            var value = 0
            for _ in 0..<8 { value = value << 8 | Int(byte()) }
            return value
        default: return Int(Int8(bitPattern: byte()))
        }
    }

    /// A small non-negative length, or an extreme one.
    mutating func length(minimum: Int) -> Int {
        let tag = byte()
        switch tag % 8 {
        case 0: return Int.max
        case 1: return 1 << 62
        case 2: return Int(Int32.max)
        default: return max(minimum, Int(tag >> 3) % 9)
        }
    }
}

/// The chunk ceiling while fuzzing: legal documents may declare chunks of gigabytes; the
/// target keeps them small so that a run is about correctness, not memory.
private let fuzzChunkLimit = 1 << 24

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSelection(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ZarrLimits.maximumChunkByteCount = fuzzChunkLimit
    guard let data else { return 0 }
    var reader = FuzzReader(bytes: UnsafeBufferPointer(start: data, count: size))
    let ndim = Int(reader.byte() % 5)
    let shape = (0..<ndim).map { _ in reader.length(minimum: 0) }
    let chunkShape = (0..<ndim).map { _ in reader.length(minimum: 1) }
    var items: [AxisSelection] = []
    for _ in 0..<Int(reader.byte() % 6) {
        switch reader.byte() % 4 {
        case 0: items.append(.index(reader.int()))
        case 1: items.append(.ellipsis)
        default:
            let flags = reader.byte()
            items.append(.slice(start: flags & 1 == 0 ? nil : reader.int(),
                                stop: flags & 2 == 0 ? nil : reader.int(),
                                step: flags & 4 == 0 ? 1 : reader.int()))
        }
    }
    let store = MemoryStore()
    guard let array = try? ZarrArray.create(store, "a", shape: shape, dtype: .uint16, chunkShape: chunkShape, fillValue: 3)
    else { return 0 }
    _ = try? array.chunks.select(items).description
    guard let region = try? array.select(items) else { return 0 }
    _ = region.description
    // Touch the data only for small results, so a legal but huge selection is not fuzzed for speed.
    let (count, overflow) = region.shape.reduce((1, false)) { acc, n in
        let (product, o) = acc.0.multipliedReportingOverflow(by: n)
        return (product, acc.1 || o)
    }
    guard !overflow, count <= 4096 else { return 0 }
    if let values = try? region.get() {
        precondition(values.shape == region.shape, "selection: get() returned shape \(values.shape), expected \(region.shape)")
    }
    if (try? region.set(Int(5))) != nil, let back = try? region.get() {
        let values: [UInt16]? = try? back.toArray(as: UInt16.self)
        precondition(values?.allSatisfy { $0 == 5 } == true, "selection: a value written to a region did not read back")
    }
    return 0
}
