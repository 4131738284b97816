import Foundation
import XCTest

@testable import SimpleZarr

/// Decoding a chunk into the array the pipeline returns: a compressor that can write into caller
/// memory (`DecodesIntoBuffer`) decodes straight into the chunk's own buffer, for every built-in
/// compressor and for a user's codec, and bad bytes are errors that name the codec.
final class DecodeInPlaceTests: XCTestCase {
    /// XOR with a key, declaring that it decodes into caller memory; records the buffer it was
    /// given so the test can tell that the result is that buffer.
    final class XorIntoCodec: DecodesIntoBuffer, @unchecked Sendable {
        static let name = "test.xor-into"
        let lock = NSLock()
        var lastOutput: UnsafeMutableRawPointer?
        init() {}
        init(configuration: JSONObject) throws {}
        var configuration: JSONObject { [:] }
        func encode(_ bytes: Data) throws -> Data { Data(bytes.map { $0 ^ 0x5A }) }
        func decode(_ bytes: Data) throws -> Data { Data(bytes.map { $0 ^ 0x5A }) }
        var decodeSlack: Int { 3 }
        func decode(_ bytes: Data, into output: UnsafeMutableRawBufferPointer) throws -> Int {
            lock.withLock { lastOutput = output.baseAddress }
            guard bytes.count <= output.count - decodeSlack else { throw ZarrError.codec("too long") }
            for (i, byte) in bytes.enumerated() { output[i] = byte ^ 0x5A }
            // Scribble on the slack, which the decoder may use.
            for i in bytes.count..<(bytes.count + decodeSlack) { output[i] = 0xEE }
            return bytes.count
        }
    }

    private let chunk = ArrayRepresentation(shape: [16, 24], dataType: .uint16, fillValue: try! FillValue(json: 0, dataType: .uint16))

    private func values() throws -> NDArray {
        try NDArray((0..<384).map { UInt16(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }, shape: [16, 24])
    }

    func testEveryBuiltInCompressorDecodesAChunkInPlace() throws {
        let compressors: [any Codec] = [
            try ZstdCodec(level: 3), try GzipCodec(), try ZlibCodec(), Lz4Codec(), try Bz2Codec(),
            try BloscCodec(cname: .lz4, clevel: 5, shuffle: .shuffle),
        ]
        for compressor in compressors {
            XCTAssertTrue(compressor is any DecodesIntoBuffer, compressor.name)
            for chain in [[BytesCodec(), compressor], [BytesCodec(), compressor, Crc32cCodec()]] {
                let pipeline = try CodecPipeline(codecs: chain, chunk: chunk)
                let stored = try pipeline.encode(try values())
                XCTAssertEqual(try pipeline.decode(stored), try values(), "\(chain.map(\.name))")
                // A chunk of another size is refused with the codec's name.
                let small = try CodecPipeline(
                    codecs: chain, chunk: ArrayRepresentation(shape: [4], dataType: .uint16, fillValue: chunk.fillValue))
                let wrongSize = try small.encode(try NDArray([UInt16(1), 2, 3, 4]))
                XCTAssertThrowsError(try pipeline.decode(wrongSize), "\(chain.map(\.name))") { error in
                    XCTAssertTrue("\(error)".contains(compressor.name) || "\(error)".contains("crc32c"), "\(error)")
                }
                // Cut short: an error. Bytes changed: an error, or (for a compressor without a
                // checksum, the chain's last codec unchecked) other values, never a trap.
                XCTAssertThrowsError(try pipeline.decode(stored.prefix(stored.count / 2)), "\(chain.map(\.name))")
                var corrupt = stored
                corrupt[corrupt.count / 2] ^= 0xFF
                corrupt[corrupt.count / 3] ^= 0x3C
                if let decoded = try? pipeline.decode(corrupt) {
                    XCTAssertNotEqual(decoded, try values(), "\(chain.map(\.name))")
                }
                if chain.count == 3 { XCTAssertThrowsError(try pipeline.decode(corrupt), "crc32c") }
            }
        }
    }

    func testAUsersCodecDecodesIntoTheReturnedArraysOwnBuffer() throws {
        let codec = XorIntoCodec()
        let pipeline = try CodecPipeline(codecs: [BytesCodec(), codec], chunk: chunk)
        let decoded = try pipeline.decode(try pipeline.encode(try values()))
        XCTAssertEqual(decoded, try values())
        let start = decoded.withUnsafeBytes { $0.baseAddress }
        XCTAssertEqual(codec.lock.withLock { codec.lastOutput }.map(UnsafeRawPointer.init), start)
        // Too many bytes for the chunk: the codec's own error, nothing written past the slack.
        XCTAssertThrowsError(try pipeline.decode(Data(count: chunk.byteCount + 1)))
        XCTAssertThrowsError(try pipeline.decode(Data(count: chunk.byteCount - 2))) { error in
            XCTAssertTrue("\(error)".contains("decoded \(chunk.byteCount - 2) bytes, but the chunk needs \(chunk.byteCount)"), "\(error)")
        }
        // A big-endian `bytes` codec swaps after decoding, so it takes the copying path, which
        // never calls decode(_:into:) of this codec (its decode(_:decodedSize:) is the default).
        let swapping = try CodecPipeline(codecs: [BytesCodec(endian: .big), codec], chunk: chunk)
        let stored = try swapping.encode(try values())
        codec.lock.withLock { codec.lastOutput = nil }
        XCTAssertEqual(try swapping.decode(stored), try values())
        XCTAssertNil(codec.lock.withLock { codec.lastOutput })
    }
}
