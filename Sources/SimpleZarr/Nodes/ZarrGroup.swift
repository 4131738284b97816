// A group node: a v3 `zarr.json` with node_type "group" or a v2 `.zgroup`,
// whose children are the nodes in the sub-directories of its path. Children
// are found on first use, not when the group opens: `group["a/b"]` reads only
// the metadata on that path, and `children` lists the store (or reads the
// consolidated metadata) once.

import Foundation
import ZarrCompression

/// A child of a group whose metadata exists but could not be opened.
public struct UnreadableNode: Sendable, CustomStringConvertible {
    /// The child's name inside its group.
    public let name: String
    /// The child's path from the root of the store.
    public let path: String
    /// Why it could not be opened (a bad or unsupported document, a store error).
    public let error: any Error

    /// `<unreadable 'path': error>`, as the group's structure shows it.
    public var description: String { "<unreadable '\(path)': \(error)>" }
}

/// A group of a Zarr hierarchy (Python's `ZarrGroup`), in either Zarr format.
///
/// Its children are found lazily: `try group["a/b"]` opens just the nodes on that path, and
/// `children` lists them once (from consolidated metadata when the group was opened with it,
/// else with `listDir` on a listable store) and keeps them. Names are compared by their UTF-8
/// bytes, as the store compares keys. Thread-safe.
public final class ZarrGroup: ZarrNode, @unchecked Sendable {
    /// The children found by listing: the nodes, and those that could not be opened.
    private struct Listing {
        var children: [ZarrNode]
        var unreadable: [UnreadableNode]
    }

    /// The consolidated metadata this group was opened with, if any.
    private let consolidated: ConsolidatedView?
    /// Children opened so far, by name (guarded by its lock; no I/O runs under it).
    private let openedChildren = LockedValue<[StoreKey: ZarrNode]>([:])
    /// The children, once listed (a failed listing is not kept: the next use tries again).
    private let listing = LockedValue<Listing?>(nil)

    /// Wraps the group at `path` whose metadata document is `metadata`: a `zarr.json` object,
    /// or a v2 `.zgroup` object with `attributes` from its `.zattrs`. Consolidated metadata in a
    /// `zarr.json` is used for its children.
    public convenience init(store: BaseStore, path: String, metadata: JSONObject, attributes: JSONObject? = nil) throws {
        let (checkedPath, document) = try NodePath.checkedNode(path, metadata: metadata, attributes: attributes, type: .group)
        let consolidated = try document.zarrFormat == 3
            ? ConsolidatedMetadata(v3: metadata, key: document.key).map { ConsolidatedView(metadata: $0, prefix: "") } : nil
        self.init(store: store, checkedPath: checkedPath, document: document, consolidated: consolidated)
    }

    /// Wraps the group whose checked document is `document`.
    init(store: BaseStore, checkedPath: String, document: NodeDocument, consolidated: ConsolidatedView?) {
        self.consolidated = consolidated
        super.init(store: store, checkedPath: checkedPath, nodeDocument: document)
    }

    /// Whether the children come from consolidated metadata rather than from listing the store.
    public var usesConsolidatedMetadata: Bool { consolidated != nil }

    // MARK: Children

    /// The child nodes: from the consolidated metadata in its order (sorted by name), else in
    /// the order the store lists them. Listed on first use and kept.
    ///
    /// A sub-directory without node metadata is not a child. A child whose metadata cannot be
    /// opened does not make the group unreadable: it is in `unreadableChildren`, and
    /// `group[name]` throws its error. Over a store that cannot list (`HTTPStore`), the children
    /// come only from consolidated metadata; `group[name]` still opens them without.
    ///
    /// - Throws: the store's error when listing fails; `StoreError.unsupported` when the store
    ///   cannot list and the group has no consolidated metadata.
    public var children: [ZarrNode] {
        get throws { try loadListing().get().children }
    }

    /// Children whose metadata could not be opened; reaching one by name throws its error.
    ///
    /// - Throws: the store's error when listing fails.
    public var unreadableChildren: [UnreadableNode] {
        get throws { try loadListing().get().unreadable }
    }

    /// Lists the children once; later calls return the same result. A failure is returned but
    /// not kept, so a transient store error does not break the group for good.
    private func loadListing() -> Result<Listing, any Error> {
        if let done = listing.withLock({ $0 }) { return .success(done) }
        let result = Result { try listChildren() }
        guard case .success(let listed) = result else { return result }
        return .success(listing.withLock { stored in
            if let earlier = stored { return earlier }
            stored = listed
            return listed
        })
    }

    private func listChildren() throws -> Listing {
        var result = Listing(children: [], unreadable: [])
        for childName in try childNames() {
            do {
                if let child = try child(named: childName) { result.children.append(child) }
            } catch {
                result.unreadable.append(UnreadableNode(name: childName, path: NodePath.join(path, childName), error: error))
            }
        }
        return result
    }

    /// The names of the children: from the consolidated metadata, else the store's sub-directories.
    private func childNames() throws -> [String] {
        if let consolidated { return consolidated.childNames() }
        guard let listable = store as? any ListableStore else {
            throw StoreError.unsupported(
                "ZarrGroup.children: the group '\(path)' has no consolidated metadata and \(store) cannot list its keys "
                    + "(plain HTTP cannot); write consolidated metadata with consolidateMetadata(), or open children by name")
        }
        let prefix = path.isEmpty ? "/" : path + "/"
        let dropCount = path.isEmpty ? 0 : prefix.utf8.count
        return try listable.listDir(prefix).compactMap { item in
            guard item.utf8.last == UInt8(ascii: "/") else { return nil }
            // Cut by bytes: a name may start with a combining mark, which `Character`s would merge.
            return String(item.utf8.dropFirst(dropCount).dropLast())
        }
    }

    /// The child called `name`, opened on first use and kept; `nil` when there is no node there.
    ///
    /// - Throws: the child's error when its metadata exists but cannot be opened.
    private func child(named name: String) throws -> ZarrNode? {
        if let opened = openedChildren.withLock({ $0[StoreKey(name)] }) { return opened }
        let childPath = NodePath.join(path, name)
        let node: ZarrNode
        if let consolidated, let document = try consolidated.document(named: name, nodePath: childPath) {
            node = try ZarrNode.make(store: store, path: childPath, document: document, consolidated: consolidated.child(name))
        } else {
            // Not in the snapshot (or none): read the store, in this group's format.
            guard let readable = store as? any ReadableStore else {
                throw StoreError.unsupported("ZarrGroup: the store \(type(of: store)) is not readable")
            }
            do {
                let found = try NodeLocator.find(readable, path: childPath, zarrFormat: zarrFormat, useConsolidated: false)
                node = try ZarrNode.make(store: store, path: childPath, document: found.document)
            } catch ZarrError.nodeNotFound {
                return nil
            }
        }
        return openedChildren.withLock { opened in
            if let earlier = opened[StoreKey(name)] { return earlier }
            opened[StoreKey(name)] = node
            return node
        }
    }

    /// The node at `path` below this group (`"a"` or `"a/b/c"`), opening only the nodes on that
    /// path; `group["a/b"]` (and `group["a"]["b"]`, through `ZarrNode`'s subscript) call it.
    ///
    /// - Throws: `ZarrError.nodeNotFound` naming the missing child (or the array that was met on
    ///   the way), with the path of the node that is not there as `path`; `ZarrError.invalidArgument` for an empty path or a part of only periods; the
    ///   child's own error when its metadata could not be opened.
    func descendant(_ path: String) throws -> ZarrNode {
        let parts = path.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
        guard let first = parts.first else {
            throw ZarrError.invalidArgument("ZarrGroup['\(path)']: the path is empty")
        }
        guard !StoreKeys.hasPeriodOnlyPart(first.utf8) else {
            throw ZarrError.invalidArgument("ZarrGroup['\(path)']: path parts must not be only periods")
        }
        guard let child = try child(named: first) else {
            throw ZarrError.nodeNotFound(ErrorDetails(
                "ZarrGroup '\(self.path)' does not have a child named '\(first)'", path: NodePath.join(self.path, first)))
        }
        guard parts.count > 1 else { return child }
        guard let group = child as? ZarrGroup else {
            throw ZarrError.nodeNotFound(ErrorDetails(
                "ZarrGroup['\(path)']: '\(child.path)' is an array, which has no children", path: NodePath.join(self.path, path)))
        }
        return try group.descendant(parts.dropFirst().joined(separator: "/"))
    }

    // MARK: Describing

    /// `<ZarrGroup 'path' with N children>` once the children are listed, `<ZarrGroup 'path'>`
    /// before: describing a group never reads the store by itself.
    public override var oneLineDescription: String {
        guard let listed = listing.withLock({ $0 }) else { return "<ZarrGroup '\(path)'>" }
        return "<ZarrGroup '\(path)' with \(listed.children.count) children>"
    }

    /// The tree below this group, one node per line, indented by depth (Python's repr shows depth 1).
    public override var description: String { getStructure(maxDepth: 1) }

    /// The tree below this group as text, down to `maxDepth` levels, starting `indent` spaces in
    /// (clamped to 0...65,536, so no argument can ask for a string of gigabytes). Lists the groups
    /// it shows (`maxDepth: 0` reads nothing); a listing that fails is shown in place of the children.
    public func getStructure(maxDepth: Int = 999, indent: Int = 0) -> String {
        let indent = min(max(0, indent), 1 << 16)
        guard maxDepth > 0 else { return String(repeating: " ", count: indent) + oneLineDescription }
        let listing: Listing
        switch loadListing() {
        case .success(let listed): listing = listed
        case .failure(let error):
            return String(repeating: " ", count: indent) + "<ZarrGroup '\(path)' (children not listed: \(error))>"
        }
        var lines = String(repeating: " ", count: indent) + oneLineDescription
        for child in listing.children {
            lines += "\n"
            if let group = child as? ZarrGroup {
                lines += group.getStructure(maxDepth: maxDepth - 1, indent: indent + 4)
            } else {
                lines += String(repeating: " ", count: indent + 4) + child.oneLineDescription
            }
        }
        for broken in listing.unreadable {
            lines += "\n" + String(repeating: " ", count: indent + 4) + broken.description
        }
        return lines
    }

    /// Prints `getStructure(maxDepth:)`.
    public func printStructure(maxDepth: Int = 999) {
        print(getStructure(maxDepth: maxDepth))
    }
}
