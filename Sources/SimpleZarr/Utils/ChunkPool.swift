// A shared, ref-counted, cached pool of the loaded chunks of one multiscale image
// (Python's `simplezarr.utils.chunkpool.ChunkPool`), for viewers and streaming tools that
// load and release chunks as the view moves. Users get and drop chunks under a ref; a chunk
// lives while any ref holds it, then waits in a FIFO cache of `cacheSize` chunks, then is
// destroyed. Lifetime handlers run in the order the Python pool runs them.

import Dispatch

/// How an async pool delivers load handlers: it is given the work to run (on the thread
/// that finished loading) and runs it wherever the application wants, once.
public typealias LoadHandlerHook = @Sendable (@escaping @Sendable () -> Void) -> Void

/// A pool of the chunks of a multiscale image, shared by several users, with caching and
/// lifetime handlers. Thread-safe: any thread may get, drop and wait; handlers run on the
/// thread of the call that causes them (or where the async hook sends load handlers), never
/// under the pool's lock, and each at most once.
///
/// ```swift
/// let pool = try ChunkPool.fromZarrNode(group, cacheSize: 16)[0]
/// let chunk = try pool.getChunk(0, [0, 1, 2], loadHandler: { print("loaded", $0.index) })
/// try pool.waitForChunksToLoad()
/// try pool.dropChunk(0, [0, 1, 2])
/// ```
public final class ChunkPool: Sendable {
    /// The image whose chunks the pool serves.
    public let multiscaleInfo: MultiscaleInfo
    /// How many chunks no user holds are kept for a quick later get (0: destroyed at once).
    public let cacheSize: Int
    /// Where chunks load (`nil`: the shared executor).
    public let executor: ThreadPoolExecutor?

    private struct ChunkID: Hashable, Sendable {
        var level: Int
        var index: [Int]
    }

    /// Chunks by id, iterated in the order they were added (Python's dict).
    private struct OrderedChunks: Sendable {
        private var entries: [ChunkID: (order: Int, chunk: ChunkLocation)] = [:]
        private var nextOrder = 0

        var count: Int { entries.count }
        var inOrder: [ChunkLocation] { entries.values.sorted { $0.order < $1.order }.map(\.chunk) }

        subscript(id: ChunkID) -> ChunkLocation? { entries[id]?.chunk }

        mutating func insert(_ chunk: ChunkLocation, at id: ChunkID) {
            guard entries[id] == nil else { return }
            entries[id] = (nextOrder, chunk)
            nextOrder += 1
        }

        mutating func remove(_ id: ChunkID) -> ChunkLocation? { entries.removeValue(forKey: id)?.chunk }

        mutating func removeOldest() -> ChunkLocation? {
            guard let oldest = entries.min(by: { $0.value.order < $1.value.order }) else { return nil }
            return remove(oldest.key)
        }

        mutating func removeAll() -> [ChunkLocation] {
            defer { entries = [:] }
            return inOrder
        }
    }

    private struct State: Sendable {
        var loaded = OrderedChunks()
        var cached = OrderedChunks()
        var memoryUsage = 0
        var hook: LoadHandlerHook?
    }

    private let state = LockedValue(State())

    /// A pool for `multiscaleInfo`; a negative `cacheSize` counts as 0.
    public init(_ multiscaleInfo: MultiscaleInfo, cacheSize: Int = 0, executor: ThreadPoolExecutor? = nil) {
        self.multiscaleInfo = multiscaleInfo
        self.cacheSize = max(0, cacheSize)
        self.executor = executor
    }

    /// A pool for every multiscale image of `node` (see `MultiscaleInfo.fromZarrNode`).
    ///
    /// - Throws: what `MultiscaleInfo.fromZarrNode` throws.
    public static func fromZarrNode(
        _ node: ZarrNode, cacheSize: Int = 0, executor: ThreadPoolExecutor? = nil
    ) throws -> [ChunkPool] {
        try MultiscaleInfo.fromZarrNode(node).map { ChunkPool($0, cacheSize: cacheSize, executor: executor) }
    }

    deinit { destroy() }

    /// The decoded size in bytes of the chunks the pool holds (used and cached).
    public var memoryUsage: Int { state.withLock { $0.memoryUsage } }

    // MARK: Async load handlers

    /// Runs load handlers as soon as a chunk's data arrives, through `hook`, instead of in
    /// `wait()` / `waitForChunksToLoad()` (Python's `enable_async_load_handlers`). Applies to
    /// gets made from now on. See also `enableAsyncLoadHandlers(on:)` and
    /// `enableAsyncLoadHandlersOnMainActor()`.
    public func enableAsyncLoadHandlers(_ hook: @escaping LoadHandlerHook) {
        state.withLock { $0.hook = hook }
    }

    /// Delivers load handlers on `queue` as soon as the data arrives (`.main` for a UI).
    public func enableAsyncLoadHandlers(on queue: DispatchQueue) {
        enableAsyncLoadHandlers { work in queue.async(execute: work) }
    }

    /// Delivers load handlers in a task on the main actor as soon as the data arrives.
    public func enableAsyncLoadHandlersOnMainActor() {
        enableAsyncLoadHandlers { work in Task { @MainActor in work() } }
    }

    /// Back to running load handlers in `wait()` (Python's `enable_async_load_handlers("none")`).
    public func disableAsyncLoadHandlers() {
        state.withLock { $0.hook = nil }
    }

    // MARK: Getting and dropping

    /// The chunk at `index` of `level`, held for `ref`, with handlers for its lifetime events.
    ///
    /// A chunk in use or in the cache is handed out again; otherwise it starts loading. The
    /// load handler runs at once when the data is already there, else in `wait()` (or through
    /// the async hook); the drop handler when `ref` drops the chunk or it is destroyed; the
    /// destroy handler when it is destroyed. A ref that gets a chunk twice holds it once.
    ///
    /// - Throws: `ZarrError.invalidArgument` for an empty ref; `ZarrError.indexOutOfRange` for a
    ///   level or chunk index outside the image.
    @discardableResult
    public func getChunk(
        _ level: Int, _ index: [Int], ref: String = "pool", loadHandler: ChunkHandler? = nil,
        dropHandler: ChunkHandler? = nil, destroyHandler: ChunkHandler? = nil
    ) throws -> ChunkLocation {
        guard !ref.isEmpty else { throw ZarrError.invalidArgument("ChunkPool.getChunk(): ref must be a nonempty string") }
        let scales = multiscaleInfo.scales
        guard scales.indices.contains(level) else {
            throw ZarrError.indexOutOfRange(ErrorDetails(
                "ChunkPool.getChunk(): level \(level) is outside the image's \(scales.count) levels", index: [level]))
        }
        let grid = scales[level].array.chunkGridShape
        guard index.count == grid.count, zip(index, grid).allSatisfy({ $0 >= 0 && $0 < $1 }) else {
            throw ZarrError.indexOutOfRange(ErrorDetails(
                "ChunkPool.getChunk(): chunk index \(index) is outside the chunk grid \(grid) of level \(level)", index: index))
        }
        let id = ChunkID(level: level, index: index)
        let (chunk, afterwards) = state.withLock { state in
            let chunk = state.loaded[id] ?? state.cached.remove(id) ?? {
                let created = ChunkLocation(scaleInfo: scales[level], index: index, executor: executor)
                state.memoryUsage += created.nbytes
                return created
            }()
            state.loaded.insert(chunk, at: id)
            let afterwards = chunk.register(
                ref, hook: state.hook, onLoad: loadHandler, onDrop: dropHandler, onDestroy: destroyHandler)
            return (chunk, afterwards)
        }
        afterwards()
        return chunk
    }

    /// Releases `ref`'s hold on the chunk at `index` of `level`, running its drop handlers.
    /// The last ref's drop moves the chunk to the cache (destroying the oldest cached chunks
    /// beyond `cacheSize`) or, without a cache, destroys it. Unknown chunks are ignored.
    public func dropChunk(_ level: Int, _ index: [Int], ref: String = "pool") {
        let id = ChunkID(level: level, index: index)
        let calls = state.withLock { state -> [@Sendable () -> Void] in
            guard let chunk = state.loaded[id] else { return [] }
            var calls = Self.calls(chunk.drop(ref), on: chunk)
            guard !chunk.hasRefs else { return calls }
            _ = state.loaded.remove(id)
            if cacheSize == 0 {
                calls += Self.destroy(chunk, in: &state)
            } else {
                state.cached.insert(chunk, at: id)
                while state.cached.count > cacheSize, let oldest = state.cached.removeOldest() {
                    calls += Self.destroy(oldest, in: &state)
                }
            }
            return calls
        }
        for call in calls { call() }
    }

    /// Every chunk in the pool: those in use (in the order they were got), then the cached ones
    /// (oldest first). A snapshot: later gets and drops do not change it.
    public func iterChunks() -> [ChunkLocation] {
        state.withLock { $0.loaded.inOrder + $0.cached.inOrder }
    }

    /// Waits for every chunk in use to load, running their load handlers, in order.
    ///
    /// - Throws: the first load error met.
    public func waitForChunksToLoad() throws {
        for chunk in state.withLock({ $0.loaded.inOrder }) { try chunk.wait() }
    }

    /// Destroys every chunk, in use ones first (Python's `destroy`, also run when the pool goes away).
    public func destroy() {
        let calls = state.withLock { state -> [@Sendable () -> Void] in
            let chunks = state.loaded.removeAll() + state.cached.removeAll()
            return chunks.flatMap { Self.destroy($0, in: &state) }
        }
        for call in calls { call() }
    }

    // MARK: Helpers (under the lock)

    private static func destroy(_ chunk: ChunkLocation, in state: inout State) -> [@Sendable () -> Void] {
        state.memoryUsage -= chunk.nbytes
        return calls(chunk.destroy(), on: chunk)
    }

    private static func calls(_ handlers: [ChunkHandler], on chunk: ChunkLocation) -> [@Sendable () -> Void] {
        handlers.map { handler in { handler(chunk) } }
    }
}
