// The block-sized working memory of blosc encoding and decoding (the filtered
// block), kept between calls (see ContextPool): a fresh block of hundreds of
// kilobytes per chunk would cost page faults on every call.

/// One caller's scratch block. `@unchecked Sendable`: a context is only ever
/// used by the one thread that took it from the pool.
final class BloscScratch: @unchecked Sendable {
    static let pool = ContextPool<BloscScratch>(capacity: 4)
    /// Blocks above this size are freed rather than kept in the pool.
    static let maxPooledBytes = 4 << 20

    private var memory = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    deinit { memory.deallocate() }

    /// Runs `body` with at least `byteCount` bytes of scratch (contents
    /// undefined) from a pooled context.
    static func with<R>(byteCount: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        let context = pool.take() ?? BloscScratch()
        defer {
            if context.memory.count > maxPooledBytes {
                context.memory.deallocate()
                context.memory = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            }
            pool.give(context)
        }
        if context.memory.count < byteCount {
            context.memory.deallocate()
            context.memory = .allocate(byteCount: byteCount, alignment: 64)
        }
        return try body(UnsafeMutableRawBufferPointer(rebasing: context.memory[0..<byteCount]))
    }
}
