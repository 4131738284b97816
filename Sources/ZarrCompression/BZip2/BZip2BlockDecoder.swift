// One bzip2 block, from after its CRC to its end-of-block symbol: the
// randomised flag and origin pointer, the map of bytes in use, the Huffman
// tables and their selectors, then the Huffman-coded symbols, undone through
// RUNA/RUNB run lengths and move-to-front into the Burrows-Wheeler output.

/// The Burrows-Wheeler output of one block, in a context's block array.
struct BZip2DecodedBlock {
    /// Entries of the block array in use (the low byte of each is a byte of the transform's output).
    let count: Int
    /// The row of the sorted rotations that is the original block.
    let origin: Int
    /// True for a block written by bzip2 0.9.0's randomising encoder.
    let randomised: Bool
    /// How often each byte occurs in the block.
    let byteCounts: [Int]
}

enum BZip2BlockDecoder {
    /// Decodes the block at the reader (positioned after the block's CRC), holding at most
    /// `limit` entries; throws for any malformed field.
    static func decode(_ reader: inout BZip2BitReader, limit: Int, context: BZip2DecoderContext) throws -> BZip2DecodedBlock {
        let randomised = reader.readBit()
        let origin = reader.read(24)

        // MARK: Bytes in use
        var used = [UInt8]()
        used.reserveCapacity(256)
        let ranges = reader.read(16)
        for range in 0..<16 where ranges & (0x8000 >> range) != 0 {
            let bits = reader.read(16)
            for k in 0..<16 where bits & (0x8000 >> k) != 0 { used.append(UInt8(range * 16 + k)) }
        }
        guard !used.isEmpty else { throw CompressionError("bzip2: a block uses no byte values") }
        let alphabetSize = used.count + 2
        let endOfBlock = used.count + 1

        // MARK: Tables and selectors
        let tableCount = reader.read(3)
        guard tableCount >= BZip2Format.minTables && tableCount <= BZip2Format.maxTables else {
            throw CompressionError("bzip2: \(tableCount) Huffman tables (2 to 6 allowed)")
        }
        let selectorCount = reader.read(15)
        guard selectorCount > 0 else { throw CompressionError("bzip2: a block has no selectors") }
        var order: [UInt8] = [0, 1, 2, 3, 4, 5]
        let selectors = context.selectors
        let kept = min(selectorCount, BZip2Format.maxSelectors)
        for i in 0..<selectorCount {
            var position = 0
            while reader.readBit() {
                position += 1
                guard position < tableCount else {
                    throw CompressionError("bzip2: a selector names table \(position + 1) of \(tableCount)")
                }
            }
            let table = order[position]
            order.remove(at: position)
            order.insert(table, at: 0)
            if i < kept { selectors[i] = table }
        }
        let lengths = context.codeLengths
        for table in 0..<tableCount {
            let row = lengths + table * BZip2Format.maxAlphabetSize
            var length = reader.read(5)
            for symbol in 0..<alphabetSize {
                while true {
                    guard length >= 1 && length <= BZip2Format.maxCodeLength else {
                        throw CompressionError("bzip2: Huffman code length \(length) outside 1...20")
                    }
                    if !reader.readBit() { break }
                    length += reader.readBit() ? -1 : 1
                }
                row[symbol] = UInt8(length)
            }
            try context.tables.build(table: table, lengths: row, alphabetSize: alphabetSize)
        }
        guard !reader.isOverrun else { throw CompressionError("bzip2: input ends inside a block header") }

        // MARK: Symbols
        let block = context.blockArray(limit)
        let tables = context.tables
        var front = used + [UInt8](repeating: 0, count: 256 - used.count)
        var byteCounts = [Int](repeating: 0, count: 256)
        var count = 0
        var run = 0
        var runWeight = 1
        var groupLeft = 0
        var group = 0
        var table = 0
        try front.withUnsafeMutableBufferPointer { frontBuffer in
            let mtf = frontBuffer.baseAddress.unsafelyUnwrapped
            while true {
                if groupLeft == 0 {
                    guard group < kept else { throw CompressionError("bzip2: a block runs past its \(kept) selectors") }
                    guard !reader.isOverrun else { throw CompressionError("bzip2: input ends inside a block") }
                    table = Int(selectors[group])
                    group &+= 1
                    groupLeft = BZip2Format.groupSize
                }
                groupLeft &-= 1
                if reader.bitsAvailable < BZip2Format.maxCodeLength { reader.refill() }
                guard let symbol = tables.decode(table: table, &reader) else {
                    throw CompressionError("bzip2: a Huffman code not in its table")
                }
                if symbol <= BZip2Format.runB {
                    // RUNA adds the weight, RUNB twice it; weights double (bijective base 2).
                    guard runWeight <= limit else { throw CompressionError("bzip2: a run longer than the block") }
                    run &+= runWeight &<< symbol
                    runWeight &<<= 1
                    continue
                }
                if run > 0 {
                    guard run <= limit &- count else {
                        throw CompressionError("bzip2: a block holds more than \(limit) bytes")
                    }
                    let byte = mtf[0]
                    byteCounts[Int(byte)] &+= run
                    (block + count).initialize(repeating: UInt32(byte), count: run)
                    count &+= run
                    run = 0
                    runWeight = 1
                }
                if symbol == endOfBlock { break }
                guard count < limit else { throw CompressionError("bzip2: a block holds more than \(limit) bytes") }
                // Symbol s moves the byte at move-to-front position s - 1 to the front.
                let position = symbol &- 1
                let byte = mtf[position]
                if position < 16 {
                    var k = position
                    while k > 0 { mtf[k] = mtf[k &- 1]; k &-= 1 }
                } else {
                    UnsafeMutableRawPointer(mtf + 1).copyMemory(from: mtf, byteCount: position)
                }
                mtf[0] = byte
                byteCounts[Int(byte)] &+= 1
                block[count] = UInt32(byte)
                count &+= 1
            }
        }
        guard !reader.isOverrun else { throw CompressionError("bzip2: input ends inside a block") }
        guard origin < count else {
            throw CompressionError("bzip2: origin pointer \(origin) outside a block of \(count) bytes")
        }
        return BZip2DecodedBlock(count: count, origin: origin, randomised: randomised, byteCounts: byteCounts)
    }
}
