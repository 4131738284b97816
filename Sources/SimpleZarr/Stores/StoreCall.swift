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
