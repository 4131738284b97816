// Consolidated metadata: every node's metadata below a group, gathered in one
// document so that a hierarchy opens with one read and no listing.
//   v2: `<group>/.zmetadata`, {"zarr_consolidated_format": 1, "metadata":
//       {".zgroup": {...}, "a/.zarray": {...}, "a/.zattrs": {...}, ...}}
//       (zarr-python 2's `consolidate_metadata`).
//   v3: the group's `zarr.json` member "consolidated_metadata": {"kind": "inline",
//       "must_understand": false, "metadata": {"a": <a's zarr.json>, "a/b": ...}}
//       (zarr-python 3; not yet part of the v3 spec).
// Paths are relative to the group. A nested v3 group's entry may carry its own
// consolidated_metadata (zarr-python writes an empty one); its entries are merged in.

/// The metadata of the nodes below one group, by path relative to it.
///
/// It is a snapshot: nodes added, removed or changed after it was written are not seen
/// through it (see `consolidateMetadata`).
struct ConsolidatedMetadata: Sendable {
    /// What one path holds: a node's metadata document and its attributes, as stored.
    struct Entry: Sendable {
        var metadata: JSONValue?
        var type: NodeType?
        var attributes: JSONValue?
    }

    /// The name of the v2 document.
    static let v2DocumentName = ".zmetadata"

    /// The Zarr format of the documents (2 or 3).
    let zarrFormat: Int
    /// The entries by relative path ("" is the group itself, for v2).
    private let entries: [StoreKey: Entry]
    /// The names of the nodes directly below each path, sorted by their UTF-8 bytes.
    private let childrenByParent: [StoreKey: [String]]
    /// The key of the document it was read from, for messages.
    let key: String

    // MARK: Reading

    /// Reads a v2 `.zmetadata` document.
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the key and the value when the document is
    ///   not an object, its `metadata` is not an object, or an entry names a path outside the group.
    init(v2 bytes: some Collection<UInt8>, key: String) throws {
        let object = try NodeDocument.object(from: bytes, key: key)
        let format = object["zarr_consolidated_format"]
        guard format?.intValue == 1 else {
            throw ZarrError.invalidMetadata(
                "'\(key)': zarr_consolidated_format must be 1, got \(format.map(ArrayMetadata.brief) ?? "nothing")")
        }
        guard let metadata = object["metadata"]?.objectValue else {
            throw ZarrError.invalidMetadata(
                "'\(key)': metadata must be an object, got \(object["metadata"].map(ArrayMetadata.brief) ?? "nothing")")
        }
        var entries: [StoreKey: Entry] = [:]
        for (name, value) in metadata {
            let parts = name.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            guard let last = parts.last.map({ String(decoding: $0, as: UTF8.self) }) else { continue }
            let path = String(decoding: name.utf8.dropLast(last.utf8.count + (parts.count > 1 ? 1 : 0)), as: UTF8.self)
            try ConsolidatedMetadata.checkRelativePath(path, entry: name, key: key)
            switch last {
            case V2Metadata.arrayDocumentName:
                entries[StoreKey(path), default: Entry()].metadata = value
                entries[StoreKey(path), default: Entry()].type = .array
            case V2Metadata.groupDocumentName:
                entries[StoreKey(path), default: Entry()].metadata = value
                entries[StoreKey(path), default: Entry()].type = .group
            case V2Metadata.attributesDocumentName:
                entries[StoreKey(path), default: Entry()].attributes = value
            default:
                continue  // not a node document
            }
        }
        self.init(zarrFormat: 2, entries: entries, key: key)
    }

    /// Reads the `consolidated_metadata` member of a v3 group's `zarr.json`, if it has one.
    ///
    /// - Throws: `ZarrError.invalidMetadata` naming the key and the value when the member or its
    ///   `metadata` is not an object, its `kind` is not "inline", or an entry names a path
    ///   outside the group.
    init?(v3 group: JSONObject, key: String) throws {
        guard let member = group["consolidated_metadata"], !member.isNull else { return nil }
        var entries: [StoreKey: Entry] = [:]
        try ConsolidatedMetadata.collectV3(member, prefix: "", into: &entries, key: key)
        self.init(zarrFormat: 3, entries: entries, key: key)
    }

    private init(zarrFormat: Int, entries: [StoreKey: Entry], key: String) {
        self.zarrFormat = zarrFormat
        self.entries = entries
        self.key = key
        var children: [StoreKey: [StoreKey]] = [:]
        for (path, entry) in entries where entry.metadata != nil && !path.string.isEmpty {
            let bytes = path.string.utf8
            let parent = bytes.lastIndex(of: UInt8(ascii: "/"))
            let parentPath = parent.map { String(decoding: bytes[..<$0], as: UTF8.self) } ?? ""
            let name = parent.map { String(decoding: bytes[bytes.index(after: $0)...], as: UTF8.self) } ?? path.string
            children[StoreKey(parentPath), default: []].append(StoreKey(name))
        }
        childrenByParent = children.mapValues { $0.sorted().map(\.string) }
    }

    private static func collectV3(_ member: JSONValue, prefix: String, into entries: inout [StoreKey: Entry], key: String) throws {
        guard let object = member.objectValue else {
            throw ZarrError.invalidMetadata("'\(key)': consolidated_metadata must be an object, got \(ArrayMetadata.brief(member))")
        }
        let kind = object["kind"] ?? "inline"
        guard kind.stringValue == "inline" else {
            throw ZarrError.unsupported("'\(key)': consolidated_metadata of kind \(ArrayMetadata.brief(kind)) is not supported")
        }
        guard let metadata = object["metadata"]?.objectValue else {
            throw ZarrError.invalidMetadata(
                "'\(key)': consolidated_metadata.metadata must be an object, got "
                    + "\(object["metadata"].map(ArrayMetadata.brief) ?? "nothing")")
        }
        for (name, value) in metadata {
            try checkRelativePath(name, entry: name, key: key)
            let path = prefix.isEmpty ? name : prefix + "/" + name
            if entries[StoreKey(path)] == nil {
                entries[StoreKey(path)] = Entry(metadata: value, type: nil, attributes: nil)
            }
            if let nested = value["consolidated_metadata"], !nested.isNull {
                try collectV3(nested, prefix: path, into: &entries, key: key)
            }
        }
    }

    /// Refuses an entry path that is absolute or steps out of the group.
    private static func checkRelativePath(_ path: String, entry: String, key: String) throws {
        let bytes = path.utf8
        guard bytes.first != UInt8(ascii: "/"), path.isEmpty || !StoreKeys.hasPeriodOnlyPart(bytes) else {
            throw ZarrError.invalidMetadata("'\(key)': the entry '\(entry.prefix(200))' names a path outside the group")
        }
    }

    // MARK: Looking up

    /// The document at `path` (relative), `nil` if the snapshot has none there; `nodePath` is
    /// the node's path in the store, for the document's key.
    ///
    /// - Throws: the error of a malformed entry (it concerns that node only).
    func document(at path: String, nodePath: String) throws -> NodeDocument? {
        guard let entry = entries[StoreKey(path)], let metadata = entry.metadata else { return nil }
        func documentKey(_ name: String) -> String { nodePath.isEmpty ? name : nodePath + "/" + name }
        let entryKey = "\(key) [\(path)]"
        guard let object = metadata.objectValue else {
            throw ZarrError.invalidMetadata("'\(entryKey)': the node's metadata must be an object, got \(ArrayMetadata.brief(metadata))")
        }
        if zarrFormat == 3 {
            var stripped = object
            stripped["consolidated_metadata"] = nil
            return try V3Metadata.document(from: stripped, key: documentKey(V3Metadata.documentName))
        }
        var attributes = JSONObject()
        if let value = entry.attributes {
            guard let object = value.objectValue else {
                throw ZarrError.invalidMetadata("'\(entryKey)': .zattrs must be an object, got \(ArrayMetadata.brief(value))")
            }
            attributes = object
        }
        let type = entry.type ?? .group
        let name = type == .array ? V2Metadata.arrayDocumentName : V2Metadata.groupDocumentName
        return try V2Metadata.document(from: object, attributes: attributes, type: type, key: documentKey(name))
    }

    /// The names of the nodes directly below `path` (relative), sorted by their UTF-8 bytes.
    func childNames(of path: String) -> [String] {
        childrenByParent[StoreKey(path)] ?? []
    }
}
