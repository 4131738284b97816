// The `numcodecs.fletcher32` codec (bytes -> bytes), numcodecs' `Fletcher32`
// through zarr-python 3's numcodecs codecs
// (https://numcodecs.readthedocs.io/en/stable/checksum32.html): the Fletcher-32 of
// HDF5 (16-bit big-endian words) of the chunk, as 4 little-endian bytes after it.
// The codec has no configuration.

import Foundation
import ZarrCompression

/// Appends and verifies a Fletcher-32 checksum, as numcodecs' `fletcher32` codec does.
public struct Fletcher32Codec: Checksum32Codec {
    public static let name = "numcodecs.fletcher32"
    public static let aliases = ["fletcher32"]

    /// The codec has no configuration.
    public init() {}

    /// Accepts only an empty configuration.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: [])
    }

    public var configuration: JSONObject { [:] }

    var location: ChecksumLocation { .end }

    /// Empty input gets checksum 0 (numcodecs cannot checksum empty input).
    func checksum(_ payload: UnsafeRawBufferPointer) -> UInt32 { Fletcher32.checksum(payload) }
}
