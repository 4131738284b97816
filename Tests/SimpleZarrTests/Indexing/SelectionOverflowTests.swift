import Foundation
import XCTest

@testable import SimpleZarr

/// Extreme selection arguments (issue 8): none may trap, and every slice must select what
/// Python's `range(*slice(a, b, c).indices(n))` selects. Before the fix, `Slice(0, nil, Int.max)`,
/// `3...Int.max`, a step near `Int.max` on a 2-d array and `chunks[1]` of a `[Int.max]` array
/// trapped on arithmetic overflow, and `stride(from: 0, to: Int.max, by: 1)` never returned.
final class SelectionOverflowTests: XCTestCase {
    /// Rows `(start, stop, step, n, count, first)` printed by CPython 3.11:
    /// `r = range(*slice(start, stop, step).indices(n)); len(r), r[0]`.
    let pythonRows: [(Int?, Int?, Int, Int, Int, Int?)] = [
        (-11, 0, 10, Int.max, 0, nil),
        (0, 11, 1, Int.max, 11, 0),
        (0, 4611686018427387904, 1, 0, 0, nil),
        (Int.min, Int.max, 10, 0, 0, nil),
        (-4611686018427387904, Int.max, Int.max, Int.max, 1, 4611686018427387903),
        (Int.max, Int.max, 3, 0, 0, nil),
        (nil, 9, 3, Int.max, 3, 0),
        (Int.min, -11, 10, 0, 0, nil),
        (-4611686018427387904, Int.min, 3, 10, 0, nil),
        (-11, 4611686018427387904, 1, Int.max, 0, nil),
        (9, 4611686018427387904, 3, Int.max, 1537228672809129299, 9),
        (-11, -4611686018427387904, 10, Int.max, 0, nil),
        (1, -4611686018427387904, 3, 10, 0, nil),
        (nil, 0, 1, Int.max, 0, nil),
        (9, Int.min, 3, 10, 0, nil),
        (9, nil, 3, 10, 1, 9),
        (1, nil, 10, 10, 1, 1),
        (9, 9, 3, Int.max, 0, nil),
        (1, -4611686018427387904, 10, Int.max, 461168601842738791, 1),
        (Int.min, -1, 3, 0, 0, nil),
        (-11, 1, Int.max, Int.max, 0, nil),
        (nil, -11, 3, 10, 0, nil),
        (9, -11, Int.max, Int.max, 1, 9),
        (0, 4611686018427387904, 10, Int.max, 461168601842738791, 0),
        (Int.min, 11, 3, 10, 4, 0),
        (Int.max, -11, 1, 10, 0, nil),
        (-1, nil, 1, 10, 1, 9),
        (nil, Int.max, Int.max, 0, 0, nil),
        (0, Int.max, Int.max, Int.max, 1, 0),
        (0, 4611686018427387904, 3, 10, 4, 0),
        (Int.min, 9, 3, 10, 3, 0),
        (nil, 4611686018427387904, Int.max, 10, 1, 0),
        (Int.min, -11, 10, Int.max, 922337203685477580, 0),
        (Int.max, nil, Int.max, 10, 0, nil),
        (11, nil, 1, Int.max, 9223372036854775796, 11),
        (4611686018427387904, nil, 1, Int.max, 4611686018427387903, 4611686018427387904),
        (nil, Int.max, Int.max, Int.max, 1, 0),
        (nil, 1, 3, 10, 1, 0),
        (9, 1, 3, 10, 0, nil),
    ]

    /// Python's slice resolution, computed in 128 bits so the model itself cannot overflow.
    static func pythonRange(_ start: Int?, _ stop: Int?, _ step: Int, _ n: Int) -> (count: Int, first: Int?) {
        func clamp(_ bound: Int?, _ defaultValue: Int128) -> Int128 {
            guard let bound else { return defaultValue }
            let b = Int128(bound)
            return b < 0 ? max(0, b + Int128(n)) : min(b, Int128(n))
        }
        let from = clamp(start, 0)
        let to = clamp(stop, Int128(n))
        guard to > from else { return (0, nil) }
        return (Int((to - from + Int128(step) - 1) / Int128(step)), Int(from))
    }

    func resolve(_ item: AxisSelection, _ n: Int) throws -> AxisRange {
        let axes = try ResolvedSelection([item], shape: [n], owner: "test").axes
        guard let axis = axes.first else { throw ZarrError.invalidArgument("no axis") }
        return axis
    }

    func testSlicesMatchPythonOnATableFromCPython() throws {
        for (start, stop, step, n, count, first) in pythonRows {
            let label = "slice(\(String(describing: start)), \(String(describing: stop)), \(step)).indices(\(n))"
            XCTAssertEqual(Self.pythonRange(start, stop, step, n).count, count, "model, \(label)")
            let axis = try resolve(.slice(start: start, stop: stop, step: step), n)
            XCTAssertEqual(axis.count, count, label)
            if let first { XCTAssertEqual(axis.start, first, label) }
        }
    }

    func testEveryExtremeSliceMatchesTheModel() throws {
        let bounds: [Int?] = [nil, Int.min, Int.min + 1, -(1 << 62), -11, -10, -9, -1, 0, 1, 9, 10, 11, 1 << 62, Int.max - 1, Int.max]
        let steps = [1, 2, 3, 9, 10, 11, 1 << 62, Int.max - 1, Int.max]
        let lengths = [0, 1, 10, 1 << 62, Int.max]
        for n in lengths {
            for step in steps {
                for start in bounds {
                    for stop in bounds {
                        let expected = Self.pythonRange(start, stop, step, n)
                        let axis = try resolve(.slice(start: start, stop: stop, step: step), n)
                        XCTAssertEqual(axis.count, expected.count, "\(String(describing: start)):\(String(describing: stop)):\(step) of \(n)")
                        if let first = expected.first { XCTAssertEqual(axis.start, first) }
                        if axis.count > 0 {
                            // The last position lies inside the axis.
                            XCTAssertLessThan(Int128(axis.start) + Int128(axis.count - 1) * Int128(axis.step), Int128(n))
                        }
                    }
                }
            }
        }
    }

    func testExtremeIndicesAndStepsThrowInsteadOfTrapping() throws {
        for index in [Int.min, Int.min + 1, -11, 10, Int.max] {
            XCTAssertThrowsError(try resolve(.index(index), 10)) { XCTAssertTrue("\($0)".contains("out of range"), "\($0)") }
        }
        XCTAssertEqual(try resolve(.index(-10), 10).start, 0)
        XCTAssertEqual(try resolve(.index(Int.max - 1), Int.max).start, Int.max - 1)
        XCTAssertEqual(try resolve(.index(Int.min + 1), Int.max).start, 0)
        for step in [0, -1, Int.min] {
            XCTAssertThrowsError(try resolve(.slice(start: nil, stop: nil, step: step), 10))
        }
    }

    func testSwiftRangesAndStridesAtTheLimits() throws {
        func positions(_ item: any SelectionItem, _ n: Int = 10) throws -> [Int] {
            let axis = try resolve(item.axisSelection, n)
            return (0..<axis.count).map { axis.start + $0 * axis.step }
        }
        XCTAssertEqual(try positions(3...Int.max), [3, 4, 5, 6, 7, 8, 9])
        XCTAssertEqual(try positions(...Int.max), Array(0..<10))
        XCTAssertEqual(try positions(Int.min...Int.max), Array(0..<10))
        XCTAssertEqual(try positions(Int.min..<Int.max), Array(0..<10))
        XCTAssertEqual(try positions((-3)...(-1)), [7, 8, 9])
        XCTAssertEqual(try positions((-3)...(-2)), [7, 8])
        // Strides are resolved from their bounds, not walked: these would take centuries.
        XCTAssertEqual(try positions(stride(from: 0, to: Int.max, by: 1)), Array(0..<10))
        XCTAssertEqual(try positions(stride(from: 0, through: Int.max, by: 3)), [0, 3, 6, 9])
        XCTAssertEqual(try positions(stride(from: Int.min, to: Int.max, by: Int.max)), [0])  // negative start: "to the end"
        XCTAssertEqual(try positions(stride(from: 2, to: Int.max, by: Int.max)), [2])
        XCTAssertEqual(try positions(stride(from: 1, through: 7, by: 3)), [1, 4, 7])
        XCTAssertEqual(try positions(stride(from: -3, to: 0, by: 1)), [7, 8, 9])
        XCTAssertEqual(try positions(stride(from: -4, to: 0, by: 3)), [6, 9])
        XCTAssertEqual(try positions(stride(from: -5, to: -2, by: 1)), [5, 6, 7])
        XCTAssertEqual(try positions(stride(from: -3, through: -1, by: 1)), [7, 8, 9])
        XCTAssertEqual(try positions(stride(from: 5, to: 5, by: 1)), [])
        XCTAssertEqual(try positions(stride(from: 5, through: 4, by: 1)), [])
        XCTAssertEqual(try positions(stride(from: 0, to: 1 << 62, by: 1 << 61), 1 << 62), [0, 1 << 61])
        XCTAssertThrowsError(try positions(stride(from: 9, to: 0, by: -1)))
    }

    func testExtremeSelectionsReadAndWriteRealArrays() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [10, 10], dtype: .uint8, chunkShape: [4, 4])
        try array[...].set(try NDArray((0..<100).map { UInt8($0) }, shape: [10, 10]))
        XCTAssertEqual(try array[Slice(0, nil, Int.max), 0].get().toArray(as: UInt8.self), [0])
        XCTAssertEqual(try array[Slice(1, nil, Int.max / 2), ...].get().toArray(as: UInt8.self), Array(10..<20))
        XCTAssertEqual(try array[Slice(Int.min, Int.max, 9), 1].get().toArray(as: UInt8.self), [1, 91])
        XCTAssertEqual(try array[3...Int.max, 0].get().toArray(as: UInt8.self), [30, 40, 50, 60, 70, 80, 90])
        XCTAssertEqual(try array[stride(from: 0, to: Int.max, by: 1), 2].get().count, 10)
        // Writes with a step beyond the chunk length touch one position per chunk.
        try array[Slice(2, nil, Int.max), Slice(0, nil, 5)].set(UInt8(200))
        XCTAssertEqual(try array[2, ...].get().toArray(as: UInt8.self), [200, 21, 22, 23, 24, 200, 26, 27, 28, 29])
    }

    func testChunkGridSelectionAtTheEndOfAnIntMaxAxis() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [Int.max], dtype: .uint8, chunkShape: [Int.max / 2 + 1])
        XCTAssertEqual(array.chunkGridShape, [2])
        XCTAssertEqual(try array.chunks[1].shape, [Int.max / 2])
        XCTAssertEqual(try array.chunks[0..<2].shape, [Int.max])
        XCTAssertEqual(try array.chunks[(-1)...].description, "<ZarrArraySlice a[\(Int.max / 2 + 1):]>")
        let twos = try ZarrArray.create(store, "b", shape: [Int.max], dtype: .uint8, chunkShape: [2])
        XCTAssertEqual(try twos.chunks[(-1)...].shape, [1])
        XCTAssertEqual(try twos[(Int.max - 3)...].get().toArray(as: UInt8.self), [0, 0, 0])
    }

    /// An empty chunk range past the end of the grid (found by the selection fuzz target:
    /// its start times the chunk length overflowed).
    func testEmptyChunkGridSelectionPastTheEnd() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [Int.max, 3], dtype: .uint8, chunkShape: [1 << 40, 2])
        XCTAssertEqual(try array.chunks[Slice(Int.max, nil), ...].shape, [0, 3])
        XCTAssertEqual(try array.chunks[..., 5...].shape, [Int.max, 0])
        XCTAssertEqual(try array.chunks[Slice(-1, 0), ...].get().shape, [0, 3])
    }

    /// A step far beyond the axis on an inner axis of an in-memory array (found by the
    /// selection_text fuzz target: the step times the row size overflowed in the copy's strides).
    func testHugeStepOnAnInnerAxisOfAnNDArray() throws {
        let array = try NDArray((0..<24).map { UInt8($0) }, shape: [2, 3, 4])
        XCTAssertEqual(try array.select(":, ::1300022003000002200, 1:").toArray(as: UInt8.self), [1, 2, 3, 13, 14, 15])
        XCTAssertEqual(try array.select("::\(Int.max), ::\(Int.max), ::\(Int.max)").toArray(as: UInt8.self), [0])
        XCTAssertEqual(try array.select("::5, 1::7, -1").toArray(as: UInt8.self), [7])
        // The fuzz input itself: 30 elements per row times the step is past Int.max.
        let fuzzed = try NDArray((0..<120).map { UInt8($0) }, shape: [4, 5, 6])
        XCTAssertEqual(try fuzzed.select("::13_00022_003_0000022_00").shape, [1, 5, 6])
        XCTAssertEqual(try fuzzed.select("::13_00022_003_0000022_00").toArray(as: UInt8.self), Array(0..<30))
    }
}
