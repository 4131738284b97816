// Finite State Entropy tables, encoder side (RFC 8878 §4.1).
//
// Normalizing a histogram gives each present symbol a share of the 2^L
// states. The encoding table is the decoding table seen backwards: for a
// symbol with count n, its n cells are listed in state order; encoding from
// state V writes the low k bits of V, where k is chosen so that V >> k lands
// in [n, 2n), and moves to the cell numbered (V >> k) - n among the
// symbol's cells. The decoder undoes exactly this step.

/// A normalized distribution and its encoding table.
struct ZstdFSEEncodingTable {
    static let maxStates = 512
    static let maxSymbols = 64

    var tableLog = 0
    /// Per symbol: normalized count (0 = absent).
    let norm: UnsafeMutablePointer<Int16>
    var symbolCount = 0
    /// Cell order per symbol: tableSize + cell index.
    let stateTable: UnsafeMutablePointer<UInt16>
    /// Per symbol: (maxBits << 16) - (n << maxBits), for k = (V + delta) >> 16.
    let deltaNbBits: UnsafeMutablePointer<UInt32>
    /// Per symbol: first cell slot minus n.
    let deltaFindState: UnsafeMutablePointer<Int32>

    init() {
        norm = .allocate(capacity: Self.maxSymbols)
        norm.initialize(repeating: 0, count: Self.maxSymbols)
        stateTable = .allocate(capacity: Self.maxStates)
        stateTable.initialize(repeating: 0, count: Self.maxStates)
        deltaNbBits = .allocate(capacity: Self.maxSymbols)
        deltaNbBits.initialize(repeating: 0, count: Self.maxSymbols)
        deltaFindState = .allocate(capacity: Self.maxSymbols)
        deltaFindState.initialize(repeating: 0, count: Self.maxSymbols)
    }

    func deallocate() {
        norm.deallocate(); stateTable.deallocate(); deltaNbBits.deallocate(); deltaFindState.deallocate()
    }

    // MARK: - Normalization

    /// An accuracy log for `total` samples over `present` distinct symbols.
    static func chooseTableLog(total: Int, present: Int, maxLog: Int) -> Int {
        var log = Int.bitWidth - 1 - max(total, 1).leadingZeroBitCount  // floor(log2(total))
        log = min(log, maxLog)
        let needed = Int.bitWidth - max(present - 1, 1).leadingZeroBitCount + 1
        return max(5, max(log, min(needed, maxLog)))
    }

    /// Scales `counts` (summing to `total`) to `1 << tableLog`, every
    /// present symbol getting at least 1. Returns false if impossible.
    mutating func normalize(counts: UnsafePointer<Int>, symbolCount: Int, total: Int, tableLog: Int) -> Bool {
        self.tableLog = tableLog
        self.symbolCount = symbolCount
        let scale = 1 << tableLog
        var sum = 0
        var largest = -1
        var largestCount = 0
        var present = 0
        for s in 0..<symbolCount {
            let c = counts[s]
            if c == 0 { norm[s] = 0; continue }
            present += 1
            let n = max(1, (c * scale + total / 2) / total)
            norm[s] = Int16(n)
            sum += n
            if c > largestCount { largestCount = c; largest = s }
        }
        guard present > 0, present <= scale else { return false }
        var diff = scale - sum
        if diff != 0 && Int(norm[largest]) + diff >= 1 && (diff > 0 || Int(norm[largest]) + diff >= Int(norm[largest]) / 2) {
            norm[largest] = Int16(Int(norm[largest]) + diff)
            diff = 0
        }
        // Spread what the largest could not absorb over the others.
        while diff != 0 {
            var changed = false
            for s in 0..<symbolCount where diff != 0 {
                let n = Int(norm[s])
                if n == 0 { continue }
                if diff > 0 { norm[s] = Int16(n + 1); diff -= 1; changed = true }
                else if n > 1 { norm[s] = Int16(n - 1); diff += 1; changed = true }
            }
            if !changed { return false }
        }
        return true
    }

    /// Uses a fixed distribution (the predefined tables).
    mutating func setNormalized(_ values: [Int16], tableLog: Int) {
        self.tableLog = tableLog
        symbolCount = values.count
        for s in 0..<values.count { norm[s] = values[s] }
    }

    // MARK: - Description

    /// Writes the table description; returns its size in bytes. The
    /// destination needs room for the description plus 8 bytes.
    func writeDescription(to dst: UnsafeMutablePointer<UInt8>) -> Int {
        var w = ZstdBitWriter(dst)
        w.add(UInt64(tableLog - 5), 4)
        var remaining = (1 << tableLog) + 1
        var threshold = 1 << tableLog
        var nbBits = tableLog + 1
        var symbol = 0
        var previousWasZero = false
        while remaining > 1 && symbol < symbolCount {
            if previousWasZero {
                var run = 0
                while symbol + run < symbolCount && norm[symbol + run] == 0 { run += 1 }
                symbol += run
                while run >= 3 {
                    w.add(3, 2)
                    run -= 3
                    if w.bitCount > 48 { w.flush() }
                }
                w.add(UInt64(run), 2)
                w.flush()
            }
            let n = Int(norm[symbol])
            let value = n + 1
            let maxValue = 2 * threshold - 1 - remaining
            if value < maxValue {
                w.add(UInt64(value), nbBits - 1)
            } else if value < threshold {
                w.add(UInt64(value), nbBits)
            } else {
                w.add(UInt64(value + maxValue), nbBits)
            }
            w.flush()
            remaining -= n < 0 ? 1 : n
            previousWasZero = n == 0
            symbol += 1
            while remaining < threshold {
                nbBits -= 1
                threshold >>= 1
            }
        }
        return w.closeForward()
    }

    /// Upper bound of the description size, for buffer sizing.
    static let maxDescriptionSize = 128

    // MARK: - Encoding table

    /// Builds the state tables from `norm`. `cells` is scratch (tableSize).
    func buildEncodingTable(cells: UnsafeMutablePointer<UInt8>, cumul: UnsafeMutablePointer<Int>) {
        let tableSize = 1 << tableLog
        var highThreshold = tableSize - 1
        // Cumulative start of each symbol's cell list.
        cumul[0] = 0
        for s in 0..<symbolCount {
            let n = Int(norm[s])
            if n == -1 {
                cells[highThreshold] = UInt8(s)
                highThreshold -= 1
                cumul[s + 1] = cumul[s] + 1
            } else {
                cumul[s + 1] = cumul[s] + max(n, 0)
            }
        }
        // Same spread as the decoder.
        ZstdFSE.spreadSymbols(norm: norm, symbolCount: symbolCount, tableLog: tableLog,
                              highThreshold: highThreshold) { cell, s in
            cells[cell] = UInt8(s)
        }
        // Cells of each symbol in increasing order.
        // Use cumul[s] as the running slot, then restore it.
        for u in 0..<tableSize {
            let s = Int(cells[u])
            stateTable[cumul[s]] = UInt16(tableSize + u)
            cumul[s] += 1
        }
        for s in stride(from: symbolCount - 1, through: 0, by: -1) {
            cumul[s] = s == 0 ? 0 : cumul[s - 1]
        }
        for s in 0..<symbolCount {
            let n = Int(norm[s])
            switch n {
            case 0:
                deltaNbBits[s] = UInt32(((tableLog + 1) << 16) - tableSize)
                deltaFindState[s] = 0
            case -1, 1:
                deltaNbBits[s] = UInt32((tableLog << 16) - tableSize)
                deltaFindState[s] = Int32(cumul[s] - 1)
            default:
                let maxBits = tableLog - (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
                let minStatePlus = n << maxBits
                deltaNbBits[s] = UInt32(truncatingIfNeeded: (maxBits << 16) - minStatePlus)
                deltaFindState[s] = Int32(cumul[s] - n)
            }
        }
    }

    /// The state to start from when `symbol` is the first one encoded (the
    /// last decoded): a cell of that symbol, reached without writing bits.
    @inline(__always)
    func initialState(_ symbol: Int) -> Int {
        let delta = Int(deltaNbBits[symbol])
        let nbBitsOut = (delta + (1 << 15)) >> 16
        let value = (nbBitsOut << 16) - delta
        return Int(stateTable[(value >> nbBitsOut) + Int(deltaFindState[symbol])])
    }

    /// Encodes `symbol` from `state`, writing the transition bits.
    @inline(__always)
    func encode(_ state: inout Int, _ symbol: Int, _ w: inout ZstdBitWriter) {
        let nbBitsOut = (state &+ Int(deltaNbBits[symbol])) &>> 16
        // nbBitsOut <= tableLog <= 9: the masking shift needs no overshift check.
        w.add(UInt64(truncatingIfNeeded: state & ((1 &<< nbBitsOut) &- 1)), nbBitsOut)
        state = Int(stateTable[(state &>> nbBitsOut) &+ Int(deltaFindState[symbol])])
    }

    /// Writes the final state (read first by the decoder).
    @inline(__always)
    func flushState(_ state: Int, _ w: inout ZstdBitWriter) {
        w.add(UInt64(state & ((1 << tableLog) - 1)), tableLog)
        w.flush()
    }

    // MARK: - Cost

    /// Estimated bits to code `counts` with this table (fractional, no
    /// description); infinite if a present symbol has no cells.
    func cost(counts: UnsafePointer<Int>, symbolCount n: Int) -> Double {
        var bits = 0.0
        let scale = Double(1 << tableLog)
        for s in 0..<n where counts[s] > 0 {
            if s >= symbolCount { return .infinity }
            let p = Int(norm[s])
            if p == 0 { return .infinity }
            let share = p < 0 ? 1.0 : Double(p)
            bits += Double(counts[s]) * ZstdMath.log2(scale / share)
        }
        return bits
    }
}

enum ZstdMath {
    /// log2 for positive finite x, from the exponent and a short series.
    static func log2(_ x: Double) -> Double {
        let e = Double(x.exponent)
        let m = x.significand  // [1, 2)
        // log2(m) via ln((1+t)/(1-t)) = 2(t + t^3/3 + t^5/5 + ...), t = (m-1)/(m+1) <= 1/3.
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        let series = t * (2 + t2 * (2.0 / 3 + t2 * (2.0 / 5 + t2 * (2.0 / 7 + t2 * (2.0 / 9 + t2 * (2.0 / 11))))))
        return e + series * 1.4426950408889634
    }
}
