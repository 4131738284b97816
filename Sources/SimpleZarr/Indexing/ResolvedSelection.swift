// Resolving a selection against an array's shape with Python's rules:
// one ellipsis at most, expanded to whole axes; negative positions count
// from the end; slice bounds are clamped to the axis; an integer out of
// range or a step below 1 is an error. Then splitting it per chunk.

/// The positions selected along one axis: `count` positions from `start`, `step` apart.
struct AxisRange: Sendable, Hashable {
    var start: Int
    var count: Int
    var step: Int
    /// The clamped exclusive bound as given (kept for printing the selection like Python).
    var stop: Int
    /// Selected by an integer: the axis is dropped from the result's shape.
    var isDropped: Bool
}

/// A selection resolved against a shape: one `AxisRange` per axis.
struct ResolvedSelection: Sendable {
    let axes: [AxisRange]

    /// Resolves `items` for an array of `shape`; `owner` names the caller in errors.
    ///
    /// With `wholeTrailingAxes` (numpy's rule for in-memory arrays), fewer components than
    /// dimensions select the remaining axes whole; otherwise that needs an ellipsis.
    init(_ items: [AxisSelection], shape: [Int], owner: String, wholeTrailingAxes: Bool = false) throws {
        let ndim = shape.count
        let ellipses = items.filter { $0 == .ellipsis }.count
        guard ellipses <= 1 else {
            throw ZarrError.invalidArgument("\(owner): only one ellipsis is allowed, got \(ellipses)")
        }
        var expanded: [AxisSelection] = []
        for item in items {
            if item == .ellipsis {
                let whole = max(0, ndim - (items.count - 1))
                expanded += Array(repeating: .slice(start: nil, stop: nil, step: 1), count: whole)
            } else {
                expanded.append(item)
            }
        }
        if wholeTrailingAxes && expanded.count < ndim {
            expanded += Array(repeating: .slice(start: nil, stop: nil, step: 1), count: ndim - expanded.count)
        }
        guard expanded.count == ndim else {
            throw ZarrError.indexOutOfRange(
                "\(owner): the array has \(ndim) dimensions but the selection has \(expanded.count) (use an ellipsis for the rest)")
        }
        axes = try zip(expanded, shape).enumerated().map { axis, pair in
            let (item, length) = pair
            switch item {
            case .index(let i):
                let position = i < 0 ? i + length : i
                guard position >= 0, position < length else {
                    throw ZarrError.indexOutOfRange("\(owner): index \(i) is out of range for axis \(axis) with size \(length)")
                }
                return AxisRange(start: position, count: 1, step: 1, stop: position + 1, isDropped: true)
            case .slice(let start, let stop, let step):
                guard step >= 1 else {
                    throw ZarrError.invalidArgument("\(owner): slice step must be 1 or more, got \(step) on axis \(axis)")
                }
                let from = ResolvedSelection.clamp(start ?? 0, length)
                let to = max(from, ResolvedSelection.clamp(stop ?? length, length))
                // ⌈(to - from) / step⌉ without forming `to - from + step - 1`, which overflows for huge steps.
                let count = ShapeArithmetic.ceilingDivision(to - from, step)
                return AxisRange(start: from, count: count, step: step, stop: to, isDropped: false)
            case .ellipsis:
                throw ZarrError.invalidArgument("\(owner): unexpected ellipsis")  // expanded above
            }
        }
    }

    /// Every position of every axis of `shape`.
    static func whole(_ shape: [Int]) -> ResolvedSelection {
        ResolvedSelection(axes: shape.map { AxisRange(start: 0, count: $0, step: 1, stop: $0, isDropped: false) })
    }

    private init(axes: [AxisRange]) {
        self.axes = axes
    }

    /// A Python slice bound: negatives count from the end; the result lies in 0...length.
    private static func clamp(_ bound: Int, _ length: Int) -> Int {
        // A negative bound plus a non-negative length cannot overflow.
        if bound < 0 { return max(0, bound + length) }
        return min(bound, length)
    }

    /// Whether the selection has no elements (some axis selects nothing).
    var isEmpty: Bool { axes.contains { $0.count == 0 } }

    /// The result's shape, without dropped axes (Python's collapsed shape).
    var shape: [Int] { axes.filter { !$0.isDropped }.map(\.count) }

    /// The result's shape keeping dropped axes as length 1.
    var fullShape: [Int] { axes.map(\.count) }

    /// Python's text for the selection, e.g. `5,:100` or `2:,::3`.
    func text(shape: [Int]) -> String {
        zip(axes, shape).map { axis, length in
            if axis.isDropped { return String(axis.start) }
            var text = axis.start > 0 ? "\(axis.start):" : ":"
            if axis.stop < length { text += String(axis.stop) }
            if axis.step > 1 { text += ":\(axis.step)" }
            return text
        }.joined(separator: ",")
    }
}
