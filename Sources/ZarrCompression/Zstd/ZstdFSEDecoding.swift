// Finite State Entropy tables, decoder side (RFC 8878 §4.1).
//
// An FSE table of accuracy log L has 2^L cells ("states"). A table
// description lists a normalized count per symbol (how many cells it owns;
// -1 means "less than one": one cell at the top of the table and a full
// reload of L bits). Symbols are spread over the cells with a fixed stride,
// and each cell then records the bits to read and the base of the next
// state. Decoding a symbol is a table lookup; moving to the next state reads
// `nbBits` bits and adds them to `base`.

/// One decoding cell of a generic FSE table.
struct ZstdFSECell {
    var symbol: UInt8
    var nbBits: UInt8
    var base: UInt16
}

enum ZstdFSE {
    // MARK: - Table description (normalized counts)

    /// Parses an FSE table description.
    ///
    /// Writes `maxSymbol + 1` counts into `norm` (absent symbols get 0) and
    /// returns the accuracy log and the number of bytes the description used.
    static func readNormalizedCounts(
        _ src: UnsafePointer<UInt8>, count: Int, maxSymbol: Int, maxLog: Int,
        into norm: UnsafeMutablePointer<Int16>, what: String
    ) throws -> (tableLog: Int, bytesUsed: Int) {
        guard count > 0 else { throw CompressionError("zstd: missing \(what) FSE table description") }
        // `norm` holds 64 counts (ZstdDecoderScratch); symbols stay <= maxSymbol.
        assert(maxSymbol < 64 && maxLog <= 9)
        var bits = ZstdForwardBitReader(src, count: count)
        let tableLog = bits.read(4) + 5
        guard tableLog <= maxLog else {
            throw CompressionError("zstd: \(what) FSE accuracy log \(tableLog) exceeds \(maxLog)")
        }
        var remaining = (1 << tableLog) + 1
        var threshold = 1 << tableLog
        var nbBits = tableLog + 1
        var symbol = 0
        var previousWasZero = false
        while remaining > 1 {
            if previousWasZero {
                // Runs of zero-probability symbols: 2-bit repeat counts, where
                // 3 means "three more, and another count follows".
                var run = 0
                while true {
                    let r = bits.read(2)
                    run += r
                    if r != 3 || bits.isOverrun { break }
                }
                guard symbol + run <= maxSymbol + 1, !bits.isOverrun else {
                    throw CompressionError("zstd: corrupt \(what) FSE table description (zero run)")
                }
                for _ in 0..<run { norm[symbol] = 0; symbol += 1 }
            }
            guard symbol <= maxSymbol else {
                throw CompressionError("zstd: \(what) FSE table description has too many symbols")
            }
            let maxValue = 2 * threshold - 1 - remaining
            let raw = bits.peek(nbBits)
            var value: Int
            if (raw & (threshold - 1)) < maxValue {
                value = raw & (threshold - 1)
                bits.bitPosition += nbBits - 1
            } else {
                value = raw & (2 * threshold - 1)
                if value >= threshold { value -= maxValue }
                bits.bitPosition += nbBits
            }
            let probability = value - 1
            remaining -= probability < 0 ? 1 : probability
            norm[symbol] = Int16(probability)
            symbol += 1
            previousWasZero = probability == 0
            guard remaining >= 1 else {
                throw CompressionError("zstd: corrupt \(what) FSE table description (probabilities overflow)")
            }
            while remaining < threshold {
                nbBits -= 1
                threshold >>= 1
            }
        }
        guard remaining == 1, !bits.isOverrun else {
            throw CompressionError("zstd: corrupt \(what) FSE table description")
        }
        while symbol <= maxSymbol { norm[symbol] = 0; symbol += 1 }
        return (tableLog, bits.bytesUsed)
    }

    // MARK: - Symbol spread

    /// Spreads the symbols with a positive count over the cells
    /// `0...highThreshold` (the cells above hold the "less than one"
    /// symbols) with the fixed stride of RFC 8878 §4.1.1, calling
    /// `place(cell, symbol)` for each of a symbol's cells in turn. The
    /// decoder and the encoder use the same spread. Returns the final
    /// position, 0 when the counts fill the table exactly.
    @inline(__always) @discardableResult
    static func spreadSymbols(
        norm: UnsafePointer<Int16>, symbolCount: Int, tableLog: Int, highThreshold: Int,
        _ place: (_ cell: Int, _ symbol: Int) -> Void
    ) -> Int {
        let tableSize = 1 << tableLog
        let step = (tableSize >> 1) + (tableSize >> 3) + 3
        let mask = tableSize - 1
        var position = 0
        for s in 0..<symbolCount {
            let n = Int(norm[s])
            if n <= 0 { continue }
            for _ in 0..<n {
                place(position, s)
                repeat { position = (position + step) & mask } while position > highThreshold
            }
        }
        return position
    }

    // MARK: - Decoding table

    /// Builds the decoding cells for a distribution whose counts sum to
    /// `1 << tableLog` (with -1 counted as 1).
    ///
    /// `symbolNext` is scratch space for `symbolCount` entries.
    static func buildDecodingTable(
        norm: UnsafePointer<Int16>, symbolCount: Int, tableLog: Int,
        cells: UnsafeMutablePointer<ZstdFSECell>, symbolNext: UnsafeMutablePointer<UInt16>
    ) throws {
        let tableSize = 1 << tableLog
        // The scratch holds 512 cells and 64 symbol counters.
        assert(tableLog >= 1 && tableLog <= 9 && symbolCount <= 64)
        var highThreshold = tableSize - 1
        var total = 0
        for s in 0..<symbolCount {
            let n = Int(norm[s])
            if n == -1 {
                guard highThreshold >= 0 else { throw CompressionError("zstd: corrupt FSE distribution") }
                cells[highThreshold] = ZstdFSECell(symbol: UInt8(truncatingIfNeeded: s), nbBits: 0, base: 0)
                highThreshold -= 1
                symbolNext[s] = 1
                total += 1
            } else {
                symbolNext[s] = UInt16(truncatingIfNeeded: max(n, 0))
                total += max(n, 0)
            }
        }
        guard total == tableSize else { throw CompressionError("zstd: corrupt FSE distribution (counts do not sum to the table size)") }
        let position = spreadSymbols(norm: norm, symbolCount: symbolCount, tableLog: tableLog,
                                     highThreshold: highThreshold) { cell, s in
            assert(cell >= 0 && cell <= highThreshold)
            cells[cell].symbol = UInt8(truncatingIfNeeded: s)
        }
        guard position == 0 else { throw CompressionError("zstd: corrupt FSE distribution (bad spread)") }
        for u in 0..<tableSize {
            let s = Int(cells[u].symbol)
            let next = Int(symbolNext[s])
            symbolNext[s] = UInt16(truncatingIfNeeded: next + 1)
            let nb = tableLog - (Int.bitWidth - 1 - next.leadingZeroBitCount)
            cells[u].nbBits = UInt8(truncatingIfNeeded: nb)
            cells[u].base = UInt16(truncatingIfNeeded: (next << nb) - tableSize)
            // next is in [count, 2 * count), so next << nb is in [tableSize,
            // 2 * tableSize) and every next state base + (0..<2^nb) is a cell.
            assert(next >= 1 && (next << nb) >= tableSize && ((next + 1) << nb) <= 2 * tableSize)
        }
    }
}
