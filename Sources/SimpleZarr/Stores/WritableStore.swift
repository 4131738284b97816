// The "writable" capability of the abstract store interface: set values (or parts
// of them) and erase keys.

import Foundation

/// A store that can write and erase keys.
///
/// Adopters implement `uncheckedSet(_:_:)` and `uncheckedErase(_:)`; the other
/// hooks have defaults built on them, which a store may override with something
/// faster:
/// - `uncheckedSetPartialValues(_:)` reads the whole value (the store must also be
///   a `ReadableStore`), splices in the new bytes and writes it back;
/// - `uncheckedEraseValues(_:)` erases the keys one by one;
/// - `uncheckedErasePrefix(_:)` lists the prefix (the store must also be a
///   `ListableStore`) and erases each key.
///
/// Callers use the validating methods `set`, `setPartialValues`, `erase`,
/// `eraseValues` and `erasePrefix`.
public protocol WritableStore: BaseStore {
    /// Stores `value` at `key` (already validated), replacing any old value.
    func uncheckedSet(_ key: String, _ value: Data) throws

    /// Overwrites bytes of existing values from each `start` on (arguments already
    /// validated). A value grows when the new bytes run past its end; a start past
    /// the end throws `StoreError.invalidKey`, a missing key `StoreError.keyNotFound`.
    func uncheckedSetPartialValues(_ values: [KeyStartValue]) throws

    /// Removes `key` (already validated); throws `StoreError.keyNotFound` when absent.
    func uncheckedErase(_ key: String) throws

    /// Removes each of `keys` (already validated), in order.
    func uncheckedEraseValues(_ keys: [String]) throws

    /// Removes every key below `prefix` (already validated; "/" means all keys).
    func uncheckedErasePrefix(_ prefix: String) throws
}

extension WritableStore {
    /// Default: get, splice and set each value; needs `ReadableStore`.
    public func uncheckedSetPartialValues(_ values: [KeyStartValue]) throws {
        guard let reader = self as? any ReadableStore else {
            throw StoreError.unsupported(
                "\(StoreKeys.className(self)).setPartialValues(): the store is not readable, so partial values cannot be set")
        }
        for item in values {
            var full = try reader.uncheckedGet(item.key)
            try StoreKeys.splice(&full, start: item.start, with: item.value,
                                 key: item.key, self, "setPartialValues")
            try uncheckedSet(item.key, full)
        }
    }

    /// Default: erases the keys one by one.
    public func uncheckedEraseValues(_ keys: [String]) throws {
        for key in keys {
            try uncheckedErase(key)
        }
    }

    /// Default: lists the prefix and erases each key; needs `ListableStore`.
    /// Keys that vanish in between (another thread erased them) are skipped.
    public func uncheckedErasePrefix(_ prefix: String) throws {
        guard let lister = self as? any ListableStore else {
            throw StoreError.unsupported(
                "\(StoreKeys.className(self)).erasePrefix(): the store is not listable, so a prefix cannot be erased")
        }
        for key in try lister.uncheckedListPrefix(prefix) {
            do {
                try uncheckedErase(key)
            } catch StoreError.keyNotFound {
                continue
            }
        }
    }

    /// Stores `value` at `key`, replacing any old value.
    ///
    /// - Throws: `StoreError.invalidKey` for a malformed key; `StoreError.conflict`
    ///   when the key clashes with existing keys (such as "a/b" when "a" is a key).
    public func set(_ key: String, _ value: Data) throws {
        try StoreKeys.checkKey(key, self, "set")
        try uncheckedSet(key, value)
    }

    /// For each `(key, start, value)`, overwrites the bytes of the existing value
    /// of `key` from byte `start` on with `value` (growing it if needed).
    ///
    /// - Throws: `StoreError.invalidKey` for a malformed key, a negative start or a
    ///   start past the end of the value; `StoreError.keyNotFound` for a missing key.
    public func setPartialValues(_ values: [KeyStartValue]) throws {
        for item in values {
            try StoreKeys.checkKey(item.key, self, "setPartialValues")
            try StoreKeys.checkStart(item, self, "setPartialValues")
        }
        try uncheckedSetPartialValues(values)
    }

    /// Removes `key` and its value.
    ///
    /// - Throws: `StoreError.invalidKey` for a malformed key,
    ///   `StoreError.keyNotFound` when the key is absent.
    public func erase(_ key: String) throws {
        try StoreKeys.checkKey(key, self, "erase")
        try uncheckedErase(key)
    }

    /// Removes each of `keys`. All keys are validated before any is erased.
    public func eraseValues(_ keys: [String]) throws {
        for key in keys {
            try StoreKeys.checkKey(key, self, "eraseValues")
        }
        try uncheckedEraseValues(keys)
    }

    /// Removes every key below the directory `prefix`, which ends with "/";
    /// "/" erases everything.
    public func erasePrefix(_ prefix: String) throws {
        try StoreKeys.checkPrefix(prefix, self, "erasePrefix")
        try uncheckedErasePrefix(prefix)
    }
}
