// Writing node metadata documents to a store, as indented JSON like zarr-python's.

import Foundation

/// Writes metadata documents.
enum MetadataWriting {
    /// Writes a v3 `zarr.json` at `path`.
    static func writeV3(_ document: JSONObject, at path: String, to store: any WritableStore) throws {
        try store.set(NodePath.metadataKey(path), encoded(document))
    }

    /// Writes a v2 node: its `.zattrs` first, then the `.zarray` / `.zgroup` (`name`) whose
    /// presence makes the node exist, so a reader never sees the node without its attributes.
    static func writeV2(
        _ document: JSONObject, named name: String, attributes: JSONObject, at path: String, to store: any WritableStore
    ) throws {
        try store.set(NodePath.join(path, V2Metadata.attributesDocumentName), encoded(attributes))
        try store.set(NodePath.join(path, name), encoded(document))
    }

    /// A document as the bytes of indented JSON.
    static func encoded(_ document: JSONObject) -> Data {
        Data(JSONValue.object(document).prettyPrinted().utf8)
    }
}
