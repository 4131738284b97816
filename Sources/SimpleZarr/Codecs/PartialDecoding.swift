// Partial decoding: an array -> bytes codec that can decode a sub-region of a
// chunk from byte ranges of its stored value, instead of the whole value (the
// sharding codec reads its index, then only the inner chunks a region needs).
// The pipeline offers it when that codec is the whole chain (no array -> array
// codec before it, no bytes -> bytes codec after it); otherwise, and for codecs
// without the capability, readers fetch the whole value and decode it.

import Foundation

/// Reads byte ranges of one stored value (a chunk or a shard), for partial decoders.
public protocol ByteRangeReader: Sendable {
    /// The bytes of each range, `start` (negative: counted from the end of the value) and
    /// `length` (`nil`: to the end), clipped to the value; `nil` when the value does not exist.
    func read(_ ranges: [(start: Int, length: Int?)]) throws -> [Data]?
    /// Starts reading `ranges` like `read(_:)` and returns the future of the bytes; a reader
    /// over a remote store returns at once and completes later, from an I/O thread.
    func readFuture(_ ranges: [(start: Int, length: Int?)]) -> Future<[Data]?>
    /// The key of the value, for error messages.
    var key: String { get }
}

extension ByteRangeReader {
    /// Default: `read(_:)` on the calling thread.
    public func readFuture(_ ranges: [(start: Int, length: Int?)]) -> Future<[Data]?> {
        .completed { try read(ranges) }
    }
}

/// The positions of a chunk that a read selects, per axis: `counts[i]` positions from
/// `start[i]`, `steps[i]` apart.
public struct ChunkRegion: Sendable, Hashable {
    /// The first selected position on each axis.
    public var start: [Int]
    /// The number of selected positions on each axis.
    public var counts: [Int]
    /// The distance between selected positions on each axis (1: adjacent).
    public var steps: [Int]

    /// A region; `steps` of 1 when `nil`.
    public init(start: [Int], counts: [Int], steps: [Int]? = nil) {
        self.start = start
        self.counts = counts
        self.steps = steps ?? Array(repeating: 1, count: start.count)
    }
}

/// Where a partial decoder puts the selected elements: a C-order buffer of `shape` elements of
/// the chunk's data type, the region's first element at `start`, the others following it with
/// unit steps (the region's counts along each axis).
///
/// `@unchecked Sendable`: decoders of different regions write disjoint parts of the buffer, and
/// its owner reads it only after every decoder has completed.
public struct RegionDestination: @unchecked Sendable {
    /// The buffer's first byte (for fixed-size elements).
    public let base: UnsafeMutableRawPointer
    /// The buffer's first element, for variable-length types (`string`, `bytes`); `nil` otherwise.
    public let elements: UnsafeMutablePointer<Data>?
    /// The buffer's shape.
    public let shape: [Int]
    /// Where the region's first element goes.
    public let start: [Int]

    /// A destination in the buffer at `base` (and `elements`, for variable-length types).
    public init(base: UnsafeMutableRawPointer, elements: UnsafeMutablePointer<Data>? = nil, shape: [Int], start: [Int]) {
        self.base = base
        self.elements = elements
        self.shape = shape
        self.start = start
    }

    /// A destination in `buffer`.
    init(_ buffer: ElementBuffer, shape: [Int], start: [Int]) {
        self.init(base: buffer.bytes, elements: buffer.elements, shape: shape, start: start)
    }

    /// The buffer, for elements of `itemSize` bytes.
    func buffer(itemSize: Int) -> ElementBuffer {
        ElementBuffer(bytes: base, elements: elements, itemSize: itemSize)
    }

}

/// An array -> bytes codec that can decode part of a chunk from byte ranges of its stored value.
///
/// The pipeline uses it for reads when this codec is the chain's only codec; writes always
/// encode whole chunks.
public protocol PartialDecodingCodec: ArrayToBytesCodec {
    /// Decodes the elements of `region` of one chunk of `decoded` (the representation this codec
    /// was bound to) into `destination`, reading through `reader` only the ranges it needs, and
    /// calls `completion` exactly once. A value that does not exist reads as the fill value.
    ///
    /// The work may be split into tasks on `executor`, but no task may wait for another:
    /// `completion` is called from whichever task finishes last (or at once), so a pool of one
    /// worker still finishes.
    func decodePartial(
        _ region: ChunkRegion, of decoded: ArrayRepresentation, from reader: any ByteRangeReader,
        into destination: RegionDestination, executor: ThreadPoolExecutor,
        completion: @escaping @Sendable (Result<Void, any Error>) -> Void)
}
