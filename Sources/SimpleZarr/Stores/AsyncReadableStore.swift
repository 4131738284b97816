// Non-blocking reads: a store whose requests wait on the network answers with futures, so the
// array read paths never hold a CPU pool thread while a request is in flight. Every readable
// store offers `getFuture` / `getPartialValuesFuture`; for a store that is not an
// `AsyncReadableStore` they run the synchronous call on the calling thread.

import Foundation

/// A readable store that can start reads without blocking the calling thread.
///
/// The library's array reads (`getChunkFuture`, slice reads, the sharding partial reader)
/// start their requests through these hooks and continue decoding on the CPU pool when a
/// request completes. Requests run on `ioExecutor`, which bounds how many are in flight.
///
/// The hooks have defaults that run the synchronous `unchecked…` calls on a thread of
/// `ioExecutor`: a store whose calls block (a simulated slow store, a wrapper of a
/// blocking client) adopts the protocol by naming its executor; a store with a callback API
/// (HTTP) overrides the hooks and holds no thread while it waits.
public protocol AsyncReadableStore: ReadableStore {
    /// The executor that bounds this store's requests in flight.
    var ioExecutor: IOExecutor { get }

    /// Starts reading the value of `key` (already validated), refusing one longer than
    /// `maximumSize` bytes; the future fails with `StoreError.keyNotFound` when there is none.
    func uncheckedGetFuture(_ key: String, maximumSize: Int) -> Future<Data>

    /// Starts reading byte ranges (already validated), with the meaning of
    /// `uncheckedGetPartialValues(_:)`.
    func uncheckedGetPartialValuesFuture(_ keyRanges: [KeyRange]) -> Future<[Data]>
}

extension AsyncReadableStore {
    /// Default: the synchronous `uncheckedGet(_:maximumSize:)` on a thread of `ioExecutor`.
    public func uncheckedGetFuture(_ key: String, maximumSize: Int) -> Future<Data> {
        ioExecutor.run { [self] in try uncheckedGet(key, maximumSize: maximumSize) }
    }

    /// Default: the synchronous `uncheckedGetPartialValues(_:)` on a thread of `ioExecutor`.
    public func uncheckedGetPartialValuesFuture(_ keyRanges: [KeyRange]) -> Future<[Data]> {
        ioExecutor.run { [self] in try uncheckedGetPartialValues(keyRanges) }
    }
}

extension ReadableStore {
    /// Reads the value at `key` (at most `maximumSize` bytes) and returns its future.
    ///
    /// An `AsyncReadableStore` starts the request and returns at once; any other store reads
    /// on the calling thread and returns a completed future.
    ///
    /// - Throws (in the future): as `get(_:maximumSize:)`.
    public func getFuture(_ key: String, maximumSize: Int = .max) -> Future<Data> {
        do {
            try StoreKeys.checkKey(key, self, "get")
        } catch {
            return .failed(error)
        }
        if let async = self as? any AsyncReadableStore {
            return async.uncheckedGetFuture(key, maximumSize: maximumSize)
        }
        return .completed { try uncheckedGet(key, maximumSize: maximumSize) }
    }

    /// Reads parts of values (see `getPartialValues(_:)`) and returns their future, without
    /// blocking for an `AsyncReadableStore`.
    ///
    /// - Throws (in the future): as `getPartialValues(_:)`.
    public func getPartialValuesFuture(_ keyRanges: [KeyRange]) -> Future<[Data]> {
        do {
            for range in keyRanges {
                try StoreKeys.checkKey(range.key, self, "getPartialValues")
                try StoreKeys.checkRange(range, self, "getPartialValues")
            }
        } catch {
            return .failed(error)
        }
        if let async = self as? any AsyncReadableStore {
            return async.uncheckedGetPartialValuesFuture(keyRanges)
        }
        return .completed { try uncheckedGetPartialValues(keyRanges) }
    }

    /// The I/O executor of an `AsyncReadableStore`, `nil` for a store that reads synchronously.
    var asyncIOExecutor: IOExecutor? {
        (self as? any AsyncReadableStore)?.ioExecutor
    }
}
