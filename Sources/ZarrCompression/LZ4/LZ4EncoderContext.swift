// The working memory of the LZ4 encoders, kept between calls (see ContextPool).
//
// The fast encoder's 16 KiB table, the high-compression encoder's hash and
// chain tables (256 KiB) and the optimal parser's prices are allocated once
// per context, when first needed; so is the scratch block that the array
// convenience functions compress into before copying out the result.

/// One caller's LZ4 encoder memory. `@unchecked Sendable`: a context is only
/// ever used by the one thread that took it from the pool.
final class LZ4EncoderContext: @unchecked Sendable {
    static let pool = ContextPool<LZ4EncoderContext>(capacity: 4)
    /// Scratch blocks above this size are freed rather than kept in the pool.
    static let maxPooledScratch = 8 << 20

    /// LZ4FastEncoder.tableBytes of table memory (zeroed by each use).
    let fastTable = UnsafeMutableRawPointer.allocate(byteCount: LZ4FastEncoder.tableBytes, alignment: 16)
    private(set) var hashChains: (head: UnsafeMutablePointer<UInt32>, chain: UnsafeMutablePointer<UInt16>)?
    private(set) var priceNodes: UnsafeMutableRawPointer?
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// Runs `body` with a context from the pool (or a new one), then returns it.
    static func withContext<R>(_ body: (LZ4EncoderContext) -> R) -> R {
        let context = pool.take() ?? LZ4EncoderContext()
        defer {
            if context.scratch.count > maxPooledScratch { context.releaseScratch() }
            pool.give(context)
        }
        return body(context)
    }

    /// The high-compression tables: `headCount` 32-bit heads, `chainCount` 16-bit links.
    func hashChainTables(headCount: Int, chainCount: Int) -> (head: UnsafeMutablePointer<UInt32>, chain: UnsafeMutablePointer<UInt16>) {
        if let hashChains { return hashChains }
        let tables = (UnsafeMutablePointer<UInt32>.allocate(capacity: headCount),
                      UnsafeMutablePointer<UInt16>.allocate(capacity: chainCount))
        hashChains = tables
        return tables
    }

    /// Memory for the optimal parser's price nodes (`byteCount` is the same on every call).
    func priceNodeMemory(byteCount: Int) -> UnsafeMutableRawPointer {
        if let priceNodes { return priceNodes }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 16)
        priceNodes = memory
        return memory
    }

    /// A scratch block of at least `count` bytes.
    func scratchBlock(_ count: Int) -> UnsafeMutableRawBufferPointer {
        if scratch.count < count {
            releaseScratch()
            scratch = .allocate(byteCount: count, alignment: 16)
        }
        return UnsafeMutableRawBufferPointer(rebasing: scratch[..<count])
    }

    private func releaseScratch() {
        scratch.deallocate()
        scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    }

    deinit {
        fastTable.deallocate()
        if let hashChains {
            hashChains.head.deallocate()
            hashChains.chain.deallocate()
        }
        priceNodes?.deallocate()
        scratch.deallocate()
    }
}
