// The layout shared by the 32-bit checksum codecs (bytes -> bytes): the chunk's
// bytes unchanged, with the checksum of those bytes as 4 little-endian bytes
// before or after them. numcodecs' `Checksum32` codecs (crc32, adler32) take the
// place from their `location` configuration ("start", their default, or "end");
// fletcher32, jenkins_lookup3 and the v3 `crc32c` always put it at the end.

import Foundation

/// Where a checksum codec stores the checksum: before or after the chunk's bytes.
public enum ChecksumLocation: String, Sendable {
    /// The first 4 bytes (numcodecs' default for `crc32` and `adler32`).
    case start
    /// The last 4 bytes.
    case end
}

/// A codec that stores a 4-byte checksum of the chunk beside it (see the file comment);
/// conforming types give the place and the checksum, and get encoding and decoding.
protocol Checksum32Codec: BytesToBytesCodec {
    /// Where the checksum goes.
    var location: ChecksumLocation { get }
    /// The checksum of a chunk's bytes.
    func checksum(_ payload: UnsafeRawBufferPointer) -> UInt32
}

/// A codec of numcodecs' `Checksum32` family, whose only configuration is `location`.
protocol LocatedChecksum32Codec: Checksum32Codec {
    /// A codec storing the checksum at `location`.
    init(location: ChecksumLocation)
}

extension Checksum32Codec {
    /// The checksum adds four bytes (`nil` when that sum does not fit in `Int`).
    public func encodedSize(ofDecodedSize decodedSize: Int) -> Int? { ShapeArithmetic.sum(decodedSize, 4) }

    /// The output is a new buffer holding a copy of the input.
    public var encodeReturnsNewStorage: Bool { true }

    /// The chunk's bytes with their checksum stored at `location`.
    public func encode(_ bytes: Data) throws -> Data {
        let count = bytes.count
        var output = Data(count: count + 4)
        output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { payload in
                let payloadOffset = location == .start ? 4 : 0
                let checksumOffset = location == .start ? 0 : count
                if count > 0, let source = payload.baseAddress, let destination = out.baseAddress {
                    (destination + payloadOffset).copyMemory(from: source, byteCount: count)
                }
                out.storeBytes(of: checksum(payload).littleEndian, toByteOffset: checksumOffset, as: UInt32.self)
            }
        }
        return output
    }

    /// The bytes of a stored chunk without its checksum, after checking the checksum.
    ///
    /// - Throws: `ZarrError.codec` naming the codec when the chunk is shorter than a checksum
    ///   or the stored checksum differs from the computed one.
    public func decode(_ bytes: Data) throws -> Data {
        guard bytes.count >= 4 else {
            throw ZarrError.codec("codec '\(name)': chunk of \(bytes.count) bytes is too short to hold a 4-byte checksum")
        }
        let payloadCount = bytes.count - 4
        let payloadRange = location == .start ? 4..<bytes.count : 0..<payloadCount
        let checksumOffset = location == .start ? 0 : payloadCount
        let (computed, stored) = bytes.withUnsafeBytes { raw -> (UInt32, UInt32) in
            (checksum(UnsafeRawBufferPointer(rebasing: raw[payloadRange])),
             UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: checksumOffset, as: UInt32.self)))
        }
        guard computed == stored else {
            throw ZarrError.codec(
                "codec '\(name)': checksum mismatch (stored 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16)))")
        }
        let start = bytes.startIndex
        return bytes[(start + payloadRange.lowerBound)..<(start + payloadRange.upperBound)]
    }
}

extension LocatedChecksum32Codec {
    /// Reads `{"location": "start" | "end"}` as numcodecs does: absent or null means "start".
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["location"])
        guard let value = configuration["location"], !value.isNull else {
            self.init(location: .start)
            return
        }
        guard let text = value.stringValue, let location = ChecksumLocation(rawValue: text) else {
            throw ZarrError.invalidMetadata("codec '\(Self.name)': location must be \"start\" or \"end\", got \(value.jsonText)")
        }
        self.init(location: location)
    }

    /// No member for "start" (numcodecs' default, and what zarr-python writes when the
    /// location is not given), `{"location": "end"}` otherwise.
    public var configuration: JSONObject {
        location == .start ? [:] : ["location": .string(location.rawValue)]
    }
}
