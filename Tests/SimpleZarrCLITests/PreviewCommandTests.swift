// `simplezarr preview`: the PNG files are read back with a small PNG reader
// built on our own Inflater (signature, chunk CRCs, IHDR, IDAT, filter bytes)
// and compared pixel by pixel with the array's values.

import Foundation
import SimpleZarr
import XCTest
import ZarrCompression

/// A decoded PNG (only what the command writes: no interlace, filter type 0).
private struct DecodedPNG {
    var width = 0
    var height = 0
    var bitDepth = 0
    var colourType = 0
    var samples: [UInt8] = []

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func u32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var position = 8
        var idat: [UInt8] = []
        var sawEnd = false
        while position + 12 <= bytes.count {
            let length = u32(position)
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            let body = Array(bytes[(position + 8)..<(position + 8 + length)])
            XCTAssertEqual(UInt32(u32(position + 8 + length)), CRC32.checksum(Array(bytes[(position + 4)..<(position + 8 + length)])), "CRC of \(type)")
            switch type {
            case "IHDR":
                width = body[0..<4].reduce(0) { $0 << 8 | Int($1) }
                height = body[4..<8].reduce(0) { $0 << 8 | Int($1) }
                bitDepth = Int(body[8])
                colourType = Int(body[9])
                XCTAssertEqual(Array(body[10...]), [0, 0, 0])
            case "IDAT": idat += body
            case "IEND": sawEnd = true
            default: XCTFail("unexpected chunk \(type)")
            }
            position += 12 + length
        }
        XCTAssertTrue(sawEnd)
        let raw = try Zlib.decompress(idat)
        let rowBytes = width * (colourType == 2 ? 3 : 1) * bitDepth / 8
        XCTAssertEqual(raw.count, (rowBytes + 1) * height)
        for row in 0..<height {
            XCTAssertEqual(raw[row * (rowBytes + 1)], 0, "filter byte of row \(row)")
            samples += raw[(row * (rowBytes + 1) + 1)..<((row + 1) * (rowBytes + 1))]
        }
    }
}

final class PreviewCommandTests: XCTestCase {
    private let arrayPath = "Tests/SimpleZarrTests/Fixtures/sharded-zarr-python/coalesce/8x8_inner_chunks_uint16"

    private func values() throws -> [UInt16] {
        let array = try XCTUnwrap(try openZarr(LocalStore(CommandRunner.packageRoot.appendingPathComponent(arrayPath).path)) as? ZarrArray)
        return try array[...].get().toArray(as: UInt16.self)
    }

    private func preview(_ extra: [String]) throws -> DecodedPNG {
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("p.png").path
        let result = try CommandRunner.run(["preview", arrayPath, "--out", out] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try DecodedPNG(Data(contentsOf: URL(fileURLWithPath: out)))
    }

    func testSixteenBitGreyWithTheFullWindowIsTheValues() throws {
        let png = try preview(["--bits", "16", "--window", "0,65535"])
        XCTAssertEqual([png.width, png.height, png.bitDepth, png.colourType], [40, 64, 16, 0])
        let pixels = stride(from: 0, to: png.samples.count, by: 2).map { UInt16(png.samples[$0]) << 8 | UInt16(png.samples[$0 + 1]) }
        XCTAssertEqual(pixels, try values())
    }

    func testEightBitPercentileWindowIsMonotonicAndSpansTheRange() throws {
        let png = try preview([])
        XCTAssertEqual([png.width, png.height, png.bitDepth, png.colourType], [40, 64, 8, 0])
        let values = try values()
        XCTAssertEqual(png.samples.min(), 0)
        XCTAssertEqual(png.samples.max(), 255)
        let order = values.indices.sorted { values[$0] < values[$1] }
        for (a, b) in zip(order, order.dropFirst()) where values[a] < values[b] {
            XCTAssertLessThanOrEqual(png.samples[a], png.samples[b])
        }
    }

    func testAColormapOfAShrunkSlice() throws {
        let png = try preview(["0:64, 0:40", "--colormap", "viridis", "--max-size", "20", "--window", "0,65535"])
        // 64 x 40 shrunk by 4 (the smallest factor fitting 20): 16 x 10 pixels.
        XCTAssertEqual([png.width, png.height, png.bitDepth, png.colourType], [10, 16, 8, 2])
        let values = try values()
        // The top-left 4x4 block (all zeros) is viridis' first colour.
        let block = (0..<4).flatMap { y in (0..<4).map { x in Double(values[y * 40 + x]) } }
        let mean = block.reduce(0, +) / 16
        XCTAssertEqual(mean, 0, "the fixture's top-left corner is zeros")
        XCTAssertEqual(Array(png.samples.prefix(3)), [68, 1, 84])
        XCTAssertEqual(png.samples.count, 10 * 16 * 3)
    }

    func testBadPreviewArguments() throws {
        let out = try CommandRunner.temporaryDirectory(self).appendingPathComponent("p.png").path
        let oneD = try CommandRunner.run(["preview", "Tests/SimpleZarrTests/Fixtures/zarr-python/chunks/edge_1d_int32", "--out", out])
        XCTAssertEqual(oneD.status, 1)
        XCTAssertTrue(oneD.stderr.contains("a preview needs a 2-D selection; this one has shape (10,)"), oneD.stderr)
        let missing = try CommandRunner.run(["preview", arrayPath])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("--out FILE.png is required"), missing.stderr)
        let colour16 = try CommandRunner.run(["preview", arrayPath, "--out", out, "--bits", "16", "--colormap", "magma"])
        XCTAssertEqual(colour16.status, 2)
        let window = try CommandRunner.run(["preview", arrayPath, "--out", out, "--window", "5,1"])
        XCTAssertEqual(window.status, 2)
        XCTAssertTrue(window.stderr.contains("--window must be LO,HI with LO < HI"), window.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
