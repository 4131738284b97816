// The `numcodecs.crc32` codec (bytes -> bytes), numcodecs' `CRC32` through
// zarr-python 3's numcodecs codecs (https://numcodecs.readthedocs.io/en/stable/checksum32.html):
// the CRC-32 of zlib (RFC 1952) of the chunk, as 4 little-endian bytes before the
// chunk (`location` "start", the default) or after it ("end").

import Foundation
import ZarrCompression

/// Stores and verifies a CRC-32 checksum, as numcodecs' `crc32` codec does.
public struct Crc32Codec: LocatedChecksum32Codec {
    public static let name = "numcodecs.crc32"
    public static let aliases = ["crc32"]

    /// Where the checksum goes.
    public let location: ChecksumLocation

    /// A codec storing the checksum at `location` (numcodecs' default: the start).
    public init(location: ChecksumLocation = .start) {
        self.location = location
    }

    func checksum(_ payload: UnsafeRawBufferPointer) -> UInt32 { CRC32.checksum(payload) }
}
