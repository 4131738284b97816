// The decoders' output, which is also their dictionary: the whole output stays in
// memory, so a match copies from earlier in the same buffer and no separate
// dictionary is ever allocated. The buffer grows on demand (doubling) but never
// past the caller's maximum output size, whatever sizes the input declares.

import Foundation

/// A growable byte buffer bounded by a maximum size.
struct LZMAOutput: ~Copyable {
    /// The bytes; `count` are written, `capacity` allocated.
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written so far.
    var count = 0
    /// The largest size the buffer may reach.
    let maxSize: Int
    private let family: String

    /// An empty buffer that may grow to `maxSize` bytes.
    init(maxSize: Int, family: String) throws {
        guard let memory = malloc(1) else { throw CompressionError("\(family): cannot allocate the output") }
        base = memory.assumingMemoryBound(to: UInt8.self)
        capacity = 0
        self.maxSize = max(0, maxSize)
        self.family = family
    }

    deinit { free(base) }

    /// Makes room for at least `needed` bytes in all (throws past `maxSize` or when out of memory).
    mutating func reserve(_ needed: Int) throws {
        guard needed > capacity else { return }
        guard needed <= maxSize else {
            throw CompressionError("\(family): output exceeds the maximum of \(maxSize) bytes")
        }
        let doubled = capacity > maxSize / 2 ? maxSize : max(2 * capacity, 1 << 16)
        let target = min(maxSize, max(needed, doubled))
        guard let memory = realloc(base, max(target, 1)) else {
            throw CompressionError("\(family): cannot allocate \(target) bytes of output")
        }
        base = memory.assumingMemoryBound(to: UInt8.self)
        capacity = target
    }

    /// The written bytes as an array.
    consuming func finish() -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: base, count: count))
    }
}
