// The working memory of the bzip2 decoder, kept between calls (see
// ContextPool): the Huffman tables, the selectors, the code lengths, and the
// block array, which grows only as far as a block's declared size (at most
// 900,000 entries, 3.6 MB) and only when a block needs it.

/// One caller's bzip2 decoder memory. `@unchecked Sendable`: a context is only
/// ever used by the one thread that took it from the pool.
final class BZip2DecoderContext: @unchecked Sendable {
    static let pool = ContextPool<BZip2DecoderContext>(capacity: 4)

    let tables = BZip2HuffmanDecodeTables()
    /// One table index per group of 50 symbols.
    let selectors = UnsafeMutablePointer<UInt8>.allocate(capacity: BZip2Format.maxSelectors)
    /// Code lengths of every table, `maxAlphabetSize` per table.
    let codeLengths = UnsafeMutablePointer<UInt8>.allocate(capacity: BZip2Format.maxTables * BZip2Format.maxAlphabetSize)
    /// The block: a byte in the low 8 bits of each entry, then the inverse transform's links.
    private(set) var block = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var blockCapacity = 1

    /// Runs `body` with a context from the pool (or a new one), then returns it.
    static func withContext<R>(_ body: (BZip2DecoderContext) throws -> R) rethrows -> R {
        let context = pool.take() ?? BZip2DecoderContext()
        defer { pool.give(context) }
        return try body(context)
    }

    /// The block array with room for `count` entries (count is at most 900,000).
    func blockArray(_ count: Int) -> UnsafeMutablePointer<UInt32> {
        assert(count <= 9 * BZip2Format.blockUnit)
        if blockCapacity < count {
            block.deallocate()
            block = .allocate(capacity: count)
            blockCapacity = count
        }
        return block
    }

    deinit {
        selectors.deallocate()
        codeLengths.deallocate()
        block.deallocate()
    }
}
