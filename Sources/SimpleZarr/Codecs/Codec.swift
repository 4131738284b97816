// The codec model of the v3 core spec ("Chunk encoding" and "Codecs",
// https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#chunk-encoding):
// a chunk goes through zero or more array -> array codecs, exactly one
// array -> bytes codec, then zero or more bytes -> bytes codecs. Each kind
// is a protocol here; a codec type conforms to exactly one of them.

import Foundation

/// What a codec receives or produces when the value is an array: the shape,
/// the data type and the fill value of the chunk at that step of the pipeline.
public struct ArrayRepresentation: Sendable, Hashable {
    /// The chunk's shape at this step.
    public var shape: [Int]
    /// The element type at this step.
    public var dataType: DataType
    /// The fill value, in this step's data type.
    public var fillValue: FillValue

    /// Creates a representation.
    public init(shape: [Int], dataType: DataType, fillValue: FillValue) {
        self.shape = shape
        self.dataType = dataType
        self.fillValue = fillValue
    }

    /// Elements in a chunk of this representation; `Int.max` if that does not fit in `Int`.
    public var elementCount: Int { ShapeArithmetic.product(shape) ?? Int.max }

    /// Bytes in a chunk of this representation (`DataType.memoryItemSize` per element);
    /// `Int.max` if that does not fit in `Int`.
    public var byteCount: Int { checkedByteCount ?? Int.max }

    /// Bytes in a chunk of this representation, or `nil` if that does not fit in `Int`.
    var checkedByteCount: Int? {
        ShapeArithmetic.product(shape).flatMap { ShapeArithmetic.product($0, dataType.memoryItemSize) }
    }
}

/// A Zarr codec: a named transformation with a JSON configuration.
///
/// Conform to one of `ArrayToArrayCodec`, `ArrayToBytesCodec` or
/// `BytesToBytesCodec`, then call `registerCodec(_:)` so that arrays whose
/// `zarr.json` names the codec can use it.
public protocol Codec: Sendable {
    /// The name in `zarr.json` (`"bytes"`, `"transpose"`, ...).
    static var name: String { get }
    /// Other names that documents use for the same codec (simplezarr's `"zlib"` beside
    /// zarr-python 3's `"numcodecs.zlib"`); the registry maps each to this type. Empty by default.
    static var aliases: [String] { get }
    /// Builds the codec from the `configuration` object of its `zarr.json` entry
    /// (empty when the entry has none), throwing `ZarrError` for a bad configuration.
    init(configuration: JSONObject) throws
    /// The configuration to write back to `zarr.json`.
    var configuration: JSONObject { get }
    /// The configuration numcodecs uses for this codec, written (after its `id`) into v2
    /// documents. The default is `configuration`.
    var numcodecsConfiguration: JSONObject { get }
    /// This codec adapted to the chunks it will work on, called once when a pipeline is built
    /// (zarr-python's `evolve_from_array_spec`): `representation` is the array representation
    /// the codec receives, or for a bytes -> bytes codec the one its array -> bytes codec
    /// receives. Blosc takes its `typesize` from the data type here. The default returns `self`.
    func bound(to representation: ArrayRepresentation) throws -> Self
}

extension Codec {
    public static var aliases: [String] { [] }

    public func bound(to representation: ArrayRepresentation) throws -> Self { self }

    public var numcodecsConfiguration: JSONObject { configuration }

    /// The name in `zarr.json`.
    public var name: String { Self.name }

    /// The `{"name": ..., "configuration": ...}` entry for `zarr.json`.
    ///
    /// An empty configuration is left out, as the spec allows, except for numcodecs' codecs
    /// (`numcodecs.*`): zarr-python writes `"configuration": {}` for them and cannot open
    /// the entry without it.
    public var json: JSONValue {
        var object: JSONObject = ["name": .string(Self.name)]
        if !configuration.isEmpty || Self.name.hasPrefix("numcodecs.") {
            object["configuration"] = .object(configuration)
        }
        return .object(object)
    }
}

/// A codec that maps an array to another array (e.g. `transpose`).
public protocol ArrayToArrayCodec: Codec {
    /// The representation that `encode` produces from `decoded`; throws if `decoded` is not acceptable.
    func encodedRepresentation(of decoded: ArrayRepresentation) throws -> ArrayRepresentation
    /// Encodes one chunk.
    func encode(_ array: NDArray) throws -> NDArray
    /// Decodes one chunk back to the `decoded` representation.
    func decode(_ array: NDArray, to decoded: ArrayRepresentation) throws -> NDArray
    /// Whether `encode` always returns an array with storage of its own, never sharing its
    /// input's buffer, so the pipeline may store that storage without another copy.
    /// `false` by default.
    var encodeReturnsNewStorage: Bool { get }
}

extension ArrayToArrayCodec {
    public var encodeReturnsNewStorage: Bool { false }

    /// The input's representation unchanged: right for a codec that keeps the shape and the
    /// data type (as Python's `BaseCodec` assumes); one that changes them overrides this.
    public func encodedRepresentation(of decoded: ArrayRepresentation) throws -> ArrayRepresentation { decoded }
}

/// A codec that serialises an array to bytes (e.g. `bytes`).
public protocol ArrayToBytesCodec: Codec {
    /// Throws if this codec cannot serialise arrays of `decoded`.
    func validate(_ decoded: ArrayRepresentation) throws
    /// Encodes one chunk.
    func encode(_ array: NDArray) throws -> Data
    /// Decodes one chunk to an array of the `decoded` representation.
    func decode(_ bytes: Data, to decoded: ArrayRepresentation) throws -> NDArray
    /// The number of bytes `encode` makes of every chunk of `decoded`, if that is fixed, so the
    /// bytes -> bytes decoders after it can size their output; `nil` (the default) otherwise.
    func encodedByteCount(of decoded: ArrayRepresentation) -> Int?
    /// Whether the encoded bytes of a chunk of `decoded` are its elements exactly as an `NDArray`
    /// holds them (C order, this machine's byte order), so readers may copy elements straight
    /// from the decoded bytes and writers may pass the array's own buffer on. `false` by default.
    func keepsMemoryLayout(of decoded: ArrayRepresentation) -> Bool
    /// The shape of the independently stored sub-chunks a chunk is split into (sharding's inner
    /// chunks), or `nil` (the default) when a chunk is stored whole.
    var innerChunkShape: [Int]? { get }
}

extension ArrayToBytesCodec {
    /// Accepts every array; a codec that serialises only some data types overrides this.
    public func validate(_ decoded: ArrayRepresentation) throws {}

    public func encodedByteCount(of decoded: ArrayRepresentation) -> Int? { nil }

    public var innerChunkShape: [Int]? { nil }

    public func keepsMemoryLayout(of decoded: ArrayRepresentation) -> Bool { false }
}

/// A codec that maps bytes to bytes (compressors, checksums).
public protocol BytesToBytesCodec: Codec {
    /// Encodes one chunk's bytes.
    func encode(_ bytes: Data) throws -> Data
    /// Decodes one chunk's bytes.
    func decode(_ bytes: Data) throws -> Data
    /// Decodes one chunk's bytes when the decoded size is known (`nil` when it is not).
    ///
    /// Decompressors use it to size their output and to refuse data that would expand
    /// beyond it. The default calls `decode(_:)`.
    func decode(_ bytes: Data, decodedSize: Int?) throws -> Data
    /// The size `encode` produces from `decodedSize` bytes, if it depends on nothing else
    /// (a checksum adds a fixed number of bytes; a compressor returns `nil`, the default).
    /// Return `nil` as well when the size would not fit in `Int`.
    func encodedSize(ofDecodedSize decodedSize: Int) -> Int?
    /// Whether `encode` only reads its input and returns bytes that share no storage with it (a
    /// compressor's new buffer, a checksum appended to a copy). The pipeline then hands it an
    /// array's own buffer instead of a copy. `false` by default.
    var encodeReturnsNewStorage: Bool { get }
}

/// A bytes -> bytes codec that decodes a value of known size straight into memory the caller
/// provides. The pipeline then decodes a chunk into the array it returns, with no copy of the
/// decoded bytes.
public protocol DecodesIntoBuffer: BytesToBytesCodec {
    /// How many bytes past the decoded data `decode(_:into:)` may overwrite (scratch room).
    var decodeSlack: Int { get }
    /// Decodes `bytes` into `output`, which holds the expected decoded size plus `decodeSlack`
    /// bytes, and returns how many bytes it decoded; more than `output.count - decodeSlack`
    /// is an error.
    /// - Throws: `ZarrError.codec` for bytes that do not decode.
    func decode(_ bytes: Data, into output: UnsafeMutableRawBufferPointer) throws -> Int
}

extension BytesToBytesCodec {
    public func decode(_ bytes: Data, decodedSize: Int?) throws -> Data {
        try decode(bytes)
    }

    public func encodedSize(ofDecodedSize decodedSize: Int) -> Int? { nil }

    public var encodeReturnsNewStorage: Bool { false }
}
