// The `blosc` codec (bytes -> bytes):
// https://zarr-specs.readthedocs.io/en/latest/v3/codecs/blosc/index.html
// Each chunk is one blosc1 container (c-blosc's format: a 16-byte header, block
// starts, then the blocks, each optionally shuffled and compressed by the inner
// compressor `cname` at `clevel`). `shuffle` and `typesize` say how bytes are
// regrouped before compression; when they are not given, the codec takes them from
// the array's data type when it is bound, as zarr-python does. Decoding needs no
// configuration: the container header says everything.

import Foundation
import ZarrCompression

/// Compresses chunks into blosc containers.
public struct BloscCodec: DecodesIntoBuffer {
    /// The name zarr-python 3 writes.
    public static let name = "blosc"
    /// zarr-python 3's name for numcodecs' Blosc wrapped as a v3 codec.
    public static let aliases = ["numcodecs.blosc"]

    /// The inner compressors (`cname`).
    public typealias Compressor = Blosc.Compressor

    /// How bytes are regrouped before compression.
    public enum Shuffle: String, Sendable, CaseIterable {
        /// Bytes stay in order.
        case noshuffle
        /// Byte `i` of every element goes to stream `i` (good for typesize > 1).
        case shuffle
        /// Bit `i` of every element goes to stream `i` (good for typesize 1).
        case bitshuffle

        var container: Blosc.Shuffle {
            switch self {
            case .noshuffle: .none
            case .shuffle: .byte
            case .bitshuffle: .bit
            }
        }
    }

    /// The inner compressor.
    public private(set) var cname: Compressor
    /// The compression level, 0 (stored) to 9.
    public private(set) var clevel: Int
    /// The shuffle; `nil` until bound: then bitshuffle for 1-byte elements, else shuffle.
    public private(set) var shuffle: Shuffle?
    /// The element size the shuffle works with; `nil` until bound: then the data type's size.
    public private(set) var typesize: Int?
    /// The block size in bytes; 0 lets the container choose it as c-blosc does.
    public private(set) var blocksize: Int

    /// A codec with zarr-python's defaults (zstd, clevel 5, shuffle and typesize from the data type).
    ///
    /// - Throws: `ZarrError.invalidArgument` for a clevel outside 0...9, a typesize below 1, a
    ///   negative blocksize, or the snappy compressor (not supported).
    public init(cname: Compressor = .zstd, clevel: Int = 5, shuffle: Shuffle? = nil,
                typesize: Int? = nil, blocksize: Int = 0) throws {
        func refuse(_ message: String) -> ZarrError { .invalidArgument("codec 'blosc': \(message)") }
        guard (0...9).contains(clevel) else { throw refuse("clevel must be 0...9, got \(clevel)") }
        if let typesize, typesize < 1 { throw refuse("typesize must be at least 1, got \(typesize)") }
        guard blocksize >= 0 else { throw refuse("blocksize must be 0 (automatic) or positive, got \(blocksize)") }
        guard cname != .snappy else { throw refuse("the snappy compressor is not supported") }
        self.cname = cname
        self.clevel = clevel
        self.shuffle = shuffle
        self.typesize = typesize
        self.blocksize = blocksize
    }

    /// Reads the v3 configuration (`cname`, `clevel`, `shuffle` as a name or numcodecs' -1/0/1/2 (-1: chosen when bound),
    /// `typesize`, `blocksize`); missing members take zarr-python's defaults, unknown ones are
    /// refused as zarr-python refuses them.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["cname", "clevel", "shuffle", "typesize", "blocksize"])
        let cnameValue = configuration["cname"] ?? "zstd"
        // A document may name snappy; it parses, and coding it says clearly it is not supported.
        guard let cname = cnameValue.stringValue.flatMap(Compressor.init(rawValue:)) else {
            throw ZarrError.invalidMetadata(
                "codec 'blosc': cname must be one of \(Compressor.allCases.map(\.rawValue)), got \(cnameValue.jsonText)")
        }
        var shuffle: Shuffle?
        if let value = configuration["shuffle"], !value.isNull {
            if let name = value.stringValue, let parsed = Shuffle(rawValue: name) {
                shuffle = parsed
            } else if let number = value.intValue, (0...2).contains(number) {
                shuffle = Shuffle.allCases[number]
            } else if value.intValue == -1 {
                shuffle = nil  // numcodecs' AUTOSHUFFLE: chosen from the data type when bound
            } else {
                throw ZarrError.invalidMetadata(
                    "codec 'blosc': shuffle must be \"noshuffle\", \"shuffle\", \"bitshuffle\" or -1, 0, 1, 2, got \(value.jsonText)")
            }
        }
        self.cname = cname
        clevel = try configuration.integer("clevel", of: Self.name, in: 0...9, default: 5)
        self.shuffle = shuffle
        typesize = try configuration.optionalInteger("typesize", of: Self.name, in: 1...Int.max)
        blocksize = try configuration.integer("blocksize", of: Self.name, in: 0...Int.max, default: 0)
    }

    /// The members in zarr-python's order; `typesize` and `shuffle` only once known.
    /// The configuration written to `zarr.json`.
    public var configuration: JSONObject {
        var object = JSONObject()
        if let typesize { object["typesize"] = JSONValue(typesize) }
        object["cname"] = .string(cname.rawValue)
        object["clevel"] = JSONValue(clevel)
        if let shuffle { object["shuffle"] = .string(shuffle.rawValue) }
        object["blocksize"] = JSONValue(blocksize)
        return object
    }

    /// numcodecs' form: `shuffle` as its number (-1 when it is still to be chosen), no `typesize`
    /// (numcodecs takes it from the data it compresses).
    public var numcodecsConfiguration: JSONObject {
        [
            "cname": .string(cname.rawValue),
            "clevel": JSONValue(clevel),
            "shuffle": JSONValue(shuffle.flatMap { Shuffle.allCases.firstIndex(of: $0) } ?? -1),
            "blocksize": JSONValue(blocksize),
        ]
    }

    /// Fills in `typesize` and `shuffle` from the data type of the array being encoded.
    public func bound(to representation: ArrayRepresentation) throws -> BloscCodec {
        // Variable-length elements reach blosc as a byte stream: one-byte items.
        let itemSize = max(representation.dataType.itemSize, 1)
        var copy = self
        copy.typesize = typesize ?? itemSize
        copy.shuffle = shuffle ?? (itemSize == 1 ? .bitshuffle : .shuffle)
        return copy
    }

    /// The compressed container is a new buffer.
    public var encodeReturnsNewStorage: Bool { true }

    /// Encodes one chunk's bytes.
    public func encode(_ bytes: Data) throws -> Data {
        do {
            return Data(try bytes.withUnsafeBytes {
                try Blosc.compress($0, typesize: typesize ?? 1, clevel: clevel, shuffle: (shuffle ?? .noshuffle).container,
                                   compressor: cname, blockSize: blocksize)
            })
        } catch let error as CompressionError {
            throw ZarrError.codec("codec 'blosc': \(error.message)")
        }
    }

    /// Decodes one chunk's bytes.
    public func decode(_ bytes: Data) throws -> Data {
        try decode(bytes, decodedSize: nil)
    }

    /// Decodes one chunk's bytes, bounded by the decoded size when the pipeline knows it.
    public func decode(_ bytes: Data, decodedSize: Int?) throws -> Data {
        if let decodedSize { return try decodeIntoNewData(bytes, decodedSize: decodedSize) }
        return try decompressChunk(codec: Self.name, decodedSize: nil) { limit in
            try bytes.withUnsafeBytes { try Blosc.decompress($0, maxOutputSize: limit) }
        }
    }

    /// How many bytes past the decoded data `decode(_:into:)` may overwrite.
    public var decodeSlack: Int { 0 }

    /// Decodes one chunk's bytes into `output` (the decoded size plus `decodeSlack` bytes).
    public func decode(_ bytes: Data, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try decompressing(codec: Self.name) { try bytes.withUnsafeBytes { try Blosc.decompress($0, into: output) } }
    }
}
