// Node paths: "" is the root; otherwise "a/b" with no leading or trailing
// slash. A v3 node's metadata lives at "<path>/zarr.json".

enum NodePath {
    /// Joins path parts with "/", dropping empty parts and a leading slash.
    static func join(_ parts: String...) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "/").trimmingLeadingSlashes()
    }

    /// Checks and normalises a node path given by a caller (a leading "/" is dropped).
    static func checked(_ path: String, owner: String) throws -> String {
        let trimmed = path.trimmingLeadingSlashes()
        guard !trimmed.hasSuffix("/") else {
            throw ZarrError.invalidArgument("\(owner) path must not end with '/' unless it is the root, got '\(path)'")
        }
        guard trimmed.isEmpty || !StoreKeys.hasPeriodOnlyPart(trimmed.utf8) else {
            throw ZarrError.invalidArgument("\(owner) path parts must be non-empty and not only periods, got '\(path)'")
        }
        return trimmed
    }

    /// Checks a node's path and its metadata object (`zarr.json`, or a v2 `.zarray` / `.zgroup`
    /// with `attributes` from its `.zattrs`), which must describe a node of `type`.
    static func checkedNode(
        _ path: String, metadata: JSONObject, attributes: JSONObject?, type: NodeType
    ) throws -> (path: String, document: NodeDocument) {
        let checkedPath = try checked(path, owner: type == .group ? "ZarrGroup" : "ZarrArray")
        let document: NodeDocument
        if metadata["zarr_format"]?.intValue == 2 {
            let name = type == .array ? V2Metadata.arrayDocumentName : V2Metadata.groupDocumentName
            document = try V2Metadata.document(
                from: metadata, attributes: attributes ?? [:], type: type, key: join(checkedPath, name))
        } else {
            document = try V3Metadata.document(from: metadata, key: metadataKey(checkedPath))
        }
        guard document.type == type else {
            throw ZarrError.invalidMetadata(
                "'\(document.key)' describes \(type == .group ? "an array, not a group" : "a group, not an array")")
        }
        return (checkedPath, document)
    }

    /// The key of a node's `zarr.json`.
    static func metadataKey(_ path: String) -> String {
        join(path, "zarr.json")
    }

    /// The last component of a path ("" for the root).
    static func name(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? ""
    }
}

extension String {
    func trimmingLeadingSlashes() -> String {
        String(drop { $0 == "/" })
    }
}
