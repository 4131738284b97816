// One user of a `ChunkPool` (Python's `simplezarr.utils.chunkpool.ChunkManager`): a
// subclass overrides onLoad / onDrop / onDestroy and gets and drops chunks under its own ref.

/// A user of a `ChunkPool` with its own ref, whose `onLoad`, `onDrop` and `onDestroy` are the
/// handlers of every chunk it gets. Subclass it and override those three.
///
/// The handlers run on loading threads (or where the pool's async hook sends them), so a
/// subclass keeps any state it changes there behind a lock.
open class ChunkManager: @unchecked Sendable {
    // @unchecked: the stored properties are immutable and Sendable; subclasses guard their own state.

    /// The pool this manager uses.
    public let pool: ChunkPool
    /// The ref this manager holds chunks under (`"TypeName-N"`, unique in the process).
    public let ref: String

    private static let counter = LockedValue(0)

    /// A manager using `pool`.
    public init(_ pool: ChunkPool) {
        self.pool = pool
        let number = Self.counter.withLock { count in
            count += 1
            return count
        }
        self.ref = "\(type(of: self))-\(number)"
    }

    /// Gets the chunk at `index` of `level` for this manager, with its three methods as handlers.
    ///
    /// - Throws: what `ChunkPool.getChunk` throws.
    @discardableResult
    public func getChunk(_ level: Int, _ index: [Int]) throws -> ChunkLocation {
        try pool.getChunk(
            level, index, ref: ref, loadHandler: { [self] in onLoad($0) }, dropHandler: { [self] in onDrop($0) },
            destroyHandler: { [self] in onDestroy($0) })
    }

    /// Drops this manager's hold on the chunk at `index` of `level`.
    public func dropChunk(_ level: Int, _ index: [Int]) {
        pool.dropChunk(level, index, ref: ref)
    }

    /// Called when a chunk this manager got has loaded. Does nothing unless overridden.
    open func onLoad(_ chunk: ChunkLocation) {}

    /// Called when a chunk this manager got is dropped (by it, or destroyed). Does nothing unless overridden.
    open func onDrop(_ chunk: ChunkLocation) {}

    /// Called when a chunk this manager got is destroyed. Does nothing unless overridden.
    open func onDestroy(_ chunk: ChunkLocation) {}
}
