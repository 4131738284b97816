// A store in memory: a dictionary from keys to values, guarded by a mutex.

import Foundation
import ZarrCompression

/// A readable, writable and listable store that keeps its values in memory.
///
/// Like a file system, the store refuses a key that would sit below an existing
/// key ("a/b" while "a" is a key) and a key that names a directory of existing
/// keys ("a" while "a/b" is a key); both throw `StoreError.conflict`. A directory
/// exists for as long as it holds keys.
///
/// Thread-safe: all state sits behind one lock (`LockedValue`), which is what makes the
/// `@unchecked Sendable` conformance true.
open class MemoryStore: BaseStore, ReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    private struct State {
        /// The key/value pairs.
        var values: [String: Data] = [:]
        /// Each directory ("a/", "a/b/") with the number of keys below it.
        var dirs: [String: Int] = [:]
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
    public var dict: [String: Data] {
        state.withLock { $0.values }
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
        guard let value = state.withLock({ $0.values[key] }) else {
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
                guard let value = st.values[range.key] else {
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
        let failure: StoreError? = state.withLock { st in
            if st.values[key] != nil {
                st.values[key] = value
                return nil
            }
            for dir in parents {
                let asKey = String(decoding: dir.utf8.dropLast(), as: UTF8.self)
                if st.values[asKey] != nil {
                    return .conflict(
                        "\(name).set(): cannot set \(StoreKeys.repr(key)) because \(StoreKeys.repr(asKey)) exists")
                }
            }
            if st.dirs[key + "/"] != nil {
                return .conflict("\(name).set(): cannot set \(StoreKeys.repr(key)) because it is a directory")
            }
            for dir in parents {
                st.dirs[dir, default: 0] += 1
            }
            st.values[key] = value
            return nil
        }
        if let failure { throw failure }
    }

    /// Splices in place, under the lock, so concurrent partial writes do not lose
    /// each other's bytes.
    open func uncheckedSetPartialValues(_ values: [KeyStartValue]) throws {
        let outcome: Result<Void, StoreError> = state.withLock { st in
            for item in values {
                guard var value = st.values.removeValue(forKey: item.key) else {
                    return .failure(.keyNotFound(key: item.key, method: "setPartialValues"))
                }
                do {
                    try StoreKeys.splice(&value, start: item.start, with: item.value,
                                         key: item.key, self, "setPartialValues")
                } catch {
                    st.values[item.key] = value
                    return .failure(error as? StoreError ?? .invalidKey("\(error)"))
                }
                st.values[item.key] = value
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
            let doomed = st.values.keys.filter { StoreKeys.hasPrefix($0, p) }
            for key in doomed {
                Self.remove(key, from: &st)
            }
        }
    }

    // MARK: ListableStore

    /// All keys, sorted.
    open func uncheckedList() throws -> [String] {
        StoreKeys.sorted(state.withLock { Array($0.values.keys) })
    }

    /// Filters under the lock and sorts only the matches.
    open func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        let p = StoreKeys.isRoot(prefix) ? "" : prefix
        let matches = state.withLock { st in st.values.keys.filter { StoreKeys.hasPrefix($0, p) } }
        return StoreKeys.sorted(matches)
    }

    /// Derives the entries from the keys below the prefix.
    open func uncheckedListDir(_ prefix: String) throws -> [String] {
        let p = StoreKeys.isRoot(prefix) ? "" : prefix
        let matches = state.withLock { st in st.values.keys.filter { StoreKeys.hasPrefix($0, p) } }
        return StoreKeys.dirEntries(matches, in: prefix)
    }

    // MARK: Helpers

    private func uncheckedEraseValues(_ keys: [String], method: String) throws {
        let missing: String? = state.withLock { st in
            for key in keys {
                guard st.values[key] != nil else { return key }
                Self.remove(key, from: &st)
            }
            return nil
        }
        if let missing {
            throw StoreError.keyNotFound(key: missing, method: "\(StoreKeys.className(self)).\(method)")
        }
    }

    /// Removes an existing key and drops directories that become empty.
    private static func remove(_ key: String, from st: inout State) {
        guard st.values.removeValue(forKey: key) != nil else { return }
        for dir in StoreKeys.parentDirs(key) {
            let n = (st.dirs[dir] ?? 1) - 1
            st.dirs[dir] = n > 0 ? n : nil
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
