// How hard the deflate encoder searches for matches at each level.

/// Match-search parameters of one compression level, after zlib's
/// configuration table. Level 5 searches less than zlib's level 5 (pending
/// matches of 6 bytes or more are kept without a look at the next byte): with
/// the 4-byte hash chains it still compresses better than zlib's level 5 on
/// smooth and noisy fields alike, and noisy ones at nearly twice its speed.
struct DeflateLevel {
    /// Once the pending match is at least this long, search a quarter of the chain.
    let goodLength: Int
    /// Greedy levels: insert the positions inside matches up to this length.
    /// Lazy levels: do not look for a better match after one this long.
    let maxLazy: Int
    /// Stop searching once a match this long is found.
    let niceLength: Int
    /// How many earlier positions with the same hash to try.
    let maxChain: Int
    /// Whether to defer each match by one byte in case a longer one starts there.
    let lazy: Bool

    /// Parameters for `level`, which must lie in 1...9.
    static func forLevel(_ level: Int) -> DeflateLevel {
        switch level {
        case 1: return DeflateLevel(goodLength: 4, maxLazy: 4, niceLength: 8, maxChain: 4, lazy: false)
        case 2: return DeflateLevel(goodLength: 4, maxLazy: 5, niceLength: 16, maxChain: 8, lazy: false)
        case 3: return DeflateLevel(goodLength: 4, maxLazy: 6, niceLength: 32, maxChain: 32, lazy: false)
        case 4: return DeflateLevel(goodLength: 4, maxLazy: 4, niceLength: 16, maxChain: 16, lazy: true)
        case 5: return DeflateLevel(goodLength: 4, maxLazy: 6, niceLength: 32, maxChain: 32, lazy: true)
        case 6: return DeflateLevel(goodLength: 8, maxLazy: 16, niceLength: 128, maxChain: 128, lazy: true)
        case 7: return DeflateLevel(goodLength: 8, maxLazy: 32, niceLength: 128, maxChain: 256, lazy: true)
        case 8: return DeflateLevel(goodLength: 32, maxLazy: 128, niceLength: 258, maxChain: 1024, lazy: true)
        default: return DeflateLevel(goodLength: 32, maxLazy: 258, niceLength: 258, maxChain: 4096, lazy: true)
        }
    }
}
