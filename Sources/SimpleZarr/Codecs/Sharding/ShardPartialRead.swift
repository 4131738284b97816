// Decoding a region of a shard from byte ranges of its stored value: one
// read for the index, one read for the coalesced ranges of the stored inner
// chunks the region touches, then one task per inner chunk on the executor,
// each decoding straight into the destination. Inner chunks that are not
// stored are filled at once. No task waits for another: a countdown calls
// the completion from whichever task ends last, so a pool of one worker
// finishes too.

import Foundation
import ZarrCompression

extension ShardLayout {
    /// Decodes `region` of one shard read through `reader` into `destination` and calls
    /// `completion` once (see `PartialDecodingCodec.decodePartial`).
    func decodePartial(
        _ region: ChunkRegion, from reader: any ByteRangeReader, into destination: RegionDestination,
        executor: ThreadPoolExecutor, completion: @escaping @Sendable (Result<Void, any Error>) -> Void
    ) {
        let context = "codec '\(ShardingCodec.name)': shard '\(reader.key)'"
        let tasks: [InnerChunkTask]
        do {
            try check(region, destination, context: context)
            tasks = try readInnerChunks(region, from: reader, into: destination, context: context)
        } catch {
            completion(.failure(error))
            return
        }
        guard let last = tasks.last else {
            completion(.success(()))
            return
        }
        let steps = region.chunkSteps(chunkShape: chunkShape)
        let countdown = InnerChunkCountdown(count: tasks.count, completion: completion)
        // The calling thread decodes the last inner chunk itself while the pool does the others.
        for task in tasks.dropLast() {
            executor.submit { [self] in try write(task.stored, part: task.part, steps: steps, into: destination, context: context) }
                .onComplete(countdown.finished)
        }
        countdown.finished(Result { try write(last.stored, part: last.part, steps: steps, into: destination, context: context) })
    }

    /// Throws `ZarrError.invalidArgument` unless `region` lies inside the shard with positive steps
    /// and its elements fit in `destination` from `destination.start`.
    private func check(_ region: ChunkRegion, _ destination: RegionDestination, context: String) throws {
        guard (destination.elements != nil) == shard.dataType.isVariableLength else {
            throw ZarrError.invalidArgument(
                "\(context): \(shard.dataType) elements need a destination "
                    + (shard.dataType.isVariableLength ? "with an element buffer (`elements`)" : "without one"))
        }
        let ndim = shard.shape.count
        let description = "region start \(region.start), counts \(region.counts), steps \(region.steps) "
            + "into a destination of shape \(destination.shape) at \(destination.start)"
        guard [region.start.count, region.counts.count, region.steps.count, destination.shape.count, destination.start.count]
            .allSatisfy({ $0 == ndim })
        else {
            throw ZarrError.invalidArgument("\(context): \(description) does not have \(ndim) axes")
        }
        for axis in 0..<ndim {
            let (start, count, step) = (region.start[axis], region.counts[axis], region.steps[axis])
            guard count >= 0 else {
                throw ZarrError.invalidArgument("\(context): \(description) has a negative count on axis \(axis)")
            }
            let (span, spanOverflow) = max(count - 1, 0).multipliedReportingOverflow(by: step)
            let (last, lastOverflow) = start.addingReportingOverflow(span)
            let (end, endOverflow) = destination.start[axis].addingReportingOverflow(count)
            guard start >= 0, count >= 0, step >= 1, !spanOverflow, !lastOverflow, count == 0 || last < shard.shape[axis],
                  destination.start[axis] >= 0, !endOverflow, end <= destination.shape[axis]
            else {
                throw ZarrError.invalidArgument(
                    "\(context): \(description) does not fit axis \(axis) (shard length \(shard.shape[axis]))")
            }
        }
    }

    /// Reads the index and the stored inner chunks `region` touches, fills the parts of the
    /// others, and returns the inner chunks left to decode.
    private func readInnerChunks(
        _ region: ChunkRegion, from reader: any ByteRangeReader, into destination: RegionDestination, context: String
    ) throws -> [InnerChunkTask] {
        guard !region.counts.contains(0) else { return [] }
        try checkLimits(wholeShard: false)
        let indexStart = indexLocation == .start ? 0 : -indexByteCount
        guard let indexRead = try reader.read([(start: indexStart, length: indexByteCount)]) else {
            // No stored shard: the region is the fill value.
            fillBlock(
                counts: region.counts, with: shard.fillValue, in: destination.buffer(itemSize: shard.dataType.itemSize),
                BlockSide(shape: destination.shape, start: destination.start))
            return []
        }
        guard indexRead.count == 1, let indexBytes = indexRead.first, indexBytes.count == indexByteCount else {
            throw ZarrError.codec(
                "\(context): stored shard is shorter than its index (read \(indexRead.first?.count ?? 0) of \(indexByteCount) bytes)")
        }
        let shardIndex = try ShardIndex(
            decoding: indexBytes, of: self, context: context, shardSize: nil, indexStart: indexLocation == .start ? 0 : nil)

        var wanted: [(part: ChunkPart, range: Range<Int>)] = []
        let steps = region.chunkSteps(chunkShape: chunkShape)
        var parts = ChunkPartIterator(region, chunkShape: chunkShape)
        while let part = parts.next() {
            if let range = shardIndex.range(of: linearIndex(part.chunkIndex)) {
                wanted.append((part, range))
            } else {
                try write(nil, part: part, steps: steps, into: destination, context: context)
            }
        }
        guard !wanted.isEmpty else { return [] }

        let reads = coalesceByteRanges(
            wanted.map(\.range), maxGap: ShardingCodec.coalesceMaxGapBytes, maxBytes: ShardingCodec.coalesceMaxBytes)
        guard let data = try reader.read(reads.map { (start: $0.span.lowerBound, length: $0.span.count) }),
              data.count == reads.count
        else {
            throw ZarrError.codec("\(context): the shard disappeared between reading its index and its inner chunks")
        }
        var tasks: [InnerChunkTask] = []
        tasks.reserveCapacity(wanted.count)
        for (read, bytes) in zip(reads, data) {
            for member in read.members {
                let (part, range) = wanted[member]
                let offset = range.lowerBound - read.span.lowerBound
                // The reader returns what is there: fewer bytes than asked means the shard ends early.
                guard offset + range.count <= bytes.count else {
                    throw ZarrError.codec(
                        "\(context): inner chunk \(part.chunkIndex) at offset \(range.lowerBound) with nbytes \(range.count) "
                            + "ends past the end of the shard (\(read.span.lowerBound + bytes.count) bytes)")
                }
                tasks.append(InnerChunkTask(stored: bytes.sharedSlice(at: offset, count: range.count), part: part))
            }
        }
        return tasks
    }
}

/// A stored inner chunk to decode and the part of the region it holds.
private struct InnerChunkTask: Sendable {
    let stored: Data
    let part: ChunkPart
}

/// Counts the inner chunk decodes of one partial read down and then calls its completion,
/// once, with the first error if any.
private final class InnerChunkCountdown: Sendable {
    private let state: LockedValue<(remaining: Int, failure: (any Error)?)>
    private let completion: @Sendable (Result<Void, any Error>) -> Void

    init(count: Int, completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        state = LockedValue((count, nil))
        self.completion = completion
    }

    /// Records one decode's outcome; the last one calls the completion.
    @Sendable func finished(_ result: Result<Void, any Error>) {
        let outcome = state.withLock { state -> Result<Void, any Error>? in
            if case .failure(let error) = result, state.failure == nil { state.failure = error }
            state.remaining -= 1
            guard state.remaining == 0 else { return nil }
            return state.failure.map { .failure($0) } ?? .success(())
        }
        if let outcome { completion(outcome) }
    }
}
