// BloscLZ compression, following c-blosc 1.21's algorithm so that it keeps
// or gives up on the same blocks and reaches about the same ratios:
//
// * Entropy probe: the last quarter of the input (at most 4096 bytes of it) is
//   parsed with a small hash table and the output size only counted; when the
//   estimated ratio is below the level's threshold, the block is left
//   uncompressed (the caller stores it raw).
// * Parse: a hash of the next four bytes finds the last position with the same
//   hash; a candidate within reach whose first four bytes match is extended as
//   far as the bytes agree, then shortened by a small shift (3 or 4 bytes, as
//   the probe and the split mode decide), and kept if at least as long as the
//   minimum. Short far matches are not worth their four bytes. After a match
//   the hash table learns the position where it ends (and, at level 9, the next).
// * Output: literal runs of up to 32 bytes, each announced by a control byte
//   written ahead of it and fixed up once the run ends; matches as in the
//   decoder's description.
//
// Both the probe and the compressor run the same parse loop; they differ only
// in their parameters and in what consumes the tokens (a counter or a writer).

extension BloscLZ {
    /// Compresses `input` into `output` and returns the compressed size, or
    /// 0 when the input is not worth compressing (the probe says so), is
    /// shorter than 16 bytes, or does not fit in `output` (c-blosc then
    /// stores the block as it is).
    ///
    /// - Parameters:
    ///   - level: 1 (fastest) to 9, clamped into that range.
    ///   - splitBlock: whether the container splits blocks into per-byte
    ///     streams (it changes how eagerly short matches are taken).
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, splitBlock: Bool,
                         into output: UnsafeMutableRawBufferPointer) -> Int {
        let level = min(max(level, 1), 9)
        let length = input.count
        guard length >= 16, output.count >= 66,
              let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self),
              let out = output.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 1 << 14) { table -> Int in
            guard let table = table.baseAddress else { return 0 }
            let probeLength = length / 4
            let ratio = estimateRatio(base + (length - probeLength), min(probeLength, 4096), table)
            guard ratio >= minimumRatio[level] else { return 0 }
            let eager = !splitBlock || ratio < 4
            let parameters = ParseParameters(hashLog: level == 1 ? 12 : level == 2 ? 13 : 14,
                                             minimumLength: eager ? 3 : 4, shift: eager ? 3 : 4,
                                             rejectShortFar: true, secondHash: level == 9)
            table.initialize(repeating: 0, count: 1 << parameters.hashLog)
            var writer = StreamWriter(out, capacity: output.count)
            writer.begin(base)
            guard var ip = parse(base, count: length, from: 4, parameters, table, &writer) else { return 0 }
            while ip < length {
                guard writer.literal(base[ip]) else { return 0 }
                ip += 1
            }
            return writer.finish()
        }
    }

    /// The ratio below which a level stores a block uncompressed (index: level).
    private static let minimumRatio: [Double] = [0, 2, 1.5, 1.2, 1.2, 1.2, 1.2, 1.15, 1.1, 1.0]

    /// Parses `count` bytes at `base` with the probe's settings and returns
    /// the bytes parsed over the bytes they would take (0 for fewer than 12 bytes).
    private static func estimateRatio(_ base: UnsafePointer<UInt8>, _ count: Int,
                                      _ table: UnsafeMutablePointer<UInt32>) -> Double {
        let parameters = ParseParameters(hashLog: 12, minimumLength: 3, shift: 3, rejectShortFar: false,
                                         secondHash: false)
        table.initialize(repeating: 0, count: 1 << parameters.hashLog)
        var counter = SizeCounter()
        let parsed = parse(base, count: count, from: 0, parameters, table, &counter) ?? 0
        return Double(parsed) / Double(counter.size)
    }

    // MARK: - The parse

    private struct ParseParameters {
        var hashLog: Int
        var minimumLength: Int
        /// Bytes taken back from the end of each extended match.
        var shift: Int
        /// Turn matches of at most 5 bytes that need the far encoding into literals.
        var rejectShortFar: Bool
        /// After a match, also hash the position after its end.
        var secondHash: Bool
    }

    /// What the parse hands its tokens to.
    private protocol TokenSink {
        /// One literal byte; false when it does not fit.
        mutating func literal(_ byte: UInt8) -> Bool
        /// A match copying `length + 2` bytes from `biasedDistance + 1` back;
        /// false when it does not fit.
        mutating func match(length: Int, biasedDistance: Int) -> Bool
    }

    /// Runs the parse over `base[from ..< count - 12]` (matches may extend to
    /// `count - 1`) and returns the position where it stopped, or nil when
    /// the sink ran out of room. `table` holds 2^hashLog zeroed entries.
    @inline(__always)
    private static func parse<Sink: TokenSink>(_ base: UnsafePointer<UInt8>, count: Int, from start: Int,
                                               _ p: ParseParameters, _ table: UnsafeMutablePointer<UInt32>,
                                               _ sink: inout Sink) -> Int? {
        let bound = count - 1, limit = count - 12
        var ip = start
        while ip < limit {
            let anchor = ip
            let sequence = load32(base, anchor)
            let slot = hash(sequence, p.hashLog)
            let candidate = Int(table[slot])
            let distance = anchor - candidate
            table[slot] = UInt32(truncatingIfNeeded: anchor)
            var taken = false
            if distance != 0 && distance < maxFarDistance && load32(base, candidate) == sequence {
                let end = matchEnd(base, anchor + 4, candidate + 4, bound) - p.shift
                let length = end - anchor, biased = distance - 1
                if length >= p.minimumLength && !(p.rejectShortFar && length <= 5 && biased >= maxDistance) {
                    guard sink.match(length: length, biasedDistance: biased) else { return nil }
                    taken = true
                    // end <= count - 4 (the shift is at least 3): the load stays inside.
                    let next = load32(base, end)
                    table[hash(next, p.hashLog)] = UInt32(truncatingIfNeeded: end)
                    if p.secondHash { table[hash(next >> 8, p.hashLog)] = UInt32(truncatingIfNeeded: end + 1) }
                    ip = end + 2
                }
            }
            if !taken {
                guard sink.literal(base[anchor]) else { return nil }
                ip = anchor + 1
            }
        }
        return ip
    }

    /// One past the first position from `ip` on where the bytes differ from
    /// those at `ref` (`ref < ip`), or `bound` if they agree up to it.
    @inline(__always)
    private static func matchEnd(_ base: UnsafePointer<UInt8>, _ ip: Int, _ ref: Int, _ bound: Int) -> Int {
        var p = ip, r = ref
        let raw = UnsafeRawPointer(base)
        while p + 8 <= bound {
            let x = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self) ^ raw.loadUnaligned(fromByteOffset: r, as: UInt64.self)
            if x != 0 { return p + (x.littleEndian.trailingZeroBitCount >> 3) + 1 }
            p += 8
            r += 8
        }
        while p < bound {
            if base[p] != base[r] { return p + 1 }
            p += 1
            r += 1
        }
        return bound
    }

    @inline(__always)
    private static func load32(_ base: UnsafePointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    /// LZ4's multiplicative hash, keeping the top `log` bits.
    @inline(__always)
    private static func hash(_ v: UInt32, _ log: Int) -> Int {
        Int((v &* 2_654_435_761) >> UInt32(32 - log))
    }

    // MARK: - Sinks

    /// Counts the bytes the tokens would take (the probe), starting as the
    /// writer does with a 4-byte literal run.
    private struct SizeCounter: TokenSink {
        var size = 5
        var run = 4

        mutating func literal(_ byte: UInt8) -> Bool {
            size += 1
            run += 1
            if run == maxLiteralRun {
                run = 0
                size += 1
            }
            return true
        }

        mutating func match(length: Int, biasedDistance: Int) -> Bool {
            if run == 0 { size -= 1 }
            run = 0
            if length >= 7 { size += (length - 7) / 255 + 1 }
            size += biasedDistance < maxDistance ? 2 : 4
            size += 1
            return true
        }
    }

    /// Writes the stream. A control byte for the next literal run is written
    /// ahead; when the run ends, it is set to the run's length, or taken back
    /// if the run is empty.
    private struct StreamWriter: TokenSink {
        let out: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var op = 0
        /// Literals in the open run.
        var run = 0

        init(_ out: UnsafeMutablePointer<UInt8>, capacity: Int) {
            self.out = out
            self.capacity = capacity
        }

        /// Opens the stream with a run of the first four input bytes
        /// (the capacity is at least 66 bytes).
        mutating func begin(_ base: UnsafePointer<UInt8>) {
            out[0] = UInt8(maxLiteralRun - 1)
            (out + 1).update(from: base, count: 4)
            op = 5
            run = 4
        }

        mutating func literal(_ byte: UInt8) -> Bool {
            guard op + 2 <= capacity else { return false }
            out[op] = byte
            op += 1
            run += 1
            if run == maxLiteralRun {
                run = 0
                out[op] = UInt8(maxLiteralRun - 1)
                op += 1
            }
            return true
        }

        mutating func match(length: Int, biasedDistance: Int) -> Bool {
            closeRun()
            let far = biasedDistance >= maxDistance
            let distance = far ? biasedDistance - maxDistance : biasedDistance
            let nearHigh = far ? 31 : distance >> 8
            if length < 7 {
                guard put(UInt8(length << 5 + nearHigh)) else { return false }
            } else {
                guard put(UInt8(7 << 5 + nearHigh)) else { return false }
                var rest = length - 7
                while rest >= 255 {
                    guard put(255) else { return false }
                    rest -= 255
                }
                guard put(UInt8(rest)) else { return false }
            }
            if far {
                guard put(255), put(UInt8(distance >> 8)) else { return false }
            }
            // The distance's low byte, then the control byte of the next run.
            guard put(UInt8(distance & 255)), put(UInt8(maxLiteralRun - 1)) else { return false }
            return true
        }

        /// Closes the stream and returns its size; the first byte gets the
        /// codec's marker bit.
        mutating func finish() -> Int {
            closeRun()
            out[0] |= 1 << 5
            return op
        }

        private mutating func closeRun() {
            if run > 0 {
                out[op - run - 1] = UInt8(run - 1)
            } else {
                op -= 1
            }
            run = 0
        }

        private mutating func put(_ byte: UInt8) -> Bool {
            guard op < capacity else { return false }
            out[op] = byte
            op += 1
            return true
        }
    }
}
