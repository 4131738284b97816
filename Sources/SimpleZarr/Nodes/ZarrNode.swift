// The base of the node tree: a Zarr hierarchy is groups and arrays, each a
// "directory" in the store with a `zarr.json` that describes it
// (https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html#hierarchy).

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
    /// The whole `zarr.json` document, unknown members included.
    public let metadata: JSONObject
    /// The user attributes (`metadata["attributes"]`).
    public let attributes: JSONObject

    /// Wraps a node whose path and metadata the subclass has already checked.
    init(store: BaseStore, checkedPath path: String, metadata: JSONObject, attributes: JSONObject) {
        self.store = store
        self.path = path
        self.name = NodePath.name(path)
        self.metadata = metadata
        self.attributes = attributes
    }

    /// The metadata as indented JSON text.
    public var metadataText: String {
        JSONValue.object(metadata).prettyPrinted(indent: 4)
    }

    /// Prints the metadata as indented JSON.
    public func printMetadata() {
        print(metadataText)
    }

    /// A one-line summary such as `<ZarrArray 'a/b' 7x9 uint16>`.
    open var oneLineDescription: String { "<\(type(of: self)) '\(path)'>" }

    open var description: String { oneLineDescription }
}
