// The loops behind sum, min and max. Elements are cast in blocks that fit the L1
// cache into the accumulator type (Int64 for bool and signed integers, UInt64 for
// unsigned ones, Double for floats, pairs of Doubles for complex numbers; an array
// of that type is read in place), then combined:
// - a run of consecutive elements (a whole array, or one row of the last axis)
//   into eight lanes, which keep eight independent sums (wrapping for integers, as
//   numpy's integer sums wrap) and make the loop a vector loop; the lanes are added
//   at the end (for complex numbers, even lanes are real parts and odd lanes
//   imaginary ones, as blocks start at multiples of eight);
// - or element by element into a row of accumulators (a reduction along an axis
//   that is not the last).
// min and max propagate NaN, as numpy's do.

/// What a reduction computes.
enum Reduction {
    case sum, minimum, maximum
}

/// A type elements are reduced in.
protocol ReductionAccumulator: NumpyCastable, Comparable, Hashable, Codable, SIMDScalar {
    /// `a + b`, wrapping around for integers.
    static func add(_ a: Self, _ b: Self) -> Self
    /// Lane-wise `a + b`, wrapping around for integers.
    static func add(_ a: SIMD8<Self>, _ b: SIMD8<Self>) -> SIMD8<Self>
    /// Adds `count` float32 values into `lanes` (value i into lane i % 8) without a block in
    /// between, if this type sums float32 elements (the common case worth a loop of its own);
    /// returns false otherwise.
    static func addFloats(_ values: UnsafePointer<Float>, count: Int, into lanes: inout SIMD8<Self>) -> Bool
}

extension ReductionAccumulator where Self: FixedWidthInteger {
    static func add(_ a: Self, _ b: Self) -> Self { a &+ b }
    static func add(_ a: SIMD8<Self>, _ b: SIMD8<Self>) -> SIMD8<Self> { a &+ b }
    static func addFloats(_ values: UnsafePointer<Float>, count: Int, into lanes: inout SIMD8<Self>) -> Bool { false }
}

extension Int64: ReductionAccumulator {}
extension UInt64: ReductionAccumulator {}

extension Double: ReductionAccumulator {
    static func add(_ a: Double, _ b: Double) -> Double { a + b }
    static func add(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> { a + b }

    static func addFloats(_ values: UnsafePointer<Float>, count: Int, into lanes: inout SIMD8<Double>) -> Bool {
        let raw = UnsafeRawPointer(values)
        var i = 0
        while i + 8 <= count {
            lanes += SIMD8<Double>(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
            i += 8
        }
        for j in 0..<(count - i) { lanes[j] += Double(values[i + j]) }
        return true
    }
}

/// Reduces elements of one source type in accumulators of type `A`.
struct ReductionKernel<A: ReductionAccumulator> {
    let reduction: Reduction
    /// The elements' type.
    let sourceType: DataType
    /// The accumulators' data type: `A`'s, or complex128 for pairs of Doubles.
    let accumulatorType: DataType
    /// Accumulators per element: 2 for complex numbers, otherwise 1.
    let width: Int

    /// Elements cast per block: 16 KiB of complex128 accumulators, a multiple of 8.
    private static var blockLength: Int { 1024 }

    /// Reduces `count` consecutive elements at `source` into `width` accumulators at `result`
    /// (for min and max, `count` is at least 1).
    func reduceRun(_ source: UnsafeRawPointer, count: Int, into result: UnsafeMutablePointer<A>) throws {
        switch reduction {
        case .sum:
            var lanes = SIMD8<A>()
            if sourceType == .float32, A.addFloats(source.assumingMemoryBound(to: Float.self), count: count, into: &lanes) {
                result[0] = A.add(total(lanes.lowHalf), total(lanes.highHalf))
                return
            }
            try forEachBlock(source, count: count) { values, _, n in
                var i = 0
                while i + 8 <= n {
                    lanes = A.add(lanes, UnsafeRawPointer(values + i).loadUnaligned(as: SIMD8<A>.self))
                    i += 8
                }
                var tail = SIMD8<A>()
                for j in 0..<(n - i) { tail[j] = values[i + j] }
                lanes = A.add(lanes, tail)
            }
            if width == 2 {
                result[0] = total(lanes.evenHalf)
                result[1] = total(lanes.oddHalf)
            } else {
                result[0] = A.add(total(lanes.lowHalf), total(lanes.highHalf))
            }
        case .minimum, .maximum:
            assert(count > 0, "reduceRun: min and max need elements")
            var best: A?
            try forEachBlockUntil(source, count: count) { values, _, n in
                var current = best ?? values[0]
                for i in 0..<n {
                    let value = values[i]
                    // NaN wins: `value != value` only for NaN.
                    if value != value {
                        best = value
                        return false
                    }
                    if reduction == .minimum ? value < current : value > current { current = value }
                }
                best = current
                return true
            }
            if let best { result[0] = best }
        }
    }

    /// Combines `count` consecutive elements at `source` into the `count x width`
    /// accumulators at `row`, element by element.
    func combineRow(_ source: UnsafeRawPointer, count: Int, into row: UnsafeMutablePointer<A>) throws {
        try forEachBlock(source, count: count) { values, start, n in
            let accumulators = row + start
            switch reduction {
            case .sum:
                for i in 0..<n { accumulators[i] = A.add(accumulators[i], values[i]) }
            case .minimum:
                for i in 0..<n where values[i] < accumulators[i] || values[i] != values[i] { accumulators[i] = values[i] }
            case .maximum:
                for i in 0..<n where values[i] > accumulators[i] || values[i] != values[i] { accumulators[i] = values[i] }
            }
        }
    }

    /// Sets the `count x width` accumulators at `row` to the `count` elements at `source`.
    func startRow(_ source: UnsafeRawPointer, count: Int, into row: UnsafeMutablePointer<A>) throws {
        try castElements(count: count, from: source, sourceType, to: UnsafeMutableRawPointer(row), accumulatorType)
    }

    // MARK: Blocks

    /// Calls `body` with each block of the `count` elements at `source` as accumulators: their
    /// pointer, the index of the block's first accumulator, and their number (`width` per
    /// element). `body` returns false to stop.
    private func forEachBlockUntil(
        _ source: UnsafeRawPointer, count: Int, _ body: (UnsafePointer<A>, Int, Int) throws -> Bool
    ) throws {
        if sourceType == accumulatorType {
            _ = try body(source.assumingMemoryBound(to: A.self), 0, count * width)
            return
        }
        let itemSize = sourceType.itemSize
        try withUnsafeTemporaryAllocation(of: A.self, capacity: Self.blockLength * width) { buffer in
            guard let block = buffer.baseAddress else { return }
            var done = 0
            while done < count {
                let n = Swift.min(Self.blockLength, count - done)
                try castElements(count: n, from: source + done * itemSize, sourceType, to: UnsafeMutableRawPointer(block), accumulatorType)
                guard try body(block, done * width, n * width) else { return }
                done += n
            }
        }
    }

    /// `forEachBlock` for bodies that never stop early.
    private func forEachBlock(
        _ source: UnsafeRawPointer, count: Int, _ body: (UnsafePointer<A>, Int, Int) throws -> Void
    ) throws {
        try forEachBlockUntil(source, count: count) { values, start, n in
            try body(values, start, n)
            return true
        }
    }

    private func total(_ lanes: SIMD4<A>) -> A {
        A.add(A.add(lanes[0], lanes[1]), A.add(lanes[2], lanes[3]))
    }
}
