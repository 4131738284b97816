// Creating a group: write its metadata document (v3 `zarr.json`, or v2 `.zgroup`
// with its `.zattrs`) and open it.

import Foundation

extension ZarrGroup {
    /// Writes a new group at `path` and opens it (Python's `ZarrGroup.create`).
    ///
    /// - Parameters:
    ///   - attributes: user attributes.
    ///   - zarrFormat: 3 (`zarr.json`) or 2 (`.zgroup` and `.zattrs`, as zarr-python writes them).
    /// - Throws: `ZarrError.invalidArgument` for a bad path or format, store errors.
    @discardableResult
    public static func create(
        _ store: any WritableStore, _ path: String = "", attributes: JSONObject? = nil, zarrFormat: Int = 3
    ) throws -> ZarrGroup {
        let method = "ZarrGroup.create()"
        let path = try NodePath.checked(path, owner: method)
        switch zarrFormat {
        case 3:
            let metadata = V3Metadata.groupDocument(attributes: attributes)
            try MetadataWriting.writeV3(metadata, at: path, to: store)
            return try ZarrGroup(store: store, path: path, metadata: metadata)
        case 2:
            let metadata = V2Metadata.groupDocument()
            try MetadataWriting.writeV2(
                metadata, named: V2Metadata.groupDocumentName, attributes: attributes ?? [:], at: path, to: store)
            return try ZarrGroup(store: store, path: path, metadata: metadata, attributes: attributes ?? [:])
        default:
            throw ZarrError.invalidArgument("\(method): zarrFormat must be 2 or 3, got \(zarrFormat)")
        }
    }
}
