import Foundation
import XCTest

@testable import SimpleZarr

/// The numcodecs checksum codecs: crc32, adler32, fletcher32, jenkins_lookup3.
final class NumcodecsChecksumCodecTests: XCTestCase {
    static let names = ["numcodecs.crc32", "numcodecs.adler32", "numcodecs.fletcher32", "numcodecs.jenkins_lookup3"]

    // MARK: - Configuration

    func testNamesAndAliasesResolveToOneType() throws {
        for (name, alias) in zip(Self.names, ["crc32", "adler32", "fletcher32", "jenkins_lookup3"]) {
            let type = try XCTUnwrap(CodecRegistry.codecType(named: name), name)
            XCTAssertTrue(CodecRegistry.codecType(named: alias) == type, alias)
            XCTAssertEqual(try CodecRegistry.makeCodec(from: .string(alias)).name, name)
        }
    }

    func testGoodConfigurations() throws {
        XCTAssertEqual(try Crc32Codec(configuration: [:]).location, .start)
        XCTAssertEqual(try Crc32Codec(configuration: ["location": .null]).location, .start)
        XCTAssertEqual(try Crc32Codec(configuration: ["location": "end"]).location, .end)
        XCTAssertEqual(try Adler32Codec(configuration: ["location": "start"]).location, .start)
        XCTAssertEqual(try JenkinsLookup3Codec(configuration: [:]).initval, 0)
        XCTAssertEqual(try JenkinsLookup3Codec(configuration: ["initval": 4_294_967_295, "prefix": .null]).initval, UInt32.max)
        XCTAssertNoThrow(try Fletcher32Codec(configuration: [:]))
        // Written back as zarr-python writes a codec created with these arguments.
        XCTAssertEqual(Crc32Codec().configuration, [:])
        XCTAssertEqual(Crc32Codec(location: .end).configuration, ["location": "end"])
        XCTAssertEqual(Adler32Codec(location: .end).json, ["name": "numcodecs.adler32", "configuration": ["location": "end"]])
        XCTAssertEqual(JenkinsLookup3Codec().configuration, [:])
        XCTAssertEqual(JenkinsLookup3Codec(initval: 7).configuration, ["initval": 7])
        XCTAssertEqual(Fletcher32Codec().json, ["name": "numcodecs.fletcher32", "configuration": [:]])
    }

    func testBadConfigurationsNameTheCodec() {
        let cases: [(any Codec.Type, JSONObject)] = [
            (Crc32Codec.self, ["location": "START"]), (Crc32Codec.self, ["location": 1]),
            (Adler32Codec.self, ["location": "middle"]), (Adler32Codec.self, ["level": 1]),
            (Fletcher32Codec.self, ["location": "end"]),
            (JenkinsLookup3Codec.self, ["initval": -1]), (JenkinsLookup3Codec.self, ["initval": 4_294_967_296]),
            (JenkinsLookup3Codec.self, ["initval": "0"]), (JenkinsLookup3Codec.self, ["initval": true]),
            (JenkinsLookup3Codec.self, ["initval": 1.5]), (JenkinsLookup3Codec.self, ["initval": .null]),
            (JenkinsLookup3Codec.self, ["prefix": "ab"]), (JenkinsLookup3Codec.self, ["prefix": [97, 98]]),
        ]
        for (type, configuration) in cases {
            XCTAssertThrowsError(try type.init(configuration: configuration), "\(type) \(configuration)") { error in
                guard case ZarrError.invalidMetadata(let details) = error else { return XCTFail("\(error)") }
                let message = details.message
                XCTAssertTrue(message.hasPrefix("codec '\(type.name)'"), message)
            }
        }
    }

    // MARK: - Encoding

    func testEncodingsMadeByNumcodecs() throws {
        var checked = 0
        for name in Self.names {
            for entry in try NumcodecsEncoding.load(codec: name) {
                let codec = try entry.makeCodec()
                XCTAssertEqual(try codec.encode(entry.decoded), entry.encoded, "\(entry.codec) of \(entry.decoded.count) bytes")
                XCTAssertEqual(try codec.decode(entry.encoded), entry.decoded, "\(entry.codec) of \(entry.decoded.count) bytes")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }

    func testRoundTripsAndLayout() throws {
        let payload = Data((0..<1001).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let codecs: [any BytesToBytesCodec] = [
            Crc32Codec(), Crc32Codec(location: .end), Adler32Codec(), Adler32Codec(location: .end),
            Fletcher32Codec(), JenkinsLookup3Codec(), JenkinsLookup3Codec(initval: 99),
        ]
        for codec in codecs {
            for data in [Data(), Data([1]), payload, payload.dropFirst(3)] {
                let encoded = try codec.encode(data)
                XCTAssertEqual(encoded.count, data.count + 4)
                XCTAssertEqual(codec.encodedSize(ofDecodedSize: data.count), data.count + 4)
                let atStart = (codec as? Crc32Codec)?.location == .start || (codec as? Adler32Codec)?.location == .start
                XCTAssertEqual(atStart ? encoded.dropFirst(4) : encoded.prefix(data.count), data, "\(codec.json)")
                XCTAssertEqual(try codec.decode(encoded), data, "\(codec.json)")
                // A stored value that is a slice of a larger buffer decodes the same.
                let embedded = (Data([9, 9]) + encoded + Data([9])).dropFirst(2).dropLast()
                XCTAssertEqual(try codec.decode(embedded), data, "\(codec.json)")
            }
            XCTAssertNil(codec.encodedSize(ofDecodedSize: Int.max - 3))
        }
    }

    // MARK: - Bad input

    func testMismatchAndShortInputAreCodecErrors() throws {
        let codecs: [any BytesToBytesCodec] = [Crc32Codec(), Adler32Codec(location: .end), Fletcher32Codec(), JenkinsLookup3Codec(initval: 5)]
        for codec in codecs {
            var encoded = try codec.encode(Data("hello zarr".utf8))
            encoded[encoded.startIndex + 5] ^= 0x40
            XCTAssertThrowsError(try codec.decode(encoded)) { error in
                guard case ZarrError.codec(let details) = error else { return XCTFail("\(error)") }
                let message = details.message
                XCTAssertTrue(message.hasPrefix("codec '\(codec.name)': checksum mismatch"), message)
            }
            for short in [Data(), Data([1, 2, 3])] {
                XCTAssertThrowsError(try codec.decode(short)) { error in
                    XCTAssertTrue("\(error)".contains("codec '\(codec.name)'") && "\(error)".contains("too short"), "\(error)")
                }
            }
        }
        // A different seed is a mismatch too.
        let seeded = try JenkinsLookup3Codec(initval: 1).encode(Data("x".utf8))
        XCTAssertThrowsError(try JenkinsLookup3Codec().decode(seeded))
    }

    /// 3,000 seeded corruptions and truncations per codec: each throws or returns a prefix-sized chunk.
    func testSeededCorruptionsNeverTrap() throws {
        let codecs: [any BytesToBytesCodec] = [Crc32Codec(), Adler32Codec(location: .end), Fletcher32Codec(), JenkinsLookup3Codec(initval: 3)]
        let samples = [Data(), Data([0]), Data("hello zarr".utf8), Data((0..<300).map { UInt8(truncatingIfNeeded: $0 * $0) })]
        for codec in codecs {
            let encoded = try samples.map { try codec.encode($0) }
            let thrown = hostileRounds(encoded, rounds: 3000, seed: 17, limit: 300) { corrupted, _ in try codec.decode(corrupted) }
            // Only the corruptions that change nothing (truncating by 0 bytes) may pass.
            XCTAssertGreaterThan(thrown, 2700, "\(codec.name)")
        }
    }
}
