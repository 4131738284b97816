// Writing one large object as a multipart upload: CreateMultipartUpload, the parts with
// UploadPart (all in flight at once, bounded by the store's I/O executor), then
// CompleteMultipartUpload; any failure aborts the upload, so no part of it remains and the
// object keeps its old value (or stays absent).

import Foundation

/// One multipart upload of `object` (the store key `key`).
struct S3MultipartUpload {
    let store: S3Store
    let object: String
    let key: String

    func upload(_ value: Data) throws {
        let created = try store.multipartCall("POST", store.multipartURL(object, [("uploads", "")]), body: nil, key: key)
        let uploadID = try S3XML.uploadID(created.body)
        do {
            let parts = try uploadParts(value, uploadID: uploadID)
            let body = try S3XML.completeMultipartUploadBody(parts)
            let completeURL = store.multipartURL(object, [("uploadId", uploadID)])
            let reply = try store.multipartCall("POST", completeURL, body: body, key: key)
            if case .failed(let document) = try S3XML.completionOutcome(reply.body) {
                throw StoreError.remote(method: "POST", url: completeURL.absoluteString, status: reply.status, reason: document.description)
            }
        } catch {
            // Best effort: the error that stopped the upload is what the caller needs to see.
            _ = try? store.multipartCall("DELETE", store.multipartURL(object, [("uploadId", uploadID)]), body: nil, key: key)
            throw error
        }
    }

    /// Sends every part and returns their numbers and entity tags.
    private func uploadParts(_ value: Data, uploadID: String) throws -> [S3XML.UploadedPart] {
        let partSize = store.partSize
        let count = (value.count + partSize - 1) / partSize
        guard count <= S3XML.maximumPartNumber else {
            throw StoreError.invalidKey(
                "S3Store.set(): '\(key)' needs \(count) parts of \(partSize) bytes, more than S3's \(S3XML.maximumPartNumber); raise partSize")
        }
        let futures = (0..<count).map { index -> Future<S3XML.UploadedPart> in
            let lower = value.startIndex + index * partSize
            let part = value.subdata(in: lower..<min(lower + partSize, value.endIndex))
            let number = index + 1
            let url = store.multipartURL(object, [("partNumber", String(number)), ("uploadId", uploadID)])
            return store.multipartSend("PUT", url, body: part).map { [store, key] reply in
                guard (200..<300).contains(reply.status) else { throw store.multipartError(reply, "PUT", url, key: key) }
                guard let eTag = reply.header("ETag") else {
                    throw StoreError.remote(method: "PUT", url: url.absoluteString, status: reply.status, reason: "UploadPart reply without ETag")
                }
                return S3XML.UploadedPart(partNumber: number, eTag: eTag)
            }
        }
        return try waitAll(futures)
    }
}
