// numpy's `np.array([[1, 2], [3, 4]])`: an array from nested Swift arrays of 2 to
// 4 levels, whose shape is read from the nesting. Every row of a level must have
// the same length (numpy refuses ragged nesting too, unless asked for objects).
// An empty level has length 0 and so do the levels below it.

extension NDArray {
    /// A 2-d array from rows: `try NDArray([[1, 2], [3, 4]] as [[Int32]])` has shape `[2, 2]`.
    ///
    /// - Throws: `ZarrError.invalidArgument` when the rows differ in length.
    public init<T: ZarrScalar>(_ rows: [[T]]) throws {
        let shape = try NDArray.shape(of: rows.map { [$0.count] }, depth: 1, method: "NDArray([[T]])")
        try self.init(rows.flatMap { $0 }, shape: shape)
    }

    /// A 3-d array from planes of rows.
    ///
    /// - Throws: `ZarrError.invalidArgument` when planes or rows differ in length.
    public init<T: ZarrScalar>(_ planes: [[[T]]]) throws {
        let method = "NDArray([[[T]]])"
        let shape = try NDArray.shape(
            of: planes.map { try NDArray.shape(of: $0.map { [$0.count] }, depth: 1, method: method) }, depth: 2, method: method)
        try self.init(planes.flatMap { $0.flatMap { $0 } }, shape: shape)
    }

    /// A 4-d array from blocks of planes of rows.
    ///
    /// - Throws: `ZarrError.invalidArgument` when blocks, planes or rows differ in length.
    public init<T: ZarrScalar>(_ blocks: [[[[T]]]]) throws {
        let method = "NDArray([[[[T]]]])"
        let shape = try NDArray.shape(
            of: blocks.map { block in
                try NDArray.shape(
                    of: block.map { try NDArray.shape(of: $0.map { [$0.count] }, depth: 1, method: method) }, depth: 2, method: method)
            }, depth: 3, method: method)
        try self.init(blocks.flatMap { $0.flatMap { $0.flatMap { $0 } } }, shape: shape)
    }

    /// The shape of a list of sub-lists whose shapes (of `depth` lengths) are `shapes`, which
    /// must all be equal.
    private static func shape(of shapes: [[Int]], depth: Int, method: String) throws -> [Int] {
        guard let first = shapes.first else { return Array(repeating: 0, count: depth + 1) }
        guard shapes.allSatisfy({ $0 == first }) else {
            let other = shapes.first { $0 != first } ?? first
            throw ZarrError.invalidArgument("\(method): the nested arrays are ragged (sub-arrays of shapes \(first) and \(other))")
        }
        return [shapes.count] + first
    }
}
