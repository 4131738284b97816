import XCTest
@testable import ZarrCompression

/// Corrupt blosc chunks and BloscLZ streams must throw or decode within their
/// bounds: never trap, hang, or allocate what a header claims.
final class BloscHostileInputTests: XCTestCase {
    private let limit = 1 << 22

    /// Chunks of every compressor and filter, with several blocks and split streams.
    private func chunks() throws -> [(String, [UInt8])] {
        let data = BloscTestSupport.field(2500, typesize: 4)
        var out: [(String, [UInt8])] = []
        for compressor in [Blosc.Compressor.blosclz, .lz4, .lz4hc, .zlib, .zstd] {
            for (shuffle, blockSize) in [(Blosc.Shuffle.byte, 0), (.bit, 256), (.none, 4096)] {
                let chunk = try BloscTestSupport.compress(data, typesize: 4, clevel: 5, shuffle: shuffle,
                                                          compressor: compressor, blockSize: blockSize)
                out.append(("\(compressor) \(shuffle) \(blockSize)", chunk))
            }
        }
        return out
    }

    private func blosclzStreams() -> [[UInt8]] {
        [BloscTestSupport.shuffled(BloscTestSupport.payload("smooth", size: 20_000, typesize: 2, seed: 1), 2),
         BloscTestSupport.shuffled(BloscTestSupport.field(4000, typesize: 4), 4),
         (0..<12_000).map { UInt8(($0 / 300) & 7) }].compactMap { data in
            var out = [UInt8](repeating: 0, count: data.count)
            let n = data.withUnsafeBytes { i in out.withUnsafeMutableBytes { BloscLZ.compress(i, level: 9, splitBlock: false, into: $0) } }
            return n > 0 ? Array(out.prefix(n)) : nil
        }
    }

    /// Decodes and, when that succeeds, checks the bound.
    @discardableResult
    private func decodeChunk(_ chunk: [UInt8]) -> Bool {
        guard let out = try? BloscTestSupport.decompress(chunk, maxOutputSize: limit) else { return false }
        XCTAssertLessThanOrEqual(out.count, limit)
        return true
    }

    func testRandomCorruptionsOfChunks() throws {
        var g = TestRandom(seed: 31)
        var decoded = 0, failed = 0
        let all = try chunks()
        for (_, chunk) in all {
            for _ in 0..<(3000 / all.count + 1) {
                var corrupt = chunk
                for _ in 0..<Int.random(in: 1...4, using: &g) {
                    // Half of the hits go to the header and the block table.
                    let i = g.below(2) == 0 ? g.below(min(chunk.count, 64)) : g.below(chunk.count)
                    corrupt[i] ^= UInt8.random(in: 1...255, using: &g)
                }
                if decodeChunk(corrupt) { decoded += 1 } else { failed += 1 }
            }
        }
        XCTAssertGreaterThan(failed, 1000)
        XCTAssertGreaterThanOrEqual(decoded + failed, 3000)
    }

    func testTruncatedChunks() throws {
        for (name, chunk) in try chunks() {
            for cut in stride(from: 0, to: chunk.count, by: max(1, chunk.count / 80)) {
                XCTAssertThrowsError(try BloscTestSupport.decompress(Array(chunk[..<cut])), "\(name) cut at \(cut)")
            }
        }
    }

    func testRandomCorruptionsOfBloscLZ() {
        var g = TestRandom(seed: 32)
        var decoded = 0, failed = 0
        let streams = blosclzStreams()
        XCTAssertEqual(streams.count, 3)
        for stream in streams {
            for _ in 0..<1000 {
                var corrupt = stream
                for _ in 0..<Int.random(in: 1...3, using: &g) {
                    corrupt[g.below(corrupt.count)] ^= UInt8.random(in: 1...255, using: &g)
                }
                if g.below(4) == 0 { corrupt.removeLast(g.below(corrupt.count)) }
                var out = [UInt8](repeating: 0, count: 25_000)
                let n = try? corrupt.withUnsafeBytes { i in try out.withUnsafeMutableBytes { try BloscLZ.decompress(i, into: $0) } }
                if let n { XCTAssertLessThanOrEqual(n, out.count); decoded += 1 } else { failed += 1 }
            }
        }
        XCTAssertGreaterThan(failed, 500)
        XCTAssertEqual(decoded + failed, 3000)
    }

    func testRandomGarbage() {
        var g = TestRandom(seed: 33)
        for n in 0..<1500 {
            var junk = TestRandom.bytes(16 + n % 200, seed: g.next())
            // Often a plausible header: version 2, format version 1, small sizes.
            if n % 2 == 0 {
                junk[0] = 2
                junk[1] = 1
                junk[2] &= ~0x08
                for (offset, value) in [(4, g.below(5000) + 1), (8, g.below(300) + 1), (12, junk.count)] {
                    for k in 0..<4 { junk[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
                }
            }
            decodeChunk(junk)
        }
    }

    // MARK: - Named cases

    private func chunk(flags: UInt8 = 0x21, typesize: UInt8 = 4, nbytes: Int, blocksize: Int, cbytes: Int? = nil,
                       version: UInt8 = 2, body: [UInt8]) -> [UInt8] {
        var c: [UInt8] = [version, 1, flags, typesize]
        for v in [nbytes, blocksize, cbytes ?? (16 + body.count)] {
            for k in 0..<4 { c.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
        }
        return c + body
    }

    private func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    /// Expects a "blosc: ..." error containing `fragment` (any, when nil).
    private func expect(_ chunk: [UInt8], _ fragment: String?, maxOutputSize: Int = 1 << 28, line: UInt = #line) {
        XCTAssertThrowsError(try BloscTestSupport.decompress(chunk, maxOutputSize: maxOutputSize), line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("blosc: ") && (fragment.map { message.contains($0) } ?? true), message, line: line)
        }
    }

    func testHeadersThatLie() throws {
        // zstd never splits: 12 blocks of one stream each, the first at 16 + 48.
        let good = try BloscTestSupport.compress(BloscTestSupport.field(3000, typesize: 4), typesize: 4, clevel: 5,
                                                 shuffle: .byte, compressor: .zstd, blockSize: 1024)
        XCTAssertEqual(try BloscTestSupport.header(good).blockSize, 1024)
        XCTAssertNoThrow(try BloscTestSupport.decompress(good))
        func patched(_ offset: Int, _ value: Int) -> [UInt8] {
            var c = good
            for k in 0..<4 { c[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
            return c
        }
        // nbytes: larger than the limit, than c-blosc allows, or than the blocks hold.
        expect(patched(4, 1 << 30), "exceeds the limit", maxOutputSize: 1 << 20)
        expect(patched(4, Int(UInt32.max)), "exceeds", maxOutputSize: Int.max)
        expect(patched(4, 12_001), "decodes to 736 bytes, not 737")
        expect(patched(4, 2000), "block 1 stream 0: zstd")
        // blocksize: zero, above nbytes, not matching the streams.
        expect(patched(8, 0), "block size 0")
        expect(patched(8, 1 << 20), "block size")
        expect(patched(8, 1000), "block 0 stream 0: zstd")
        // cbytes: past the input, below the header, shorter than the table.
        expect(patched(12, good.count + 1), "chunk size")
        expect(patched(12, 8), "chunk size")
        expect(patched(12, 20), "block starts do not fit")
        // A table entry outside the chunk, negative, or in the middle of a stream.
        expect(patched(16, good.count), "outside")
        expect(patched(16, -5), "outside")
        expect(patched(16 + 4, 16 + 4 * 12 + 1), nil)
        // A stream size past the chunk, or negative.
        let firstStream = Int(good[16]) | Int(good[17]) << 8
        expect(patched(firstStream, good.count), "claims")
        expect(patched(firstStream, -1), "claims")
        expect(patched(firstStream, 0x7FFF_FFFF), "claims")
    }

    /// Block starts that all point at the chunk's longest stream: each is valid on its own, but
    /// together they would decode that stream once per block (quadratic work on a hostile chunk).
    func testBlocksSharingOneStreamAreRefused() throws {
        // 16 blocks of 4 KiB (zstd never splits, so the forced size holds): a noisy first block,
        // then fifteen of zeros (tiny streams).
        var data = BloscTestSupport.payload("random", size: 4096, typesize: 1, seed: 7)
        data += [UInt8](repeating: 0, count: 15 * 4096)
        var chunk = try BloscTestSupport.compress(data, typesize: 1, clevel: 5, shuffle: .none,
                                                  compressor: .zstd, blockSize: 4096)
        XCTAssertEqual(try BloscTestSupport.header(chunk).blockSize, 4096)
        XCTAssertEqual(try BloscTestSupport.decompress(chunk), data)
        let first = Array(chunk[16..<20])
        for block in 1..<16 { chunk.replaceSubrange((16 + 4 * block)..<(20 + 4 * block), with: first) }
        expect(chunk, "overlaps other streams")
    }

    func testVersionsFlagsAndCompressors() {
        let body = le32(20) + le32(4) + [1, 2, 3, 4]
        expect(chunk(nbytes: 4, blocksize: 4, version: 1, body: body), "format version 1")
        expect(chunk(nbytes: 4, blocksize: 4, version: 3, body: body), "format version 3")
        expect(chunk(flags: 0x29, nbytes: 4, blocksize: 4, body: body), "reserved flag")
        expect(chunk(flags: 0xA1, nbytes: 4, blocksize: 4, body: body), "unknown compressor code 5")
        expect(chunk(flags: 0xE1, nbytes: 4, blocksize: 4, body: body), "unknown compressor code 7")
        expect(chunk(flags: 0x41, nbytes: 4, blocksize: 4, body: body), "snappy compressor is not supported")
        expect(chunk(typesize: 0, nbytes: 4, blocksize: 4, body: body), "typesize 0")
        var badLZVersion = chunk(nbytes: 4, blocksize: 4, body: body)
        badLZVersion[1] = 2
        expect(badLZVersion, "compressor format version 2")
        // Stored chunks must hold exactly nbytes.
        expect(chunk(flags: 0x02, nbytes: 5, blocksize: 5, body: [1, 2, 3, 4]), "stored chunk")
        XCTAssertEqual(try BloscTestSupport.decompress(chunk(flags: 0x02, nbytes: 4, blocksize: 4, body: [1, 2, 3, 4])),
                       [1, 2, 3, 4])
        // A stored stream (size == decoded size) is copied.
        XCTAssertEqual(try BloscTestSupport.decompress(chunk(flags: 0x20, typesize: 1, nbytes: 4, blocksize: 4, body: body)),
                       [1, 2, 3, 4])
        // An empty chunk is empty whatever its other fields say, as in c-blosc.
        XCTAssertEqual(try BloscTestSupport.decompress(chunk(flags: 0xFF, typesize: 0, nbytes: 0, blocksize: 0, version: 9,
                                                             body: [])), [])
        expect([2, 1, 0x21, 4], "too short")
    }

    func testStreamsThatDecodeToTheWrongSize() {
        // One blosclz stream of 8 literal bytes where the block wants 16.
        let stream: [UInt8] = [7, 1, 2, 3, 4, 5, 6, 7, 8]
        let c = chunk(flags: 0x10, typesize: 1, nbytes: 16, blocksize: 16, body: le32(20) + le32(stream.count) + stream)
        expect(c, "decodes to 8 bytes, not 16")
        // A zstd frame declaring more than the block.
        let frame = Zstd.compress([UInt8](repeating: 9, count: 64))
        let z = chunk(flags: 0x90, typesize: 1, nbytes: 32, blocksize: 32, body: le32(20) + le32(frame.count) + frame)
        expect(z, "block 0 stream 0: zstd")
        // An LZ4 block whose match reaches before the output.
        let lz4: [UInt8] = [0x10, 0x41, 0x09, 0x00]
        let l = chunk(flags: 0x30, typesize: 1, nbytes: 20, blocksize: 20, body: le32(20) + le32(lz4.count) + lz4)
        expect(l, "block 0 stream 0: lz4")
    }

    /// Headers declaring the largest sizes: refused before any allocation.
    func testLargestDeclaredSizes() {
        let body = le32(20) + le32(4) + [1, 2, 3, 4]
        expect(chunk(nbytes: Int(Int32.max), blocksize: 1 << 20, body: body), "exceeds", maxOutputSize: Int.max)
        expect(chunk(nbytes: Blosc.maxBufferSize, blocksize: 1, body: body), "block starts do not fit", maxOutputSize: Int.max)
        expect(chunk(flags: 0x02, nbytes: Blosc.maxBufferSize, blocksize: 1 << 20, body: body), "stored chunk",
               maxOutputSize: Int.max)
    }
}
