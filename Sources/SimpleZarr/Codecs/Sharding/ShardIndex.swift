// The index of a shard (sharding spec, "Binary shard format"): for each inner
// chunk in C order of the inner grid, the byte offset of its stored bytes
// from the start of the shard and their length, both uint64; 2^64 - 1 twice
// marks an inner chunk that is not stored. The index is decoded with the
// codec's index pipeline and checked before any offset in it is used.

import Foundation

/// A decoded and checked shard index.
struct ShardIndex {
    /// Offset and length of each inner chunk, in C order of the grid.
    private let entries: [UInt64]

    /// Decodes the index `bytes` of a shard of `layout` and checks every entry.
    ///
    /// An entry must be either the empty marker twice or a range that ends inside the shard
    /// (`shardSize`, when known, else within `Int`), of at most the stored chunk limit, that
    /// overlaps no other inner chunk nor the index itself (when `indexStart` is known).
    ///
    /// - Throws: `ZarrError.codec` starting with `context` for a bad index (its checksum
    ///   included), naming the inner chunk and the values.
    init(decoding bytes: Data, of layout: ShardLayout, context: String, shardSize: Int?, indexStart: Int?) throws {
        let decoded: NDArray
        do {
            decoded = try layout.index.decode(bytes)
        } catch let error as ZarrError {
            throw error.prefixed("\(context): index")
        }
        entries = try decoded.toArray(as: UInt64.self)
        try check(layout, context: context, shardSize: shardSize, indexStart: indexStart)
    }

    /// The byte range of inner chunk number `chunk` in the shard, or `nil` when it is not stored.
    func range(of chunk: Int) -> Range<Int>? {
        let offset = entries[2 * chunk]
        guard offset != ShardLayout.emptyMarker else { return nil }
        // Checked at init: the end fits in Int.
        return Int(offset)..<Int(offset + entries[2 * chunk + 1])
    }

    /// A stored range of the shard: an inner chunk (by number) or the index (`chunk` nil).
    private struct Span {
        let start: UInt64
        let end: UInt64
        let chunk: Int?
    }

    private func check(_ layout: ShardLayout, context: String, shardSize: Int?, indexStart: Int?) throws {
        let marker = ShardLayout.emptyMarker
        let limit = UInt64(ZarrLimits.maximumStoredChunkByteCount)
        let bound = UInt64(shardSize ?? Int.max)
        func name(_ chunk: Int?) -> String {
            chunk.map { "inner chunk \(layout.gridPosition($0))" } ?? "the index"
        }
        var spans: [Span] = []
        var sorted = true
        func add(_ span: Span) {
            if let last = spans.last, last.start > span.start { sorted = false }
            spans.append(span)
        }
        for chunk in 0..<(entries.count / 2) {
            let (offset, nbytes) = (entries[2 * chunk], entries[2 * chunk + 1])
            if offset == marker, nbytes == marker { continue }
            guard offset != marker, nbytes != marker else {
                throw ZarrError.codec(
                    "\(context): the index entry of \(name(chunk)) has offset \(offset) and nbytes \(nbytes); "
                        + "only one of them is the empty marker 2^64-1")
            }
            guard nbytes <= limit else {
                throw ZarrError.codec(
                    "\(context): \(name(chunk)) has nbytes \(nbytes), more than the largest stored chunk allowed "
                        + "(\(limit) bytes, from ZarrLimits.maximumStoredChunkByteCount)")
            }
            let (end, overflow) = offset.addingReportingOverflow(nbytes)
            guard !overflow, end <= bound else {
                let size = shardSize.map { "the shard's \($0) bytes" } ?? "any shard"
                throw ZarrError.codec(
                    "\(context): \(name(chunk)) at offset \(offset) with nbytes \(nbytes) ends past the end of \(size)")
            }
            if nbytes > 0 { add(Span(start: offset, end: end, chunk: chunk)) }
        }
        if let indexStart {
            add(Span(start: UInt64(indexStart), end: UInt64(indexStart + layout.indexByteCount), chunk: nil))
        }
        if !sorted { spans.sort { $0.start < $1.start } }
        // Sorted by start, a span overlaps an earlier one exactly when it starts before the
        // furthest end seen so far.
        guard var furthest = spans.first else { return }
        for span in spans.dropFirst() {
            guard span.start >= furthest.end else {
                throw ZarrError.codec(
                    "\(context): \(name(span.chunk)) (bytes \(span.start)..<\(span.end)) overlaps "
                        + "\(name(furthest.chunk)) (bytes \(furthest.start)..<\(furthest.end))")
            }
            if span.end > furthest.end { furthest = span }
        }
    }
}
