// Serialising writes to one chunk within the process. A partial write of a
// chunk is a read-modify-write (read the stored chunk, decode it, change some
// elements, encode, store); two of them on the same chunk at once would each
// store their own version and one set of changes would be lost. Every store of
// a chunk therefore goes through a lock chosen by (store object, chunk key):
// a read-modify-write holds it from the read to the store, a whole-chunk write
// only around its store call. The locks are striped (a fixed table, no
// allocation per write); two chunks that share a stripe merely wait for each
// other.
//
// What holds across processes: nothing beyond what the store gives. Writers in
// different processes (or through different store objects on the same files)
// that touch disjoint chunks are safe; two of them writing the same chunk race,
// and the last store wins, as in zarr-python.

/// The process-wide table of chunk write locks.
enum ChunkWriteLocks {
    /// The locks, shared by every array and store of the process.
    static let table = KeyLocks(count: 256)

    /// Runs `body` holding the write lock of the chunk at `key` of `store`.
    ///
    /// `body` must not wait for work on a thread pool that might itself need this lock
    /// (it runs a read-modify-write inside one task, nothing more), and must not take
    /// another chunk's lock.
    static func withLock<T>(store: BaseStore, key: String, _ body: () throws -> T) rethrows -> T {
        try table.withLock(key, in: store, body)
    }
}
