// The base of the node tree: a Zarr hierarchy is groups and arrays, each a
// "directory" in the store with a metadata document that describes it: `zarr.json`
// in v3 (https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#hierarchy),
// `.zarray` / `.zgroup` with `.zattrs` in v2.

import Foundation

/// A group or an array of a Zarr hierarchy (Python's `ZarrNode`).
///
/// `@unchecked Sendable`: every stored property is immutable after init and
/// stores are thread-safe, so nodes can be shared between threads.
open class ZarrNode: CustomStringConvertible, @unchecked Sendable {
    /// The store holding this node's metadata and data.
    public let store: BaseStore
    /// The node's path in the store ("" for the root).
    public let path: String
    /// The last part of the path.
    public let name: String
    /// The metadata document as stored, unknown members included: the `zarr.json` object
    /// (v3), or the `.zarray` / `.zgroup` object (v2).
    public let metadata: JSONObject
    /// The user attributes (`metadata["attributes"]` in v3, the `.zattrs` object in v2).
    public let attributes: JSONObject
    /// The Zarr format the node is stored in: 2 or 3.
    public let zarrFormat: Int

    /// Wraps a node whose path and document the subclass has already checked.
    init(store: BaseStore, checkedPath path: String, nodeDocument document: NodeDocument) {
        self.store = store
        self.path = path
        self.name = NodePath.name(path)
        self.metadata = document.metadata
        self.attributes = document.attributes
        self.zarrFormat = document.zarrFormat
    }

    /// Builds the group or array that `document` describes.
    static func make(
        store: BaseStore, path: String, document: NodeDocument, consolidated: ConsolidatedView? = nil
    ) throws -> ZarrNode {
        switch document.type {
        case .group: return ZarrGroup(store: store, checkedPath: path, document: document, consolidated: consolidated)
        case .array: return try ZarrArray(store: store, checkedPath: path, document: document)
        }
    }

    /// The metadata as indented JSON text, as Python's `json.dumps(metadata, indent=4)` writes it
    /// (characters beyond ASCII escaped).
    public var metadataText: String {
        JSONValue.object(metadata).prettyPrinted(indent: 4, asciiOnly: true)
    }

    /// Prints the metadata as indented JSON.
    public func printMetadata() {
        print(metadataText)
    }

    /// A one-line summary such as `<ZarrArray 'a/b' 7x9 uint16>`.
    open var oneLineDescription: String { "<\(type(of: self)) '\(path)'>" }

    open var description: String { oneLineDescription }
}
