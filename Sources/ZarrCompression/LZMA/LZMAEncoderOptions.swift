// xz's compression presets (liblzma's lzma_lzma_preset): the dictionary grows
// from 256 KiB at preset 0 to 64 MiB at preset 9; presets 0-3 search hash
// chains 4, 8, 24 and 48 deep with nice lengths 128 or 273; presets 4-9 stop at
// nice lengths 16, 32 or 64, search deeper and parse optimally (liblzma's
// "normal" mode). All use lc 3, lp 0, pb 2.

/// The parameters of the LZMA encoder.
struct LZMAEncoderOptions: Equatable, Sendable {
    var dictionarySize: Int
    /// A match this long is taken without looking further.
    var niceLength: Int
    /// How many hash chain links (or binary tree nodes, for the optimal parse) a search visits.
    var depth: Int
    var properties: LZMAProperties
    /// Whether the parse is the price-based optimal one (presets 4-9) rather than the fast one.
    var optimal: Bool

    /// The options of xz preset `preset` (clamped to 0...9).
    init(preset: Int) {
        let level = min(9, max(0, preset))
        let dictionaryPowers = [18, 20, 21, 22, 22, 23, 23, 24, 25, 26]
        dictionarySize = 1 << dictionaryPowers[level]
        properties = .standard
        optimal = level >= 4
        if level <= 3 {
            niceLength = level <= 1 ? 128 : 273
            depth = [4, 8, 24, 48][level]
        } else {
            niceLength = level == 4 ? 16 : (level == 5 ? 32 : 64)
            depth = 16 + niceLength / 2 + (level - 4) * 16
        }
    }
}
