// Fuzz target: the XML reader and the S3 reply readers on it (ListObjectsV2, Error,
// CreateMultipartUpload, CompleteMultipartUpload, DeleteObjects). Any bytes may be refused
// with an error; nothing may crash or run away. Keys read from a listing or a delete result
// must survive being written into a Delete body and read back.

import Foundation
@testable import SimpleZarr

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzS3XML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    _ = try? XMLTree.parse(bytes)
    _ = S3XML.errorDocument(bytes)?.description
    _ = try? S3XML.uploadID(bytes)
    _ = try? S3XML.completionOutcome(bytes)
    var keys: [String] = []
    if let page = try? S3XML.listPage(bytes) {
        precondition(!page.isTruncated || page.nextContinuationToken != nil, "s3xml: a truncated page without a token")
        keys += page.objects.map(\.key) + page.commonPrefixes
    }
    if let result = try? S3XML.deleteResult(bytes) {
        keys += result.deleted + result.failures.map(\.key)
    }
    let split = S3XML.deleteBatches(keys)
    for batch in split.batches {
        guard let body = try? S3XML.deleteBody(keys: batch), let root = try? XMLTree.parse(body) else {
            preconditionFailure("s3xml: a Delete body of carriable keys could not be written or read back")
        }
        precondition(root.children("Object").compactMap { $0.text(of: "Key") } == batch, "s3xml: Delete body changed a key")
    }
    return 0
}
