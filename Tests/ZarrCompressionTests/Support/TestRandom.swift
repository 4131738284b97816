/// The one deterministic generator of the tests (SplitMix64), so that every
/// generated input is reproducible from its seed.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<n (plain modulo: slightly biased, but reproducible).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// `n` bytes: each output of the generator in turn, least significant
    /// byte first.
    static func bytes(_ n: Int, seed: UInt64) -> [UInt8] {
        var g = TestRandom(seed: seed)
        var out = [UInt8](repeating: 0, count: n)
        var i = 0
        while i < n {
            let v = g.next()
            for k in 0..<min(8, n - i) { out[i + k] = UInt8(truncatingIfNeeded: v >> UInt64(8 * k)) }
            i += 8
        }
        return out
    }

    /// Text-like bytes: words drawn from `words`, each followed by a newline
    /// (one time in `newlineOneIn`) or a space, cut to `n` bytes.
    static func text(_ n: Int, seed: UInt64, words: [String], newlineOneIn: Int) -> [UInt8] {
        var g = TestRandom(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(n + 16)
        while out.count < n {
            out.append(contentsOf: Array(words[g.below(words.count)].utf8))
            out.append(g.below(newlineOneIn) == 0 ? 10 : 32)
        }
        return Array(out.prefix(n))
    }
}
