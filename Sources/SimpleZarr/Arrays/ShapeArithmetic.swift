// Sizes derived from shapes, computed so that no input can overflow: a
// product of lengths is exact or reported as not fitting in `Int`, and a
// ceiling division never forms `a + b - 1`.

/// Overflow-safe arithmetic on shapes and lengths.
enum ShapeArithmetic {
    /// The product of `lengths` (all ≥ 0), or `nil` when it does not fit in `Int`.
    ///
    /// A zero length makes the product 0 whatever the other lengths are.
    static func product(_ lengths: [Int]) -> Int? {
        if lengths.contains(0) { return 0 }
        var result = 1
        for length in lengths {
            let (next, overflow) = result.multipliedReportingOverflow(by: length)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// `a * b` for non-negative values, or `nil` when it does not fit in `Int`.
    static func product(_ a: Int, _ b: Int) -> Int? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }

    /// `a + b`, or `nil` when it does not fit in `Int`.
    static func sum(_ a: Int, _ b: Int) -> Int? {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : result
    }

    /// `⌈a / b⌉` for `a ≥ 0` and `b ≥ 1`, without overflow.
    static func ceilingDivision(_ a: Int, _ b: Int) -> Int {
        a / b + (a % b == 0 ? 0 : 1)
    }
}
