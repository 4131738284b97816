// numpy's `a.reshape(4, 5)`, `a.reshape((4, -1))`, `a.flatten()` and `a.ravel()`:
// the same elements in C order under another shape. One length may be -1, which
// stands for whatever the others leave. The result shares the buffer (numpy gives
// a view); writing to either copies it first, so neither sees the other change.

extension NDArray {
    /// The same elements with another shape: `a.reshape(4, 5)`; one length may be `-1`, the
    /// length the others leave (`a.reshape(-1, 5)`).
    ///
    /// - Throws: `ZarrError.invalidArgument` when the shape does not hold exactly this array's
    ///   elements, has a negative length other than one `-1`, or has a `-1` that no length fits.
    public func reshape(_ newShape: Int...) throws -> NDArray {
        try reshape(newShape)
    }

    /// The same elements with another shape given as a list: `a.reshape([4, 5])` (Python's
    /// `a.reshape((4, 5))`); one length may be `-1`.
    public func reshape(_ newShape: [Int]) throws -> NDArray {
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        guard unknown.count <= 1 else {
            throw ZarrError.invalidArgument("NDArray.reshape(): only one length may be -1, got shape \(newShape)")
        }
        guard let axis = unknown.first else { return try reshaped(newShape) }
        var known = newShape
        known.remove(at: axis)
        let knownCount = try NDArray.elementCount(known, method: "NDArray.reshape()")
        guard knownCount > 0, count % knownCount == 0 else {
            throw ZarrError.invalidArgument("NDArray.reshape(): cannot view \(count) elements as shape \(newShape)")
        }
        var resolved = newShape
        resolved[axis] = count / knownCount
        return try reshaped(resolved)
    }

    /// The elements in one dimension, in C order (numpy's `a.flatten()`).
    public func flatten() -> NDArray {
        sharingStorage(dtype: dtype, shape: [count])
    }

    /// The elements in one dimension, in C order (numpy's `a.ravel()`; the same as `flatten()`
    /// here, as both share the buffer until either is written).
    public func ravel() -> NDArray {
        flatten()
    }
}
