// The "listable" capability of the abstract store interface: list all keys, the
// keys below a prefix, and the direct entries of a directory.

import Foundation

/// A store that can list its keys.
///
/// Adopters implement `uncheckedList()`; `uncheckedListPrefix(_:)` and
/// `uncheckedListDir(_:)` have defaults that filter the full list, which a store
/// should override when it can do better. Results are sorted by code point, like
/// Python's `sorted()`.
public protocol ListableStore: BaseStore {
    /// All keys of the store (the built-in stores return them sorted).
    func uncheckedList() throws -> [String]

    /// All keys below `prefix` (already validated; "/" means the root), recursively.
    func uncheckedListPrefix(_ prefix: String) throws -> [String]

    /// The direct entries of directory `prefix` (already validated; "/" means the
    /// root): its keys, plus a "sub/" prefix for each subdirectory.
    func uncheckedListDir(_ prefix: String) throws -> [String]
}

extension ListableStore {
    /// Default: filters `uncheckedList()`.
    public func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        StoreKeys.keys(try uncheckedList(), withPrefix: prefix)
    }

    /// Default: derives the entries from `uncheckedList()`.
    public func uncheckedListDir(_ prefix: String) throws -> [String] {
        StoreKeys.dirEntries(try uncheckedList(), in: prefix)
    }

    /// All keys in the store.
    public func list() throws -> [String] {
        try uncheckedList()
    }

    /// All keys below the directory `prefix` (which ends with "/"; "/" is the root),
    /// at any depth. With keys "a/b", "a/c/d" and "e/f/g", `listPrefix("a/")` gives
    /// "a/b" and "a/c/d".
    ///
    /// - Throws: `StoreError.invalidKey` for a malformed prefix.
    public func listPrefix(_ prefix: String) throws -> [String] {
        try StoreKeys.checkPrefix(prefix, self, "listPrefix")
        return try uncheckedListPrefix(prefix)
    }

    /// The direct entries of the directory `prefix` (which ends with "/"; "/" is the
    /// root): keys right in it and the prefixes of its subdirectories. With keys
    /// "a/b", "a/c", "a/d/e" and "a/f/g", `listDir("a/")` gives "a/b", "a/c", "a/d/"
    /// and "a/f/"; `listDir("b/")` gives nothing.
    ///
    /// - Throws: `StoreError.invalidKey` for a malformed prefix.
    public func listDir(_ prefix: String) throws -> [String] {
        try StoreKeys.checkPrefix(prefix, self, "listDir")
        return try uncheckedListDir(prefix)
    }
}
