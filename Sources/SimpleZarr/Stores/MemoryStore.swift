// A store in memory: a dictionary from keys to values, guarded by a mutex. Keys are
// dictionary elements by their UTF-8 bytes (`StoreKey`), as in Python, so two
// canonically equivalent spellings are two keys, as they are two files in LocalStore.

import Foundation
import ZarrCompression

/// A readable, writable and listable store that keeps its values in memory.
///
/// Like a file system, the store refuses a key that would sit below an existing
/// key ("a/b" while "a" is a key) and a key that names a directory of existing
/// keys ("a" while "a/b" is a key); both throw `StoreError.conflict`. A directory
/// exists for as long as it holds keys.
///
/// Keys are told apart by their UTF-8 bytes: "caf\u{E9}" and "cafe\u{301}" are two
/// keys, although Swift's `==` calls the two strings equal.
///
/// Thread-safe: all state sits behind one lock (`LockedValue`), which is what makes the
/// `@unchecked Sendable` conformance true.
open class MemoryStore: BaseStore, ReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    private struct State {
        /// The key/value pairs.
        var values: [StoreKey: Data] = [:]
        /// Each directory ("a/", "a/b/") with the number of keys below it.
        var dirs: [StoreKey: Int] = [:]
    }

    private let state = LockedValue(State())

    /// Creates an empty store.
    public override init() {
        super.init()
    }

    /// Creates a store holding `fields`.
    ///
    /// - Throws: `StoreError.invalidKey` for a malformed key, `StoreError.conflict`
    ///   when two keys clash (such as "a" and "a/b").
    public init(fields: [String: Data] = [:]) throws {
        super.init()
        let keys = StoreKeys.sorted(fields.keys)
        for key in keys {
            try StoreKeys.checkKey(key, self, "init")
        }
        for key in keys {
            if let value = fields[key] {
                try uncheckedSet(key, value)
            }
        }
    }

    /// A snapshot of the stored key/value pairs.
    ///
    /// A Swift dictionary cannot hold two keys that `String`'s `==` calls equal
    /// (canonically equivalent spellings such as "caf\u{E9}" and "cafe\u{301}"); of
    /// such keys the snapshot keeps the one that sorts last by bytes. `list()` and
    /// `get(_:)` see them all.
    public var dict: [String: Data] {
        let pairs = state.withLock { st in st.values.sorted { $0.key < $1.key } }
        var result: [String: Data] = [:]
        result.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            result[key.string] = value
        }
        return result
    }

    /// The total number of bytes of all values.
    public var nbytes: Int {
        state.withLock { st in st.values.values.reduce(0) { $0 + $1.count } }
    }

    /// `<MemoryStore with N keys>`.
    open override var description: String {
        let n = state.withLock { $0.values.count }
        return "<\(StoreKeys.className(self)) with \(n) keys>"
    }

    // MARK: ReadableStore

    /// Returns the stored value (no copy).
    open func uncheckedGet(_ key: String) throws -> Data {
        guard let value = state.withLock({ $0.values[StoreKey(key)] }) else {
            throw StoreError.keyNotFound(key: key, method: "\(StoreKeys.className(self)).get")
        }
        return value
    }

    /// Copies only the requested bytes, under the lock.
    open func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        let outcome: Result<[Data], StoreError> = state.withLock { st in
            var result: [Data] = []
            result.reserveCapacity(keyRanges.count)
            for range in keyRanges {
                guard let value = st.values[StoreKey(range.key)] else {
                    return .failure(.keyNotFound(key: range.key, method: "getPartialValues"))
                }
                result.append(StoreKeys.slice(value, start: range.start, length: range.length))
            }
            return .success(result)
        }
        return try qualified(outcome).get()
    }

    // MARK: WritableStore

    /// Stores the value, refusing keys that clash with existing keys or directories.
    open func uncheckedSet(_ key: String, _ value: Data) throws {
        // Keep values zero-based so callers can index what `get` returns from 0.
        let value = value.startIndex == 0 ? value : Data(value)
        let parents = StoreKeys.parentDirs(key)
        let name = StoreKeys.className(self)
        let storeKey = StoreKey(key)
        let failure: StoreError? = state.withLock { st in
            if st.values[storeKey] != nil {
                st.values[storeKey] = value
                return nil
            }
            for dir in parents {
                let asKey = String(decoding: dir.utf8.dropLast(), as: UTF8.self)
                if st.values[StoreKey(asKey)] != nil {
                    return .conflict(
                        "\(name).set(): cannot set \(StoreKeys.repr(key)) because \(StoreKeys.repr(asKey)) exists")
                }
            }
            if st.dirs[StoreKey(key + "/")] != nil {
                return .conflict("\(name).set(): cannot set \(StoreKeys.repr(key)) because it is a directory")
            }
            for dir in parents {
                st.dirs[StoreKey(dir), default: 0] += 1
            }
            st.values[storeKey] = value
            return nil
        }
        if let failure { throw failure }
    }

    /// Splices in place, under the lock, so concurrent partial writes do not lose
    /// each other's bytes.
    open func uncheckedSetPartialValues(_ values: [KeyStartValue]) throws {
        let outcome: Result<Void, StoreError> = state.withLock { st in
            for item in values {
                let key = StoreKey(item.key)
                guard var value = st.values.removeValue(forKey: key) else {
                    return .failure(.keyNotFound(key: item.key, method: "setPartialValues"))
                }
                do {
                    try StoreKeys.splice(&value, start: item.start, with: item.value,
                                         key: item.key, self, "setPartialValues")
                } catch {
                    st.values[key] = value
                    return .failure(error as? StoreError ?? .invalidKey("\(error)"))
                }
                st.values[key] = value
            }
            return .success(())
        }
        try qualified(outcome).get()
    }

    /// Removes the key; directories left empty disappear.
    open func uncheckedErase(_ key: String) throws {
        try uncheckedEraseValues([key], method: "erase")
    }

    /// Erases under one lock; stops at the first missing key (earlier keys stay erased).
    open func uncheckedEraseValues(_ keys: [String]) throws {
        try uncheckedEraseValues(keys, method: "eraseValues")
    }

    /// Removes the matching keys under one lock.
    open func uncheckedErasePrefix(_ prefix: String) throws {
        let p = StoreKeys.isRoot(prefix) ? "" : prefix
        state.withLock { st in
            if p.isEmpty {
                st.values.removeAll()
                st.dirs.removeAll()
                return
            }
            let doomed = st.values.keys.filter { StoreKeys.hasPrefix($0.string, p) }
            for key in doomed {
                Self.remove(key, from: &st)
            }
        }
    }

    // MARK: ListableStore

    /// All keys, sorted.
    open func uncheckedList() throws -> [String] {
        StoreKeys.sorted(state.withLock { $0.values.keys.map(\.string) })
    }

    /// Filters under the lock and sorts only the matches.
    open func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        let p = StoreKeys.isRoot(prefix) ? "" : prefix
        let matches = state.withLock { st in st.values.keys.compactMap { StoreKeys.hasPrefix($0.string, p) ? $0.string : nil } }
        return StoreKeys.sorted(matches)
    }

    /// Derives the entries from the keys below the prefix.
    open func uncheckedListDir(_ prefix: String) throws -> [String] {
        let p = StoreKeys.isRoot(prefix) ? "" : prefix
        let matches = state.withLock { st in st.values.keys.compactMap { StoreKeys.hasPrefix($0.string, p) ? $0.string : nil } }
        return StoreKeys.dirEntries(matches, in: prefix)
    }

    // MARK: Helpers

    private func uncheckedEraseValues(_ keys: [String], method: String) throws {
        let missing: String? = state.withLock { st in
            for key in keys {
                let storeKey = StoreKey(key)
                guard st.values[storeKey] != nil else { return key }
                Self.remove(storeKey, from: &st)
            }
            return nil
        }
        if let missing {
            throw StoreError.keyNotFound(key: missing, method: "\(StoreKeys.className(self)).\(method)")
        }
    }

    /// Removes an existing key and drops directories that become empty.
    private static func remove(_ key: StoreKey, from st: inout State) {
        guard st.values.removeValue(forKey: key) != nil else { return }
        for dir in StoreKeys.parentDirs(key.string) {
            let dirKey = StoreKey(dir)
            let n = (st.dirs[dirKey] ?? 1) - 1
            st.dirs[dirKey] = n > 0 ? n : nil
        }
    }

    /// Adds the class name to a method name in a key-not-found error built under the lock.
    private func qualified<T>(_ outcome: Result<T, StoreError>) -> Result<T, StoreError> {
        outcome.mapError { error in
            if case .keyNotFound(let key, let method) = error {
                return .keyNotFound(key: key, method: "\(StoreKeys.className(self)).\(method)")
            }
            return error
        }
    }
}
