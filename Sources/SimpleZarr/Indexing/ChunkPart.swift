// Splitting a resolved selection along the chunk grid: for each chunk the
// selection touches, which of its positions are selected and where they
// go in the result. Only touched chunks appear, so a sparse selection
// reads or writes only what it needs.

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

extension ResolvedSelection {
    /// The chunk parts of this selection for chunks of `chunkShape`, in C order of the grid.
    func chunkParts(chunkShape: [Int]) -> [ChunkPart] {
        var parts = [ChunkPart(chunkIndex: [], chunkStart: [], counts: [], resultStart: [])]
        for (axis, range) in axes.enumerated() {
            let segments = ResolvedSelection.segments(range, chunkLength: chunkShape[axis])
            parts = parts.flatMap { part in
                segments.map { segment in
                    ChunkPart(
                        chunkIndex: part.chunkIndex + [segment.chunk],
                        chunkStart: part.chunkStart + [segment.chunkStart],
                        counts: part.counts + [segment.count],
                        resultStart: part.resultStart + [segment.resultStart])
                }
            }
        }
        return parts
    }

    /// The steps of the selection per axis, shared by every chunk part.
    var steps: [Int] { axes.map(\.step) }

    /// The pieces of one axis's positions that fall in each chunk along that axis.
    private static func segments(_ range: AxisRange, chunkLength: Int) -> [(chunk: Int, chunkStart: Int, count: Int, resultStart: Int)] {
        guard range.count > 0 else { return [] }
        let last = range.start + (range.count - 1) * range.step
        var result: [(chunk: Int, chunkStart: Int, count: Int, resultStart: Int)] = []
        var k = 0  // the next selected position's rank
        while k < range.count {
            let position = range.start + k * range.step
            let chunk = position / chunkLength
            let chunkEnd = min((chunk + 1) * chunkLength - 1, last)
            let lastRank = (chunkEnd - range.start) / range.step
            result.append((chunk, position - chunk * chunkLength, lastRank - k + 1, k))
            k = lastRank + 1
        }
        return result
    }
}
