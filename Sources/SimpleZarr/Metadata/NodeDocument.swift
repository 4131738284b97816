// One node's metadata as stored, whichever format: a v3 `zarr.json`, or a v2
// `.zarray` / `.zgroup` with the `.zattrs` beside it. Opening a node and reading
// consolidated metadata both produce these; groups and arrays are built from them.

/// The kind of node a metadata document describes.
public enum NodeType: String, Sendable {
    /// A node holding other nodes.
    case group
    /// A node holding chunked data.
    case array
}

/// A node's metadata document, read and checked for its format and node type.
struct NodeDocument: Sendable {
    /// 2 or 3.
    let zarrFormat: Int
    /// Group or array.
    let type: NodeType
    /// The document as stored: the `zarr.json` object, or the `.zarray` / `.zgroup` object.
    let metadata: JSONObject
    /// The user attributes (`attributes` of `zarr.json`, or the `.zattrs` object).
    let attributes: JSONObject
    /// The key of the document, for messages (`"a/zarr.json"`, `"a/.zarray"`).
    let key: String

    /// Parses the bytes of a JSON document that must hold an object.
    static func object(from bytes: some Collection<UInt8>, key: String) throws -> JSONObject {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch let error as ZarrError {
            throw ZarrError.invalidMetadata(ErrorDetails("'\(key)' is not valid JSON: \(error.message)", key: key))
        }
        guard let object = json.objectValue else {
            throw ZarrError.invalidMetadata(ErrorDetails("'\(key)' must hold a JSON object, got \(json.kindName)", key: key))
        }
        return object
    }
}
