// The root of the store hierarchy, after the abstract store interface of the
// Zarr v3 core specification:
// https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#abstract-store-interface
//
// A store maps keys to byte values. Its capabilities are split over three
// protocols, `ReadableStore`, `WritableStore` and `ListableStore`, which a
// concrete store adopts as it can. Keys never start with "/"; "a/b" is a key in
// directory "a/".

import Foundation

/// The common base class of all stores.
///
/// A store holds key/value pairs (String keys, `Data` values). Capabilities come
/// from adopting `ReadableStore`, `WritableStore` and/or `ListableStore`.
///
/// Stores are used from many threads at once, so **every subclass must be
/// thread-safe**: guard mutable state with a lock (as `MemoryStore` does with a
/// `LockedValue`) or keep none. That promise is what the `@unchecked Sendable`
/// conformance of this class stands for.
open class BaseStore: @unchecked Sendable, CustomStringConvertible {
    /// Creates a store.
    public init() {}

    /// A short description such as `<MemoryStore>`; subclasses add details.
    open var description: String {
        "<\(String(describing: type(of: self)))>"
    }
}
