// Opening a node: read `<path>/zarr.json` and build a group or an array.

import Foundation

/// Opens the group or array at `path` in `store` (Python's `open_zarr`).
///
/// - Throws: `StoreError.keyNotFound` when there is no `zarr.json` at `path`;
///   `ZarrError.invalidMetadata` / `.unsupported` for a bad or unsupported document.
public func openZarr(_ store: any ReadableStore, path: String = "") throws -> ZarrNode {
    let path = try NodePath.checked(path, owner: "openZarr()")
    let key = NodePath.metadataKey(path)
    let bytes = try store.get(key)
    let (object, type) = try NodeMetadata.parse(bytes, key: key)
    switch type {
    case .group: return try ZarrGroup(store: store, path: path, metadata: object)
    case .array: return try ZarrArray(store: store, path: path, metadata: object)
    }
}
