// The XML documents of the S3 REST API that S3Store reads and writes (Amazon S3 API
// Reference): the ListObjectsV2 result (ListBucketResult), the Error document of a
// failed request, the results of CreateMultipartUpload (InitiateMultipartUploadResult),
// CompleteMultipartUpload (which may carry an Error in a 200 reply) and DeleteObjects
// (DeleteResult); and the request bodies of DeleteObjects (Delete) and
// CompleteMultipartUpload. Readers take the element tree of XMLTree and are tolerant
// of elements they do not know and of element order.

import Foundation

/// Why an S3 reply could not be read, or a request body could not be written.
struct S3XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The document involved, such as `"ListObjectsV2 reply"`.
    var document: String
    /// What was wrong.
    var reason: String

    var description: String { "S3 \(document): \(reason)" }
}

/// Readers and writers of the S3 XML documents.
enum S3XML {
    // MARK: - ListObjectsV2

    /// One object of a listing.
    struct ListedObject: Equatable, Sendable {
        /// The object's key, url-decoded when the reply was url-encoded.
        var key: String
        /// The size in bytes.
        var size: Int
        /// The entity tag, with its quotes, when given.
        var eTag: String?
        /// The modification time as S3 wrote it (ISO 8601), when given.
        var lastModified: String?
    }

    /// One page of a ListObjectsV2 listing.
    struct ListPage: Equatable, Sendable {
        /// The objects of this page.
        var objects: [ListedObject] = []
        /// The key prefixes rolled up at the delimiter (`CommonPrefixes/Prefix`), decoded like keys.
        var commonPrefixes: [String] = []
        /// Whether more pages follow.
        var isTruncated = false
        /// The token that asks for the next page (never url-encoded by S3).
        var nextContinuationToken: String?
        /// The number of keys and common prefixes S3 says this page holds, when given.
        var keyCount: Int?
    }

    /// Reads a ListObjectsV2 reply (`ListBucketResult`). Keys and prefixes are percent-decoded
    /// (with `+` as a space) when the reply says `<EncodingType>url</EncodingType>`.
    static func listPage(_ data: Data) throws -> ListPage {
        let document = "ListObjectsV2 reply"
        let root = try tree(data, document: document, root: "ListBucketResult")
        let encoded = root.text(of: "EncodingType")?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "url"
        func key(_ text: String, _ what: String) throws -> String {
            guard encoded else { return text }
            guard let decoded = urlDecode(text) else {
                throw S3XMLError(document: document, reason: "\(what) \(quoted(text)) is not valid url encoding of UTF-8")
            }
            return decoded
        }
        var page = ListPage()
        for contents in root.children("Contents") {
            guard let rawKey = contents.text(of: "Key") else {
                throw S3XMLError(document: document, reason: "a Contents entry without a Key")
            }
            let objectKey = try key(rawKey, "key")
            guard let size = try integer(contents.text(of: "Size"), "Size of \(quoted(objectKey))", document: document) else {
                throw S3XMLError(document: document, reason: "Contents entry \(quoted(objectKey)) has no Size")
            }
            page.objects.append(ListedObject(key: objectKey, size: size, eTag: contents.text(of: "ETag"),
                                             lastModified: contents.text(of: "LastModified")))
        }
        for common in root.children("CommonPrefixes") {
            guard let prefix = common.text(of: "Prefix") else {
                throw S3XMLError(document: document, reason: "a CommonPrefixes entry without a Prefix")
            }
            page.commonPrefixes.append(try key(prefix, "common prefix"))
        }
        page.isTruncated = try boolean(root.text(of: "IsTruncated"), "IsTruncated", document: document) ?? false
        page.nextContinuationToken = root.text(of: "NextContinuationToken").flatMap { $0.isEmpty ? nil : $0 }
        page.keyCount = try integer(root.text(of: "KeyCount"), "KeyCount", document: document)
        if page.isTruncated && page.nextContinuationToken == nil {
            throw S3XMLError(document: document, reason: "IsTruncated is true but there is no NextContinuationToken")
        }
        return page
    }

    // MARK: - Error documents

    /// The `Error` document of a failed request.
    struct ErrorDocument: Equatable, Sendable, CustomStringConvertible {
        /// The error code, such as `"NoSuchKey"` or `"AccessDenied"`.
        var code: String
        /// The human-readable message, when given.
        var message: String?
        /// The request ID, for support requests.
        var requestID: String?
        /// The extended request ID (`HostId`), when given.
        var hostID: String?
        /// The bucket or object the error is about, when given.
        var resource: String?
        /// The bucket's region, for a request sent to the wrong one (`BucketRegion` or `Region`).
        var bucketRegion: String?
        /// The endpoint to use instead, for a `PermanentRedirect`.
        var endpoint: String?

        /// `Code: Message (resource, request ID)`.
        var description: String {
            var text = code
            if let message { text += ": " + message }
            let details = [resource.map { "resource \($0)" }, bucketRegion.map { "bucket region \($0)" },
                           endpoint.map { "endpoint \($0)" }, requestID.map { "request ID \($0)" }].compactMap { $0 }
            return details.isEmpty ? text : text + " (" + details.joined(separator: ", ") + ")"
        }
    }

    /// Reads an `Error` document (also inside an `ErrorResponse` wrapper, as some S3-compatible
    /// services send it); `nil` when `data` is not one, so a caller can fall back to the status line.
    static func errorDocument(_ data: Data) -> ErrorDocument? {
        guard var root = try? XMLTree.parse(data) else { return nil }
        if root.name == "ErrorResponse", let inner = root.child("Error") { root = inner }
        return errorDocument(root)
    }

    private static func errorDocument(_ root: XMLTree) -> ErrorDocument? {
        guard root.name == "Error", let code = root.text(of: "Code").map(trimmed), !code.isEmpty else { return nil }
        return ErrorDocument(code: code, message: root.text(of: "Message"), requestID: root.text(of: "RequestId"),
                             hostID: root.text(of: "HostId"), resource: root.text(of: "Resource"),
                             bucketRegion: root.text(of: "BucketRegion") ?? root.text(of: "Region"),
                             endpoint: root.text(of: "Endpoint"))
    }

    // MARK: - Multipart upload

    /// Reads a CreateMultipartUpload reply and returns its `UploadId`.
    static func uploadID(_ data: Data) throws -> String {
        let document = "CreateMultipartUpload reply"
        let root = try tree(data, document: document, root: "InitiateMultipartUploadResult")
        guard let id = root.text(of: "UploadId").map(trimmed), !id.isEmpty else {
            throw S3XMLError(document: document, reason: "no UploadId")
        }
        return id
    }

    /// What a CompleteMultipartUpload reply says: done, or failed after its 200 status.
    enum CompletionOutcome: Equatable, Sendable {
        /// The object exists; its entity tag, when given.
        case completed(eTag: String?)
        /// The upload failed although the status was 200 (S3 sends the Error in the body).
        case failed(ErrorDocument)
    }

    /// Reads a CompleteMultipartUpload reply: a `CompleteMultipartUploadResult`, or an `Error`
    /// that S3 may send with status 200 (it may also send spaces before either, to keep the
    /// connection open while it works).
    static func completionOutcome(_ data: Data) throws -> CompletionOutcome {
        let document = "CompleteMultipartUpload reply"
        let root = try tree(data, document: document, root: nil)
        if let error = errorDocument(root) { return .failed(error) }
        guard root.name == "CompleteMultipartUploadResult" else {
            throw S3XMLError(document: document, reason: "root element <\(root.name)>, expected <CompleteMultipartUploadResult> or <Error>")
        }
        return .completed(eTag: root.text(of: "ETag"))
    }

    /// One part of a multipart upload, as CompleteMultipartUpload lists it.
    struct UploadedPart: Equatable, Sendable {
        /// The part number, 1...10,000.
        var partNumber: Int
        /// The entity tag UploadPart returned for it (with its quotes).
        var eTag: String
    }

    /// The highest part number S3 accepts.
    static let maximumPartNumber = 10_000

    /// The `CompleteMultipartUpload` request body listing `parts` in ascending part-number order.
    /// Throws for no parts, a part number outside 1...10,000 or used twice, or an entity tag
    /// that XML cannot carry.
    static func completeMultipartUploadBody(_ parts: [UploadedPart]) throws -> Data {
        let document = "CompleteMultipartUpload request"
        guard !parts.isEmpty else { throw S3XMLError(document: document, reason: "no parts") }
        let sorted = parts.sorted { $0.partNumber < $1.partNumber }
        var body = #"<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="\#(namespace)">"#
        var previous = 0
        for part in sorted {
            guard (1...maximumPartNumber).contains(part.partNumber), part.partNumber != previous else {
                throw S3XMLError(document: document, reason: "part number \(part.partNumber) is out of 1...\(maximumPartNumber) or repeated")
            }
            guard let eTag = escaped(part.eTag) else {
                throw S3XMLError(document: document, reason: "the ETag of part \(part.partNumber) holds characters XML cannot carry")
            }
            body += "<Part><PartNumber>\(part.partNumber)</PartNumber><ETag>\(eTag)</ETag></Part>"
            previous = part.partNumber
        }
        return Data((body + "</CompleteMultipartUpload>").utf8)
    }

    // MARK: - DeleteObjects

    /// The most keys one DeleteObjects request may name.
    static let maximumKeysPerDelete = 1000

    /// A key DeleteObjects could not delete.
    struct DeleteFailure: Equatable, Sendable {
        /// The key.
        var key: String
        /// The error code, such as `"AccessDenied"`.
        var code: String
        /// The message, when given.
        var message: String?
    }

    /// What a DeleteObjects reply reports.
    struct DeleteResult: Equatable, Sendable {
        /// The keys deleted (none in quiet mode).
        var deleted: [String] = []
        /// The keys that could not be deleted, with why.
        var failures: [DeleteFailure] = []
    }

    /// Reads a DeleteObjects reply (`DeleteResult`).
    static func deleteResult(_ data: Data) throws -> DeleteResult {
        let document = "DeleteObjects reply"
        let root = try tree(data, document: document, root: "DeleteResult")
        var result = DeleteResult()
        for element in root.children {
            switch element.name {
            case "Deleted":
                guard let key = element.text(of: "Key") else { throw S3XMLError(document: document, reason: "a Deleted entry without a Key") }
                result.deleted.append(key)
            case "Error":
                guard let key = element.text(of: "Key") else { throw S3XMLError(document: document, reason: "an Error entry without a Key") }
                result.failures.append(DeleteFailure(key: key, code: element.text(of: "Code").map(trimmed) ?? "",
                                                     message: element.text(of: "Message")))
            default:
                continue
            }
        }
        return result
    }

    /// The keys to delete split into request bodies' worth: `batches` of at most 1,000 keys that
    /// XML can carry, and `unrepresentable` keys (holding characters XML 1.0 cannot carry, even as
    /// references, such as most control characters) that must be deleted one by one with DELETE.
    static func deleteBatches(_ keys: [String]) -> (batches: [[String]], unrepresentable: [String]) {
        var batches: [[String]] = []
        var unrepresentable: [String] = []
        var current: [String] = []
        for key in keys {
            guard canCarry(key) else {
                unrepresentable.append(key)
                continue
            }
            current.append(key)
            if current.count == maximumKeysPerDelete {
                batches.append(current)
                current = []
            }
        }
        if !current.isEmpty { batches.append(current) }
        return (batches, unrepresentable)
    }

    /// The `Delete` request body for `keys` (1...1,000 of them, each one XML can carry):
    /// quiet by default, so the reply lists only the failures. S3 requires a Content-MD5 (or
    /// another checksum) header with it.
    static func deleteBody(keys: [String], quiet: Bool = true) throws -> Data {
        let document = "DeleteObjects request"
        guard (1...maximumKeysPerDelete).contains(keys.count) else {
            throw S3XMLError(document: document, reason: "\(keys.count) keys; one request takes 1...\(maximumKeysPerDelete)")
        }
        var body = #"<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="\#(namespace)"><Quiet>\#(quiet)</Quiet>"#
        for key in keys {
            guard let escapedKey = escaped(key) else {
                throw S3XMLError(document: document, reason: "key \(quoted(key)) holds characters XML cannot carry; delete it with DELETE")
            }
            body += "<Object><Key>\(escapedKey)</Key></Object>"
        }
        return Data((body + "</Delete>").utf8)
    }

    // MARK: - Helpers

    /// The namespace of S3's documents.
    private static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// Parses `data`, checking that the root element is `root` (any root when `nil`).
    private static func tree(_ data: Data, document: String, root: String?) throws -> XMLTree {
        let tree: XMLTree
        do {
            tree = try XMLTree.parse(data)
        } catch let error as XMLTreeError {
            throw S3XMLError(document: document, reason: error.description)
        }
        if let root, tree.name != root {
            if let error = errorDocument(tree) {
                throw S3XMLError(document: document, reason: "an Error document instead of <\(root)>: \(error)")
            }
            throw S3XMLError(document: document, reason: "root element <\(tree.name)>, expected <\(root)>")
        }
        return tree
    }

    private static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// `text` (its first 200 characters) quoted like Python's `repr`, control characters escaped.
    private static func quoted(_ text: String) -> String { StoreKeys.repr(String(text.prefix(200))) }

    private static func integer(_ text: String?, _ what: String, document: String) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(trimmed(text)), value >= 0 else {
            throw S3XMLError(document: document, reason: "\(what) is not a non-negative integer: \(quoted(text))")
        }
        return value
    }

    private static func boolean(_ text: String?, _ what: String, document: String) throws -> Bool? {
        guard let text else { return nil }
        switch trimmed(text).lowercased() {
        case "true": return true
        case "false": return false
        default: throw S3XMLError(document: document, reason: "\(what) is not true or false: \(quoted(text))")
        }
    }

    /// Whether XML 1.0 can carry `scalar`, at least as a character reference (its Char production).
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Whether every character of `text` can be written in an XML 1.0 document.
    static func canCarry(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(isXMLCharacter) }

    /// `text` as XML character data: the five special characters as entities, and CR, LF and tab
    /// as character references so that no reader's line-end or space handling changes them;
    /// `nil` when `text` holds a character XML cannot carry.
    static func escaped(_ text: String) -> String? {
        guard canCarry(text) else { return nil }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Decodes S3's url encoding type (`%XY` escapes of UTF-8 bytes, `+` for a space); `nil` for a
    /// malformed escape or bytes that are not UTF-8.
    static func urlDecode(_ text: String) -> String? {
        PercentEncoding.decode(text, plusIsSpace: true, strict: true).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
