// The `numcodecs.shuffle` codec (bytes -> bytes), numcodecs' Shuffle as zarr-python 3
// writes it: byte `j` of every `elementsize`-byte element goes to the `j`-th of
// `elementsize` equal runs, which groups similar bytes for the compressor after it.
// The size does not change. A missing `elementsize` is the array's item size, as
// zarr-python binds it.

import Foundation
import ZarrCompression

/// Regroups the bytes of each element (numcodecs' byte shuffle).
public struct ShuffleCodec: BytesToBytesCodec {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.shuffle"

    /// The element size in bytes; `nil` until bound to an array (then its item size).
    public private(set) var elementsize: Int?

    /// A codec shuffling `elementsize`-byte elements (`nil`: the array's item size).
    ///
    /// - Throws: `ZarrError.invalidArgument` for an element size below 1.
    public init(elementsize: Int? = nil) throws {
        if let elementsize, elementsize < 1 {
            throw ZarrError.invalidArgument("codec '\(Self.name)': elementsize must be at least 1, got \(elementsize)")
        }
        self.elementsize = elementsize
    }

    /// Reads `{"elementsize": Int}`.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["elementsize"])
        elementsize = try configuration.optionalInteger("elementsize", of: Self.name, in: 1...Int.max)
    }

    /// The configuration written to `zarr.json`.
    public var configuration: JSONObject { elementsize.map { ["elementsize": JSONValue($0)] } ?? [:] }

    public func bound(to representation: ArrayRepresentation) throws -> ShuffleCodec {
        var copy = self
        copy.elementsize = elementsize ?? max(representation.dataType.itemSize, 1)
        return copy
    }

    /// Shuffling never changes the size.
    public func encodedSize(ofDecodedSize decodedSize: Int) -> Int? { decodedSize }

    /// The shuffled bytes are a new buffer (1-byte elements pass through unchanged).
    public var encodeReturnsNewStorage: Bool { (elementsize ?? 1) > 1 }

    /// Encodes one chunk's bytes.
    public func encode(_ bytes: Data) throws -> Data {
        try regroup(bytes, ByteShuffle.shuffle)
    }

    /// Decodes one chunk's bytes.
    public func decode(_ bytes: Data) throws -> Data {
        try regroup(bytes, ByteShuffle.unshuffle)
    }

    /// Applies `transform` to whole elements; numcodecs refuses a buffer that is not one.
    private func regroup(
        _ bytes: Data,
        _ transform: (Int, UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Void
    ) throws -> Data {
        let size = elementsize ?? 1
        guard size > 1 else { return bytes }
        guard bytes.count % size == 0 else {
            throw ZarrError.codec(
                "codec '\(Self.name)': \(bytes.count) bytes are not a whole number of \(size)-byte elements")
        }
        var output = Data(count: bytes.count)
        output.withUnsafeMutableBytes { out in bytes.withUnsafeBytes { transform(size, $0, out) } }
        return output
    }
}
