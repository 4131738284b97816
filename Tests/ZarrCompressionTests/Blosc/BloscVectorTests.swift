import Foundation
import XCTest
@testable import ZarrCompression

/// Chunks written by c-blosc (Scripts/make_blosc_vectors.py): every compressor,
/// shuffle, typesize and level, edge sizes, many blocks, stored chunks and the
/// split modes. They must decode bit for bit, and our encoder must choose the
/// same header fields for the same input.
final class BloscVectorTests: XCTestCase {
    func testPayloadsMatchTheScript() throws {
        for vector in try BloscTestSupport.vectors() {
            XCTAssertEqual(CRC32.checksum(vector.payload), vector.crc32, vector.name)
        }
    }

    func testEveryChunkDecodes() throws {
        var decoded = 0
        for vector in try BloscTestSupport.vectors() {
            let chunk = try vector.chunk()
            let header = try BloscTestSupport.header(chunk)
            XCTAssertEqual(BloscTestSupport.fields(header), vector.header, vector.name)
            XCTAssertEqual(header.compressedSize, chunk.count, vector.name)
            let expected = vector.payload
            XCTAssertEqual(try BloscTestSupport.decompress(chunk), expected, vector.name)
            // Into a buffer of exactly the decoded size.
            var out = [UInt8](repeating: 0xAA, count: expected.count)
            let written = try chunk.withUnsafeBytes { c in try out.withUnsafeMutableBytes { try Blosc.decompress(c, into: $0) } }
            XCTAssertEqual(written, expected.count, vector.name)
            XCTAssertEqual(out, expected, vector.name)
            decoded += 1
        }
        XCTAssertEqual(decoded, 820)
    }

    /// Our encoder: the same version, flags, typesize, sizes and block size
    /// as c-blosc, and a chunk that decodes back. Chunks are about as small
    /// as c-blosc's (zlib, zstd and lz4hc differ in detail), and with blosclz
    /// and lz4, which follow c-blosc's and liblz4's algorithms, the very same bytes.
    func testOurChunksMatchCBlosc() throws {
        var compared = 0
        var ours = [String: Int](), theirs = [String: Int]()
        for vector in try BloscTestSupport.vectors() {
            let data = vector.payload
            let chunk = try BloscTestSupport.compress(data, typesize: vector.typesize, clevel: vector.clevel,
                                                      shuffle: vector.filter, compressor: vector.compressor,
                                                      blockSize: vector.blocksize, splitMode: vector.splitMode)
            XCTAssertEqual(try BloscTestSupport.decompress(chunk), data, vector.name)
            var fields = BloscTestSupport.fields(try BloscTestSupport.header(chunk))
            XCTAssertEqual(fields.cbytes, chunk.count, vector.name)
            XCTAssertLessThanOrEqual(chunk.count, data.count + 16, vector.name)
            // Where one side stored the chunk whole and the other did not,
            // only the memcpyed bit (and the size) may differ.
            if (fields.flags ^ vector.header.flags) == 2 { fields.flags = vector.header.flags }
            fields.cbytes = vector.header.cbytes
            XCTAssertEqual(fields, vector.header, vector.name)
            if vector.compressor == .blosclz || vector.compressor == .lz4 {
                XCTAssertEqual(chunk, try vector.chunk(), "\(vector.name): not c-blosc's bytes")
            }
            if vector.clevel > 0 {
                ours[vector.cname, default: 0] += chunk.count
                theirs[vector.cname, default: 0] += vector.header.cbytes
            }
            compared += 1
        }
        XCTAssertEqual(compared, 820)
        for (cname, size) in theirs {
            let ratio = Double(ours[cname] ?? 0) / Double(size)
            XCTAssertLessThan(ratio, 1.05, "\(cname): ours \(ours[cname] ?? 0) bytes, c-blosc \(size)")
        }
    }

    /// Blocks c-blosc shuffled and stored raw: our shuffles give the same bytes.
    func testShuffledBlocksMatchCBlosc() throws {
        for block in try BloscTestSupport.shuffledBlocks() {
            let random = TestRandom.bytes(block.offset + block.size, seed: block.seed)
            let input = Array(random[block.offset..<(block.offset + block.size)])
            let expected = try BloscTestSupport.file("shuffles/\(block.name).bin")
            var shuffled = [UInt8](repeating: 0, count: input.count), back = shuffled
            let (forward, inverse) = block.shuffle == 1
                ? (ByteShuffle.shuffle, ByteShuffle.unshuffle) : (BitShuffle.shuffle, BitShuffle.unshuffle)
            input.withUnsafeBytes { i in shuffled.withUnsafeMutableBytes { forward(block.typesize, i, $0) } }
            XCTAssertEqual(shuffled, expected, block.name)
            expected.withUnsafeBytes { s in back.withUnsafeMutableBytes { inverse(block.typesize, s, $0) } }
            XCTAssertEqual(back, input, block.name)
        }
    }
}
