// Typed ways to reach nodes, so that a Python line such as
// `open_zarr(store)["raw"]["image"].get_chunk_now((0, 0))` ports without casts:
// `try openZarr(store)["raw"]["image"].array.getChunkNow([0, 0])`.
//
// The hierarchy is data, so which node is a group and which an array is known
// only when it is opened; these accessors check it there and throw an error that
// names the node, where a cast would trap (`as!`) or lose the reason (`as?`).

extension ZarrNode {
    /// This node as a group (`try openZarr(store).group.printStructure()`).
    ///
    /// - Throws: `ZarrError.invalidArgument` naming the node (its `path` as the error's) when it is an array.
    public var group: ZarrGroup {
        get throws {
            guard let group = self as? ZarrGroup else {
                throw ZarrError.invalidArgument(ErrorDetails("\(oneLineDescription) is an array, not a group", path: path))
            }
            return group
        }
    }

    /// This node as an array (`try root["raw/image"].array.shape`).
    ///
    /// - Throws: `ZarrError.invalidArgument` naming the node (its `path` as the error's) when it is a group.
    public var array: ZarrArray {
        get throws {
            guard let array = self as? ZarrArray else {
                throw ZarrError.invalidArgument(ErrorDetails("\(oneLineDescription) is a group, not an array", path: path))
            }
            return array
        }
    }

    /// The node at `path` below this group (`"a"` or `"a/b/c"`), opening only the nodes on that
    /// path (Python's `group["a/b"]`). Lookups chain as in Python: `try root["raw"]["image"]`.
    ///
    /// - Throws: `ZarrError.nodeNotFound` (with the path looked up as `path`) for a missing
    ///   child, or when this node (or one met on the way) is an array, which has no children;
    ///   `ZarrError.invalidArgument` for an empty path or a part of only periods; a child's own
    ///   error when its metadata could not be opened.
    public subscript(path: String) -> ZarrNode {
        get throws {
            guard let group = self as? ZarrGroup else {
                throw ZarrError.nodeNotFound(ErrorDetails(
                    "\(oneLineDescription)['\(path)']: an array has no children", path: NodePath.join(self.path, path)))
            }
            return try group.descendant(path)
        }
    }
}

extension ZarrGroup {
    /// The group at `path` below this group (`try root.group("raw")`).
    ///
    /// - Throws: as `self[path]`, and `ZarrError.invalidArgument` when the node there is an array.
    public func group(_ path: String) throws -> ZarrGroup {
        try descendant(path).group
    }

    /// The array at `path` below this group (`try root.array("raw/image")`).
    ///
    /// - Throws: as `self[path]`, and `ZarrError.invalidArgument` when the node there is a group.
    public func array(_ path: String) throws -> ZarrArray {
        try descendant(path).array
    }
}
