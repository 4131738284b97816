// A store in an S3-compatible object storage bucket (AWS S3, MinIO, Ceph, R2, moto): objects
// read with GET (ranges as for HTTP), written with PUT (multipart upload above a threshold),
// erased with DELETE and DeleteObjects, listed with ListObjectsV2; every request signed with
// AWS Signature Version 4 unless the access is anonymous.

import Foundation
import ZarrCompression

/// A store whose keys are objects below `prefix` in an S3 bucket (Python: s3fs / obstore).
///
/// ```swift
/// let store = try S3Store(bucket: "data", prefix: "image.zarr",
///                         endpoint: URL(string: "http://127.0.0.1:9000"), region: "us-east-1")
/// let array = try openZarr(store, path: "raw").array
/// ```
///
/// Keys map under `prefix` as `LocalStore` maps them under its directory: key `a/b` is the
/// object `<prefix>/a/b`. Each write of an object is atomic (the service shows the old value
/// or the new one); a value over `multipartThreshold` is uploaded in parts and a failed upload
/// is aborted, so no half-written object remains. Listing uses ListObjectsV2 with pagination.
/// Reads run on `ioExecutor` without holding a thread while they wait; requests are retried as
/// `retryPolicy` says. A missing key is `StoreError.keyNotFound`; other failures are
/// `StoreError.remote` with the method, URL, HTTP status and the service's error code.
///
/// `eraseValues` and `erasePrefix` delete in batches of 1,000 keys with DeleteObjects, which
/// does not report keys that were already absent.
public final class S3Store: BaseStore, AsyncReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    // @unchecked Sendable: every stored property is a `let` of a Sendable type.

    /// How a bucket is named in request URLs.
    public enum Addressing: Sendable, Equatable {
        /// `https://endpoint/bucket/key` (MinIO, Ceph, moto, most custom endpoints).
        case path
        /// `https://bucket.endpoint/key` (AWS's default).
        case virtualHosted
    }

    /// The bucket.
    public let bucket: String
    /// The key prefix of the store's objects, without leading or trailing "/" ("" for the bucket's root).
    public let prefix: String
    /// The service endpoint, such as `https://s3.eu-west-1.amazonaws.com`.
    public let endpoint: URL
    /// The region requests are signed for.
    public let region: String
    /// Path-style or virtual-hosted requests.
    public let addressing: Addressing
    /// Values larger than this many bytes are written with a multipart upload.
    public let multipartThreshold: Int
    /// The size of each part of a multipart upload (at least 5 MiB, as S3 requires).
    public let partSize: Int
    /// The most keys one ListObjectsV2 page holds (1...1,000).
    public let listPageSize: Int
    /// How failed requests are retried and how long one may take.
    public var retryPolicy: HTTPRetryPolicy { transport.retryPolicy }
    /// The executor that bounds the requests in flight.
    public var ioExecutor: IOExecutor { transport.ioExecutor }
    /// Whether requests go unsigned (a public bucket).
    public var isAnonymous: Bool { signer == nil }

    private let signer: SigV4Signer?
    private let transport: HTTPTransport

    /// The smallest part S3 accepts (all parts but the last).
    public static let minimumPartSize = 5 << 20

    /// A store for the objects below `prefix` in `bucket`.
    ///
    /// - Parameters:
    ///   - endpoint: the service URL; `https://s3.<region>.amazonaws.com` by default.
    ///   - region: the signing region; by default `AWS_REGION`, `AWS_DEFAULT_REGION`, the
    ///     profile's region, else `us-east-1`.
    ///   - credentials: the keys to sign with; by default `AWSCredentials.resolve(profile:)`
    ///     (environment, then the shared files). None found means anonymous access.
    ///   - anonymous: `true` never signs, whatever credentials exist.
    ///   - addressing: by default virtual-hosted for AWS endpoints, path-style for custom ones.
    ///   - multipartThreshold, partSize: multipart uploads for values over the threshold
    ///     (default 64 MiB), in parts of `partSize` bytes (default 16 MiB, at least 5 MiB).
    ///   - listPageSize: keys per ListObjectsV2 page (1...1,000).
    /// - Throws: `StoreError.invalidKey` for an empty bucket name or a bad endpoint;
    ///   `AWSCredentialsError` when a named profile cannot be read.
    public init(
        bucket: String, prefix: String = "", endpoint: URL? = nil, region: String? = nil,
        credentials: AWSCredentials? = nil, profile: String? = nil, anonymous: Bool = false,
        addressing: Addressing? = nil, multipartThreshold: Int = 64 << 20, partSize: Int = 16 << 20, listPageSize: Int = 1000,
        retryPolicy: HTTPRetryPolicy = .default, ioExecutor: IOExecutor? = nil
    ) throws {
        guard !bucket.isEmpty, !bucket.contains("/") else {
            throw StoreError.invalidKey("S3Store(bucket:): the bucket name must be non-empty and hold no '/', got '\(bucket)'")
        }
        let region = try region ?? AWSRegion.resolve(profile: profile) ?? "us-east-1"
        let endpoint = endpoint ?? URL(string: "https://s3.\(region).amazonaws.com")
        guard let endpoint, let scheme = endpoint.scheme?.lowercased(), scheme == "http" || scheme == "https",
              endpoint.host != nil, endpoint.query == nil
        else {
            throw StoreError.invalidKey("S3Store(endpoint:): \(endpoint?.absoluteString ?? "nil") is not an http(s) URL")
        }
        self.bucket = bucket
        self.prefix = prefix.split(separator: "/").joined(separator: "/")
        self.endpoint = endpoint
        self.region = region
        self.addressing = addressing ?? ((endpoint.host ?? "").hasSuffix("amazonaws.com") ? .virtualHosted : .path)
        self.multipartThreshold = max(multipartThreshold, 1)
        self.partSize = max(partSize, Self.minimumPartSize)
        self.listPageSize = min(max(listPageSize, 1), 1000)
        let keys = anonymous ? nil : try credentials ?? AWSCredentials.resolve(profile: profile)
        signer = keys.map { SigV4Signer(credentials: $0, region: region, service: "s3") }
        transport = HTTPTransport(retryPolicy: retryPolicy, ioExecutor: ioExecutor ?? .shared)
        super.init()
    }

    /// `<S3Store s3://bucket/prefix at endpoint>`.
    public override var description: String {
        "<S3Store s3://\(bucket)/\(prefix) at \(endpoint.absoluteString)>"
    }

    // MARK: URLs and signing

    /// The object name of `key`.
    private func objectName(_ key: String) -> String {
        prefix.isEmpty ? key : prefix + "/" + key
    }

    /// The URL of the object of `key`.
    public func url(for key: String) -> URL {
        url(object: objectName(key))
    }

    /// The URL of object `name` (`nil`: the bucket itself) with `query` (already encoded).
    private func url(object name: String?, query: [(String, String)] = []) -> URL {
        var base = endpoint.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var path = ""
        if addressing == .virtualHosted, var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false),
           let host = components.host {
            components.host = bucket + "." + host
            base = components.url?.absoluteString ?? base
            while base.hasSuffix("/") { base.removeLast() }
        } else {
            path = "/" + PercentEncoding.encode(Array(bucket.utf8), keepingSlash: false)
        }
        if let name { path += "/" + PercentEncoding.encode(Array(name.utf8), keepingSlash: true) } else { path += "/" }
        var text = base + path
        if !query.isEmpty {
            text += "?" + query.map { name, value in
                PercentEncoding.encode(Array(name.utf8), keepingSlash: false) + "="
                    + PercentEncoding.encode(Array(value.utf8), keepingSlash: false)
            }.joined(separator: "&")
        }
        return URL(string: text) ?? endpoint
    }

    /// Signs each attempt anew (the signature holds the time), hashing the body once.
    private func signing(_ body: Data?) -> HTTPTransport.Prepare? {
        guard let signer else { return nil }
        let payload = body.map(SigV4Signer.sha256Hex) ?? SigV4Signer.emptyPayloadSHA256
        return { request in
            let added = signer.signedHeaders(
                method: request.method, url: request.url, headers: request.headers, payloadSHA256: payload, date: Date())
            request.headers.merge(added) { _, new in new }
        }
    }

    private func send(_ method: String, _ url: URL, body: Data? = nil, headers: [String: String] = [:]) -> Future<HTTPReply> {
        var headers = headers
        if body != nil {
            // URLSession would call a body a web form; objects are bytes, request bodies XML.
            headers["Content-Type"] = method == "POST" ? "application/xml" : "application/octet-stream"
        }
        // Every reply to these requests is an XML document (or empty): no more than XMLTree reads.
        return transport.send(
            HTTPRequest(method: method, url: url, headers: headers, body: body), maximumBodySize: XMLTree.maximumSize,
            prepare: signing(body))
    }

    /// Blocks for a request and returns its 2xx reply, or throws the S3 error it got.
    private func call(_ method: String, _ url: URL, body: Data? = nil, key: String? = nil, caller: String) throws -> HTTPReply {
        let reply = try send(method, url, body: body).result()
        guard (200..<300).contains(reply.status) else {
            throw Self.error(reply, HTTPRequest(method: method, url: url), key: key, caller: caller)
        }
        return reply
    }

    /// The store error for a failed reply: `keyNotFound` for a missing key, else `remote`
    /// with the service's error code and message.
    private static func error(_ reply: HTTPReply, _ request: HTTPRequest, key: String?, caller: String) -> any Error {
        let document = S3XML.errorDocument(reply.body)
        if let key, reply.status == 404, document == nil || document?.code == "NoSuchKey" {
            return StoreError.keyNotFound(key: key, method: "S3Store.\(caller)")
        }
        return StoreError.remote(
            method: request.method, url: request.url.absoluteString, status: reply.status,
            reason: document?.description ?? HTTPStatusReason.text(reply.status))
    }

    private func refusal(_ key: String, _ caller: String) -> HTTPTransport.Refusal {
        { reply, request in Self.error(reply, request, key: key, caller: caller) }
    }

    // MARK: Buckets

    /// Creates the bucket (CreateBucket), for tests and new deployments.
    public func createBucket() throws {
        var body: Data?
        if region != "us-east-1" {
            body = Data(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        _ = try call("PUT", url(object: nil), body: body, caller: "createBucket")
    }

    // MARK: ReadableStore

    /// Reads the whole object with GET.
    public func uncheckedGet(_ key: String) throws -> Data {
        try uncheckedGetFuture(key, maximumSize: .max).result()
    }

    /// Reads the whole object, refusing one longer than `maximumSize` before it is received.
    public func uncheckedGet(_ key: String, maximumSize: Int) throws -> Data {
        try uncheckedGetFuture(key, maximumSize: maximumSize).result()
    }

    /// Reads byte ranges, all requests in flight at once.
    public func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        try uncheckedGetPartialValuesFuture(keyRanges).result()
    }

    /// Starts a GET of the whole object.
    public func uncheckedGetFuture(_ key: String, maximumSize: Int) -> Future<Data> {
        transport.read(
            url(object: objectName(key)), headers: [:], range: nil, maximumBodySize: maximumSize, prepare: signing(nil),
            refuse: refusal(key, "get"))
    }

    /// Starts one ranged GET per range.
    public func uncheckedGetPartialValuesFuture(_ keyRanges: [KeyRange]) -> Future<[Data]> {
        Future.all(keyRanges.map { range in
            transport.read(
                url(object: objectName(range.key)), headers: [:], range: HTTPRangeRead(start: range.start, length: range.length),
                prepare: signing(nil), refuse: refusal(range.key, "getPartialValues"))
        })
    }

    // MARK: WritableStore

    /// Writes the object with one PUT, or a multipart upload above `multipartThreshold`.
    public func uncheckedSet(_ key: String, _ value: Data) throws {
        let name = objectName(key)
        if value.count > multipartThreshold {
            try S3MultipartUpload(store: self, object: name, key: key).upload(value)
            return
        }
        _ = try call("PUT", url(object: name), body: value, key: key, caller: "set")
    }

    /// Removes the object; throws `keyNotFound` when it does not exist (S3's DELETE does not say).
    public func uncheckedErase(_ key: String) throws {
        let name = objectName(key)
        _ = try call("HEAD", url(object: name), key: key, caller: "erase")
        _ = try call("DELETE", url(object: name), key: key, caller: "erase")
    }

    /// Deletes the keys with DeleteObjects, 1,000 per request (absent keys are no error).
    public func uncheckedEraseValues(_ keys: [String]) throws {
        let (batches, unrepresentable) = S3XML.deleteBatches(keys.map(objectName))
        for batch in batches {
            let body = try S3XML.deleteBody(keys: batch)
            // DeleteObjects needs a checksum of its body; Content-MD5 is the one every service knows.
            let md5 = Data(body.withUnsafeBytes { MD5.hash($0) }).base64EncodedString()
            let reply = try send("POST", url(object: nil, query: [("delete", "")]), body: body, headers: ["Content-MD5": md5]).result()
            guard reply.status == 200 else {
                throw Self.error(reply, HTTPRequest(method: "POST", url: url(object: nil)), key: nil, caller: "eraseValues")
            }
            if let failure = try S3XML.deleteResult(reply.body).failures.first {
                throw StoreError.remote(
                    method: "POST", url: url(object: nil, query: [("delete", "")]).absoluteString, status: reply.status,
                    reason: "could not delete '\(failure.key)': \(failure.code)" + (failure.message.map { " (\($0))" } ?? ""))
            }
        }
        for name in unrepresentable {
            _ = try call("DELETE", url(object: name), caller: "eraseValues")
        }
    }

    /// Lists the keys below `prefix` and deletes them in batches.
    public func uncheckedErasePrefix(_ prefix: String) throws {
        try uncheckedEraseValues(uncheckedListPrefix(prefix))
    }

    // MARK: ListableStore

    /// Every key of the store, sorted.
    public func uncheckedList() throws -> [String] {
        try listing(below: "", delimited: false)
    }

    /// The keys below `prefix`, with ListObjectsV2 on that prefix.
    public func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        try listing(below: StoreKeys.isRoot(prefix) ? "" : prefix, delimited: false)
    }

    /// The keys and sub-directories ("sub/") right in `prefix`, with the delimiter "/".
    public func uncheckedListDir(_ prefix: String) throws -> [String] {
        try listing(below: StoreKeys.isRoot(prefix) ? "" : prefix, delimited: true)
    }

    /// Reads every page of a listing of `relative` (a store prefix ending in "/", or "").
    private func listing(below relative: String, delimited: Bool) throws -> [String] {
        let objectPrefix = prefix.isEmpty ? relative : prefix + "/" + relative
        let strip = prefix.isEmpty ? 0 : prefix.utf8.count + 1
        var keys: [String] = []
        var token: String?
        var pages = 0
        repeat {
            var query = [("list-type", "2"), ("encoding-type", "url"), ("max-keys", String(listPageSize))]
            if !objectPrefix.isEmpty { query.append(("prefix", objectPrefix)) }
            if delimited { query.append(("delimiter", "/")) }
            if let token { query.append(("continuation-token", token)) }
            let page = try S3XML.listPage(call("GET", url(object: nil, query: query), caller: delimited ? "listDir" : "list").body)
            for name in page.objects.map(\.key) + page.commonPrefixes where name.utf8.count > strip {
                keys.append(String(decoding: name.utf8.dropFirst(strip), as: UTF8.self))
            }
            pages += 1
            token = page.isTruncated ? page.nextContinuationToken : nil
            if page.isTruncated, token == nil || pages > 10_000_000 {
                throw StoreError.remote(
                    method: "GET", url: url(object: nil).absoluteString, status: 200,
                    reason: "a truncated ListObjectsV2 page without a usable continuation token")
            }
        } while token != nil
        return StoreKeys.sorted(keys)
    }

    // MARK: Multipart upload requests (for S3MultipartUpload)

    func multipartURL(_ object: String, _ query: [(String, String)]) -> URL {
        url(object: object, query: query)
    }

    func multipartSend(_ method: String, _ url: URL, body: Data?) -> Future<HTTPReply> {
        send(method, url, body: body)
    }

    func multipartCall(_ method: String, _ url: URL, body: Data?, key: String) throws -> HTTPReply {
        try call(method, url, body: body, key: key, caller: "set")
    }

    func multipartError(_ reply: HTTPReply, _ method: String, _ url: URL, key: String) -> any Error {
        Self.error(reply, HTTPRequest(method: method, url: url), key: key, caller: "set")
    }
}
