// Writing consolidated metadata for a hierarchy (the reading side is in
// Metadata/ConsolidatedMetadata.swift): walk the group's tree in the store, then
// write every node's document into one place, in the group's own format:
//   v2: `<path>/.zmetadata`, as zarr-python 2 writes it;
//   v3: the group's `zarr.json` gains "consolidated_metadata" (kind "inline"),
//       as zarr-python 3 writes it.

import Foundation

/// Gathers the metadata of every node below the group at `path` into that group's consolidated
/// metadata (Python zarr's `consolidate_metadata`), and returns the group opened from it.
///
/// The result is a snapshot. Nodes created, removed or changed afterwards are not seen by a group
/// opened with consolidated metadata (`openZarr` uses it by default): listing shows the nodes as
/// they were, and arrays keep the shape and codecs recorded then (chunk data is always read from
/// the store). A node missing from the snapshot can still be reached by path (`group["new"]`
/// reads the store). Call this again after changing the hierarchy, or open it with
/// `useConsolidated: false`.
///
/// - Throws: `ZarrError.invalidArgument` when `path` is not a group or the store cannot list;
///   the error of a node below whose metadata cannot be read (nothing is written then);
///   store errors.
@discardableResult
public func consolidateMetadata(_ store: any WritableStore, path: String = "") throws -> ZarrGroup {
    let method = "consolidateMetadata()"
    let path = try NodePath.checked(path, owner: method)
    guard let readable = store as? any ReadableStore, store is any ListableStore else {
        throw ZarrError.invalidArgument("\(method): the store \(type(of: store)) must be readable and listable")
    }
    guard let root = try openZarr(readable, path: path, useConsolidated: false) as? ZarrGroup else {
        throw ZarrError.invalidArgument("\(method): '\(path)' is an array, not a group")
    }
    var nodes: [(relativePath: String, node: ZarrNode)] = []
    func collect(_ group: ZarrGroup, prefix: String) throws {
        if let broken = try group.unreadableChildren.first { throw broken.error }
        for child in try group.children {
            let relativePath = NodePath.join(prefix, child.name)
            nodes.append((relativePath, child))
            if let subgroup = child as? ZarrGroup { try collect(subgroup, prefix: relativePath) }
        }
    }
    try collect(root, prefix: "")

    if root.zarrFormat == 2 {
        var metadata: JSONObject = [
            V2Metadata.groupDocumentName: .object(root.metadata),
            V2Metadata.attributesDocumentName: .object(root.attributes),
        ]
        for (relativePath, node) in nodes {
            let name = node is ZarrArray ? V2Metadata.arrayDocumentName : V2Metadata.groupDocumentName
            metadata[NodePath.join(relativePath, V2Metadata.attributesDocumentName)] = .object(node.attributes)
            metadata[NodePath.join(relativePath, name)] = .object(node.metadata)
        }
        let document: JSONObject = ["metadata": .object(metadata), "zarr_consolidated_format": 1]
        try store.set(NodePath.join(path, ConsolidatedMetadata.v2DocumentName), MetadataWriting.encoded(document))
    } else {
        // Flat keys at the root, as zarr-python 3 writes them; each nested group's entry carries an
        // empty consolidated_metadata of its own, without which zarr-python does not look up that
        // group's children in the root's snapshot.
        func member(_ metadata: JSONObject) -> JSONValue {
            ["kind": "inline", "must_understand": false, "metadata": .object(metadata)]
        }
        var metadata = JSONObject()
        for (relativePath, node) in nodes {
            var document = node.metadata
            if node is ZarrGroup {
                document["consolidated_metadata"] = member([:])
            } else {
                document["consolidated_metadata"] = nil  // removes the member
            }
            metadata[relativePath] = .object(document)
        }
        var document = root.metadata
        document["consolidated_metadata"] = member(metadata)
        try MetadataWriting.writeV3(document, at: path, to: store)
    }
    guard let group = try openZarr(readable, path: path, zarrFormat: root.zarrFormat, useConsolidated: true) as? ZarrGroup else {
        throw ZarrError.invalidArgument("\(method): '\(path)' is no longer a group")
    }
    return group
}
