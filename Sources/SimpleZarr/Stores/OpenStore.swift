// Opening the store a path or URL names (`StoreLocation`), so a ported script can take one
// string argument for any store: a directory, a zip archive, an HTTP(S) server, an S3 bucket.

import Foundation

/// Opens the store at `location` (a path, `file://`, `zip://`, `http(s)://` or `s3://` URL).
///
/// - Directories open as `LocalStore`; a missing directory is created by the first write.
/// - `.zip` paths and `zip://` URLs open as `ZipStore`: read-only unless `writable`, then
///   appended to when the archive exists and created otherwise (call `close()` when done).
/// - `http(s)://` opens a read-only `HTTPStore`; `writable` is refused.
/// - `s3://bucket/prefix` opens an `S3Store`. Its endpoint comes from `s3Endpoint`, else the
///   `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` environment variable (MinIO, Ceph, R2, a
///   local test server), else AWS; region and credentials are resolved as `S3Store` does.
///
/// - Throws: `StoreError.invalidKey` for a location that does not parse; what the store's
///   initialiser throws (a missing zip, a bad endpoint); `StoreError.unsupported` for a
///   writable HTTP store.
public func openStore(
    _ location: String, writable: Bool = false, s3Endpoint: URL? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
) throws -> any ReadableStore {
    switch try StoreLocation(parsing: location) {
    case .directory(let path):
        return LocalStore(path)
    case .zip(let path):
        guard writable else { return try ZipStore(path, mode: .read) }
        return try ZipStore(path, mode: FileManager.default.fileExists(atPath: path) ? .append : .write)
    case .http(let url):
        guard !writable else {
            throw StoreError.unsupported("openStore(\(StoreKeys.repr(location))): HTTP stores are read-only")
        }
        return try HTTPStore(url: url)
    case .s3(let bucket, let prefix):
        let endpoint = try s3Endpoint ?? configuredS3Endpoint(environment, location: location)
        return try S3Store(bucket: bucket, prefix: prefix, endpoint: endpoint)
    }
}

/// The endpoint that `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` names, if either is set.
private func configuredS3Endpoint(_ environment: [String: String], location: String) throws -> URL? {
    for name in ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"] {
        guard let value = environment[name], !value.isEmpty else { continue }
        guard let url = URL(string: value), url.host != nil else {
            throw StoreError.invalidKey("openStore(\(StoreKeys.repr(location))): \(name)=\(value) is not a URL")
        }
        return url
    }
    return nil
}
