import Foundation
import XCTest
import ZarrCompression

@testable import SimpleZarr

/// The `numcodecs.zlib` codec.
final class ZlibCodecTests: XCTestCase {
    func testConfiguration() throws {
        XCTAssertTrue(CodecRegistry.codecType(named: "zlib") == ZlibCodec.self)
        XCTAssertTrue(CodecRegistry.codecType(named: "numcodecs.zlib") == ZlibCodec.self)
        XCTAssertEqual(try ZlibCodec(configuration: [:]).level, 1)
        XCTAssertEqual(try ZlibCodec(configuration: ["level": -1]).level, -1)
        XCTAssertEqual(try ZlibCodec(configuration: ["level": 9]).level, 9)
        XCTAssertEqual(try ZlibCodec(level: 5).json, ["name": "numcodecs.zlib", "configuration": ["level": 5]])
        for bad: JSONObject in [["level": 10], ["level": -2], ["level": "1"], ["level": true], ["level": .null], ["level": 1.5], ["wbits": 15]] {
            XCTAssertThrowsError(try ZlibCodec(configuration: bad), "\(bad)") { error in
                guard case ZarrError.invalidMetadata(let details) = error else { return XCTFail("\(error)") }
                let message = details.message
                XCTAssertTrue(message.hasPrefix("codec 'numcodecs.zlib'"), message)
            }
        }
        XCTAssertThrowsError(try ZlibCodec(level: 10)) { XCTAssertTrue("\($0)".contains("numcodecs.zlib"), "\($0)") }
    }

    func testEncodingsMadeByNumcodecs() throws {
        let entries = try NumcodecsEncoding.load(codec: "numcodecs.zlib")
        XCTAssertGreaterThan(entries.count, 20)
        for entry in entries {
            let codec = try entry.makeCodec()
            XCTAssertEqual(try codec.decode(entry.encoded), entry.decoded, "\(entry.codec) of \(entry.decoded.count) bytes")
            XCTAssertEqual(try codec.decode(entry.encoded, decodedSize: entry.decoded.count), entry.decoded)
            // Our stream may differ from zlib's, but must be a zlib stream of the same bytes.
            let ours = try codec.encode(entry.decoded)
            XCTAssertEqual(try ours.withUnsafeBytes { try Zlib.decompress($0) }, [UInt8](entry.decoded))
        }
    }

    func testRoundTripAtEveryLevel() throws {
        let data = Data((0..<20_000).map { UInt8(truncatingIfNeeded: ($0 / 7) &* 3 + ($0 % 5)) })
        var sizes: [Int] = []
        for level in -1...9 {
            let codec = try ZlibCodec(level: level)
            let encoded = try codec.encode(data)
            sizes.append(encoded.count)
            XCTAssertEqual(try codec.decode(encoded, decodedSize: data.count), data, "level \(level)")
            XCTAssertEqual(encoded.first, 0x78, "level \(level)")
        }
        XCTAssertGreaterThan(sizes[1], data.count, "level 0 stores")
        XCTAssertEqual(sizes[0], sizes[7], "level -1 is zlib's default, 6")
    }

    func testWrongSizeAndBadStreamsAreCodecErrors() throws {
        let codec = try ZlibCodec(level: 6)
        let encoded = try codec.encode(Data(repeating: 42, count: 1000))
        for (input, size) in [(encoded, 999), (encoded, 1001), (encoded.prefix(5), 1000), (Data([0x78]), 1000), (Data(), nil)] {
            XCTAssertThrowsError(try codec.decode(input, decodedSize: size)) { error in
                guard case ZarrError.codec(let details) = error else { return XCTFail("\(error)") }
                let message = details.message
                XCTAssertTrue(message.hasPrefix("codec 'numcodecs.zlib'"), message)
            }
        }
        // A gzip member is not a zlib stream.
        let gzip = Data(Gzip.compress([1, 2, 3], level: 1))
        XCTAssertThrowsError(try codec.decode(gzip))
    }

    /// 3,000 seeded corruptions and truncations: each throws or decodes within the declared size.
    func testSeededCorruptionsStayWithinTheChunkSize() throws {
        let samples = [Data(), Data("hello zarr".utf8), Data((0..<2000).map { UInt8(truncatingIfNeeded: $0 / 9) }),
                       Data((0..<700).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })]
        for level in [0, 1, 9] {
            let codec = try ZlibCodec(level: level)
            let encoded = try samples.map { try codec.encode($0) }
            let thrown = hostileRounds(encoded, rounds: 1000, seed: UInt64(level) + 1, limit: 2000) { corrupted, source in
                try codec.decode(corrupted, decodedSize: source % 2 == 0 ? samples[source].count : nil)
            }
            // Junk after the Adler-32 trailer is ignored (as zlib does), so those rounds decode.
            XCTAssertGreaterThan(thrown, 750, "level \(level)")
        }
    }
}
