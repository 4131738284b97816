// A read-only store over plain HTTP(S): a key is a path below the base URL, read with GET,
// byte ranges with `Range`, sizes with HEAD. Plain HTTP cannot list, so a hierarchy opens
// through its consolidated metadata (v2 `.zmetadata`, v3 inline in `zarr.json`).

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A read-only store reading the keys below a base URL (Python: fsspec's HTTP file system).
///
/// ```swift
/// let store = try HTTPStore(url: URL(string: "https://example.org/data/image.zarr")!)
/// let image = try openZarr(store)   // a group opens through its consolidated metadata
/// ```
///
/// Requests run on `ioExecutor` (at most its `maxInFlight` at once) without holding a thread
/// while they wait; failures are retried as `retryPolicy` says. A missing key (404) is
/// `StoreError.keyNotFound`; any other failure is `StoreError.remote` with the method, the URL
/// and the HTTP status. The store cannot list keys, so `ZarrGroup.children` needs consolidated
/// metadata (`consolidateMetadata` writes it); `group["name"]` works without.
public final class HTTPStore: BaseStore, AsyncReadableStore, @unchecked Sendable {
    // @unchecked Sendable: every stored property is a `let` of a Sendable type.

    /// The base URL; a key is appended to its path.
    public let url: URL
    /// Headers sent with every request (an `Authorization` token, say).
    public let headers: [String: String]
    /// How failed requests are retried and how long one may take.
    public var retryPolicy: HTTPRetryPolicy { transport.retryPolicy }
    /// The executor that bounds the requests in flight.
    public var ioExecutor: IOExecutor { transport.ioExecutor }

    private let transport: HTTPTransport
    /// The text of `url` without trailing slashes: each key's URL is this, `/`, the key.
    private let baseText: String

    /// A store reading the keys below `url` (`http` or `https`).
    ///
    /// - Parameters:
    ///   - headers: sent with every request.
    ///   - retryPolicy: retries and the timeout of one attempt.
    ///   - ioExecutor: bounds the requests in flight; `IOExecutor.shared` by default.
    /// - Throws: `StoreError.invalidKey` for a URL that is not http(s), has a query or fragment,
    ///   or holds a user name or password (they would be printed in messages; pass an
    ///   `Authorization` header in `headers` instead).
    public init(
        url: URL, headers: [String: String] = [:], retryPolicy: HTTPRetryPolicy = .default, ioExecutor: IOExecutor? = nil
    ) throws {
        guard url.user == nil, url.password == nil else {
            throw StoreError.invalidKey(
                "HTTPStore(url:): the URL holds credentials; pass them as an Authorization header in `headers:` instead")
        }
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil,
              url.query == nil, url.fragment == nil
        else {
            throw StoreError.invalidKey("HTTPStore(url:): \(url.absoluteString) is not an http(s) URL without query or fragment")
        }
        self.url = url
        self.headers = headers
        var base = url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        baseText = base
        transport = HTTPTransport(retryPolicy: retryPolicy, ioExecutor: ioExecutor ?? .shared)
        super.init()
    }

    /// `<HTTPStore http://host/path>`.
    public override var description: String { "<HTTPStore \(url.absoluteString)>" }

    /// The URL of `key`: the base URL's path, then the key with each segment percent-encoded.
    public func url(for key: String) -> URL {
        URL(string: baseText + "/" + PercentEncoding.encodePath(key)) ?? url.appendingPathComponent(key)
    }

    // MARK: Sizes

    /// The size in bytes of the value at `key`, from a HEAD request.
    ///
    /// - Throws: `StoreError.keyNotFound` when absent, `StoreError.remote` for other failures.
    public func size(of key: String) throws -> Int {
        try StoreKeys.checkKey(key, self, "size")
        return try sizeFuture(key).result()
    }

    private func sizeFuture(_ key: String) -> Future<Int> {
        let request = HTTPRequest(method: "HEAD", url: url(for: key), headers: headers)
        return transport.send(request).map { reply in
            guard (200..<300).contains(reply.status) else { throw Self.error(reply, key: key, request: request, method: "size") }
            guard let length = reply.header("Content-Length").flatMap({ Int($0) }), length >= 0 else {
                throw StoreError.remote(
                    method: "HEAD", url: request.url.absoluteString, status: reply.status, reason: "the reply has no Content-Length")
            }
            return length
        }
    }

    // MARK: ReadableStore

    /// Reads the whole value with GET (blocking the calling thread, not an I/O slot).
    public func uncheckedGet(_ key: String) throws -> Data {
        try uncheckedGetFuture(key, maximumSize: .max).result()
    }

    /// Reads the whole value, refusing one longer than `maximumSize` before it is received.
    public func uncheckedGet(_ key: String, maximumSize: Int) throws -> Data {
        try uncheckedGetFuture(key, maximumSize: maximumSize).result()
    }

    /// Reads byte ranges, all requests in flight at once.
    public func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        try uncheckedGetPartialValuesFuture(keyRanges).result()
    }

    /// Starts a GET of the whole value.
    public func uncheckedGetFuture(_ key: String, maximumSize: Int) -> Future<Data> {
        transport.read(url(for: key), headers: headers, range: nil, maximumBodySize: maximumSize, refuse: refusal(key, "get"))
    }

    /// Starts one ranged GET per range (a zero-length range only checks that the key exists).
    public func uncheckedGetPartialValuesFuture(_ keyRanges: [KeyRange]) -> Future<[Data]> {
        Future.all(keyRanges.map { range in
            transport.read(
                url(for: range.key), headers: headers, range: HTTPRangeRead(start: range.start, length: range.length),
                refuse: refusal(range.key, "getPartialValues"))
        })
    }

    private func refusal(_ key: String, _ method: String) -> HTTPTransport.Refusal {
        { reply, request in Self.error(reply, key: key, request: request, method: method) }
    }

    /// The error of a reply that is not 2xx: `keyNotFound` for 404 and 410, else `remote`.
    private static func error(_ reply: HTTPReply, key: String, request: HTTPRequest, method: String) -> any Error {
        switch reply.status {
        case 404, 410: return StoreError.keyNotFound(key: key, method: "HTTPStore.\(method)")
        default:
            return StoreError.remote(
                method: request.method, url: request.url.absoluteString, status: reply.status,
                reason: HTTPStatusReason.text(reply.status))
        }
    }
}

/// Short explanations of the statuses a store meets.
enum HTTPStatusReason {
    static func text(_ status: Int) -> String {
        switch status {
        case 401: return "authentication required"
        case 403: return "access denied"
        case 416: return "range not satisfiable"
        case 300..<400: return "redirected, not followed"
        case 400..<500: return "the server refused the request"
        default: return "the server failed"
        }
    }
}
