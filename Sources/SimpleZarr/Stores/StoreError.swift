// Errors thrown by the stores (Stores/). Python's simplezarr raises `IOError` for a
// missing key and `ValueError`/`TypeError` for a malformed key; here each failure
// is a case of `StoreError` whose message names the store class, the method and
// the offending value.

import Foundation

/// An error thrown by a store.
///
/// Printing the error (`description`) gives a complete, human-readable message,
/// for example `MemoryStore.get(): key 'a/b' does not exist`.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key is not in the store (Python's `IOError`). `method` is the qualified
    /// method name that noticed it, such as `"MemoryStore.get"`.
    case keyNotFound(key: String, method: String)
    /// A key, prefix or byte range that a caller passed is malformed (or, for
    /// `LocalStore`, names a file the file system cannot hold).
    case invalidKey(String)
    /// The write would clash with the existing layout of the store, e.g. a key
    /// below an existing key, a key where a directory already is, or (in
    /// `LocalStore`) a symbolic link on the way that a write or erase refuses to
    /// pass through.
    case conflict(String)
    /// The store lacks a capability that the operation needs.
    case unsupported(String)
    /// The file system refused an operation; the message holds the path and the reason.
    case io(String)
    /// A remote store's request failed: `method` and `url` of the request, the HTTP `status`
    /// of the last reply (`nil` when no valid reply came: connection error, timeout, short
    /// body) and the `reason`, after any retries.
    case remote(method: String, url: String, status: Int?, reason: String)
    /// Stored bytes are malformed or damaged (a zip archive whose records do not add up, an
    /// entry whose CRC-32 does not match); the message names the file, the key and the fault.
    case corrupt(String)

    /// The complete message of the error.
    public var message: String {
        switch self {
        case .keyNotFound(let key, let method):
            return "\(method)(): key \(StoreKeys.repr(key)) does not exist"
        case .invalidKey(let m), .conflict(let m), .unsupported(let m), .io(let m), .corrupt(let m):
            return m
        case .remote(let method, let url, let status, let reason):
            return "\(method) \(url)" + (status.map { ": HTTP \($0)" } ?? "") + ": \(reason)"
        }
    }

    /// Same as `message`.
    public var description: String { message }

    /// The missing key of `keyNotFound` (Python's `KeyError` / `IOError` argument); `nil` otherwise.
    public var key: String? {
        if case .keyNotFound(let key, _) = self { return key }
        return nil
    }

    /// The HTTP status of a `remote` error that got a reply; `nil` otherwise.
    public var httpStatus: Int? {
        if case .remote(_, _, let status, _) = self { return status }
        return nil
    }
}

extension StoreError: LocalizedError {
    /// Same as `message`, so `localizedDescription` shows it too.
    public var errorDescription: String? { message }
}
