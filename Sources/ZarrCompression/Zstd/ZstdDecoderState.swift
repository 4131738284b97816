// Working memory of the Zstandard decoder: scratch tables, the literal
// buffer, the entropy tables that later blocks of a frame may repeat, and
// the repeat offsets (RFC 8878 §3.1.1.3.2.3, §3.1.1.5).
//
// Everything is allocated once per `Zstd.decompress` call and reused for
// every block and frame, so decoding allocates nothing per block.

/// Scratch space for building FSE and Huffman tables.
struct ZstdDecoderScratch {
    let norm: UnsafeMutablePointer<Int16>
    let symbolNext: UnsafeMutablePointer<UInt16>
    let cells: UnsafeMutablePointer<ZstdFSECell>
    let weights: UnsafeMutablePointer<UInt8>

    init() {
        norm = .allocate(capacity: 64)
        norm.initialize(repeating: 0, count: 64)
        symbolNext = .allocate(capacity: 64)
        symbolNext.initialize(repeating: 0, count: 64)
        cells = .allocate(capacity: 512)
        cells.initialize(repeating: ZstdFSECell(symbol: 0, nbBits: 0, base: 0), count: 512)
        weights = .allocate(capacity: 256)
        weights.initialize(repeating: 0, count: 256)
    }

    func deallocate() {
        norm.deallocate(); symbolNext.deallocate(); cells.deallocate(); weights.deallocate()
    }
}

/// One decoding cell of a sequence (LL, ML or OF) table, with the code's
/// baseline and extra-bit count baked in so decoding needs one lookup.
struct ZstdSeqEntry {
    var baseValue: UInt32
    var nextBase: UInt16
    var extraBits: UInt8
    var nbBits: UInt8
}

/// The three kinds of sequence symbols.
enum ZstdSeqKind {
    case literalLength, matchLength, offset

    var name: String {
        switch self {
        case .literalLength: return "literal length"
        case .matchLength: return "match length"
        case .offset: return "offset"
        }
    }
    var maxSymbol: Int {
        switch self {
        case .literalLength: return ZstdSequenceCodes.maxLiteralLengthCode
        case .matchLength: return ZstdSequenceCodes.maxMatchLengthCode
        case .offset: return ZstdSequenceCodes.maxOffsetCode
        }
    }
    var maxLog: Int {
        switch self {
        case .literalLength: return ZstdSequenceCodes.maxLiteralLengthLog
        case .matchLength: return ZstdSequenceCodes.maxMatchLengthLog
        case .offset: return ZstdSequenceCodes.maxOffsetLog
        }
    }

    @inline(__always)
    func entryValues(symbol: Int) -> (base: UInt32, extra: UInt8) {
        switch self {
        case .literalLength:
            return (ZstdSequenceCodes.literalLengthBaseline[symbol], ZstdSequenceCodes.literalLengthExtraBits[symbol])
        case .matchLength:
            return (ZstdSequenceCodes.matchLengthBaseline[symbol], ZstdSequenceCodes.matchLengthExtraBits[symbol])
        case .offset:
            return (UInt32(1) << UInt32(symbol), UInt8(symbol))
        }
    }
}

/// A sequence decoding table slot: 512 cells inside the decoder's shared
/// sequence table block, the predefined table, and the log of the table the
/// current block uses.
///
/// The three slots (literal lengths, offsets, match lengths) sit one after
/// another in one block, and every cell's `nextBase` is biased by its slot's
/// position there (`bias`), so a decoding state is an index into the whole
/// block: the hot loop needs one table pointer instead of three. The
/// predefined table is copied into the slot when a block selects it, so the
/// slot always holds the active table (and repeat mode finds it there).
struct ZstdSeqTable {
    /// Cells per slot: 2^9, the largest table log of any kind.
    static let slotSize = 512

    let kind: ZstdSeqKind
    let storage: UnsafeMutablePointer<ZstdSeqEntry>
    let bias: Int
    let predefined: UnsafeMutablePointer<ZstdSeqEntry>
    let predefinedLog: Int
    var activeLog = 0
    var isValid = false

    /// A slot at cell `bias` of `block` (which has room for `slotSize` cells there).
    init(kind: ZstdSeqKind, block: UnsafeMutablePointer<ZstdSeqEntry>, bias: Int, scratch: ZstdDecoderScratch) {
        self.kind = kind
        self.bias = bias
        storage = block + bias
        let norm: [Int16]
        switch kind {
        case .literalLength:
            norm = ZstdSequenceCodes.literalLengthDefaultNorm; predefinedLog = ZstdSequenceCodes.literalLengthDefaultLog
        case .matchLength:
            norm = ZstdSequenceCodes.matchLengthDefaultNorm; predefinedLog = ZstdSequenceCodes.matchLengthDefaultLog
        case .offset:
            norm = ZstdSequenceCodes.offsetDefaultNorm; predefinedLog = ZstdSequenceCodes.offsetDefaultLog
        }
        let log = predefinedLog
        let table = UnsafeMutablePointer<ZstdSeqEntry>.allocate(capacity: 1 << log)
        table.initialize(repeating: ZstdSeqEntry(baseValue: 0, nextBase: 0, extraBits: 0, nbBits: 0), count: 1 << log)
        norm.withUnsafeBufferPointer { n in
            // The predefined distributions are valid by construction.
            try? ZstdSeqTable.build(kind: kind, norm: n.baseAddress!, symbolCount: n.count, tableLog: log, bias: bias,
                                    into: table, scratch: scratch)
        }
        predefined = table
    }

    func deallocate() { predefined.deallocate() }

    /// Builds the cells of a table of `2^tableLog` cells, their `nextBase` biased by `bias`.
    static func build(
        kind: ZstdSeqKind, norm: UnsafePointer<Int16>, symbolCount: Int, tableLog: Int, bias: Int,
        into table: UnsafeMutablePointer<ZstdSeqEntry>, scratch: ZstdDecoderScratch
    ) throws {
        try ZstdFSE.buildDecodingTable(norm: norm, symbolCount: symbolCount, tableLog: tableLog,
                                       cells: scratch.cells, symbolNext: scratch.symbolNext)
        // Tables hold 512 entries (a slot) or exactly 2^predefinedLog; symbols
        // index the baseline arrays (counts exist only up to kind.maxSymbol);
        // biased states stay below the three slots' 1536 cells.
        assert(tableLog <= 9 && symbolCount <= kind.maxSymbol + 1 && bias + slotSize <= 3 * slotSize)
        for u in 0..<(1 << tableLog) {
            let c = scratch.cells[u]
            assert(Int(c.symbol) <= kind.maxSymbol)
            let v = kind.entryValues(symbol: Int(c.symbol))
            table[u] = ZstdSeqEntry(baseValue: v.base, nextBase: c.base &+ UInt16(bias), extraBits: v.extra, nbBits: c.nbBits)
        }
    }

    /// Reads this table's part of a sequences section header for the given
    /// mode (0 predefined, 1 RLE, 2 FSE-compressed, 3 repeat) and returns
    /// how many bytes it used.
    mutating func setUp(mode: Int, _ src: UnsafePointer<UInt8>, count: Int, scratch: ZstdDecoderScratch) throws -> Int {
        switch mode {
        case 0:
            storage.update(from: predefined, count: 1 << predefinedLog)
            activeLog = predefinedLog; isValid = true
            return 0
        case 1:
            guard count >= 1 else { throw CompressionError("zstd: truncated \(kind.name) RLE code") }
            let symbol = Int(src[0])
            guard symbol <= kind.maxSymbol else {
                throw CompressionError("zstd: \(kind.name) RLE code \(symbol) is out of range")
            }
            let v = kind.entryValues(symbol: symbol)
            storage[0] = ZstdSeqEntry(baseValue: v.base, nextBase: UInt16(bias), extraBits: v.extra, nbBits: 0)
            activeLog = 0; isValid = true
            return 1
        case 2:
            let (log, used) = try ZstdFSE.readNormalizedCounts(
                src, count: count, maxSymbol: kind.maxSymbol, maxLog: kind.maxLog, into: scratch.norm, what: kind.name)
            isValid = false
            try ZstdSeqTable.build(kind: kind, norm: scratch.norm, symbolCount: kind.maxSymbol + 1, tableLog: log,
                                   bias: bias, into: storage, scratch: scratch)
            activeLog = log; isValid = true
            return used
        default:
            guard isValid else {
                throw CompressionError("zstd: \(kind.name) table set to repeat mode but no previous table exists")
            }
            return 0
        }
    }
}

/// Owner of a `ZstdDecoderState`, kept in a pool between calls.
///
/// `@unchecked Sendable`: a context is used by one thread at a time, the
/// thread that took it out of `ZstdDecoderContext.pool` (whose lock hands it
/// over) until it gives it back.
final class ZstdDecoderContext: @unchecked Sendable {
    static let pool = ContextPool<ZstdDecoderContext>(capacity: 8)

    var state = ZstdDecoderState()

    deinit { state.deallocate() }
}

/// All decoder state reused across blocks and frames.
struct ZstdDecoderState {
    /// Largest block content (RFC 8878 §3.1.1.2.3).
    static let maxBlockSize = 128 * 1024
    /// Extra bytes past every buffer end that fast copies may overwrite/read.
    static let slack = 64

    let scratch: ZstdDecoderScratch
    var huffman: ZstdHuffmanTable
    var literalLength: ZstdSeqTable
    var matchLength: ZstdSeqTable
    var offset: ZstdSeqTable
    /// The three sequence table slots, `ZstdSeqTable.slotSize` cells each.
    let sequenceTables: UnsafeMutablePointer<ZstdSeqEntry>
    let literalBuffer: UnsafeMutablePointer<UInt8>
    var rep0 = 1, rep1 = 4, rep2 = 8

    init() {
        scratch = ZstdDecoderScratch()
        huffman = ZstdHuffmanTable()
        let slot = ZstdSeqTable.slotSize
        sequenceTables = .allocate(capacity: 3 * slot)
        sequenceTables.initialize(repeating: ZstdSeqEntry(baseValue: 0, nextBase: 0, extraBits: 0, nbBits: 0), count: 3 * slot)
        literalLength = ZstdSeqTable(kind: .literalLength, block: sequenceTables, bias: 0, scratch: scratch)
        offset = ZstdSeqTable(kind: .offset, block: sequenceTables, bias: slot, scratch: scratch)
        matchLength = ZstdSeqTable(kind: .matchLength, block: sequenceTables, bias: 2 * slot, scratch: scratch)
        literalBuffer = .allocate(capacity: ZstdDecoderState.maxBlockSize + ZstdDecoderState.slack)
    }

    func deallocate() {
        scratch.deallocate(); huffman.deallocate()
        literalLength.deallocate(); matchLength.deallocate(); offset.deallocate()
        sequenceTables.deallocate(); literalBuffer.deallocate()
    }

    /// Forgets everything a previous frame left behind.
    mutating func resetForFrame() {
        huffman.isValid = false
        literalLength.isValid = false
        matchLength.isValid = false
        offset.isValid = false
        rep0 = 1; rep1 = 4; rep2 = 8
    }
}
