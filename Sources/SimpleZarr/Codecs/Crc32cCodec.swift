// The `crc32c` codec (bytes -> bytes):
// https://zarr-specs.readthedocs.io/en/latest/v3/codecs/crc32c/index.html
// Appends the CRC-32C of the bytes as 4 little-endian bytes; decoding
// checks and strips it.

import Foundation
import ZarrCompression

/// Appends and verifies a CRC-32C checksum.
public struct Crc32cCodec: BytesToBytesCodec {
    public static let name = "crc32c"

    /// The codec has no configuration.
    public init() {}

    public init(configuration: JSONObject) throws {}

    public var configuration: JSONObject { [:] }

    /// The checksum adds four bytes (`nil` when that sum does not fit in `Int`).
    public func encodedSize(ofDecodedSize decodedSize: Int) -> Int? { ShapeArithmetic.sum(decodedSize, 4) }

    /// The checksum is appended to a copy of the input.
    public var encodeReturnsNewStorage: Bool { true }

    public func encode(_ bytes: Data) throws -> Data {
        let crc = bytes.withUnsafeBytes { CRC32C.checksum($0) }
        var output = bytes
        withUnsafeBytes(of: crc.littleEndian) { output.append(contentsOf: $0) }
        return output
    }

    public func decode(_ bytes: Data) throws -> Data {
        guard bytes.count >= 4 else {
            throw ZarrError.codec("codec 'crc32c': chunk of \(bytes.count) bytes is too short to hold a checksum")
        }
        let payloadCount = bytes.count - 4
        let (computed, stored) = bytes.withUnsafeBytes { raw -> (UInt32, UInt32) in
            let payload = UnsafeRawBufferPointer(rebasing: raw[0..<payloadCount])
            return (CRC32C.checksum(payload), UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: payloadCount, as: UInt32.self)))
        }
        guard computed == stored else {
            throw ZarrError.codec(
                "codec 'crc32c': checksum mismatch (stored 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16)))")
        }
        return bytes.prefix(payloadCount)
    }
}
