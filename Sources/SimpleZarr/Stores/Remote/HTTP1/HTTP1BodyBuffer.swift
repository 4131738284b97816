// The bytes of a reply body as they arrive: one malloc'd block, grown geometrically, handed to
// `Data` without a copy when the body is complete.

import Foundation

/// A growable byte buffer that becomes a `Data` without copying.
///
/// The first block is the announced length when there is one, capped at `maximumReservation`:
/// an announced length is a claim of the server, and only bytes that really arrive make the
/// buffer grow further.
final class HTTP1BodyBuffer {
    /// The most a reply's announced length reserves before its bytes arrive.
    static let maximumReservation = 8 << 20

    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    /// The number of bytes received so far.
    private(set) var count = 0

    /// Creates a buffer with room for `expected` bytes (at most `maximumReservation`).
    init(expected: Int) {
        try? reserve(min(max(expected, 0), Self.maximumReservation))
    }

    deinit { free(base) }

    /// The free space after the bytes received, at least `minimum` bytes of it (grown when needed).
    ///
    /// - Throws: `HTTPAttemptFailure.fatal` when the memory cannot be had.
    func freeSpace(minimum: Int) throws -> UnsafeMutableRawBufferPointer {
        if capacity - count < minimum {
            try reserve(max(count + minimum, capacity.multipliedReportingOverflow(by: 2).partialValue))
        }
        return UnsafeMutableRawBufferPointer(start: base.map { $0 + count }, count: capacity - count)
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
        guard let block = base, count > 0 else { return Data() }
        let data = Data(bytesNoCopy: block, count: count, deallocator: .free)
        base = nil
        capacity = 0
        count = 0
        return data
    }

    private func reserve(_ newCapacity: Int) throws {
        guard newCapacity > capacity else { return }
        guard let grown = realloc(base, newCapacity) else {
            throw HTTPAttemptFailure.fatal("no memory for a reply body of \(newCapacity) bytes")
        }
        base = grown
        capacity = newCapacity
    }
}
