// Decoding a region of a shard from byte ranges of its stored value: one
// read for the index, one read for the coalesced ranges of the stored inner
// chunks the region touches, then one task per inner chunk on the executor,
// each decoding straight into the destination. The reads may complete later on
// an I/O thread (a remote store); what follows each one runs on the executor. Inner chunks that are not
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
        do {
            try check(region, destination, context: context)
            guard !region.counts.contains(0) else { return completion(.success(())) }
            try checkLimits(wholeShard: false)
        } catch {
            return completion(.failure(error))
        }
        // Each read may complete later on an I/O thread; the rest continues on the pool.
        let indexStart = indexLocation == .start ? 0 : -indexByteCount
        reader.readFuture([(start: indexStart, length: indexByteCount)]).onComplete(on: executor) { [self] indexRead in
            let pending: PendingInnerChunks?
            do {
                pending = try innerChunksToRead(region, indexRead: indexRead.get(), into: destination, context: context)
            } catch {
                return completion(.failure(error))
            }
            guard let pending else { return completion(.success(())) }
            reader.readFuture(pending.reads.map { (start: $0.span.lowerBound, length: $0.span.count) })
                .onComplete(on: executor) { [self] data in
                    do {
                        let tasks = try innerChunkTasks(pending, data: data.get(), context: context)
                        decode(tasks, region: region, into: destination, executor: executor, context: context, completion: completion)
                    } catch {
                        completion(.failure(error))
                    }
                }
        }
    }

    /// Decodes the inner chunks on the pool, the calling thread doing the last one itself, and
    /// calls `completion` when every one is done.
    private func decode(
        _ tasks: [InnerChunkTask], region: ChunkRegion, into destination: RegionDestination, executor: ThreadPoolExecutor,
        context: String, completion: @escaping @Sendable (Result<Void, any Error>) -> Void
    ) {
        guard let last = tasks.last else { return completion(.success(())) }
        let steps = region.chunkSteps(chunkShape: chunkShape)
        let countdown = InnerChunkCountdown(count: tasks.count, completion: completion)
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
        // Built only for an error: this check runs on every read.
        var description: String {
            "region start \(region.start), counts \(region.counts), steps \(region.steps) "
                + "into a destination of shape \(destination.shape) at \(destination.start)"
        }
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

    /// Decodes the shard index read (`nil`: no stored shard, so the region is the fill value),
    /// fills the parts of the inner chunks that are not stored, and returns the coalesced reads
    /// of the others, or `nil` when nothing is left to read.
    private func innerChunksToRead(
        _ region: ChunkRegion, indexRead: [Data]?, into destination: RegionDestination, context: String
    ) throws -> PendingInnerChunks? {
        guard let indexRead else {
            fillBlock(
                counts: region.counts, with: shard.fillValue, in: destination.buffer(itemSize: shard.dataType.itemSize),
                BlockSide(shape: destination.shape, start: destination.start))
            return nil
        }
        guard indexRead.count == 1, let indexBytes = indexRead.first, indexBytes.count == indexByteCount else {
            throw ZarrError.codec(
                "\(context): stored shard is shorter than its index (read \(indexRead.first?.count ?? 0) of \(indexByteCount) bytes)")
        }
        let shardIndex = try partialReadIndexes.index(for: indexBytes) {
            try ShardIndex(
                decoding: indexBytes, of: self, context: context, shardSize: nil, indexStart: indexLocation == .start ? 0 : nil)
        }

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
        guard !wanted.isEmpty else { return nil }
        let reads = coalesceByteRanges(
            wanted.map(\.range), maxGap: ShardingCodec.coalesceMaxGapBytes, maxBytes: ShardingCodec.coalesceMaxBytes)
        return PendingInnerChunks(wanted: wanted, reads: reads)
    }

    /// Cuts the inner chunks out of the coalesced reads.
    private func innerChunkTasks(_ pending: PendingInnerChunks, data: [Data]?, context: String) throws -> [InnerChunkTask] {
        guard let data, data.count == pending.reads.count else {
            throw ZarrError.codec("\(context): the shard disappeared between reading its index and its inner chunks")
        }
        var tasks: [InnerChunkTask] = []
        tasks.reserveCapacity(pending.wanted.count)
        for (read, bytes) in zip(pending.reads, data) {
            for member in read.members {
                let (part, range) = pending.wanted[member]
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

/// The stored inner chunks a region needs, and the coalesced byte ranges that hold them.
private struct PendingInnerChunks: Sendable {
    let wanted: [(part: ChunkPart, range: Range<Int>)]
    let reads: [CoalescedRead]
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
