// Positions in a chunk grid, in C order, by their ordinal: workers take the
// next ordinal from a shared counter and turn it into a grid index here.

enum ChunkGrid {
    /// The grid index of the `ordinal`-th chunk in C order (the last axis varies fastest).
    static func index(_ ordinal: Int, in grid: [Int]) -> [Int] {
        var rest = ordinal
        var index = [Int](repeating: 0, count: grid.count)
        for axis in grid.indices.reversed() where grid[axis] > 0 {
            index[axis] = rest % grid[axis]
            rest /= grid[axis]
        }
        return index
    }

    /// The number of chunks in `grid` (0 when an axis is empty, `nil` when it overflows).
    static func count(_ grid: [Int]) -> Int? {
        var total = 1
        for length in grid {
            let (product, overflow) = total.multipliedReportingOverflow(by: length)
            if overflow { return nil }
            total = product
        }
        return total
    }
}
