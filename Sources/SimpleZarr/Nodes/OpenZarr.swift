// Opening a node: find its metadata (v3 `zarr.json`, else v2 `.zmetadata` /
// `.zarray` / `.zgroup`) and build a group or an array.

import Foundation

/// Opens the group or array at `path` in `store` (Python's `open_zarr`), in either Zarr format.
///
/// A group opened here finds its children on first use: from its consolidated metadata when
/// it has some (then no listing and no further reads of metadata), else from the store.
///
/// - Parameters:
///   - zarrFormat: 2 or 3 to open only that format (one read fewer for v2); `nil` tries v3 first.
///   - useConsolidated: `false` ignores consolidated metadata, `true` requires it, `nil`
///     (the default) uses it when present. Consolidated metadata is a snapshot: nodes added or
///     changed since it was written are not listed through it (see `consolidateMetadata`).
/// - Throws: `ZarrError.nodeNotFound` naming the keys tried when there is no node at `path`;
///   `ZarrError.invalidMetadata` / `.unsupported` for a bad or unsupported document.
public func openZarr(
    _ store: any ReadableStore, path: String = "", zarrFormat: Int? = nil, useConsolidated: Bool? = nil
) throws -> ZarrNode {
    let path = try NodePath.checked(path, owner: "openZarr()")
    let found = try NodeLocator.find(store, path: path, zarrFormat: zarrFormat, useConsolidated: useConsolidated)
    return try ZarrNode.make(
        store: store, path: path, document: found.document,
        consolidated: found.consolidated.map { ConsolidatedView(metadata: $0, prefix: "") })
}

/// Opens the group or array at `path` in the store that `url` names (a directory, a `.zip`
/// archive, `http(s)://` or `s3://bucket/prefix`; see `openStore(_:writable:s3Endpoint:environment:)`),
/// so a ported script can take one location argument.
///
/// - Throws: what `openStore` and `openZarr(_:path:zarrFormat:useConsolidated:)` throw. A
///   hierarchy over HTTP lists its children only through consolidated metadata.
public func openZarr(
    url: String, path: String = "", zarrFormat: Int? = nil, useConsolidated: Bool? = nil
) throws -> ZarrNode {
    try openZarr(openStore(url), path: path, zarrFormat: zarrFormat, useConsolidated: useConsolidated)
}
