// A store that forwards every call to another store and then reports it to an
// overridable hook; the base of `SlowStore` and of stores that log, count or
// inject faults.

import Foundation

/// A store that wraps another store.
///
/// Every call is forwarded to the wrapped store (`sub`); when it succeeds,
/// `hook(_:)` receives the call with its arguments and result (`call.method`, `call.key`,
/// `call.keys`, `call.value`, ...). Add behaviour either by passing the hook as a closure,
/// or by subclassing and overriding `hook(_:)` (or the `unchecked…` methods, to act before
/// the call, as a cache does). A call that the wrapped store cannot serve (it is not
/// readable, writable or listable) throws `StoreError.unsupported`.
///
/// Thread-safe if the wrapped store is: the wrapper itself holds no mutable state. Stores are
/// called from many threads at once, so **state that a hook or a subclass keeps must be
/// locked**: hold it in a `LockedValue` (or a `Synchronization.Mutex`), never in a plain `var`.
///
/// ```swift
/// // A closure hook: the compiler checks that what it captures is thread-safe.
/// let log = LockedValue<[String]>([])
/// let logging = WrapperStore(store) { call in log.withLock { $0.append("\(call.method) \(call.keys)") } }
///
/// // A subclass: Swift asks it to restate `@unchecked Sendable`, which is its promise
/// // that its own state is locked.
/// final class CountingStore: WrapperStore, @unchecked Sendable {
///     let reads = LockedValue(0)
///     override func hook(_ call: StoreCall) throws {
///         if call.isRead { reads.withLock { $0 += 1 } }
///     }
/// }
/// ```
///
/// (Swift warns "must restate inherited '@unchecked Sendable' conformance" for a subclass
/// that leaves it out: the base classes cannot vouch for what a subclass adds.)
///
/// A hook runs while the library may hold a chunk's write lock (locks are shared by
/// stripes across the process), so a hook must not write chunks of a Zarr array itself,
/// directly or by waiting for another thread that does: it could wait for its own lock.
open class WrapperStore: BaseStore, ReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    /// The wrapped store.
    public let sub: BaseStore

    // The capabilities of `sub`, cast once.
    private let readable: (any ReadableStore)?
    private let writable: (any WritableStore)?
    private let listable: (any ListableStore)?
    /// The hook given to `init(_:hook:)`, if any.
    private let hookClosure: (@Sendable (StoreCall) throws -> Void)?

    /// Wraps `store`. `hook`, if given, is called after each successful call, from any thread,
    /// so what it captures must be thread-safe (the compiler checks that it is `Sendable`); an
    /// error it throws is passed on to the caller. A subclass overriding `hook(_:)` replaces it.
    public init(_ store: BaseStore, hook: (@Sendable (StoreCall) throws -> Void)? = nil) {
        self.sub = store
        self.readable = store as? any ReadableStore
        self.writable = store as? any WritableStore
        self.listable = store as? any ListableStore
        self.hookClosure = hook
        super.init()
    }

    /// `<WrapperStore around <MemoryStore with 3 keys>>`.
    open override var description: String {
        "<\(StoreKeys.className(self)) around \(sub.description)>"
    }

    /// Called after each successful call with its arguments and result. Runs the closure
    /// given to `init(_:hook:)`, else does nothing; an error thrown by it or by an override is
    /// passed on to the caller.
    open func hook(_ call: StoreCall) throws {
        try hookClosure?(call)
    }

    // MARK: ReadableStore

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedGet(_ key: String) throws -> Data {
        let result = try reader("get").uncheckedGet(key)
        try hook(.get(key: key, result: result))
        return result
    }

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        let result = try reader("getPartialValues").uncheckedGetPartialValues(keyRanges)
        try hook(.getPartialValues(keyRanges: keyRanges, result: result))
        return result
    }

    // MARK: WritableStore

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedSet(_ key: String, _ value: Data) throws {
        try writer("set").uncheckedSet(key, value)
        try hook(.set(key: key, value: value))
    }

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedSetPartialValues(_ values: [KeyStartValue]) throws {
        try writer("setPartialValues").uncheckedSetPartialValues(values)
        try hook(.setPartialValues(values: values))
    }

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedErase(_ key: String) throws {
        try writer("erase").uncheckedErase(key)
        try hook(.erase(key: key))
    }

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedEraseValues(_ keys: [String]) throws {
        try writer("eraseValues").uncheckedEraseValues(keys)
        try hook(.eraseValues(keys: keys))
    }

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedErasePrefix(_ prefix: String) throws {
        try writer("erasePrefix").uncheckedErasePrefix(prefix)
        try hook(.erasePrefix(prefix: prefix))
    }

    // MARK: ListableStore

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedList() throws -> [String] {
        let result = try lister("list").uncheckedList()
        try hook(.list(result: result))
        return result
    }

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        let result = try lister("listPrefix").uncheckedListPrefix(prefix)
        try hook(.listPrefix(prefix: prefix, result: result))
        return result
    }

    /// Forwards to the wrapped store, then calls `hook(_:)`.
    open func uncheckedListDir(_ prefix: String) throws -> [String] {
        let result = try lister("listDir").uncheckedListDir(prefix)
        try hook(.listDir(prefix: prefix, result: result))
        return result
    }

    // MARK: Capabilities of the wrapped store

    private func reader(_ method: String) throws -> any ReadableStore {
        guard let store = readable else { throw missing("readable", method) }
        return store
    }

    private func writer(_ method: String) throws -> any WritableStore {
        guard let store = writable else { throw missing("writable", method) }
        return store
    }

    private func lister(_ method: String) throws -> any ListableStore {
        guard let store = listable else { throw missing("listable", method) }
        return store
    }

    private func missing(_ capability: String, _ method: String) -> StoreError {
        .unsupported(
            "\(StoreKeys.className(self)).\(method)(): the wrapped \(StoreKeys.className(sub)) is not \(capability)")
    }
}
