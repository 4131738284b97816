// Finding a node's metadata in a store, whichever format wrote it. The keys are
// tried in this order, each only when the format allows it:
//   v3: <path>/zarr.json (a group's may hold consolidated metadata inline)
//   v2: <path>/.zmetadata (consolidated; it holds the group's own .zgroup too),
//       <path>/.zarray, then <path>/.zgroup, each with <path>/.zattrs
// so a v3 node or a consolidated v2 group costs one read when its format is given.

import Foundation

/// Reads node documents from a store.
enum NodeLocator {
    /// A node's document, and the consolidated metadata found with it (for a group).
    struct Found {
        let document: NodeDocument
        let consolidated: ConsolidatedMetadata?
    }

    /// Reads the metadata of the node at `path` (already checked).
    ///
    /// - Parameters:
    ///   - zarrFormat: 2 or 3 to look only for that format, `nil` for both (v3 first).
    ///   - useConsolidated: `true` to require consolidated metadata, `false` to ignore it,
    ///     `nil` to use it when present.
    /// - Throws: `ZarrError.nodeNotFound` naming the keys tried when none exists; the
    ///   document's own error when it is malformed; store errors other than a missing key.
    static func find(_ store: any ReadableStore, path: String, zarrFormat: Int?, useConsolidated: Bool?) throws -> Found {
        if let zarrFormat, zarrFormat != 2, zarrFormat != 3 {
            throw ZarrError.invalidArgument("openZarr(): zarrFormat must be 2 or 3, got \(zarrFormat)")
        }
        var tried: [String] = []
        func read(_ name: String) throws -> Data? {
            let key = NodePath.join(path, name)
            tried.append(key)
            do {
                return try store.get(key)
            } catch StoreError.keyNotFound {
                return nil
            }
        }

        if zarrFormat != 2 {
            let key = NodePath.join(path, V3Metadata.documentName)
            if let bytes = try read(V3Metadata.documentName) {
                let document = try V3Metadata.document(from: bytes, key: key)
                var consolidated: ConsolidatedMetadata?
                if document.type == .group, useConsolidated != false {
                    consolidated = try ConsolidatedMetadata(v3: document.metadata, key: key)
                }
                try requireConsolidated(consolidated, useConsolidated, path: path, document: document)
                return Found(document: document, consolidated: consolidated)
            }
        }
        if zarrFormat != 3 {
            if useConsolidated != false, let bytes = try read(ConsolidatedMetadata.v2DocumentName) {
                let key = NodePath.join(path, ConsolidatedMetadata.v2DocumentName)
                let consolidated = try ConsolidatedMetadata(v2: bytes, key: key)
                guard let document = try consolidated.document(at: "", nodePath: path), document.type == .group else {
                    throw ZarrError.invalidMetadata("'\(key)' holds no .zgroup for the group it consolidates")
                }
                return Found(document: document, consolidated: consolidated)
            }
            for (name, type) in [(V2Metadata.arrayDocumentName, NodeType.array), (V2Metadata.groupDocumentName, .group)] {
                guard let bytes = try read(name) else { continue }
                let key = NodePath.join(path, name)
                let object = try NodeDocument.object(from: bytes, key: key)
                let attributesKey = NodePath.join(path, V2Metadata.attributesDocumentName)
                let attributes = try read(V2Metadata.attributesDocumentName).map {
                    try V2Metadata.attributes(from: $0, key: attributesKey)
                }
                let document = try V2Metadata.document(from: object, attributes: attributes ?? [:], type: type, key: key)
                try requireConsolidated(nil, useConsolidated, path: path, document: document)
                return Found(document: document, consolidated: nil)
            }
        }
        throw ZarrError.nodeNotFound(ErrorDetails(
            "no Zarr node at '\(path)': none of \(tried.map { "'\($0)'" }.joined(separator: ", ")) exists", path: path))
    }

    /// Refuses a group without consolidated metadata when the caller required it.
    private static func requireConsolidated(
        _ consolidated: ConsolidatedMetadata?, _ useConsolidated: Bool?, path: String, document: NodeDocument
    ) throws {
        guard useConsolidated == true, consolidated == nil else { return }
        throw ZarrError.invalidArgument(
            "openZarr(useConsolidated: true): the \(document.type.rawValue) at '\(path)' has no consolidated metadata")
    }
}
