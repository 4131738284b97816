// Chunk-sized heap buffers reused across chunks and calls. Reading an array
// chunk by chunk allocates and frees buffers of a few hundred KiB on every
// worker thread: a file's bytes, a decoded chunk, a chunk `NDArray`. glibc
// gives such buffers back to the kernel when they are freed (they are mapped
// on their own, or trimmed from a thread's heap), so the next chunk faults
// every page in again. Keeping freed buffers here, for reuse by the next chunk
// of a similar size, removes those faults without touching the process's
// malloc settings. Idle buffers are bounded in total and freed once they have
// sat unused for a while, so an idle process keeps nothing.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// A thread-safe pool of 64-byte aligned buffers of chunk size (16 KiB up to 16 MiB), grouped in size classes a
/// quarter of a power of two apart (a buffer is at most 25% larger than asked for).
///
/// `@unchecked Sendable`: `idle`, `idleByteCount`, `trimScheduled` and `reuseCount` are only used with
/// `lock` held; the buffers themselves belong to whoever acquired them.
final class ChunkBufferPool: @unchecked Sendable {
    /// A buffer from the pool: give it back with `release(_:)` (or let the `Data` or
    /// `ByteStorage` that owns it do so).
    struct Buffer: @unchecked Sendable {
        /// The start of the buffer.
        let pointer: UnsafeMutableRawPointer
        /// Its usable size: at least what was asked for.
        let capacity: Int
        /// Its size class, or nil for a buffer outside the pooled sizes (freed on release).
        fileprivate let sizeClass: Int?
    }

    /// The pool the library's read and decode paths share.
    static let shared = ChunkBufferPool()

    /// Requests below this size are plain allocations: malloc keeps small blocks itself.
    static let minimumPooledByteCount = 16 << 10
    /// Requests of this size or more are plain allocations (a whole-array result, say); it is
    /// below the idle bound, so a pooled buffer can always be kept.
    static let maximumPooledByteCount = 16 << 20

    /// The most bytes kept idle; a buffer released beyond it is freed.
    let maximumIdleByteCount: Int
    /// How long an idle buffer is kept before it is freed.
    let idleLifetime: DispatchTimeInterval

    private let lock = NSLock()
    private var idle: [Int: [(buffer: UnsafeMutableRawPointer, since: DispatchTime)]] = [:]
    private var idleByteCount = 0
    private var trimScheduled = false
    private var reuseCount = 0

    /// A pool keeping at most `maximumIdleByteCount` bytes idle, each for at most `idleLifetime`.
    init(maximumIdleByteCount: Int = 32 << 20, idleLifetime: DispatchTimeInterval = .seconds(1)) {
        self.maximumIdleByteCount = maximumIdleByteCount
        self.idleLifetime = idleLifetime
    }

    deinit {
        for entries in idle.values { for entry in entries { free(entry.buffer) } }
    }

    /// The bytes held idle now (for tests and diagnostics).
    var idleBytes: Int { lock.withLock { idleByteCount } }

    /// How many acquisitions an idle buffer has served so far (for tests and diagnostics).
    var reusedBufferCount: Int { lock.withLock { reuseCount } }

    /// A buffer of at least `byteCount` bytes (contents undefined): an idle one of the same size
    /// class when there is one, else a new one.
    /// - Throws: `ZarrError.limitExceeded` when the memory cannot be had.
    func acquire(byteCount: Int) throws -> Buffer {
        guard byteCount >= 0 else { throw ZarrError.invalidArgument("cannot allocate \(byteCount) bytes") }
        guard let (sizeClass, capacity) = Self.sizeClass(for: byteCount) else {
            return Buffer(pointer: try Self.allocate(byteCount), capacity: byteCount, sizeClass: nil)
        }
        let reused: UnsafeMutableRawPointer? = lock.withLock {
            guard let entry = idle[sizeClass]?.popLast() else { return nil }
            idleByteCount -= capacity
            reuseCount += 1
            return entry.buffer
        }
        return Buffer(pointer: try reused ?? Self.allocate(capacity), capacity: capacity, sizeClass: sizeClass)
    }

    /// Gives `buffer` back: kept for reuse while the idle total allows, freed otherwise.
    func release(_ buffer: Buffer) {
        guard let sizeClass = buffer.sizeClass else {
            free(buffer.pointer)
            return
        }
        let (kept, scheduleTrim): (Bool, Bool) = lock.withLock {
            guard idleByteCount + buffer.capacity <= maximumIdleByteCount else { return (false, false) }
            idle[sizeClass, default: []].append((buffer.pointer, .now()))
            idleByteCount += buffer.capacity
            let firstIdle = !trimScheduled
            trimScheduled = true
            return (true, firstIdle)
        }
        if !kept { free(buffer.pointer) }
        if scheduleTrim { scheduleTrimming() }
    }

    /// `Data` of `count` bytes that owns `buffer` (the first `count` of its bytes) and gives it
    /// back to this pool when the last copy of the `Data` goes away.
    func data(owning buffer: Buffer, count: Int) -> Data {
        precondition(count <= buffer.capacity, "ChunkBufferPool: \(count) bytes in a buffer of \(buffer.capacity)")
        guard count > 0 else {
            release(buffer)
            return Data()
        }
        return Data(bytesNoCopy: buffer.pointer, count: count, deallocator: .custom { [self] _, _ in release(buffer) })
    }

    // MARK: Size classes

    /// The size class of a request and its capacity, or nil outside the pooled sizes. Between
    /// 2^k and 2^(k+1) the classes are 2^k plus one to four quarters of 2^k.
    static func sizeClass(for byteCount: Int) -> (index: Int, capacity: Int)? {
        guard byteCount >= minimumPooledByteCount, byteCount < maximumPooledByteCount else { return nil }
        // 2^k < byteCount <= 2^(k+1); k >= 13 since byteCount >= 2^14.
        let k = Int.bitWidth - 1 - (byteCount - 1).leadingZeroBitCount
        let quarter = 1 << (k - 2)
        let quarters = (byteCount - (1 << k) + quarter - 1) / quarter
        return (k * 4 + quarters, (1 << k) + quarters * quarter)
    }

    // MARK: Memory

    private static func allocate(_ byteCount: Int) throws -> UnsafeMutableRawPointer {
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 64, max(byteCount, 1)) == 0, let raw else {
            throw ZarrError.limitExceeded("cannot allocate \(byteCount) bytes")
        }
        return raw
    }

    /// Frees the buffers idle for `idleLifetime` or longer, and looks again later while any are left.
    private func scheduleTrimming() {
        // A strong capture: the pool lives until its last idle buffer is freed. (A weak one would
        // allocate a side table that LeakSanitizer, which cannot read it through the object's
        // reference count, reports as leaked.)
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + idleLifetime) { [self] in
            let cutoff = DispatchTime.now() - self.idleLifetime
            var expired: [UnsafeMutableRawPointer] = []
            let again: Bool = self.lock.withLock {
                for (sizeClass, entries) in self.idle {
                    // Entries are appended in release order, so the expired ones lead.
                    let stale = entries.prefix { $0.since <= cutoff }
                    guard !stale.isEmpty else { continue }
                    expired += stale.map(\.buffer)
                    self.idleByteCount -= stale.count * (Self.capacity(ofClass: sizeClass))
                    self.idle[sizeClass] = Array(entries.dropFirst(stale.count))
                }
                self.trimScheduled = self.idleByteCount > 0
                return self.trimScheduled
            }
            for buffer in expired { free(buffer) }
            if again { self.scheduleTrimming() }
        }
    }

    /// The capacity of size class `index` (the inverse of `sizeClass(for:)`).
    private static func capacity(ofClass index: Int) -> Int {
        let k = index / 4, quarters = index % 4
        // index = 4k + q with q in 1...4: q == 4 lands on the next k with remainder 0.
        return quarters == 0 ? 1 << k : (1 << k) + quarters * (1 << (k - 2))
    }
}
