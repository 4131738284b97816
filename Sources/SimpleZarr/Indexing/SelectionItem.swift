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
    public var axisSelection: AxisSelection { strideSelection(self, inclusive: false) }
}

extension StrideThrough: SelectionItem where Element == Int {
    /// `stride(from: a, through: b, by: s)` is `a:b+1:s`.
    public var axisSelection: AxisSelection { strideSelection(self, inclusive: true) }
}

/// The exclusive stop for an inclusive bound: `b + 1`, except that `-1` (and `Int.max`,
/// whose successor does not exist) mean "to the end".
private func inclusiveStop(_ bound: Int) -> Int? {
    bound == -1 || bound == Int.max ? nil : bound + 1
}

/// The slice of a stride, from its start, end and step, without walking it (`underestimatedCount`
/// of a stride counts its elements one by one, which for `stride(from: 0, to: Int.max, by: 1)`
/// never ends).
///
/// The standard library exposes a stride's bounds only through its mirror (children `from`,
/// `to` or `through`, and `by`); should that ever change, the stride is walked instead.
private func strideSelection<S: Sequence>(_ sequence: S, inclusive: Bool) -> AxisSelection where S.Element == Int {
    var from: Int?, end: Int?, step: Int?
    for child in Mirror(reflecting: sequence).children {
        switch child.label {
        case "from": from = child.value as? Int
        case "to" where !inclusive, "through" where inclusive: end = child.value as? Int
        case "by": step = child.value as? Int
        default: break
        }
    }
    guard let from, let end, let step, step != 0 else { return walkedStrideSelection(sequence) }
    guard step > 0 else { return .slice(start: from, stop: nil, step: step) }
    guard inclusive ? from <= end : from < end else { return .slice(start: 0, stop: 0, step: 1) }
    if inclusive { return strideSlice(first: from, last: end, step: step) }
    return from < 0 && end >= 0 ? .slice(start: from, stop: nil, step: step) : .slice(start: from, stop: end, step: step)
}

/// The slice of a stride found by walking it (the fallback of `strideSelection`).
private func walkedStrideSelection<S: Sequence>(_ sequence: S) -> AxisSelection where S.Element == Int {
    var iterator = sequence.makeIterator()
    guard let first = iterator.next() else { return .slice(start: 0, stop: 0, step: 1) }
    guard let second = iterator.next() else { return strideSlice(first: first, last: first, step: 1) }
    let step = second &- first
    guard step > 0 else { return .slice(start: first, stop: nil, step: step) }
    var last = second
    while let next = iterator.next() { last = next }
    return strideSlice(first: first, last: last, step: step)
}

/// `first:last+1:step`, where a stop that crosses from negative to non-negative (which would
/// change meaning) or that does not exist (`last == Int.max`) becomes "to the end".
private func strideSlice(first: Int, last: Int, step: Int) -> AxisSelection {
    guard last < Int.max, !(first < 0 && last + 1 >= 0) else { return .slice(start: first, stop: nil, step: step) }
    return .slice(start: first, stop: last + 1, step: step)
}
