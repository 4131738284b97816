// The pieces a selection is made of, as in Python's `arr[i, a:b:s, ...]`:
// an integer (the axis is dropped from the result), a slice with optional
// bounds and a step, or an ellipsis standing for "every remaining axis".
// Swift ranges, partial ranges and strides are accepted as slices.

/// One component of an array selection, before it is resolved against the array's shape.
public enum AxisSelection: Sendable, Hashable {
    /// A single position; negative counts from the end. The axis is dropped from the result.
    case index(Int)
    /// Python's `start:stop:step`; `nil` bounds mean the ends of the axis, negatives count from the end.
    case slice(start: Int?, stop: Int?, step: Int)
    /// Python's `...`: as many whole axes as the other components leave.
    case ellipsis
}

/// A value usable inside `array[...]`: `Int`, ranges, partial ranges, `stride(from:to:by:)`,
/// `Slice(start, stop, step)` and `Ellipsis()`.
public protocol SelectionItem: Sendable {
    /// This item as a selection component.
    var axisSelection: AxisSelection { get }
}

/// Python's `slice(start, stop, step)`: `Slice(10, nil, 2)` is `10::2`.
public struct Slice: SelectionItem, Hashable {
    /// The first position (`nil`: the start of the axis).
    public var start: Int?
    /// The position after the last (`nil`: the end of the axis).
    public var stop: Int?
    /// The distance between selected positions (at least 1).
    public var step: Int

    /// Creates `start:stop:step`.
    public init(_ start: Int? = nil, _ stop: Int? = nil, _ step: Int = 1) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    public var axisSelection: AxisSelection { .slice(start: start, stop: stop, step: step) }
}

/// Python's `...`: the remaining axes, whole. `array[Ellipsis(), 0]` selects index 0 of the last axis.
public struct Ellipsis: SelectionItem, Hashable {
    /// Creates the ellipsis marker.
    public init() {}

    public var axisSelection: AxisSelection { .ellipsis }
}

extension AxisSelection: SelectionItem {
    public var axisSelection: AxisSelection { self }
}

extension Int: SelectionItem {
    public var axisSelection: AxisSelection { .index(self) }
}

extension Range: SelectionItem where Bound == Int {
    public var axisSelection: AxisSelection { .slice(start: lowerBound, stop: upperBound, step: 1) }
}

extension ClosedRange: SelectionItem where Bound == Int {
    /// `a...b` includes `b`; `a...(-1)` runs to the end of the axis.
    public var axisSelection: AxisSelection { .slice(start: lowerBound, stop: inclusiveStop(upperBound), step: 1) }
}

extension PartialRangeFrom: SelectionItem where Bound == Int {
    public var axisSelection: AxisSelection { .slice(start: lowerBound, stop: nil, step: 1) }
}

extension PartialRangeUpTo: SelectionItem where Bound == Int {
    public var axisSelection: AxisSelection { .slice(start: nil, stop: upperBound, step: 1) }
}

extension PartialRangeThrough: SelectionItem where Bound == Int {
    public var axisSelection: AxisSelection { .slice(start: nil, stop: inclusiveStop(upperBound), step: 1) }
}

extension StrideTo: SelectionItem where Element == Int {
    /// `stride(from: a, to: b, by: s)` is `a:b:s`; a negative step is refused when the selection is resolved.
    public var axisSelection: AxisSelection { strideSelection(self, count: underestimatedCount) }
}

extension StrideThrough: SelectionItem where Element == Int {
    /// `stride(from: a, through: b, by: s)` is `a:b+1:s`.
    public var axisSelection: AxisSelection { strideSelection(self, count: underestimatedCount) }
}

/// The exclusive stop for an inclusive bound: `b + 1`, except that `-1` means "to the end".
private func inclusiveStop(_ bound: Int) -> Int? {
    bound == -1 ? nil : bound + 1
}

/// Reads the start and step from the first elements and the extent from the (exact) count,
/// without walking the whole sequence.
private func strideSelection<S: Sequence>(_ sequence: S, count: Int) -> AxisSelection where S.Element == Int {
    var iterator = sequence.makeIterator()
    guard let first = iterator.next() else { return .slice(start: 0, stop: 0, step: 1) }
    let step = iterator.next().map { $0 - first } ?? 1
    guard step > 0 else { return .slice(start: first, stop: nil, step: step) }
    let (extent, overflowed) = step.multipliedReportingOverflow(by: count)
    let (sum, sumOverflowed) = first.addingReportingOverflow(extent)
    let stop = overflowed || sumOverflowed ? Int.max : sum
    // A stop that crosses from negative to non-negative would change meaning; use "to the end" there.
    return .slice(start: first, stop: first < 0 && stop >= 0 ? nil : stop, step: step)
}
