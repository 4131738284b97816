// The `crc32c` codec (bytes -> bytes):
// https://zarr-specs.readthedocs.io/en/latest/v3/codecs/crc32c/index.html
// Appends the CRC-32C of the bytes as 4 little-endian bytes; decoding
// checks and strips it.

import Foundation
import ZarrCompression

/// Appends and verifies a CRC-32C checksum.
public struct Crc32cCodec: Checksum32Codec {
    public static let name = "crc32c"

    /// The codec has no configuration.
    public init() {}

    public init(configuration: JSONObject) throws {}

    public var configuration: JSONObject { [:] }

    var location: ChecksumLocation { .end }

    func checksum(_ payload: UnsafeRawBufferPointer) -> UInt32 { CRC32C.checksum(payload) }
}
