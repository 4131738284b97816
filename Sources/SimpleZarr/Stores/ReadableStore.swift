// The "readable" capability of the abstract store interface: get a value, or
// parts of values.

import Foundation

/// A store that can read keys.
///
/// Adopters implement the `unchecked…` hooks; callers use `get(_:)` and
/// `getPartialValues(_:)`, which validate their arguments first and then call the
/// hooks. The hooks may assume valid keys and non-negative lengths; a range's start may be
/// negative, counting back from the end of the value (Python's `value[-n:]`).
///
/// `uncheckedGetPartialValues(_:)` has a default that reads each whole value with
/// `uncheckedGet(_:)` and slices it; override it when the store can read a byte
/// range directly.
public protocol ReadableStore: BaseStore {
    /// Returns the value of `key` (already validated), or throws
    /// `StoreError.keyNotFound` when there is none.
    func uncheckedGet(_ key: String) throws -> Data

    /// Returns one `Data` per range (ranges already validated): the bytes from
    /// `start`, `length` of them or up to the end when `length` is `nil`, clipped
    /// to the value; a negative start counts from the end (`-n`: the last `n` bytes, the
    /// whole value when it is shorter); a start at or past the end gives empty data.
    func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data]

    /// Returns the value of `key` (already validated) like `uncheckedGet(_:)`, but throws
    /// `ZarrError.limitExceeded` when it is longer than `maximumSize` bytes. Stores that can
    /// tell a value's size before reading it (files, HTTP lengths) should refuse it before
    /// allocating; the default reads the value and then checks.
    func uncheckedGet(_ key: String, maximumSize: Int) throws -> Data
}

extension ReadableStore {
    /// Default: `uncheckedGet(_:)`, then the size check.
    public func uncheckedGet(_ key: String, maximumSize: Int) throws -> Data {
        let value = try uncheckedGet(key)
        try StoreKeys.checkValueSize(value.count, maximumSize: maximumSize, key: key, self, "get")
        return value
    }

    /// Default: reads each whole value with `uncheckedGet(_:)` and slices it.
    public func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        var result: [Data] = []
        result.reserveCapacity(keyRanges.count)
        var lastKey: String?
        var lastValue = Data()
        for range in keyRanges {
            // Byte comparison: canonically equivalent spellings are different keys.
            if lastKey.map({ !StoreKeys.same($0, range.key) }) ?? true {
                lastValue = try uncheckedGet(range.key)
                lastKey = range.key
            }
            result.append(StoreKeys.slice(lastValue, start: range.start, length: range.length))
        }
        return result
    }

    /// Returns the value stored at `key`.
    ///
    /// - Throws: `StoreError.invalidKey` for a malformed key,
    ///   `StoreError.keyNotFound` when the key is absent.
    public func get(_ key: String) throws -> Data {
        try StoreKeys.checkKey(key, self, "get")
        return try uncheckedGet(key)
    }

    /// Returns the value stored at `key`, refusing one longer than `maximumSize` bytes (the
    /// library reads chunks this way, so that a huge file at a chunk key is an error, not an
    /// allocation of its size).
    ///
    /// - Throws: as `get(_:)`, and `ZarrError.limitExceeded` for a longer value.
    public func get(_ key: String, maximumSize: Int) throws -> Data {
        try StoreKeys.checkKey(key, self, "get")
        return try uncheckedGet(key, maximumSize: maximumSize)
    }

    /// Returns parts of values: for each `(key, start, length)`, `length` bytes from
    /// byte `start` (to the end when `length` is `nil`), clipped to the value. A negative
    /// `start` counts from the end, as Python slicing does: `(key, -16, nil)` is the last
    /// 16 bytes (the whole value if it is shorter).
    ///
    /// - Throws: `StoreError.invalidKey` for a malformed key or a negative length,
    ///   `StoreError.keyNotFound` when a key is absent.
    public func getPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        for range in keyRanges {
            try StoreKeys.checkKey(range.key, self, "getPartialValues")
            try StoreKeys.checkRange(range, self, "getPartialValues")
        }
        return try uncheckedGetPartialValues(keyRanges)
    }
}
