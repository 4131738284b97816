import XCTest
@testable import ZarrCompression

/// Hand-made blocks: every offset and length shape, on the fast and the
/// careful path, and blocks that ignore the encoders' end-of-block rules.
final class LZ4DecoderTests: XCTestCase {
    /// Builds a block sequence by sequence and decodes it the slow, obvious way.
    struct Block {
        var bytes: [UInt8] = []
        var decoded: [UInt8] = []

        private mutating func length(_ n: Int) {
            var rest = n - 15
            while rest >= 255 {
                bytes.append(255)
                rest -= 255
            }
            bytes.append(UInt8(rest))
        }

        mutating func sequence(_ literals: [UInt8], offset: Int, matchLength: Int) {
            bytes.append(UInt8(min(literals.count, 15) << 4 | min(matchLength - 4, 15)))
            if literals.count >= 15 { length(literals.count) }
            bytes += literals
            decoded += literals
            bytes += [UInt8(offset & 0xFF), UInt8(offset >> 8)]
            if matchLength - 4 >= 15 { length(matchLength - 4) }
            for _ in 0..<matchLength { decoded.append(decoded[decoded.count - offset]) }
        }

        mutating func last(_ literals: [UInt8]) {
            bytes.append(UInt8(min(literals.count, 15) << 4))
            if literals.count >= 15 { length(literals.count) }
            bytes += literals
            decoded += literals
        }
    }

    private func check(_ block: Block, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try LZ4TestSupport.decompress(block.bytes, decodedSize: block.decoded.count), block.decoded,
                       message, file: file, line: line)
        XCTAssertEqual(try LZ4TestSupport.decodeBlock(block.bytes, capacity: block.decoded.count + 100), block.decoded,
                       message, file: file, line: line)
    }

    func testEveryShortOffsetAndLengthOnBothPaths() {
        var g = TestRandom(seed: 1)
        for offset in 1...40 {
            for length in [4, 5, 7, 8, 9, 15, 16, 17, 18, 19, 31, 32, 33, 64, 100, 300] {
                for far in [false, true] {
                    var block = Block()
                    block.sequence(TestRandom.bytes(max(offset, 3), seed: g.next()), offset: offset, matchLength: length)
                    block.sequence(TestRandom.bytes(2, seed: g.next()), offset: offset, matchLength: length)
                    // Far from the end: a long tail keeps these sequences on the fast path.
                    block.last(TestRandom.bytes(far ? 200 : 0, seed: g.next()))
                    check(block, "offset \(offset) length \(length) far \(far)")
                }
            }
        }
    }

    func testLengthsAroundTheExtraByteSteps() {
        var g = TestRandom(seed: 2)
        for n in [14, 15, 16, 269, 270, 271, 524, 525, 526, 1000] {
            var block = Block()
            block.sequence(TestRandom.bytes(n, seed: g.next()), offset: 3, matchLength: n + 4)
            block.sequence(TestRandom.bytes(n, seed: g.next()), offset: n, matchLength: n)
            block.last(TestRandom.bytes(n, seed: g.next()))
            check(block, "length \(n)")
        }
    }

    /// liblz4 writes 5 trailing literals and no match in the last 12 bytes;
    /// blocks that do not are still valid.
    func testBlocksThatIgnoreTheEncoderEndRules() {
        var endsWithMatch = Block()
        endsWithMatch.sequence([1, 2, 3], offset: 1, matchLength: 4)
        endsWithMatch.last([])
        XCTAssertEqual(endsWithMatch.bytes, [0x30, 1, 2, 3, 1, 0, 0x00])
        check(endsWithMatch, "a match reaching the last byte, then an empty literal run")

        var shortTail = Block()
        shortTail.sequence(Array(repeating: 9, count: 40), offset: 7, matchLength: 60)
        shortTail.sequence([5], offset: 50, matchLength: 4)
        shortTail.last([1, 2])
        check(shortTail, "two trailing literals, a match 7 bytes before the end")

        var onlyLiterals = Block()
        onlyLiterals.last(TestRandom.bytes(1000, seed: 3))
        check(onlyLiterals, "one long literal run")
    }

    func testEmptyBlocks() throws {
        XCTAssertEqual(try LZ4TestSupport.decompress([0x00], decodedSize: 0), [])
        XCTAssertEqual(try [UInt8(0)].withUnsafeBytes { try LZ4.decompressBlock($0, into: UnsafeMutableRawBufferPointer(start: nil, count: 0)) }, 0)
        XCTAssertThrowsError(try [UInt8(0x10), 7].withUnsafeBytes {
            try LZ4.decompressBlock($0, into: UnsafeMutableRawBufferPointer(start: nil, count: 0))
        })
        XCTAssertThrowsError(try LZ4TestSupport.decompress([], decodedSize: 0)) { error in
            XCTAssertTrue("\(error)".contains("lz4: empty block"), "\(error)")
        }
    }

    func testOutputCapacity() throws {
        var block = Block()
        block.sequence(TestRandom.bytes(30, seed: 4), offset: 30, matchLength: 100)
        block.last(TestRandom.bytes(20, seed: 5))
        let size = block.decoded.count
        XCTAssertThrowsError(try LZ4TestSupport.decodeBlock(block.bytes, capacity: size - 1))
        XCTAssertThrowsError(try LZ4TestSupport.decompress(block.bytes, decodedSize: size + 1)) { error in
            XCTAssertTrue("\(error)".contains("decodes to \(size) bytes"), "\(error)")
        }
        XCTAssertThrowsError(try LZ4TestSupport.decompress(block.bytes, decodedSize: -1))
        XCTAssertEqual(try LZ4TestSupport.decodeBlock(block.bytes, capacity: size), block.decoded)
    }

    /// Random valid blocks of every shape, decoded with exact and roomy buffers.
    func testRandomValidBlocks() {
        var g = TestRandom(seed: 6)
        for round in 0..<400 {
            var block = Block()
            for _ in 0..<g.below(40) {
                let literalCount = g.below(4) == 0 ? g.below(300) : g.below(20)
                var literals = TestRandom.bytes(literalCount, seed: g.next())
                if block.decoded.isEmpty && literals.isEmpty { literals = [1] }
                let available = block.decoded.count + literals.count
                let offset = g.below(3) == 0 ? 1 + g.below(min(available, 16)) : 1 + g.below(min(available, 65535))
                let length = 4 + (g.below(5) == 0 ? g.below(600) : g.below(30))
                block.sequence(literals, offset: offset, matchLength: length)
            }
            block.last(TestRandom.bytes(g.below(30), seed: g.next()))
            check(block, "round \(round)")
        }
    }
}
