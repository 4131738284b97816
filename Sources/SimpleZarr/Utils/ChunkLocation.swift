// One chunk of a multiscale image as a `ChunkPool` hands it out (Python's
// `simplezarr.utils.chunkpool.ChunkLocation`): its data loading in the background, the
// users (refs) holding it, and the load / drop / destroy handlers they registered.

/// A function a chunk's user registers to hear of a lifetime event of that chunk.
public typealias ChunkHandler = @Sendable (ChunkLocation) -> Void

/// A chunk of one level of a multiscale image, loading or loaded, shared by the users that
/// got it from a `ChunkPool`.
///
/// Its data starts loading when the pool creates it. `wait()` blocks until the data is there
/// and runs the load handlers not yet run; `data` gives the array once loaded. When the last
/// user drops it (and the pool's cache lets it go) it is destroyed: the drop handlers still
/// registered and every destroy handler run, and the data is released.
public final class ChunkLocation: Sendable, CustomStringConvertible {
    /// The level this chunk belongs to.
    public let scaleInfo: ScaleInfo
    /// The chunk's position in its level's chunk grid.
    public let index: [Int]
    /// The chunk's size in bytes once decoded (the array's `chunkNbytes`).
    public let nbytes: Int

    private struct State: Sendable {
        var refs: [String] = []
        var future: Future<NDArray>?
        var load = HandlerTable()
        var drop = HandlerTable()
        var destroy = HandlerTable()
    }

    private let state: LockedValue<State>

    /// Starts loading the chunk at `index` of `scaleInfo`'s array on `executor`.
    init(scaleInfo: ScaleInfo, index: [Int], executor: ThreadPoolExecutor?) {
        self.scaleInfo = scaleInfo
        self.index = index
        self.nbytes = scaleInfo.array.chunkNbytes
        self.state = LockedValue(State(future: scaleInfo.array.getChunkFuture(index, executor: executor)))
    }

    /// The level of this chunk, 0 for the highest resolution.
    public var level: Int { scaleInfo.level }

    /// The refs of the users that hold this chunk.
    public var refs: Set<String> { Set(state.withLock { $0.refs }) }

    /// The future of the load; `nil` once the chunk is destroyed.
    public var future: Future<NDArray>? { state.withLock { $0.future } }

    /// Whether the chunk was destroyed (its data released).
    public var isDestroyed: Bool { future == nil }

    /// The chunk's data (the array's fill value where the chunk is not stored).
    ///
    /// - Throws: `ZarrError.invalidArgument` when the data is not loaded yet or the chunk was
    ///   destroyed; the load's error when loading failed.
    public var data: NDArray {
        get throws {
            guard let future else {
                throw ZarrError.invalidArgument("ChunkLocation.data: chunk \(index) of level \(level) was destroyed")
            }
            guard let result = future.peek() else {
                throw ZarrError.invalidArgument(
                    "ChunkLocation.data: chunk \(index) of level \(level) is not loaded yet; call wait() first")
            }
            return try result.get()
        }
    }

    /// `<ChunkLocation level 0 [1, 2] refs [...]>`.
    public var description: String { "<ChunkLocation level \(level) \(index) refs \(refs.sorted())>" }

    /// Blocks until the data is loaded, then runs the load handlers not yet run. Returns at
    /// once for a destroyed chunk.
    ///
    /// - Throws: the load's error.
    public func wait() throws {
        guard let future else { return }
        _ = try future.result()
        processLoadHandlers()
    }

    // MARK: Lifetime, driven by the pool (under its lock; the handlers run after it is released)

    /// Adds `ref` as a user with its handlers. Returns what to run once the pool's lock is
    /// released: the load handlers when the data is already there, and the async hook.
    func register(
        _ ref: String, hook: LoadHandlerHook?, onLoad: ChunkHandler?, onDrop: ChunkHandler?, onDestroy: ChunkHandler?
    ) -> @Sendable () -> Void {
        let (future, loaded) = state.withLock { state -> (Future<NDArray>?, Bool) in
            if !state.refs.contains(ref) { state.refs.append(ref) }
            if let onLoad { state.load.append(onLoad, for: ref) }
            if let onDrop { state.drop.append(onDrop, for: ref) }
            if let onDestroy { state.destroy.append(onDestroy, for: ref) }
            return (state.future, state.future?.isDone ?? false)
        }
        return { [self] in
            if let hook, let future {
                future.onComplete { _ in hook { self.processLoadHandlers() } }
            }
            if onLoad != nil, loaded { processLoadHandlers() }
        }
    }

    /// Removes `ref` (its load handlers unrun) and returns its drop handlers to run.
    func drop(_ ref: String) -> [ChunkHandler] {
        state.withLock { state in
            state.refs.removeAll { $0 == ref }
            _ = state.load.remove(ref)
            return state.drop.remove(ref)
        }
    }

    /// Whether any user holds the chunk.
    var hasRefs: Bool { state.withLock { !$0.refs.isEmpty } }

    /// Destroys the chunk: forgets its users and data, and returns the remaining drop handlers
    /// followed by every destroy handler, to run.
    func destroy() -> [ChunkHandler] {
        state.withLock { state in
            state.refs.removeAll()
            state.load = HandlerTable()
            let handlers = state.drop.removeAll() + state.destroy.removeAll()
            state.future = nil
            return handlers
        }
    }

    /// Runs (once) the load handlers registered so far, unless the chunk was destroyed.
    func processLoadHandlers() {
        let handlers = state.withLock { state in state.future == nil ? [] : state.load.removeAll() }
        for handler in handlers { handler(self) }
    }
}

/// Handlers by ref, refs in the order they were first added (Python's dict of lists).
struct HandlerTable: Sendable {
    private var refs: [String] = []
    private var handlers: [String: [ChunkHandler]] = [:]

    mutating func append(_ handler: @escaping ChunkHandler, for ref: String) {
        if handlers[ref] == nil { refs.append(ref) }
        handlers[ref, default: []].append(handler)
    }

    /// Removes and returns the handlers of `ref`.
    mutating func remove(_ ref: String) -> [ChunkHandler] {
        guard let removed = handlers.removeValue(forKey: ref) else { return [] }
        refs.removeAll { $0 == ref }
        return removed
    }

    /// Removes and returns every handler, ref by ref in order.
    mutating func removeAll() -> [ChunkHandler] {
        let all = refs.flatMap { handlers[$0] ?? [] }
        self = HandlerTable()
        return all
    }
}
