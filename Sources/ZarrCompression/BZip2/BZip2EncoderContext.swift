// The working memory of the bzip2 encoder, kept between calls (see
// ContextPool), sized for the largest block of the level in use: the block,
// its doubled copy and suffix array for sorting (2n bytes and 2n entries), the
// transform output, the symbols and the Huffman codes.

/// One caller's bzip2 encoder memory. `@unchecked Sendable`: a context is only
/// ever used by the one thread that took it from the pool.
final class BZip2EncoderContext: @unchecked Sendable {
    static let pool = ContextPool<BZip2EncoderContext>(capacity: 2)

    private(set) var capacity = 0
    private(set) var block = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private(set) var doubled = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private(set) var suffixes = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private(set) var transformOutput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private(set) var symbols = UnsafeMutablePointer<UInt16>.allocate(capacity: 1)
    let codes = UnsafeMutablePointer<UInt32>.allocate(capacity: BZip2Format.maxTables * BZip2Format.maxAlphabetSize)

    /// Runs `body` with a context from the pool (or a new one) holding blocks of `blockSize` bytes.
    static func withContext<R>(blockSize: Int, _ body: (BZip2EncoderContext) -> R) -> R {
        let context = pool.take() ?? BZip2EncoderContext()
        defer { pool.give(context) }
        context.ensure(blockSize)
        return body(context)
    }

    private func ensure(_ size: Int) {
        guard size > capacity else { return }
        release()
        block = .allocate(capacity: size)
        doubled = .allocate(capacity: 2 * size)
        suffixes = .allocate(capacity: 2 * size)
        transformOutput = .allocate(capacity: size)
        symbols = .allocate(capacity: size + 1)
        capacity = size
    }

    private func release() {
        block.deallocate()
        doubled.deallocate()
        suffixes.deallocate()
        transformOutput.deallocate()
        symbols.deallocate()
    }

    deinit {
        release()
        codes.deallocate()
    }
}
