// The format-neutral description of an array: what a v3 `zarr.json` and a v2
// `.zarray` both say, in one model (shape, data type, regular chunk grid, fill
// value, chunk key encoding, codec list). `V3/` and `V2/` read their documents
// into it; v2's order, byte order, filters and compressor become codec entries.

/// The validated description of an array, whichever Zarr format stored it.
///
/// Every size derived from the shape, the chunk shape and the data type is computed here,
/// once, with overflow checks, so that nothing read from a file can make later arithmetic
/// trap. Chunk-level sizes must fit in `Int` (the document is refused otherwise); the
/// array-level totals may not, for a huge sparse array, and then saturate at `Int.max`.
public struct ArrayMetadata: Sendable {
    /// The Zarr format of the document it was read from (2 or 3).
    public let zarrFormat: Int
    /// The array's shape (empty for 0-d).
    public let shape: [Int]
    /// The element type.
    public let dataType: DataType
    /// The shape of every chunk of the regular grid.
    public let chunkShape: [Int]
    /// How chunk indices become keys.
    public let chunkKeyEncoding: ChunkKeyEncoding
    /// The value of elements never written.
    public let fillValue: FillValue
    /// The codec list as v3 `codecs` entries, in encoding order. For a v2 array: a `transpose`
    /// for order "F", the filters, a `bytes` codec with the stored byte order, the compressor.
    public let codecs: [JSONValue]
    /// The optional name of each dimension.
    public let dimensionNames: [String?]?
    /// User attributes.
    public let attributes: JSONObject

    /// The number of elements of the array; `Int.max` if that does not fit in `Int`.
    public let elementCount: Int
    /// The uncompressed size of the array in bytes; `Int.max` if that does not fit in `Int`.
    public let byteCount: Int
    /// The number of elements of one chunk (always exact).
    public let chunkElementCount: Int
    /// The uncompressed size of one chunk in bytes (always exact).
    public let chunkByteCount: Int
    /// The number of chunks along each dimension, `⌈shape / chunkShape⌉`.
    public let chunkGridShape: [Int]
    /// The number of chunks of the grid; `Int.max` if that does not fit in `Int`.
    public let chunkCount: Int

    /// Checks that the parts fit together and computes the sizes; `invalid` makes the error
    /// for the document being read, whose chunk shape member is `chunkShapeMember`.
    init(
        zarrFormat: Int, shape: [Int], dataType: DataType, chunkShape: [Int], chunkKeyEncoding: ChunkKeyEncoding,
        fillValue: FillValue, codecs: [JSONValue], dimensionNames: [String?]?, attributes: JSONObject,
        chunkShapeMember: String, invalid: (String) -> ZarrError
    ) throws {
        guard chunkShape.count == shape.count else {
            throw invalid("\(chunkShapeMember) has \(chunkShape.count) dimensions but shape has \(shape.count)")
        }
        // Chunk-level sizes must be exact: chunks are allocated, encoded and decoded whole.
        guard let chunkElements = ShapeArithmetic.product(chunkShape),
            let chunkBytes = ShapeArithmetic.product(chunkElements, dataType.memoryItemSize)
        else {
            throw invalid(
                "\(chunkShapeMember) \(ArrayMetadata.brief(chunkShape)) of \(dataType) has more bytes than fit in a 64-bit integer")
        }
        if let dimensionNames, dimensionNames.count != shape.count {
            throw invalid("dimension_names must have \(shape.count) entries, got \(dimensionNames.count)")
        }
        self.zarrFormat = zarrFormat
        self.shape = shape
        self.dataType = dataType
        self.chunkShape = chunkShape
        self.chunkKeyEncoding = chunkKeyEncoding
        self.fillValue = fillValue
        self.codecs = codecs
        self.dimensionNames = dimensionNames
        self.attributes = attributes
        chunkElementCount = chunkElements
        chunkByteCount = chunkBytes
        // Array-level totals only describe the array; a huge sparse array may exceed Int.
        chunkGridShape = zip(shape, chunkShape).map { ShapeArithmetic.ceilingDivision($0, $1) }
        chunkCount = ShapeArithmetic.product(chunkGridShape) ?? Int.max
        let elements = ShapeArithmetic.product(shape)
        elementCount = elements ?? Int.max
        byteCount = elements.flatMap { ShapeArithmetic.product($0, dataType.memoryItemSize) } ?? Int.max
    }

    // MARK: Shared reading helpers

    /// The most dimensions an array may have: numpy's limit (so every array Python simplezarr
    /// can read opens here), which also keeps per-element work, linear in the dimension count,
    /// small on hostile documents.
    public static let maximumDimensionCount = 64

    /// An array of integers ≥ `minimum` (a shape or a chunk shape), named `what` in errors.
    static func dimensions(
        _ value: JSONValue, minimum: Int, what: String, _ invalid: (String) -> ZarrError
    ) throws -> [Int] {
        guard let list = value.arrayValue else { throw invalid("\(what) must be an array of integers, got \(brief(value))") }
        guard list.count <= maximumDimensionCount else {
            throw invalid("\(what) has \(list.count) dimensions; at most \(maximumDimensionCount) are supported")
        }
        return try list.enumerated().map { position, element in
            guard case .int(let v) = element, let length = Int(exactly: v), length >= minimum else {
                throw invalid(
                    "\(what) must hold integers ≥ \(minimum) that fit in 64 bits, got \(brief(element)) at position \(position)")
            }
            return length
        }
    }

    /// A JSON value for an error message, cut after 100 characters.
    static func brief(_ value: JSONValue) -> String {
        let text = value.jsonText
        return text.count > 100 ? text.prefix(100) + "..." : text
    }

    /// A shape for an error message, shortened when it has many dimensions.
    static func brief(_ shape: [Int]) -> String {
        guard shape.count > 8 else { return "\(shape)" }
        return "[" + shape.prefix(4).map(String.init).joined(separator: ", ") + ", ... (\(shape.count) dimensions)]"
    }
}
