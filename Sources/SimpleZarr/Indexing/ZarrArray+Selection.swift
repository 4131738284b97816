// `array[...]` and `array.chunks[...]`: the ways to select a region. Swift's
// `...` (an UnboundedRange) plays Python's Ellipsis; since a variadic list
// cannot be followed by it, the common positions have their own overloads.
// In-memory arrays take the same subscripts (NDArray+Subscript.swift).

/// Something that turns selection components into a region (a `ZarrArraySlice` of a stored
/// array, a new `NDArray` of an in-memory one), with Python-style subscripts.
public protocol RegionSelectable {
    /// What a selection gives.
    associatedtype Region
    /// Selects a region from selection components.
    func select(_ items: [AxisSelection]) throws -> Region
}

extension RegionSelectable {
    /// Selects a region with Python's indexing rules: `arr[5, 0..<100]`, `arr[Ellipsis(), 0]`,
    /// `arr[stride(from: 0, to: 100, by: 5)]`, negative positions from the end.
    ///
    /// - Throws: `ZarrError.indexOutOfRange` for an integer outside its axis or the wrong number
    ///   of components; `ZarrError.invalidArgument` for a step below 1 or two ellipses.
    public subscript(_ items: any SelectionItem...) -> Region {
        get throws { try select(items.map(\.axisSelection)) }
    }

    /// `x[..., i, j]`: `...` stands for every axis before the given components.
    public subscript(_: UnboundedRange, _ items: any SelectionItem...) -> Region {
        get throws { try select([.ellipsis] + items.map(\.axisSelection)) }
    }

    /// `x[i, ...]`.
    public subscript(_ a: any SelectionItem, _: UnboundedRange) -> Region {
        get throws { try select([a.axisSelection, .ellipsis]) }
    }

    /// `x[i, j, ...]`.
    public subscript(_ a: any SelectionItem, _ b: any SelectionItem, _: UnboundedRange) -> Region {
        get throws { try select([a.axisSelection, b.axisSelection, .ellipsis]) }
    }

    /// `x[i, ..., j]`.
    public subscript(_ a: any SelectionItem, _: UnboundedRange, _ b: any SelectionItem) -> Region {
        get throws { try select([a.axisSelection, .ellipsis, b.axisSelection]) }
    }
}

extension ZarrArray: RegionSelectable {
    /// The whole array: `arr[...]`.
    public subscript(_: UnboundedRange) -> ZarrArraySlice {
        ZarrArraySlice(array: self, selection: .whole(shape))
    }

    /// Selects a region from selection components (the building block of the subscripts).
    public func select(_ items: [AxisSelection]) throws -> ZarrArraySlice {
        ZarrArraySlice(array: self, selection: try ResolvedSelection(items, shape: shape, owner: "ZarrArray[]"))
    }

    /// Selects by chunk grid position: `arr.chunks[5, 4..<8]` is the region of those chunks
    /// (Python's `ChunkGridIndexer`). Steps are not allowed.
    public var chunks: ChunkGridIndexer { ChunkGridIndexer(array: self) }
}

/// Selects regions of an array by chunk grid position (`array.chunks[...]`).
public struct ChunkGridIndexer: RegionSelectable, Sendable {
    /// The array whose chunks are selected.
    public let array: ZarrArray

    /// The region covered by the selected chunks; an integer keeps its axis (as one chunk's extent).
    public func select(_ items: [AxisSelection]) throws -> ZarrArraySlice {
        let owner = "ZarrArray.chunks[]"
        let grid = try ResolvedSelection(items, shape: array.chunkGridShape, owner: owner)
        let regions: [AxisSelection] = try grid.axes.enumerated().map { axis, range in
            guard range.step == 1 else {
                throw ZarrError.invalidArgument("\(owner): steps are not allowed when selecting chunks, got \(range.step)")
            }
            // An empty range may start at the end of the grid, past the last chunk: select nothing.
            guard range.count > 0 else { return .slice(start: 0, stop: 0, step: 1) }
            // A selected chunk's first position lies inside the axis, so `start * length` fits; the
            // end of the last chunk may not (the edge chunk overhangs), and is clamped to the axis.
            let length = array.chunkShape[axis]
            let stop = ShapeArithmetic.product(range.start + range.count, length) ?? array.shape[axis]
            return .slice(start: range.start * length, stop: min(stop, array.shape[axis]), step: 1)
        }
        return try array.select(regions)
    }
}
