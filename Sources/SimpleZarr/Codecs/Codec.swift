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

    /// Bytes in a chunk of this representation; `Int.max` if that does not fit in `Int`.
    public var byteCount: Int { checkedByteCount ?? Int.max }

    /// Bytes in a chunk of this representation, or `nil` if that does not fit in `Int`.
    var checkedByteCount: Int? {
        ShapeArithmetic.product(shape).flatMap { ShapeArithmetic.product($0, dataType.itemSize) }
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
}

extension Codec {
    public static var aliases: [String] { [] }

    /// The name in `zarr.json`.
    public var name: String { Self.name }

    /// The `{"name": ..., "configuration": ...}` entry for `zarr.json`.
    public var json: JSONValue {
        var object: JSONObject = ["name": .string(Self.name)]
        if !configuration.isEmpty { object["configuration"] = .object(configuration) }
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
}

/// A codec that serialises an array to bytes (e.g. `bytes`).
public protocol ArrayToBytesCodec: Codec {
    /// Throws if this codec cannot serialise arrays of `decoded`.
    func validate(_ decoded: ArrayRepresentation) throws
    /// Encodes one chunk.
    func encode(_ array: NDArray) throws -> Data
    /// Decodes one chunk to an array of the `decoded` representation.
    func decode(_ bytes: Data, to decoded: ArrayRepresentation) throws -> NDArray
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
}

extension BytesToBytesCodec {
    public func decode(_ bytes: Data, decodedSize: Int?) throws -> Data {
        try decode(bytes)
    }

    public func encodedSize(ofDecodedSize decodedSize: Int) -> Int? { nil }
}
