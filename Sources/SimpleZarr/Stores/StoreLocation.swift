// Where a store lives, read from the string a script takes as its argument: a plain
// path or `file://` URL (a directory, or a `.zip` file), `zip://` + path, `http://` /
// `https://` (read-only, over HTTP), or `s3://bucket/prefix` (object storage).

import Foundation

/// The kind and address of a store, parsed from a path or URL.
///
/// `StoreLocation(parsing:)` only reads the string; `openStore(_:)` and `openZarr(url:)` open
/// the store. A path that ends in `.zip` (any case) is a zip archive; any other plain path is
/// a directory.
public enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    /// A directory on the local file system (`LocalStore`).
    case directory(path: String)
    /// A zip archive on the local file system (`ZipStore`).
    case zip(path: String)
    /// A hierarchy served over HTTP(S) (`HTTPStore`), the URL of its root.
    case http(url: URL)
    /// An S3 bucket and the key prefix of the hierarchy (`S3Store`); `prefix` has no leading
    /// or trailing "/" and is empty for the bucket's root.
    case s3(bucket: String, prefix: String)

    /// Reads `location`: `s3://bucket/prefix`, `http(s)://…`, `zip://path`, `file://path`,
    /// or a plain path (relative paths stay relative to the working directory).
    ///
    /// - Throws: `StoreError.invalidKey` for an empty string, a scheme this library has no
    ///   store for, an `s3://` URL without a bucket, or a malformed URL.
    public init(parsing location: String) throws {
        let method = "StoreLocation(parsing:)"
        guard !location.isEmpty else { throw StoreError.invalidKey("\(method): the location is empty") }
        guard let schemeEnd = location.range(of: "://") else {
            self = Self.fileLocation(location)
            return
        }
        let scheme = location[..<schemeEnd.lowerBound].lowercased()
        let rest = String(location[schemeEnd.upperBound...])
        switch scheme {
        case "file":
            guard let path = rest.removingPercentEncoding, !path.isEmpty else {
                throw StoreError.invalidKey("\(method): \(StoreKeys.repr(location)) has no path")
            }
            self = Self.fileLocation(path)
        case "zip":
            guard !rest.isEmpty else { throw StoreError.invalidKey("\(method): \(StoreKeys.repr(location)) has no path") }
            self = .zip(path: rest)
        case "http", "https":
            guard let url = URL(string: location), let host = url.host, !host.isEmpty else {
                throw StoreError.invalidKey("\(method): \(StoreKeys.repr(location)) is not a valid URL")
            }
            self = .http(url: url)
        case "s3":
            let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let bucket = parts.first.map(String.init) ?? ""
            guard !bucket.isEmpty else {
                throw StoreError.invalidKey("\(method): \(StoreKeys.repr(location)) names no bucket (s3://BUCKET/PREFIX)")
            }
            let prefix = parts.count > 1 ? String(parts[1]) : ""
            self = .s3(bucket: bucket, prefix: prefix.split(separator: "/").joined(separator: "/"))
        default:
            throw StoreError.invalidKey(
                "\(method): no store for the scheme '\(scheme)' in \(StoreKeys.repr(location)) (file, zip, http, https, s3)")
        }
    }

    /// The location written back as a URL or path.
    public var description: String {
        switch self {
        case .directory(let path): return path
        case .zip(let path): return path.lowercased().hasSuffix(".zip") ? path : "zip://\(path)"
        case .http(let url): return url.absoluteString
        case .s3(let bucket, let prefix): return prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)"
        }
    }

    /// A local path: a zip archive when its name ends in `.zip`, else a directory.
    private static func fileLocation(_ path: String) -> StoreLocation {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed.lowercased().hasSuffix(".zip") ? .zip(path: trimmed) : .directory(path: trimmed)
    }
}
