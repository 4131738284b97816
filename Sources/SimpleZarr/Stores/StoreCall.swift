// The description of one store call, as passed to `WrapperStore.hook(_:)`.

import Foundation

/// One completed call on a `WrapperStore`: the method, its arguments and, for
/// reads and listings, its result. Python's `_hook(method, args, result)` gets the
/// same three things; here they are one enum value.
public enum StoreCall: Sendable {
    /// `get(key)` returned `result`.
    case get(key: String, result: Data)
    /// `getPartialValues(keyRanges)` returned `result`.
    case getPartialValues(keyRanges: [KeyRange], result: [Data])
    /// `set(key, value)`.
    case set(key: String, value: Data)
    /// `setPartialValues(values)`.
    case setPartialValues(values: [KeyStartValue])
    /// `erase(key)`.
    case erase(key: String)
    /// `eraseValues(keys)`.
    case eraseValues(keys: [String])
    /// `erasePrefix(prefix)`.
    case erasePrefix(prefix: String)
    /// `list()` returned `result`.
    case list(result: [String])
    /// `listPrefix(prefix)` returned `result`.
    case listPrefix(prefix: String, result: [String])
    /// `listDir(prefix)` returned `result`.
    case listDir(prefix: String, result: [String])

    /// The Python name of the method ("get", "get_partial_values", "set",
    /// "set_partial_values", "erase", "erase_values", "erase_prefix", "list",
    /// "list_prefix", "list_dir"), so hooks ported from Python can switch on it.
    public var method: String {
        switch self {
        case .get: return "get"
        case .getPartialValues: return "get_partial_values"
        case .set: return "set"
        case .setPartialValues: return "set_partial_values"
        case .erase: return "erase"
        case .eraseValues: return "erase_values"
        case .erasePrefix: return "erase_prefix"
        case .list: return "list"
        case .listPrefix: return "list_prefix"
        case .listDir: return "list_dir"
        }
    }
}

// MARK: - Arguments and results without a switch

extension StoreCall {
    /// The one key of `get`, `set` and `erase`; `nil` for the other calls (see `keys`, `prefix`).
    public var key: String? {
        switch self {
        case .get(let key, _), .set(let key, _), .erase(let key): return key
        default: return nil
        }
    }

    /// Every key whose value the call read, wrote or erased, as its arguments name them:
    /// the key of `get`, `set` and `erase`, the keys of `getPartialValues`, `setPartialValues`
    /// and `eraseValues` (in order, repeats kept). Empty for listings and `erasePrefix`,
    /// whose keys are not named (see `prefix` and `listed`).
    public var keys: [String] {
        switch self {
        case .get(let key, _), .set(let key, _), .erase(let key): return [key]
        case .getPartialValues(let keyRanges, _): return keyRanges.map(\.key)
        case .setPartialValues(let values): return values.map(\.key)
        case .eraseValues(let keys): return keys
        case .erasePrefix, .list, .listPrefix, .listDir: return []
        }
    }

    /// The prefix of `erasePrefix`, `listPrefix` and `listDir`; `nil` for the other calls.
    public var prefix: String? {
        switch self {
        case .erasePrefix(let prefix), .listPrefix(let prefix, _), .listDir(let prefix, _): return prefix
        default: return nil
        }
    }

    /// The whole value of one key that the call moved: what `get` returned, what `set` stored.
    /// `nil` for the other calls (see `values`).
    public var value: Data? {
        switch self {
        case .get(_, let data), .set(_, let data): return data
        default: return nil
        }
    }

    /// Every byte string the call read or wrote: `get`'s result, `getPartialValues`' results,
    /// `set`'s value, `setPartialValues`' values. Empty for erasing and listing.
    public var values: [Data] {
        switch self {
        case .get(_, let data), .set(_, let data): return [data]
        case .getPartialValues(_, let results): return results
        case .setPartialValues(let values): return values.map(\.value)
        case .erase, .eraseValues, .erasePrefix, .list, .listPrefix, .listDir: return []
        }
    }

    /// The number of bytes the call read or wrote (the sizes of `values`, added).
    public var byteCount: Int {
        values.reduce(0) { $0 + $1.count }
    }

    /// The keys (and for `listDir`, prefixes) a listing returned; `nil` for the other calls.
    public var listed: [String]? {
        switch self {
        case .list(let result), .listPrefix(_, let result), .listDir(_, let result): return result
        default: return nil
        }
    }

    /// Whether the call read values (`get`, `getPartialValues`).
    public var isRead: Bool {
        switch self {
        case .get, .getPartialValues: return true
        default: return false
        }
    }

    /// Whether the call changed the store (`set`, `setPartialValues`, `erase`, `eraseValues`,
    /// `erasePrefix`): what a caching wrapper invalidates on.
    public var isWrite: Bool {
        switch self {
        case .set, .setPartialValues, .erase, .eraseValues, .erasePrefix: return true
        default: return false
        }
    }
}
