// numpy's basic indexing of an in-memory array, `a[2:4]`, `a[..., 0]`,
// `a[::2, -1]`, with the subscripts and rules of `ZarrArray` (the selection is
// resolved by `ResolvedSelection`; an integer drops its axis), plus numpy's
// rule that axes left out at the end are selected whole (`a[2..<4]` of a
// 4 x 5 array is rows 2 and 3; a `ZarrArray` asks for `a[2..<4, ...]`).
// The selected elements are copied into a new array by the block-copy kernel
// that slice reads use, for every dtype, strings included. numpy returns a
// view that shares memory with the original; with value semantics a copy
// behaves the same, except that writing to it never changes the original.

extension NDArray: RegionSelectable {
    /// The whole array: `a[...]`.
    public subscript(_: UnboundedRange) -> NDArray { self }

    /// A new array of the selected elements (the building block of the subscripts
    /// `a[2..<4]`, `a[..., 0]`, `a[Slice(nil, nil, 2), -1]`).
    ///
    /// Integers drop their axis, as in numpy: `a[1, 2]` is a 0-d array (read its value with
    /// `item(1, 2, as:)`). Axes left out at the end are selected whole: `a[1]` is row 1.
    ///
    /// - Throws: `ZarrError.indexOutOfRange` for an integer outside its axis or the wrong number
    ///   of components; `ZarrError.invalidArgument` for a step below 1 or two ellipses.
    public func select(_ items: [AxisSelection]) throws -> NDArray {
        let selection = try ResolvedSelection(items, shape: shape, owner: "NDArray[]", wholeTrailingAxes: true)
        let counts = selection.fullShape
        if counts == shape { return try reshaped(selection.shape) }
        let result = try NDArray(uninitialized: dtype, shape: counts)
        withElementBuffer { source in
            copyBlock(
                counts: counts,
                from: source, BlockSide(shape: shape, start: selection.axes.map(\.start), steps: selection.chunkSteps(chunkShape: shape)),
                to: result.elementBufferOfNewArray, BlockSide(shape: counts, start: Array(repeating: 0, count: counts.count)))
        }
        return try result.reshaped(selection.shape)
    }
}
