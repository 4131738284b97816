// Splitting a resolved selection along the chunk grid: for each chunk the
// selection touches, which of its positions are selected and where they
// go in the result. Only touched chunks appear, so a sparse selection
// reads or writes only what it needs.
//
// The parts are produced lazily: each axis's pieces are found by arithmetic
// (no list per axis), and an odometer walks their product in C order of the
// grid. A selection touching 2^62 chunks therefore costs nothing until its
// parts are consumed, one by one.

/// The part of a selection that falls in one chunk.
struct ChunkPart: Sendable {
    /// The chunk's position in the grid.
    var chunkIndex: [Int]
    /// The first selected position inside the chunk, per axis.
    var chunkStart: [Int]
    /// The number of selected positions, per axis.
    var counts: [Int]
    /// Where those positions start in the (full-shape) result, per axis.
    var resultStart: [Int]
}

/// The pieces of one axis's selected positions that fall in each chunk along that axis.
///
/// With a step below the chunk length every chunk from the first to the last touched one
/// holds at least one position (consecutive positions are closer than a chunk), so the
/// pieces are those chunks; with a larger step each position is a piece of its own.
/// Either way piece `j` is computed directly, without overflow: every intermediate value
/// lies between the first and the last selected position.
struct AxisChunkPieces: Sendable {
    private let range: AxisRange
    private let chunkLength: Int
    /// One piece per position (step ≥ chunk length, or a single position).
    private let onePerPosition: Bool
    private let firstChunk: Int
    private let lastPosition: Int
    /// The number of pieces.
    let count: Int

    init(_ range: AxisRange, chunkLength: Int) {
        self.range = range
        self.chunkLength = chunkLength
        guard range.count > 0 else {
            (onePerPosition, firstChunk, lastPosition, count) = (true, 0, range.start, 0)
            return
        }
        // The last position is inside the axis, so it fits in Int.
        lastPosition = range.start + (range.count - 1) * range.step
        onePerPosition = range.count == 1 || range.step >= chunkLength
        firstChunk = range.start / chunkLength
        count = onePerPosition ? range.count : lastPosition / chunkLength - firstChunk + 1
    }

    /// Piece `j`: its chunk, its first position in that chunk, its number of positions, and
    /// the rank of its first position in the selection.
    func piece(_ j: Int) -> (chunk: Int, chunkStart: Int, count: Int, resultStart: Int) {
        if onePerPosition {
            let position = range.start + j * range.step
            let chunk = position / chunkLength
            return (chunk, position - chunk * chunkLength, 1, j)
        }
        let chunk = firstChunk + j
        let chunkBegin = chunk * chunkLength  // ≤ lastPosition
        // The first selected rank at or after chunkBegin: ⌈(chunkBegin - start) / step⌉.
        let firstRank = j == 0 ? 0 : ShapeArithmetic.ceilingDivision(chunkBegin - range.start, range.step)
        // The chunk's last position that can be selected, without forming chunkBegin + chunkLength.
        let chunkEnd = chunkBegin + min(chunkLength - 1, lastPosition - chunkBegin)
        let lastRank = (chunkEnd - range.start) / range.step
        return (chunk, range.start + firstRank * range.step - chunkBegin, lastRank - firstRank + 1, firstRank)
    }
}

/// The chunk parts of a selection, in C order of the grid, produced on demand.
struct ChunkPartIterator: IteratorProtocol, Sendable {
    private let axes: [AxisChunkPieces]
    /// The piece number on each axis of the next part.
    private var counter: [Int]
    private var finished: Bool

    init(_ selection: ResolvedSelection, chunkShape: [Int]) {
        self.init(axes: zip(selection.axes, chunkShape).map { AxisChunkPieces($0, chunkLength: $1) })
    }

    /// The parts of `region` (of a chunk split into inner chunks of `chunkShape`: a shard) in
    /// the inner chunks it touches; each part's `resultStart` is its rank in the region.
    /// The region must lie inside the shard, with positive steps.
    init(_ region: ChunkRegion, chunkShape: [Int]) {
        self.init(axes: chunkShape.indices.map { axis in
            let (start, count, step) = (region.start[axis], region.counts[axis], region.steps[axis])
            // The exclusive bound just past the last position (which lies inside the shard).
            let stop = count == 0 ? start : start + (count - 1) * step + 1
            let range = AxisRange(start: start, count: count, step: step, stop: stop, isDropped: false)
            return AxisChunkPieces(range, chunkLength: chunkShape[axis])
        })
    }

    private init(axes: [AxisChunkPieces]) {
        self.axes = axes
        counter = Array(repeating: 0, count: axes.count)
        finished = axes.contains { $0.count == 0 }
    }

    mutating func next() -> ChunkPart? {
        guard !finished else { return nil }
        var part = ChunkPart(chunkIndex: [], chunkStart: [], counts: [], resultStart: [])
        part.chunkIndex.reserveCapacity(axes.count)
        part.chunkStart.reserveCapacity(axes.count)
        part.counts.reserveCapacity(axes.count)
        part.resultStart.reserveCapacity(axes.count)
        for (axis, pieces) in axes.enumerated() {
            let piece = pieces.piece(counter[axis])
            part.chunkIndex.append(piece.chunk)
            part.chunkStart.append(piece.chunkStart)
            part.counts.append(piece.count)
            part.resultStart.append(piece.resultStart)
        }
        // Advance the odometer, last axis fastest; a 0-d selection has exactly one part.
        var axis = axes.count - 1
        while axis >= 0 {
            counter[axis] += 1
            if counter[axis] < axes[axis].count { break }
            counter[axis] = 0
            axis -= 1
        }
        if axis < 0 { finished = true }
        return part
    }
}

extension ResolvedSelection {
    /// The chunk parts of this selection for chunks of `chunkShape`, produced lazily.
    func chunkParts(chunkShape: [Int]) -> ChunkPartIterator {
        ChunkPartIterator(self, chunkShape: chunkShape)
    }

    /// The steps to walk each axis inside a chunk. A step of at least the chunk length selects
    /// one position per chunk, where the step is never taken; it is reported as 1 so that
    /// strides computed from it (step × elements per row) cannot overflow.
    func chunkSteps(chunkShape: [Int]) -> [Int] {
        zip(axes.map(\.step), chunkShape).map(chunkStep)
    }
}

extension ChunkRegion {
    /// The steps to walk each axis inside an inner chunk of `chunkShape`, as
    /// `ResolvedSelection.chunkSteps(chunkShape:)` gives them for a selection.
    func chunkSteps(chunkShape: [Int]) -> [Int] {
        zip(steps, chunkShape).map(chunkStep)
    }
}

/// The step inside a chunk of `length` positions for a selection stepping by `step`: a step of
/// at least the chunk length is never taken inside one chunk, so it counts as 1.
private func chunkStep(_ step: Int, length: Int) -> Int {
    step >= length ? 1 : step
}
