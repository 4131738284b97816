// The `numcodecs.adler32` codec (bytes -> bytes), numcodecs' `Adler32` through
// zarr-python 3's numcodecs codecs (https://numcodecs.readthedocs.io/en/stable/checksum32.html):
// the Adler-32 of zlib (RFC 1950) of the chunk, as 4 little-endian bytes before the
// chunk (`location` "start", the default) or after it ("end").

import Foundation
import ZarrCompression

/// Stores and verifies an Adler-32 checksum, as numcodecs' `adler32` codec does.
public struct Adler32Codec: LocatedChecksum32Codec {
    public static let name = "numcodecs.adler32"
    public static let aliases = ["adler32"]

    /// Where the checksum goes.
    public let location: ChecksumLocation

    /// A codec storing the checksum at `location` (numcodecs' default: the start).
    public init(location: ChecksumLocation = .start) {
        self.location = location
    }

    func checksum(_ payload: UnsafeRawBufferPointer) -> UInt32 { Adler32.checksum(payload) }
}
