// The bytes of a reply body as they arrive: one block from the chunk-buffer pool, grown
// geometrically, handed to `Data` without a copy when the body is complete. Bodies are chunk
// sized, so drawing them from the pool (rather than malloc, which maps and unmaps blocks of this
// size) spares the kernel zeroing fresh pages for every reply.

import Foundation

/// A growable byte buffer that becomes a `Data` without copying.
///
/// The first block is the announced length when there is one, capped at `maximumReservation`:
/// an announced length is a claim of the server, and only bytes that really arrive make the
/// buffer grow further.
final class HTTP1BodyBuffer {
    /// The most a reply's announced length reserves before its bytes arrive.
    static let maximumReservation = 8 << 20

    private let pool: ChunkBufferPool
    private var block: ChunkBufferPool.Buffer?
    /// The number of bytes received so far.
    private(set) var count = 0

    /// Creates a buffer with room for `expected` bytes (at most `maximumReservation`), drawn
    /// from `pool`.
    init(expected: Int, pool: ChunkBufferPool = .shared) {
        self.pool = pool
        try? reserve(min(max(expected, 0), Self.maximumReservation))
    }

    deinit {
        if let block { pool.release(block) }
    }

    private var capacity: Int { block?.capacity ?? 0 }

    /// The free space after the bytes received, at least `minimum` bytes of it (grown when needed).
    ///
    /// - Throws: `HTTPAttemptFailure.fatal` when the memory cannot be had.
    func freeSpace(minimum: Int) throws -> UnsafeMutableRawBufferPointer {
        if capacity - count < minimum {
            try reserve(max(count + minimum, capacity.multipliedReportingOverflow(by: 2).partialValue))
        }
        return UnsafeMutableRawBufferPointer(start: block.map { $0.pointer + count }, count: capacity - count)
    }

    /// Counts `n` bytes written into the space `freeSpace` returned.
    func commit(_ n: Int) {
        precondition(n >= 0 && n <= capacity - count, "HTTP1BodyBuffer: commit past the free space")
        count += n
    }

    /// Appends `bytes`.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        let space = try freeSpace(minimum: bytes.count)
        space.baseAddress?.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        count += bytes.count
    }

    /// The bytes received, as `Data` that now owns the block; the buffer is empty afterwards.
    func take() -> Data {
        guard let taken = block else { return Data() }
        let data = pool.data(owning: taken, count: count)
        block = nil
        count = 0
        return data
    }

    private func reserve(_ newCapacity: Int) throws {
        guard newCapacity > capacity else { return }
        let grown: ChunkBufferPool.Buffer
        do {
            grown = try pool.acquire(byteCount: newCapacity)
        } catch {
            throw HTTPAttemptFailure.fatal("no memory for a reply body of \(newCapacity) bytes")
        }
        if let old = block {
            if count > 0 { grown.pointer.copyMemory(from: old.pointer, byteCount: count) }
            pool.release(old)
        }
        block = grown
    }
}
