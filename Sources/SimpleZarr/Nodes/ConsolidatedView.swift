// A group's window on the consolidated metadata it was opened with: the root's
// snapshot plus the group's path inside it, so nested groups share one snapshot.

/// The consolidated metadata seen from one group of the hierarchy it describes.
struct ConsolidatedView: Sendable {
    /// The snapshot, as read at the group that was opened.
    let metadata: ConsolidatedMetadata
    /// This group's path relative to that group ("" for it).
    let prefix: String

    /// The names of this group's children in the snapshot.
    func childNames() -> [String] { metadata.childNames(of: prefix) }

    /// The document of the child `name` (at `nodePath` in the store), `nil` if the snapshot has none.
    func document(named name: String, nodePath: String) throws -> NodeDocument? {
        try metadata.document(at: NodePath.join(prefix, name), nodePath: nodePath)
    }

    /// The view from the child group `name`.
    func child(_ name: String) -> ConsolidatedView {
        ConsolidatedView(metadata: metadata, prefix: NodePath.join(prefix, name))
    }
}
