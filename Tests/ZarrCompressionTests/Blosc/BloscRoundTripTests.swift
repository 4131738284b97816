import XCTest
@testable import ZarrCompression

/// Our encoder through our decoder over the vector matrix and beyond it (split
/// modes, forced block sizes, wide types), plus the API's argument checks.
final class BloscRoundTripTests: XCTestCase {
    private let compressors: [Blosc.Compressor] = [.blosclz, .lz4, .lz4hc, .zlib, .zstd]

    func testMatrix() throws {
        var chunks = 0
        for compressor in compressors {
            for shuffle in [Blosc.Shuffle.none, .byte, .bit] {
                for typesize in [1, 2, 3, 4, 8, 16, 255, 300] {
                    for clevel in [0, 1, 5, 9] {
                        // Several automatic blocks at level 1 (the smallest blocks).
                        for size in [0, 1, 127, 128, 3 * typesize + 1, 2000 + typesize / 2] + (clevel == 1 ? [70_001] : []) {
                            let data = BloscTestSupport.payload("noisy", size: size, typesize: typesize, seed: UInt64(size))
                            let chunk = try BloscTestSupport.compress(data, typesize: typesize, clevel: clevel,
                                                                      shuffle: shuffle, compressor: compressor)
                            let name = "\(compressor) \(shuffle) t\(typesize) l\(clevel) n\(size)"
                            XCTAssertEqual(try BloscTestSupport.decompress(chunk), data, name)
                            let header = try BloscTestSupport.header(chunk)
                            XCTAssertEqual(header.decodedSize, size, name)
                            XCTAssertEqual(header.typesize, typesize > 255 ? 1 : typesize, name)
                            XCTAssertEqual(header.shuffle, shuffle, name)
                            XCTAssertEqual(header.isMemcpyed || clevel > 0, true, name)
                            chunks += 1
                        }
                    }
                }
            }
        }
        XCTAssertEqual(chunks, 5 * 3 * 8 * (4 * 6 + 1))
    }

    func testSplitModesAndForcedBlockSizes() throws {
        let data = BloscTestSupport.field(12_000, typesize: 4)
        for compressor in compressors {
            for mode in [Blosc.SplitMode.always, .never, .auto, .forwardCompatible] {
                for forced in [0, 1, 1000, 1 << 20] {
                    let chunk = try BloscTestSupport.compress(data, typesize: 4, clevel: 5, shuffle: .byte,
                                                              compressor: compressor, blockSize: forced, splitMode: mode)
                    let name = "\(compressor) \(mode) \(forced)"
                    XCTAssertEqual(try BloscTestSupport.decompress(chunk), data, name)
                    let header = try BloscTestSupport.header(chunk)
                    let splits = Blosc.splitsBlocks(mode, compressor, typesize: 4, blockSize: header.blockSize)
                    XCTAssertEqual(header.blocksNotSplit, !splits, name)
                }
            }
        }
    }

    /// Splitting "always" still needs elements c-blosc can split (at most 16 bytes, 128 per
    /// block), or its decoder (and ours) would read the block as one stream.
    func testAlwaysSplitOnlySplitsWhatCanBeRead() throws {
        for (count, typesize) in [(300, 5), (3400, 17), (255, 3), (4096, 2)] {
            let data = BloscTestSupport.field(count / typesize, typesize: typesize)
            for compressor in compressors {
                let chunk = try BloscTestSupport.compress(data, typesize: typesize, clevel: 5, shuffle: .byte,
                                                          compressor: compressor, splitMode: .always)
                XCTAssertEqual(try BloscTestSupport.decompress(chunk), data, "\(compressor) \(count) bytes of \(typesize)")
            }
        }
    }

    /// c-blosc's block sizes for a few inputs worked out by hand from its rules.
    func testBlockSizes() {
        func size(_ clevel: Int, _ typesize: Int, _ count: Int, _ compressor: Blosc.Compressor, forced: Int = 0) -> Int {
            Blosc.blockSize(clevel: clevel, typesize: typesize, count: count, compressor: compressor, forced: forced,
                            splitMode: .forwardCompatible)
        }
        XCTAssertEqual(size(5, 4, 1 << 24, .lz4), 512 * 1024)     // 128 KiB, split: x4
        XCTAssertEqual(size(5, 4, 1 << 24, .zstd), 256 * 1024)    // 64 KiB x 4, never split
        XCTAssertEqual(size(9, 8, 1 << 24, .zlib), 1 << 20)       // 1 MiB cap of a split block
        XCTAssertEqual(size(1, 1, 1 << 24, .blosclz), 64 * 1024)  // 16 KiB, split, raised to 64 KiB
        XCTAssertEqual(size(0, 2, 1 << 24, .lz4), 8 * 1024)       // level 0: 8 KiB, no enlarging
        XCTAssertEqual(size(5, 3, 1000, .lz4), 999)               // the whole buffer, a multiple of 3
        XCTAssertEqual(size(5, 4, 3, .lz4), 1)                    // shorter than one element
        XCTAssertEqual(size(5, 4, 100_000, .zstd, forced: 1), 128) // forced sizes are at least 128
        XCTAssertEqual(size(5, 20, 1 << 24, .lz4), 128 * 1024 / 20 * 20)
    }

    func testArgumentChecks() {
        let data = [UInt8](repeating: 1, count: 1000)
        XCTAssertThrowsError(try BloscTestSupport.compress(data, typesize: 1, clevel: 10, shuffle: .none, compressor: .lz4))
        XCTAssertThrowsError(try BloscTestSupport.compress(data, typesize: 1, clevel: -1, shuffle: .none, compressor: .lz4))
        XCTAssertThrowsError(try BloscTestSupport.compress(data, typesize: 0, clevel: 5, shuffle: .none, compressor: .lz4))
        XCTAssertThrowsError(try BloscTestSupport.compress(data, typesize: 4, clevel: 5, shuffle: .byte, compressor: .snappy)) {
            XCTAssertEqual("\($0)", "blosc: the snappy compressor is not supported")
        }
    }

    func testDecodeIntoABuffer() throws {
        let data = BloscTestSupport.field(5000, typesize: 2)
        // Unfiltered lz4 and blosclz streams are decoded in place with room
        // to spare: the bytes past the decoded size must stay untouched.
        for (compressor, shuffle) in [(Blosc.Compressor.zstd, Blosc.Shuffle.bit), (.lz4, .none), (.blosclz, .none)] {
            let chunk = try BloscTestSupport.compress(data, typesize: 2, clevel: 5, shuffle: shuffle, compressor: compressor,
                                                      blockSize: 2048)
            var out = [UInt8](repeating: 0xAB, count: data.count + 10)
            let n = try chunk.withUnsafeBytes { c in try out.withUnsafeMutableBytes { try Blosc.decompress(c, into: $0) } }
            XCTAssertEqual(n, data.count)
            XCTAssertEqual(Array(out.prefix(n)), data, "\(compressor)")
            XCTAssertEqual(Array(out.suffix(10)), [UInt8](repeating: 0xAB, count: 10), "\(compressor)")
        }
        let chunk = try BloscTestSupport.compress(data, typesize: 2, clevel: 5, shuffle: .bit, compressor: .zstd)
        var small = [UInt8](repeating: 0, count: data.count - 1)
        XCTAssertThrowsError(try chunk.withUnsafeBytes { c in try small.withUnsafeMutableBytes { try Blosc.decompress(c, into: $0) } })
        XCTAssertThrowsError(try BloscTestSupport.decompress(chunk, maxOutputSize: data.count - 1))
    }

    /// Both shuffle bits set: as in c-blosc, the byte shuffle wins for
    /// typesize > 1, and for typesize 1 (where it is a no-op) the bit shuffle applies.
    func testBothShuffleFlags() throws {
        for (typesize, shuffle) in [(4, Blosc.Shuffle.byte), (1, .bit)] {
            let data = BloscTestSupport.payload("smooth", size: 12_000, typesize: typesize, seed: 1)
            var chunk = try BloscTestSupport.compress(data, typesize: typesize, clevel: 5, shuffle: shuffle, compressor: .lz4)
            XCTAssertFalse(try BloscTestSupport.header(chunk).isMemcpyed)
            chunk[2] |= Blosc.Flag.byteShuffle | Blosc.Flag.bitShuffle
            XCTAssertEqual(try BloscTestSupport.header(chunk).shuffle, .byte)
            XCTAssertEqual(try BloscTestSupport.decompress(chunk), data, "typesize \(typesize)")
        }
    }

    /// Data that does not compress is stored whole, keeping the other flags.
    func testIncompressibleIsStored() throws {
        let data = TestRandom.bytes(50_000, seed: 8)
        for compressor in compressors {
            let chunk = try BloscTestSupport.compress(data, typesize: 4, clevel: 9, shuffle: .byte, compressor: compressor)
            let header = try BloscTestSupport.header(chunk)
            XCTAssertTrue(header.isMemcpyed, "\(compressor)")
            XCTAssertEqual(header.shuffle, .byte)
            XCTAssertEqual(chunk.count, data.count + 16)
            XCTAssertEqual(Array(chunk[16...]), data)
        }
    }
}
