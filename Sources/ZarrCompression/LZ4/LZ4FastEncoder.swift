// The fast LZ4 encoder: liblz4's single-probe match finder (LZ4_compress_fast).
//
// One hash table maps a hash of the bytes at a position to the last position
// seen with that hash. At each position the encoder looks the table up and
// takes the candidate when its first 4 bytes equal the current ones (and it
// is at most 65535 back); there is no chain and no choice between matches.
// While nothing matches, the step between probed positions grows by one
// every 64 probes (times `acceleration`), so incompressible data is skimmed.
// A found match is first extended backward over the pending literals, then
// forward as far as it goes; after it the position 2 bytes back is hashed,
// and the position right after it is tried at once for a literal-free match.
//
// Tables, as liblz4 sizes them with its default 16 KiB of state: inputs below
// 64 KiB + 11 bytes hash 4 bytes into 8192 16-bit positions; larger inputs
// hash 5 bytes into 4096 32-bit positions.

enum LZ4FastEncoder {
    /// Inputs below this size use the 16-bit table (their positions fit 16 bits).
    static let smallInputLimit = 65536 + LZ4Format.matchStartLimit - 1
    /// Probes without a match before the step grows by one (liblz4's skip trigger).
    static let skipTrigger = 6
    /// liblz4 treats larger accelerations as this one.
    static let maxAcceleration = 65537
    /// The bytes of either table.
    static let tableBytes = 1 << 14

    /// Compresses `src[0..<count]` into `dst[0..<capacity]`, with `storage`
    /// (`tableBytes` bytes, any content) for the table; returns the block size,
    /// or 0 when it does not fit.
    static func compress(_ src: UnsafePointer<UInt8>, count: Int, into dst: UnsafeMutablePointer<UInt8>,
                         capacity: Int, acceleration: Int, table storage: UnsafeMutableRawPointer) -> Int {
        guard count <= LZ4Format.maxInputSize else { return 0 }
        let acceleration = min(max(acceleration, 1), maxAcceleration)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: tableBytes)
        var writer = LZ4BlockWriter(dst, capacity: capacity)
        let fits = count < smallInputLimit
            ? encode(src, count: count, table: SmallInputTable(storage), writer: &writer, acceleration: acceleration)
            : encode(src, count: count, table: LargeInputTable(storage), writer: &writer, acceleration: acceleration)
        return fits ? writer.count : 0
    }

    // MARK: - Main loop

    /// Returns false when the block does not fit the writer.
    @inline(__always)
    private static func encode<Table: PositionTable>(
        _ src: UnsafePointer<UInt8>, count n: Int, table: Table, writer: inout LZ4BlockWriter, acceleration: Int
    ) -> Bool {
        var anchor = 0
        if n >= LZ4Format.minCompressibleInput {
            // Matches start before `startLimit` and end by `matchEnd`.
            let startLimit = n - LZ4Format.matchStartLimit + 1
            let matchEnd = src + n - LZ4Format.lastLiterals
            table.set(table.hash(src), 0)
            var ip = 1
            var forwardHash = table.hash(src + 1)
            search: while true {
                // Probe ahead for a candidate whose first 4 bytes match.
                var match = 0
                var forward = ip
                var step = 1
                var probes = acceleration << skipTrigger
                repeat {
                    let h = forwardHash
                    ip = forward
                    forward += step
                    step = probes >> skipTrigger
                    probes += 1
                    if forward > startLimit { break search }
                    match = table.position(h)
                    forwardHash = table.hash(src + forward)
                    table.set(h, ip)
                } while !Table.inReach(match, from: ip) || LZ4Format.read32(src + match) != LZ4Format.read32(src + ip)

                // Extend it backward over the pending literals.
                while ip > anchor && match > 0 && src[ip - 1] == src[match - 1] {
                    ip -= 1
                    match -= 1
                }

                // Emit it, then as long as the next position matches at once, emit that too.
                while true {
                    assert(ip + LZ4Format.minMatch <= matchEnd - src && match < ip)
                    let length = LZ4Format.minMatch
                        + LZ4Format.commonLength(src + ip + LZ4Format.minMatch, src + match + LZ4Format.minMatch,
                                                 limit: matchEnd)
                    guard writer.sequence(literals: src + anchor, literalCount: ip - anchor,
                                          offset: ip - match, matchLength: length) else { return false }
                    ip += length
                    anchor = ip
                    if ip >= startLimit { break search }
                    table.set(table.hash(src + ip - 2), ip - 2)
                    let h = table.hash(src + ip)
                    match = table.position(h)
                    table.set(h, ip)
                    guard Table.inReach(match, from: ip) && LZ4Format.read32(src + match) == LZ4Format.read32(src + ip)
                    else { break }
                }
                ip += 1
                forwardHash = table.hash(src + ip)
            }
        }
        return writer.lastLiterals(src + anchor, count: n - anchor)
    }

    // MARK: - Tables

    /// A hash table of positions over caller-provided, zeroed memory of `tableBytes`.
    private protocol PositionTable {
        /// The slot for the bytes at `p` (which has at least 8 readable bytes).
        func hash(_ p: UnsafePointer<UInt8>) -> Int
        func position(_ slot: Int) -> Int
        func set(_ slot: Int, _ position: Int)
        /// Whether a candidate at `match` may serve `position` (offset at most 65535).
        static func inReach(_ match: Int, from position: Int) -> Bool
    }

    /// 8192 16-bit positions, hashed from 4 bytes.
    private struct SmallInputTable: PositionTable {
        let slots: UnsafeMutablePointer<UInt16>
        init(_ storage: UnsafeMutableRawPointer) {
            slots = storage.bindMemory(to: UInt16.self, capacity: LZ4FastEncoder.tableBytes / 2)
        }
        @inline(__always) func hash(_ p: UnsafePointer<UInt8>) -> Int {
            Int(truncatingIfNeeded: (LZ4Format.read32(p) &* 2_654_435_761) >> 19)
        }
        @inline(__always) func position(_ slot: Int) -> Int { Int(slots[slot]) }
        @inline(__always) func set(_ slot: Int, _ position: Int) { slots[slot] = UInt16(truncatingIfNeeded: position) }
        /// Positions stay below 65536 - 11, so every candidate is in reach.
        @inline(__always) static func inReach(_ match: Int, from position: Int) -> Bool { true }
    }

    /// 4096 32-bit positions, hashed from 5 bytes.
    private struct LargeInputTable: PositionTable {
        let slots: UnsafeMutablePointer<UInt32>
        init(_ storage: UnsafeMutableRawPointer) {
            slots = storage.bindMemory(to: UInt32.self, capacity: LZ4FastEncoder.tableBytes / 4)
        }
        @inline(__always) func hash(_ p: UnsafePointer<UInt8>) -> Int {
            Int(truncatingIfNeeded: ((LZ4Format.read64(p) << 24) &* 889_523_592_379) >> 52)
        }
        @inline(__always) func position(_ slot: Int) -> Int { Int(slots[slot]) }
        @inline(__always) func set(_ slot: Int, _ position: Int) { slots[slot] = UInt32(truncatingIfNeeded: position) }
        @inline(__always) static func inReach(_ match: Int, from position: Int) -> Bool {
            position - match <= LZ4Format.maxOffset
        }
    }
}
