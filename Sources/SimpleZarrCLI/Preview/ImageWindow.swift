// From array values to pixels: shrinking an image to a maximum size by
// averaging blocks of pixels (NaN left out), and the window of values mapped
// from black to white, given or taken at percentiles of the finite values.

import Foundation

/// A 2-D image of doubles, row-major.
struct GreyImage {
    var width: Int
    var height: Int
    var values: [Double]

    /// The image shrunk by the smallest integer factor that fits `maxSize` on both sides,
    /// each pixel the mean of the finite values of its block (NaN when it has none).
    func downsampled(maxSize: Int) -> GreyImage {
        let factor = max(1, (max(width, height) + maxSize - 1) / maxSize)
        guard factor > 1 else { return self }
        let (newWidth, newHeight) = ((width + factor - 1) / factor, (height + factor - 1) / factor)
        var sums = [Double](repeating: 0, count: newWidth * newHeight)
        var counts = [Int](repeating: 0, count: newWidth * newHeight)
        values.withUnsafeBufferPointer { input in
            for y in 0..<height {
                let row = (y / factor) * newWidth
                for x in 0..<width {
                    let v = input[y * width + x]
                    guard v.isFinite else { continue }
                    sums[row + x / factor] += v
                    counts[row + x / factor] += 1
                }
            }
        }
        let means = zip(sums, counts).map { $1 == 0 ? Double.nan : $0 / Double($1) }
        return GreyImage(width: newWidth, height: newHeight, values: means)
    }

    /// The values at the `low` and `high` percentiles (0...100) of the finite values
    /// (nearest rank), or `nil` when no value is finite.
    func percentiles(_ low: Double, _ high: Double) -> (Double, Double)? {
        let finite = values.filter(\.isFinite).sorted()
        guard let last = finite.indices.last else { return nil }
        func rank(_ p: Double) -> Double { finite[min(last, max(0, Int((p / 100 * Double(last)).rounded())))] }
        return (rank(low), rank(high))
    }
}
