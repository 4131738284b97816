import Foundation
import XCTest
@testable import SimpleZarr

/// AWS Signature Version 4 against published vectors, each intermediate checked.
///
/// Sources:
/// - S3: the four examples of "Examples: Signature Calculations in AWS Signature Version 4" /
///   "Authenticating Requests: Using the Authorization Header" (Amazon S3 API Reference,
///   sig-v4-header-based-auth): GET Object with Range, PUT Object, GET Bucket Lifecycle, GET Bucket
///   (list objects); key AKIAIOSFODNN7EXAMPLE, 2013-05-24T00:00:00Z, us-east-1.
/// - aws-sig-v4-test-suite (AWS General Reference, "Signature Version 4 test suite"): get-vanilla,
///   get-vanilla-query-order-key-case, get-utf8, get-vanilla-utf8-query, get-unreserved,
///   get-header-value-trim, post-sts-token/post-sts-header-before; key AKIDEXAMPLE,
///   2015-08-30T12:36:00Z, us-east-1, service "service". These requests carry no
///   x-amz-content-sha256 header, so they check the internal steps, not `signedHeaders`.
/// - IAM User Guide, "Examples of how to derive a signing key": 20120215 / us-east-1 / iam.
final class SigV4SignerTests: XCTestCase {
    private let s3Example = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")
    private let may24 = Date(timeIntervalSince1970: 1_369_353_600)
    private let empty = SigV4Signer.emptyPayloadSHA256

    private func url(_ text: String) throws -> URL { try XCTUnwrap(URL(string: text)) }

    /// Checks one S3 example through every step and through `signedHeaders`.
    private func checkS3Example(
        method: String, url text: String, headers: [String: String], payload: String,
        canonicalRequest: [String], stringToSignHash: String, signature: String, signedHeaders: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let target = try url(text)
        var all = headers
        all["host"] = "examplebucket.s3.amazonaws.com"
        all["x-amz-date"] = "20130524T000000Z"
        all["x-amz-content-sha256"] = payload
        let canonical = SigV4Signer.canonicalRequest(method: method, url: target, headers: all, payloadSHA256: payload)
        XCTAssertEqual(canonical.request, canonicalRequest.joined(separator: "\n"), file: file, line: line)
        XCTAssertEqual(canonical.signedHeaders, signedHeaders, file: file, line: line)
        let stringToSign = s3Example.stringToSign(canonicalRequest: canonical.request, timestamp: "20130524T000000Z")
        XCTAssertEqual(stringToSign, "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" + stringToSignHash,
                       file: file, line: line)
        XCTAssertEqual(s3Example.signature(stringToSign: stringToSign, day: "20130524"), signature, file: file, line: line)

        let added = s3Example.signedHeaders(method: method, url: target, headers: headers, payloadSHA256: payload, date: may24)
        XCTAssertEqual(added, [
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=\(signedHeaders),Signature=\(signature)",
            "x-amz-date": "20130524T000000Z",
            "x-amz-content-sha256": payload,
        ], file: file, line: line)
    }

    // MARK: - The S3 API reference examples

    func testS3GetObjectWithRange() throws {
        try checkS3Example(
            method: "GET", url: "https://examplebucket.s3.amazonaws.com/test.txt", headers: ["Range": "bytes=0-9"],
            payload: empty,
            canonicalRequest: ["GET", "/test.txt", "", "host:examplebucket.s3.amazonaws.com", "range:bytes=0-9",
                               "x-amz-content-sha256:\(empty)", "x-amz-date:20130524T000000Z", "",
                               "host;range;x-amz-content-sha256;x-amz-date", empty],
            stringToSignHash: "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
            signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            signedHeaders: "host;range;x-amz-content-sha256;x-amz-date")
    }

    func testS3PutObject() throws {
        let payload = SigV4Signer.sha256Hex(Data("Welcome to Amazon S3.".utf8))
        XCTAssertEqual(payload, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        try checkS3Example(
            method: "PUT", url: "https://examplebucket.s3.amazonaws.com/test$file.text",
            headers: ["Date": "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY"],
            payload: payload,
            canonicalRequest: ["PUT", "/test%24file.text", "", "date:Fri, 24 May 2013 00:00:00 GMT",
                               "host:examplebucket.s3.amazonaws.com", "x-amz-content-sha256:\(payload)",
                               "x-amz-date:20130524T000000Z", "x-amz-storage-class:REDUCED_REDUNDANCY", "",
                               "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class", payload],
            stringToSignHash: "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
            signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
            signedHeaders: "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
        // The key already percent-encoded in the URL signs the same: encoded once, not twice.
        let encoded = s3Example.signedHeaders(
            method: "PUT", url: try url("https://examplebucket.s3.amazonaws.com/test%24file.text"),
            headers: ["Date": "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY"],
            payloadSHA256: payload, date: may24)
        XCTAssertTrue(encoded["Authorization"]?.hasSuffix("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd") == true)
    }

    func testS3GetBucketLifecycle() throws {
        try checkS3Example(
            method: "GET", url: "https://examplebucket.s3.amazonaws.com/?lifecycle", headers: [:], payload: empty,
            canonicalRequest: ["GET", "/", "lifecycle=", "host:examplebucket.s3.amazonaws.com",
                               "x-amz-content-sha256:\(empty)", "x-amz-date:20130524T000000Z", "",
                               "host;x-amz-content-sha256;x-amz-date", empty],
            stringToSignHash: "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
            signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
            signedHeaders: "host;x-amz-content-sha256;x-amz-date")
    }

    func testS3ListObjects() throws {
        // The query is given out of order: the canonical form sorts it.
        try checkS3Example(
            method: "GET", url: "https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2", headers: [:], payload: empty,
            canonicalRequest: ["GET", "/", "max-keys=2&prefix=J", "host:examplebucket.s3.amazonaws.com",
                               "x-amz-content-sha256:\(empty)", "x-amz-date:20130524T000000Z", "",
                               "host;x-amz-content-sha256;x-amz-date", empty],
            stringToSignHash: "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
            signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
            signedHeaders: "host;x-amz-content-sha256;x-amz-date")
    }

    // MARK: - aws-sig-v4-test-suite

    private let suite = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")

    /// The suite's signature of a request with `headers` besides host and x-amz-date.
    private func suiteSignature(_ method: String, _ text: String, _ headers: [String: String] = [:]) throws
        -> (canonical: String, stringToSign: String, signature: String) {
        let all = headers.merging(["Host": "example.amazonaws.com", "X-Amz-Date": "20150830T123600Z"]) { a, _ in a }
        let canonical = SigV4Signer.canonicalRequest(method: method, url: try url(text), headers: all, payloadSHA256: empty)
        let stringToSign = suite.stringToSign(canonicalRequest: canonical.request, timestamp: "20150830T123600Z")
        return (canonical.request, stringToSign, suite.signature(stringToSign: stringToSign, day: "20150830"))
    }

    func testSuiteGetVanilla() throws {
        let result = try suiteSignature("GET", "https://example.amazonaws.com/")
        XCTAssertEqual(result.canonical, "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)")
        XCTAssertEqual(result.stringToSign, "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                       + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63")
        XCTAssertEqual(result.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    func testSuiteQueryOrderKeyCase() throws {
        let result = try suiteSignature("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1")
        XCTAssertEqual(result.canonical.split(separator: "\n", omittingEmptySubsequences: false)[2], "Param1=value1&Param2=value2")
        XCTAssertEqual(result.signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    func testSuiteUTF8PathAndQuery() throws {
        let path = try suiteSignature("GET", "https://example.amazonaws.com/%E1%88%B4")
        XCTAssertTrue(path.canonical.hasPrefix("GET\n/%E1%88%B4\n\n"), path.canonical)
        XCTAssertEqual(path.signature, "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")
        let query = try suiteSignature("GET", "https://example.amazonaws.com/?%E1%88%B4=bar")
        XCTAssertTrue(query.canonical.hasPrefix("GET\n/\n%E1%88%B4=bar\n"), query.canonical)
        XCTAssertEqual(query.signature, "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04")
    }

    func testSuiteUnreservedPath() throws {
        let result = try suiteSignature("GET", "https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        XCTAssertEqual(result.signature, "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f")
    }

    func testSuiteHeaderValueTrim() throws {
        let result = try suiteSignature("GET", "https://example.amazonaws.com/",
                                        ["My-Header1": " value1", "My-Header2": " \"a   b   c\""])
        XCTAssertEqual(result.canonical, "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
                       + "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n\(empty)")
        XCTAssertEqual(result.stringToSign.split(separator: "\n").last.map(String.init),
                       "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7")
        XCTAssertEqual(result.signature, "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")
    }

    func testSuiteSessionTokenSignedBefore() throws {
        let token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUu"
            + "wthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6"
            + "d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
        let result = try suiteSignature("POST", "https://example.amazonaws.com/", ["X-Amz-Security-Token": token])
        XCTAssertTrue(result.canonical.contains("\nx-amz-security-token:\(token)\n\nhost;x-amz-date;x-amz-security-token\n"))
        XCTAssertEqual(result.signature, "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")
    }

    func testSigningKeyDerivation() {
        let key = SigV4Signer.signingKey(secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", day: "20120215",
                                         region: "us-east-1", service: "iam")
        XCTAssertEqual(SigV4Signer.hex(key), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    // MARK: - signedHeaders

    func testSessionTokenIsAddedAndSigned() throws {
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "s", sessionToken: "tok"),
                                 region: "eu-west-1")
        let added = signer.signedHeaders(method: "GET", url: try url("https://b.s3.amazonaws.com/k"), headers: [:],
                                         payloadSHA256: SigV4Signer.unsignedPayload, date: may24)
        XCTAssertEqual(added["x-amz-security-token"], "tok")
        XCTAssertEqual(added["x-amz-content-sha256"], "UNSIGNED-PAYLOAD")
        let authorization = try XCTUnwrap(added["Authorization"])
        XCTAssertTrue(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20130524/eu-west-1/s3/aws4_request,"
                                              + "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,Signature="),
                      authorization)
        // The same request signed by hand, with the token among the headers, gives the same signature.
        let canonical = SigV4Signer.canonicalRequest(
            method: "GET", url: try url("https://b.s3.amazonaws.com/k"),
            headers: ["host": "b.s3.amazonaws.com", "x-amz-date": "20130524T000000Z", "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
                      "x-amz-security-token": "tok"],
            payloadSHA256: "UNSIGNED-PAYLOAD")
        let signature = signer.signature(stringToSign: signer.stringToSign(canonicalRequest: canonical.request, timestamp: "20130524T000000Z"),
                                         day: "20130524")
        XCTAssertTrue(authorization.hasSuffix("Signature=" + signature))
    }

    /// The caller's own spellings of the added headers and of host do not change what is signed.
    func testAddedHeadersReplaceTheCallers() throws {
        let target = try url("https://examplebucket.s3.amazonaws.com/test.txt")
        let plain = s3Example.signedHeaders(method: "GET", url: target, headers: ["Range": "bytes=0-9"], payloadSHA256: empty, date: may24)
        let noisy = s3Example.signedHeaders(
            method: "get", url: target,
            headers: ["Range": "bytes=0-9", "X-Amz-Date": "19990101T000000Z", "HOST": "elsewhere", "x-amz-content-sha256": "x"],
            payloadSHA256: empty, date: may24)
        XCTAssertEqual(plain, noisy)
    }

    // MARK: - Canonical pieces

    func testCanonicalURIIsS3Style() {
        XCTAssertEqual(SigV4Signer.canonicalURI(""), "/")
        XCTAssertEqual(SigV4Signer.canonicalURI("/bucket/a b/c+d/%2B/é"), "/bucket/a%20b/c%2Bd/%2B/%C3%A9")
        // No normalisation for S3: dot segments and empty segments stay, a trailing slash stays.
        XCTAssertEqual(SigV4Signer.canonicalURI("/b/../x//y/./z/"), "/b/../x//y/./z/")
        // Encoded once: an encoded `%` stays `%25`; a stray `%` becomes `%25`.
        XCTAssertEqual(SigV4Signer.canonicalURI("/100%25/50%/%zz"), "/100%25/50%25/%25zz")
        XCTAssertEqual(SigV4Signer.canonicalURI("/a!b'c(d)e*f$g:h@i"), "/a%21b%27c%28d%29e%2Af%24g%3Ah%40i")
    }

    func testCanonicalQuery() {
        XCTAssertEqual(SigV4Signer.canonicalQuery(""), "")
        XCTAssertEqual(SigV4Signer.canonicalQuery("uploads"), "uploads=")
        XCTAssertEqual(SigV4Signer.canonicalQuery("b=2&a=2&a=1&c="), "a=1&a=2&b=2&c=")
        XCTAssertEqual(SigV4Signer.canonicalQuery("list-type=2&prefix=a/b%20c&continuation-token=x%2By+z"),
                       "continuation-token=x%2By%2Bz&list-type=2&prefix=a%2Fb%20c")
        // Sorted by the encoded name: upper case before lower case.
        XCTAssertEqual(SigV4Signer.canonicalQuery("a=1&B=2&_=3"), "B=2&_=3&a=1")
        XCTAssertEqual(SigV4Signer.canonicalQuery("k=a=b"), "k=a%3Db")
    }

    func testHostHeader() throws {
        XCTAssertEqual(SigV4Signer.hostHeader(try url("https://s3.amazonaws.com/b")), "s3.amazonaws.com")
        XCTAssertEqual(SigV4Signer.hostHeader(try url("https://s3.amazonaws.com:443/b")), "s3.amazonaws.com")
        XCTAssertEqual(SigV4Signer.hostHeader(try url("http://127.0.0.1:80/b")), "127.0.0.1")
        XCTAssertEqual(SigV4Signer.hostHeader(try url("http://127.0.0.1:9000/b")), "127.0.0.1:9000")
        XCTAssertEqual(SigV4Signer.hostHeader(try url("https://minio.local:80/b")), "minio.local:80")
        XCTAssertEqual(SigV4Signer.hostHeader(try url("http://[::1]:5000/b")), "[::1]:5000")
    }

    func testCanonicalHeaderValues() {
        XCTAssertEqual(SigV4Signer.canonicalValue("  a \t  b   c  "), "a b c")
        XCTAssertEqual(SigV4Signer.canonicalValue(""), "")
        // Names differing only in case are one header whose values are joined with commas.
        let canonical = SigV4Signer.canonicalRequest(method: "GET", url: URL(fileURLWithPath: "/"),
                                                     headers: ["X-A": "1", "x-a": "2", "host": "h"], payloadSHA256: "p")
        XCTAssertTrue(canonical.request.contains("\nhost:h\nx-a:1,2\n\nhost;x-a\np"), canonical.request)
    }

    func testTimestamps() {
        XCTAssertEqual(SigV4Signer.timestamp(may24).timestamp, "20130524T000000Z")
        XCTAssertEqual(SigV4Signer.timestamp(Date(timeIntervalSince1970: 1_440_938_160)).timestamp, "20150830T123600Z")
        XCTAssertEqual(SigV4Signer.timestamp(Date(timeIntervalSince1970: 951_825_599.9)).timestamp, "20000229T115959Z")
        XCTAssertEqual(SigV4Signer.timestamp(Date(timeIntervalSince1970: 4_107_542_400)).day, "21000301")
        // Out-of-range dates are clamped instead of trapping.
        XCTAssertEqual(SigV4Signer.timestamp(Date(timeIntervalSince1970: -5)).timestamp, "19700101T000000Z")
        XCTAssertEqual(SigV4Signer.timestamp(Date(timeIntervalSince1970: .infinity)).timestamp, "99991231T235959Z")
        XCTAssertEqual(SigV4Signer.timestamp(Date(timeIntervalSince1970: .nan)).timestamp, "19700101T000000Z")
        // Agrees with Foundation's formatter on arbitrary instants.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var random = SplitMix64(state: 24)
        for _ in 0..<200 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 0..<253_402_300_799, using: &random)))
            XCTAssertEqual(SigV4Signer.timestamp(date).timestamp, formatter.string(from: date))
        }
    }
}
