// A group node: a `zarr.json` with node_type "group", whose children are
// the nodes in the sub-directories of its path.

import Foundation

/// A child of a group whose `zarr.json` exists but could not be opened.
public struct UnreadableNode: Sendable, CustomStringConvertible {
    /// The child's name inside its group.
    public let name: String
    /// The child's path from the root of the store.
    public let path: String
    /// Why it could not be opened (a bad or unsupported `zarr.json`, a store error).
    public let error: any Error

    /// `<unreadable 'path': error>`, as the group's structure shows it.
    public var description: String { "<unreadable '\(path)': \(error)>" }
}

/// A group of a Zarr hierarchy (Python's `ZarrGroup`).
///
/// Its children are found when it is opened (with `listDir` on a listable
/// store) and can be reached by path: `try group["a/b"]`. Names are compared
/// by their UTF-8 bytes, as the store compares keys.
public final class ZarrGroup: ZarrNode, @unchecked Sendable {
    /// The child nodes, in the order the store lists them.
    public let children: [ZarrNode]
    /// Children whose `zarr.json` could not be opened; reaching one by name throws its error.
    public let unreadableChildren: [UnreadableNode]
    private let childrenByName: [StoreKey: ZarrNode]
    private let unreadableByName: [StoreKey: UnreadableNode]

    /// Wraps the group at `path` whose `zarr.json` holds `metadata`, and opens its children.
    ///
    /// A sub-directory without a `zarr.json` is not a child. A child whose `zarr.json`
    /// cannot be opened does not make the group unreadable: it is listed in
    /// `unreadableChildren`, and `group[name]` throws its error.
    public init(store: BaseStore, path: String, metadata: JSONObject) throws {
        let (checkedPath, key) = try NodePath.checkedNode(path, metadata: metadata, type: .group)
        let attributes = try NodeMetadata.attributes(of: metadata, key: key)
        var children: [ZarrNode] = []
        var unreadable: [UnreadableNode] = []
        if let listable = store as? any ListableStore, let readable = store as? any ReadableStore {
            let prefix = checkedPath.isEmpty ? "/" : checkedPath + "/"
            let dropCount = checkedPath.isEmpty ? 0 : prefix.utf8.count
            for item in try listable.listDir(prefix) where item.utf8.last == UInt8(ascii: "/") {
                // Cut by bytes: a name may start with a combining mark, which `Character`s would merge.
                guard let childName = String(item.utf8.dropFirst(dropCount).dropLast()) else { continue }
                let childPath = NodePath.join(checkedPath, childName)
                do {
                    children.append(try openZarr(readable, path: childPath))
                } catch StoreError.keyNotFound {
                    continue  // a plain directory, not a node
                } catch {
                    unreadable.append(UnreadableNode(name: childName, path: childPath, error: error))
                }
            }
        }
        self.children = children
        self.unreadableChildren = unreadable
        self.childrenByName = Dictionary(children.map { (StoreKey($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        self.unreadableByName = Dictionary(unreadable.map { (StoreKey($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        super.init(store: store, checkedPath: checkedPath, metadata: metadata, attributes: attributes)
    }

    /// The node at `path` below this group (`"a"` or `"a/b/c"`).
    ///
    /// - Throws: `ZarrError.invalidArgument` naming the missing child; the child's own
    ///   error when its `zarr.json` could not be opened.
    public subscript(path: String) -> ZarrNode {
        get throws {
            let parts = path.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
            guard let first = parts.first else {
                throw ZarrError.invalidArgument("ZarrGroup['\(path)']: the path is empty")
            }
            guard let child = childrenByName[StoreKey(first)] else {
                if let broken = unreadableByName[StoreKey(first)] { throw broken.error }
                throw ZarrError.invalidArgument("ZarrGroup '\(self.path)' does not have a child named '\(first)'")
            }
            guard parts.count > 1 else { return child }
            guard let group = child as? ZarrGroup else {
                throw ZarrError.invalidArgument("ZarrGroup['\(path)']: '\(child.path)' is an array, not a group")
            }
            return try group[parts.dropFirst().joined(separator: "/")]
        }
    }

    public override var oneLineDescription: String {
        "<ZarrGroup '\(path)' with \(children.count) children>"
    }

    /// The tree below this group, one node per line, indented by depth (Python's repr shows depth 1).
    public override var description: String { getStructure(maxDepth: 1) }

    /// The tree below this group as text, down to `maxDepth` levels, starting `indent` spaces in
    /// (clamped to 0...65,536, so no argument can ask for a string of gigabytes).
    public func getStructure(maxDepth: Int = 999, indent: Int = 0) -> String {
        let indent = min(max(0, indent), 1 << 16)
        var lines = String(repeating: " ", count: indent) + oneLineDescription
        guard maxDepth > 0 else { return lines }
        for child in children {
            lines += "\n"
            if let group = child as? ZarrGroup {
                lines += group.getStructure(maxDepth: maxDepth - 1, indent: indent + 4)
            } else {
                lines += String(repeating: " ", count: indent + 4) + child.oneLineDescription
            }
        }
        for broken in unreadableChildren {
            lines += "\n" + String(repeating: " ", count: indent + 4) + broken.description
        }
        return lines
    }

    /// Prints `getStructure(maxDepth:)`.
    public func printStructure(maxDepth: Int = 999) {
        print(getStructure(maxDepth: maxDepth))
    }

    // MARK: Creating

    /// Writes a new group's `zarr.json` at `path` and opens it (Python's `ZarrGroup.create`).
    @discardableResult
    public static func create(_ store: any WritableStore, _ path: String = "", attributes: JSONObject? = nil) throws -> ZarrGroup {
        let path = try NodePath.checked(path, owner: "ZarrGroup.create()")
        var metadata: JSONObject = ["zarr_format": 3, "node_type": "group"]
        if let attributes { metadata["attributes"] = .object(attributes) }
        try store.set(NodePath.metadataKey(path), Data(JSONValue.object(metadata).prettyPrinted().utf8))
        return try ZarrGroup(store: store, path: path, metadata: metadata)
    }
}
