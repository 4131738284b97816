import XCTest
@testable import ZarrCompression

/// The byte and bit shuffles against plain reference loops, for typesizes
/// 1...255 and sizes around every path (SIMD steps, tiles, padded runs, the
/// bytes past the last element, counts that are not a multiple of 8).
final class ShuffleTests: XCTestCase {
    private func referenceByteShuffle(_ input: [UInt8], _ typesize: Int) -> [UInt8] {
        let n = input.count / typesize
        var out = input
        for i in 0..<n { for j in 0..<typesize { out[j * n + i] = input[i * typesize + j] } }
        return out
    }

    private func referenceBitShuffle(_ input: [UInt8], _ typesize: Int) -> [UInt8] {
        let n = input.count / typesize
        guard n > 0, n % 8 == 0 else { return input }
        var out = input
        for k in 0..<(n * typesize) { out[k] = 0 }
        for i in 0..<n {
            for j in 0..<typesize {
                for b in 0..<8 where input[i * typesize + j] >> UInt8(b) & 1 == 1 {
                    out[(8 * j + b) * (n / 8) + i / 8] |= 1 << UInt8(i % 8)
                }
            }
        }
        return out
    }

    private typealias Transform = (Int, UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Void

    private func apply(_ f: Transform, _ typesize: Int, _ input: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0x5A, count: input.count)
        input.withUnsafeBytes { i in out.withUnsafeMutableBytes { f(typesize, i, $0) } }
        return out
    }

    private func check(typesizes: [Int], sizes: (Int) -> [Int], seed: UInt64) {
        var g = TestRandom(seed: seed)
        for typesize in typesizes {
            for size in sizes(typesize) {
                let input = TestRandom.bytes(size, seed: g.next())
                let byte = apply(ByteShuffle.shuffle, typesize, input)
                XCTAssertEqual(byte, referenceByteShuffle(input, typesize), "byte t\(typesize) n\(size)")
                XCTAssertEqual(apply(ByteShuffle.unshuffle, typesize, byte), input, "unbyte t\(typesize) n\(size)")
                let bit = apply(BitShuffle.shuffle, typesize, input)
                XCTAssertEqual(bit, referenceBitShuffle(input, typesize), "bit t\(typesize) n\(size)")
                XCTAssertEqual(apply(BitShuffle.unshuffle, typesize, bit), input, "unbit t\(typesize) n\(size)")
            }
        }
    }

    func testFastTypesizesAtManySizes() {
        check(typesizes: [1, 2, 4, 8, 16], sizes: { t in
            [0, 1, t - 1, t, 8 * t, 15 * t, 16 * t, 16 * t + 1, 17 * t + t / 2, 128 * t, 136 * t + 3, 512 * t,
             512 * t + 8 * t, 1024 * t + 72 * t + 1, 3000 * t + 5]
        }, seed: 1)
    }

    func testEveryTypesize() {
        check(typesizes: Array(1...255), sizes: { t in [16 * t + 3, 7 * t + 1] }, seed: 2)
    }

    func testLargeTypesizesAboveTheFormat() {
        // The blosc container never asks for more than 255, but the API allows it.
        check(typesizes: [256, 300, 1000], sizes: { t in [t - 1, 8 * t, 16 * t + 7] }, seed: 3)
    }

    /// c-blosc's rule: bit shuffle leaves a buffer alone unless its elements
    /// come in whole groups of eight.
    func testBitShuffleCopiesWhenNotEightElements() {
        let input = TestRandom.bytes(4 * 1001, seed: 9)
        XCTAssertEqual(apply(BitShuffle.shuffle, 4, input), input)
        XCTAssertEqual(apply(BitShuffle.unshuffle, 4, input), input)
    }
}
