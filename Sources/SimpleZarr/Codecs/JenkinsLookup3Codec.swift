// The `numcodecs.jenkins_lookup3` codec (bytes -> bytes), numcodecs'
// `JenkinsLookup3` through zarr-python 3's numcodecs codecs
// (https://numcodecs.readthedocs.io/en/stable/checksum32.html): Bob Jenkins'
// lookup3 `hashlittle` of the chunk, seeded with `initval` (default 0), as 4
// little-endian bytes after it.
//
// numcodecs also has a `prefix`, bytes hashed before the chunk; JSON cannot hold
// raw bytes, and numcodecs refuses any other value, so no stored document can give
// one: `prefix` is accepted only as null.

import Foundation
import ZarrCompression

/// Appends and verifies a lookup3 hash, as numcodecs' `jenkins_lookup3` codec does.
public struct JenkinsLookup3Codec: Checksum32Codec {
    public static let name = "numcodecs.jenkins_lookup3"
    public static let aliases = ["jenkins_lookup3"]

    /// The hash's seed.
    public let initval: UInt32

    /// A codec seeding the hash with `initval` (numcodecs' default: 0).
    public init(initval: UInt32 = 0) {
        self.initval = initval
    }

    /// Reads `{"initval": 0...4294967295, "prefix": null}`; a missing initval means 0.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["initval", "prefix"])
        if let prefix = configuration["prefix"], !prefix.isNull {
            throw ZarrError.invalidMetadata(
                "codec '\(Self.name)': prefix must be null (numcodecs takes it as raw bytes, which JSON cannot hold), got \(prefix.jsonText)")
        }
        let initval = try configuration.integer("initval", of: Self.name, in: 0...Int(UInt32.max), default: 0)
        self.init(initval: UInt32(initval))
    }

    /// `initval` when it is not 0, as zarr-python writes a codec created without one.
    public var configuration: JSONObject { initval == 0 ? [:] : ["initval": JSONValue(Int(initval))] }

    var location: ChecksumLocation { .end }

    func checksum(_ payload: UnsafeRawBufferPointer) -> UInt32 { JenkinsLookup3.hash(payload, initval: initval) }
}
