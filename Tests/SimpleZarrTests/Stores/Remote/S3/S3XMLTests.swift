import Foundation
import XCTest
@testable import SimpleZarr

/// The S3 XML readers on real replies, and the request-body writers.
///
/// Fixtures (Tests/SimpleZarrTests/Fixtures/s3-replies/):
/// - `moto-*.xml`: replies of the moto S3 server 5.2.5, captured by Scripts/capture_s3_replies.py.
/// - `aws-*.xml`: the example replies of the Amazon S3 API Reference (ListObjectsV2,
///   CreateMultipartUpload, CompleteMultipartUpload, DeleteObjects, Error responses).
/// - `shaped-*.xml`: written by hand in the shape of S3's redirect and wrong-region errors.
final class S3XMLTests: XCTestCase {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/s3-replies")

    private func reply(_ name: String) throws -> Data {
        try Data(contentsOf: Self.folder.appendingPathComponent(name))
    }

    // MARK: - ListObjectsV2

    func testMotoListings() throws {
        let all = try S3XML.listPage(reply("moto-list-all.xml"))
        XCTAssertEqual(all.objects.map(\.key), ["data/c/0/0", "data/c/0/1", "data/c/1/0", "data/sub/zarr.json", "data/zarr.json",
                                                "odd/a b+c&d<e>'f\"g.bin", "odd/ключ/é 100%", "top.txt"])
        // The capture script wrote object i with i + 1 bytes, in this order.
        let order = ["data/zarr.json", "data/c/0/0", "data/c/0/1", "data/c/1/0", "data/sub/zarr.json",
                     "odd/a b+c&d<e>'f\"g.bin", "odd/ключ/é 100%", "top.txt"]
        for object in all.objects { XCTAssertEqual(object.size, (order.firstIndex(of: object.key) ?? -10) + 1, object.key) }
        XCTAssertEqual(all.objects.first?.eTag?.count, 34)
        XCTAssertEqual(all.objects.first?.lastModified?.hasSuffix("Z"), true)
        XCTAssertFalse(all.isTruncated)
        XCTAssertNil(all.nextContinuationToken)
        XCTAssertEqual(all.keyCount, 8)
        XCTAssertEqual(all.commonPrefixes, [])

        let root = try S3XML.listPage(reply("moto-list-delimiter.xml"))
        XCTAssertEqual(root.objects.map(\.key), ["top.txt"])
        XCTAssertEqual(root.commonPrefixes, ["data/", "odd/"])
        XCTAssertEqual(root.keyCount, 3)
        let data = try S3XML.listPage(reply("moto-list-prefix-delimiter.xml"))
        XCTAssertEqual(data.objects.map(\.key), ["data/zarr.json"])
        XCTAssertEqual(data.commonPrefixes, ["data/c/", "data/sub/"])
        let empty = try S3XML.listPage(reply("moto-list-empty.xml"))
        XCTAssertEqual(empty, S3XML.ListPage(keyCount: 0))
    }

    func testMotoPagination() throws {
        let first = try S3XML.listPage(reply("moto-list-page-1.xml"))
        XCTAssertTrue(first.isTruncated)
        XCTAssertEqual(first.objects.count, 3)
        XCTAssertNotNil(first.nextContinuationToken)
        let second = try S3XML.listPage(reply("moto-list-page-2.xml"))
        XCTAssertEqual(second.objects.map(\.key), ["data/sub/zarr.json", "data/zarr.json", "odd/a b+c&d<e>'f\"g.bin"])
        XCTAssertNotEqual(second.nextContinuationToken, first.nextContinuationToken)
    }

    func testMotoURLEncodedListings() throws {
        let page = try S3XML.listPage(reply("moto-list-encoded.xml"))
        XCTAssertEqual(page.objects.map(\.key), ["odd/a b+c&d<e>'f\"g.bin", "odd/ключ/é 100%"])
        let rolled = try S3XML.listPage(reply("moto-list-encoded-delimiter.xml"))
        XCTAssertEqual(rolled.objects.map(\.key), ["odd/a b+c&d<e>'f\"g.bin"])
        XCTAssertEqual(rolled.commonPrefixes, ["odd/ключ/"])
    }

    func testAWSListingExamples() throws {
        let one = try S3XML.listPage(reply("aws-list-objects-v2.xml"))
        XCTAssertEqual(one.objects, [S3XML.ListedObject(key: "my-image.jpg", size: 434_234,
                                                        eTag: "\"fba9dede5f27731c9771645a39863328\"",
                                                        lastModified: "2009-10-12T17:50:30.000Z")])
        XCTAssertEqual(one.keyCount, 205)
        let truncated = try S3XML.listPage(reply("aws-list-objects-v2-truncated.xml"))
        XCTAssertTrue(truncated.isTruncated)
        XCTAssertEqual(truncated.nextContinuationToken, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        XCTAssertEqual(truncated.objects.map(\.size), [11, 11, 11])
        let delimited = try S3XML.listPage(reply("aws-list-objects-v2-delimiter.xml"))
        XCTAssertEqual(delimited.commonPrefixes, ["photos/2006/February/", "photos/2006/January/"])
        XCTAssertEqual(delimited.objects, [])
    }

    /// With `EncodingType` url, `+` is a space and `%2B` a plus (S3's form encoding); without it,
    /// keys are taken as they are.
    func testURLEncodingType() throws {
        func page(_ key: String, encoded: Bool) throws -> S3XML.ListPage {
            let type = encoded ? "<EncodingType>url</EncodingType>" : ""
            return try S3XML.listPage(Data("<ListBucketResult>\(type)<Contents><Key>\(key)</Key><Size>1</Size></Contents></ListBucketResult>".utf8))
        }
        XCTAssertEqual(try page("a+b%2Bc%25%E2%82%AC", encoded: true).objects.first?.key, "a b+c%€")
        XCTAssertEqual(try page("a+b%2Bc", encoded: false).objects.first?.key, "a+b%2Bc")
        for bad in ["%", "%4", "%zz", "%C3", "%FF"] {
            XCTAssertThrowsError(try page(bad, encoded: true), bad)
        }
    }

    func testMalformedListings() {
        let cases = [
            "<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>",
            "<ListBucketResult><Contents><Key>k</Key></Contents></ListBucketResult>",
            "<ListBucketResult><Contents><Key>k</Key><Size>-1</Size></Contents></ListBucketResult>",
            "<ListBucketResult><Contents><Key>k</Key><Size>99999999999999999999</Size></Contents></ListBucketResult>",
            "<ListBucketResult><IsTruncated>maybe</IsTruncated></ListBucketResult>",
            "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>",
            "<ListBucketResult><CommonPrefixes></CommonPrefixes></ListBucketResult>",
            "<ListBucketResult><KeyCount>x</KeyCount></ListBucketResult>",
            "<ListAllMyBucketsResult/>", "not xml",
        ]
        for text in cases {
            XCTAssertThrowsError(try S3XML.listPage(Data(text.utf8)), text) { error in
                XCTAssertTrue(error is S3XMLError, "\(error)")
            }
        }
        // An Error document where a listing was expected says what the error was.
        XCTAssertThrowsError(try S3XML.listPage(reply("moto-error-no-such-bucket.xml"))) { error in
            XCTAssertTrue("\(error)".contains("NoSuchBucket"), "\(error)")
        }
    }

    // MARK: - Error documents

    func testErrorDocuments() throws {
        let key = try XCTUnwrap(S3XML.errorDocument(reply("moto-error-no-such-key.xml")))
        XCTAssertEqual(key.code, "NoSuchKey")
        XCTAssertEqual(key.message, "The specified key does not exist.")
        XCTAssertEqual(key.requestID?.isEmpty, false)
        XCTAssertEqual(key.hostID?.isEmpty, false)
        XCTAssertEqual(try XCTUnwrap(S3XML.errorDocument(reply("moto-error-no-such-bucket.xml"))).code, "NoSuchBucket")

        XCTAssertEqual(S3XML.errorDocument(try reply("aws-error-no-such-key.xml")), S3XML.ErrorDocument(
            code: "NoSuchKey", message: "The resource you requested does not exist", requestID: "4442587FB7D0A2F9",
            resource: "/mybucket/myfoto.jpg"))
        let region = try XCTUnwrap(S3XML.errorDocument(reply("shaped-error-wrong-region.xml")))
        XCTAssertEqual(region.bucketRegion, "eu-west-1")
        let redirect = try XCTUnwrap(S3XML.errorDocument(reply("shaped-error-permanent-redirect.xml")))
        XCTAssertEqual(redirect.code, "PermanentRedirect")
        XCTAssertEqual(redirect.bucketRegion, "eu-west-1")
        XCTAssertEqual(redirect.endpoint, "example-bucket.s3.eu-west-1.amazonaws.com")
        XCTAssertEqual(redirect.description.hasPrefix("PermanentRedirect: The bucket"), true)
        XCTAssertTrue(redirect.description.contains("request ID 1A2B3C4D5E6F7A8B"), redirect.description)

        // The wrapped form some S3-compatible services send.
        let wrapped = "<ErrorResponse><Error><Code>SlowDown</Code></Error><RequestId>r</RequestId></ErrorResponse>"
        XCTAssertEqual(S3XML.errorDocument(Data(wrapped.utf8))?.code, "SlowDown")
        // Not an error document: nil, so the caller reports the status instead.
        for text in ["", "<html>502 Bad Gateway</html>", "<Error><Message>no code</Message></Error>", "<Error>"] {
            XCTAssertNil(S3XML.errorDocument(Data(text.utf8)), text)
        }
        XCTAssertNil(S3XML.errorDocument(try reply("moto-list-all.xml")))
    }

    // MARK: - Multipart upload

    func testUploadIDs() throws {
        let motoID = try S3XML.uploadID(reply("moto-initiate-multipart.xml"))
        XCTAssertTrue(motoID.count > 20 && motoID.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }, motoID)
        XCTAssertEqual(try S3XML.uploadID(reply("aws-initiate-multipart.xml")), "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA")
        XCTAssertThrowsError(try S3XML.uploadID(Data("<InitiateMultipartUploadResult><UploadId> </UploadId></InitiateMultipartUploadResult>".utf8)))
        XCTAssertThrowsError(try S3XML.uploadID(reply("moto-error-no-such-bucket.xml")))
    }

    func testCompletionOutcomes() throws {
        XCTAssertEqual(try S3XML.completionOutcome(reply("moto-complete-multipart.xml")),
                       .completed(eTag: "\"948852a12d98ca710899a9645b6dfd6b-1\""))
        XCTAssertEqual(try S3XML.completionOutcome(reply("aws-complete-multipart.xml")),
                       .completed(eTag: "\"3858f62230ac3c915f300c664312c11f-9\""))
        guard case .failed(let error) = try S3XML.completionOutcome(reply("aws-complete-multipart-error-in-200.xml")) else {
            return XCTFail("the Error in a 200 reply was not recognised")
        }
        XCTAssertEqual(error.code, "InternalError")
        XCTAssertEqual(error.requestID, "656c76696e6727732072657175657374")
        guard case .failed(let invalid) = try S3XML.completionOutcome(reply("moto-error-invalid-part.xml")) else {
            return XCTFail("moto's InvalidPart was not recognised")
        }
        XCTAssertEqual(invalid.code, "InvalidPart")
        // S3 may send spaces while it works, before the document.
        let padded = Data((String(repeating: " \n", count: 500) + "<?xml version=\"1.0\"?><Error><Code>SlowDown</Code></Error>").utf8)
        XCTAssertEqual(try S3XML.completionOutcome(padded), .failed(S3XML.ErrorDocument(code: "SlowDown")))
        XCTAssertThrowsError(try S3XML.completionOutcome(Data("<Other/>".utf8)))
        XCTAssertThrowsError(try S3XML.completionOutcome(Data("   ".utf8)))
    }

    func testCompleteMultipartUploadBody() throws {
        let body = try S3XML.completeMultipartUploadBody([
            S3XML.UploadedPart(partNumber: 2, eTag: "\"b\""), S3XML.UploadedPart(partNumber: 1, eTag: "\"a&\""),
        ])
        let root = try XMLTree.parse(body)
        XCTAssertEqual(root.name, "CompleteMultipartUpload")
        XCTAssertEqual(root.children("Part").map { $0.text(of: "PartNumber") }, ["1", "2"])
        XCTAssertEqual(root.children("Part").map { $0.text(of: "ETag") }, ["\"a&\"", "\"b\""])
        XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("<ETag>&quot;a&amp;&quot;</ETag>"))
        for parts in [[], [S3XML.UploadedPart(partNumber: 0, eTag: "e")], [S3XML.UploadedPart(partNumber: 10_001, eTag: "e")],
                      [S3XML.UploadedPart(partNumber: 3, eTag: "e"), S3XML.UploadedPart(partNumber: 3, eTag: "f")],
                      [S3XML.UploadedPart(partNumber: 1, eTag: "\u{1}")]] {
            XCTAssertThrowsError(try S3XML.completeMultipartUploadBody(parts), "\(parts)")
        }
    }

    // MARK: - DeleteObjects

    func testDeleteResults() throws {
        let moto = try S3XML.deleteResult(reply("moto-delete-result.xml"))
        XCTAssertEqual(moto.deleted, ["top.txt", "odd/a b+c&d<e>'f\"g.bin", "never/existed"])
        XCTAssertEqual(moto.failures, [])
        let aws = try S3XML.deleteResult(reply("aws-delete-result.xml"))
        XCTAssertEqual(aws.deleted, ["sample1.txt"])
        XCTAssertEqual(aws.failures, [S3XML.DeleteFailure(key: "sample2.txt", code: "AccessDenied", message: "Access Denied")])
        XCTAssertEqual(try S3XML.deleteResult(Data("<DeleteResult/>".utf8)), S3XML.DeleteResult())
        XCTAssertThrowsError(try S3XML.deleteResult(Data("<DeleteResult><Error><Code>X</Code></Error></DeleteResult>".utf8)))
    }

    func testDeleteBodyRoundTripsKeys() throws {
        let keys = ["plain", "a b+c&d<e>'f\"g", "ключ/é", "tab\there", "cr\rlf\n", " lead and trail ", "]]>", "😀"]
        let body = try S3XML.deleteBody(keys: keys)
        let root = try XMLTree.parse(body)
        XCTAssertEqual(root.name, "Delete")
        XCTAssertEqual(root.text(of: "Quiet"), "true")
        XCTAssertEqual(root.children("Object").compactMap { $0.text(of: "Key") }, keys)
        XCTAssertEqual(try XMLTree.parse(S3XML.deleteBody(keys: ["k"], quiet: false)).text(of: "Quiet"), "false")
    }

    func testDeleteBodyLimits() throws {
        XCTAssertThrowsError(try S3XML.deleteBody(keys: []))
        XCTAssertThrowsError(try S3XML.deleteBody(keys: (0...1000).map { "k\($0)" }))
        XCTAssertNoThrow(try S3XML.deleteBody(keys: (0..<1000).map { "k\($0)" }))
        // XML 1.0 cannot carry most control characters, not even as references.
        XCTAssertThrowsError(try S3XML.deleteBody(keys: ["bell\u{7}"])) { error in
            XCTAssertTrue("\(error)".contains("DELETE"), "\(error)")
        }
        XCTAssertThrowsError(try S3XML.deleteBody(keys: ["nul\u{0}"]))
        XCTAssertThrowsError(try S3XML.deleteBody(keys: ["\u{FFFE}"]))
    }

    func testDeleteBatches() {
        let keys = (0..<2500).map { "k\($0)" } + ["bad\u{1}", "also\u{1F}bad"]
        let split = S3XML.deleteBatches(keys.shuffled())
        XCTAssertEqual(split.batches.map(\.count), [1000, 1000, 500])
        XCTAssertEqual(Set(split.batches.joined()), Set(keys.prefix(2500)))
        XCTAssertEqual(Set(split.unrepresentable), ["bad\u{1}", "also\u{1F}bad"])
        XCTAssertEqual(S3XML.deleteBatches([]).batches, [])
    }
}
