// Merging the byte ranges of the inner chunks one read needs into fewer,
// larger reads, with zarr-python 3's rule and defaults
// (`array.sharding_coalesce_max_gap_bytes`, 1 MiB, and
// `array.sharding_coalesce_max_bytes`, 16 MiB): taken in order of their
// start, a range joins the current group when the gap from the group's end
// is at most the gap limit and the group then spans at most the size limit;
// otherwise it starts a new group. Reading a small gap costs less than
// another request to a remote store.

import Synchronization

extension ShardingCodec {
    /// The default for `coalesceMaxGapBytes`: 1 MiB, as in zarr-python.
    public static let defaultCoalesceMaxGapBytes = 1 << 20
    /// The default for `coalesceMaxBytes`: 16 MiB, as in zarr-python.
    public static let defaultCoalesceMaxBytes = 16 << 20

    private static let gapLimit = Atomic<Int>(defaultCoalesceMaxGapBytes)
    private static let sizeLimit = Atomic<Int>(defaultCoalesceMaxBytes)

    /// The largest gap, in bytes, between the stored inner chunks of one partial read that is
    /// read too so that the two become one request. Thread-safe; negative values count as 0.
    public static var coalesceMaxGapBytes: Int {
        get { gapLimit.load(ordering: .relaxed) }
        set { gapLimit.store(max(0, newValue), ordering: .relaxed) }
    }

    /// The largest span, in bytes, of one merged request of a partial read (a single inner chunk
    /// larger than this is still read, alone). Thread-safe; negative values count as 0.
    public static var coalesceMaxBytes: Int {
        get { sizeLimit.load(ordering: .relaxed) }
        set { sizeLimit.store(max(0, newValue), ordering: .relaxed) }
    }
}

/// One request of a coalesced read: the bytes it spans and the input ranges it serves.
struct CoalescedRead: Equatable {
    /// The bytes to read.
    var span: Range<Int>
    /// The positions, in the input list, of the ranges inside `span`, by increasing start.
    var members: [Int]
}

/// Groups `ranges` into reads: sorted by start, each range joins the current read when the gap
/// to it is at most `maxGap` and the merged span is at most `maxBytes`, else starts the next.
func coalesceByteRanges(_ ranges: [Range<Int>], maxGap: Int, maxBytes: Int) -> [CoalescedRead] {
    let order = ranges.indices.sorted { ranges[$0].lowerBound < ranges[$1].lowerBound }
    var reads: [CoalescedRead] = []
    for position in order {
        let range = ranges[position]
        if var current = reads.last, range.lowerBound - current.span.upperBound <= maxGap {
            let end = max(current.span.upperBound, range.upperBound)
            if end - current.span.lowerBound <= maxBytes {
                current.span = current.span.lowerBound..<end
                current.members.append(position)
                reads[reads.count - 1] = current
                continue
            }
        }
        reads.append(CoalescedRead(span: range, members: [position]))
    }
    return reads
}
