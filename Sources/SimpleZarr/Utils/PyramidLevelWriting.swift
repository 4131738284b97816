// Filling the levels of a pyramid. Two algorithms, as in Python's writer:
// - in memory: read the whole source, halve it level by level, write each level whole;
// - depth-first, for sources of any size: in steps, each taking a block of 2^k chunks per
//   spatial axis of the current bottom level and halving it k times down to one chunk, so
//   every write covers whole chunks. The block size follows from `maxMemory`. When the
//   level a step ends on fits in memory (with the step's data), it is kept there and the
//   remaining levels are made from it in memory; otherwise the next step reads it back.
// Writes are chunk-aligned futures on the executor; the writing thread waits on them
// (the oldest first once pending data passes its budget), never a pool thread.

/// Writes the levels of one image into its arrays.
struct PyramidLevelWriter {
    let source: any PyramidSource
    let arrays: [ZarrArray]
    let spatialDims: Int
    let chunkShape: [Int]
    let method: DownsampleMethod
    let executor: ThreadPoolExecutor?
    let onStep: ((PyramidStep) -> Void)?

    private var leadingShape: [Int] { Array(source.shape.dropLast(spatialDims)) }
    private var itemSize: Int { arrays.first?.dtype.itemSize ?? 1 }

    private func halved(_ data: NDArray, to shape: [Int]) throws -> NDArray {
        try Downsampling.downsampled(data, to: shape, spatialDims: spatialDims, method: method)
    }

    // MARK: In memory

    /// Every level made in memory from the whole source.
    func writeInMemory() throws {
        guard let bottom = arrays.first else { return }
        let data = try Downsampling.cast(source.read(source.shape.map { 0..<$0 }, executor: executor), to: bottom.dtype)
        try writeLevels(from: data, startingAt: 0)
    }

    /// Writes `data` as level `start` (when `start` is 0) and every level above it made from
    /// it, then waits for the writes.
    private func writeLevels(from data: NDArray, startingAt start: Int, writeStart: Bool = true) throws {
        var data = data
        var futures: [Future<Void>] = []
        for level in start..<arrays.count {
            if level > start { data = try halved(data, to: arrays[level].shape) }
            if level > start || writeStart { futures.append(arrays[level][...].setFuture(data, executor: executor)) }
        }
        for future in futures { try future.result() }
    }

    // MARK: Depth-first

    /// The bytes one step of `levels` levels holds: its bottom block of 2^levels chunks per
    /// spatial axis and each halving of it (saturating at `Int.max`).
    private func stepBytes(_ levels: Int) -> Int {
        let chunkPixels = ShapeArithmetic.product(Array(chunkShape.suffix(spatialDims))) ?? .max
        let perPixel = ShapeArithmetic.product(itemSize, ShapeArithmetic.product(leadingShape) ?? .max) ?? .max
        var pixels = 0
        for i in 0...levels {
            guard i * spatialDims < Int.bitWidth - 2,
                let blockPixels = ShapeArithmetic.product(chunkPixels, 1 << (i * spatialDims)),
                case let (sum, overflow) = pixels.addingReportingOverflow(blockPixels), !overflow
            else { return .max }
            pixels = sum
        }
        return ShapeArithmetic.product(pixels, perPixel) ?? .max
    }

    private func arrayBytes(_ array: ZarrArray) -> Int { array.nbytes }

    /// The levels per step: as many as fit `maxMemory`, at least 1, at most `maxLevels`.
    private func levelsPerStep(maxMemory: Int, maxLevels: Int) -> Int {
        var levels = 1
        while levels < maxLevels, stepBytes(levels + 1) <= maxMemory { levels += 1 }
        return levels
    }

    /// Every level made depth-first in steps bounded by `maxMemory` bytes.
    func writeDepthFirst(maxMemory: Int) throws {
        let count = arrays.count
        guard count > 0 else { return }
        let perStep = levelsPerStep(maxMemory: maxMemory, maxLevels: count - 1)
        let spatialChunk = Array(chunkShape.suffix(spatialDims))
        let leading = leadingShape.map { 0..<$0 }
        var pending = PendingWrites()
        var level = 0
        while true {
            let k = min(perStep, count - 1 - level)
            let bytes = stepBytes(k)
            var intermediate: NDArray?
            if level + k < count - 1 {
                let interBytes = arrayBytes(arrays[level + k])
                let tailBytes = arrays[(level + k)...].reduce(0) { $0.addingReportingOverflow(arrayBytes($1)).partialValue }
                let (withStep, overflow) = bytes.addingReportingOverflow(interBytes)
                if !overflow, max(withStep, tailBytes) <= maxMemory {
                    intermediate = try NDArray(dtype: arrays[level + k].dtype, shape: arrays[level + k].shape)
                    pending.budget = maxMemory - withStep
                } else {
                    pending.budget = maxMemory &- bytes
                }
            } else {
                pending.budget = maxMemory &- bytes
            }
            onStep?(PyramidStep(level: level, nlevels: k, keptInMemory: intermediate != nil))

            // Blocks of 2^k chunks per spatial axis over the current bottom level.
            let bottomShape = level == 0 ? source.shape : arrays[level].shape
            let spatialShape = Array(bottomShape.suffix(spatialDims))
            let blockLengths = spatialChunk.map { $0 << k }
            for start in Self.blockStarts(spatialShape, blockLengths) {
                var region = zip(start, zip(blockLengths, spatialShape)).map { s, lengths in s..<min(s + lengths.0, lengths.1) }
                var data: NDArray
                if level == 0 {
                    data = try Downsampling.cast(source.read(leading + region, executor: executor), to: arrays[0].dtype)
                    try pending.submit(arrays[0], leading + region, data, executor: executor)
                } else {
                    data = try arrays[level].read(leading + region, executor: executor)
                }
                for j in stride(from: 1, through: k, by: 1) {
                    region = region.map { ($0.lowerBound / 2)..<($0.upperBound / 2) }
                    data = try halved(data, to: leadingShape + region.map(\.count))
                    try pending.submit(arrays[level + j], leading + region, data, executor: executor)
                    if j == k, intermediate != nil {
                        try Self.copy(data, into: &intermediate, at: leadingShape.map { _ in 0 } + region.map(\.lowerBound))
                    }
                }
            }
            try pending.flush()
            level += k

            if let intermediate {
                onStep?(PyramidStep(level: level, nlevels: count - 1 - level, keptInMemory: true))
                try writeLevels(from: intermediate, startingAt: level, writeStart: false)
                level = count - 1
            }
            if level >= count - 1 { break }
        }
    }

    /// The first position of every block of `blockLengths` over `shape`, in C order.
    private static func blockStarts(_ shape: [Int], _ blockLengths: [Int]) -> [[Int]] {
        var starts: [[Int]] = [[]]
        for (length, block) in zip(shape, blockLengths) {
            let positions = Array(stride(from: 0, to: length, by: block))
            starts = starts.flatMap { prefix in positions.map { prefix + [$0] } }
        }
        return starts
    }

    /// Copies `block` into `target` with its first element at `origin`.
    private static func copy(_ block: NDArray, into target: inout NDArray?, at origin: [Int]) throws {
        guard var whole = target else { return }
        target = nil  // unique, so the write below does not copy the buffer
        let itemSize = whole.dtype.memoryItemSize
        let shape = whole.shape
        try whole.withUnsafeMutableBytes { destination in
            block.withUnsafeBytes { source in
                guard let to = destination.baseAddress, let from = source.baseAddress, block.count > 0 else { return }
                copyBlock(
                    counts: block.shape, itemSize: itemSize, from: from, BlockSide(shape: block.shape, start: block.shape.map { _ in 0 }),
                    to: to, BlockSide(shape: shape, start: origin))
            }
        }
        target = whole
    }
}

/// Writes in flight and the bytes they hold; past `budget`, the oldest is waited for.
private struct PendingWrites {
    var budget = 0
    private var futures: [(future: Future<Void>, bytes: Int)] = []
    private var head = 0
    private var bytes = 0

    mutating func submit(_ array: ZarrArray, _ region: [Range<Int>], _ data: NDArray, executor: ThreadPoolExecutor?) throws {
        futures.append((try array.select(region.axisSelections).setFuture(data, executor: executor), data.nbytes))
        bytes += data.nbytes
        while head < futures.count, bytes > budget { try waitOldest() }
    }

    mutating func flush() throws {
        while head < futures.count { try waitOldest() }
        futures.removeAll()
        head = 0
    }

    private mutating func waitOldest() throws {
        let (future, size) = futures[head]
        head += 1
        bytes -= size
        try future.result()
    }
}
