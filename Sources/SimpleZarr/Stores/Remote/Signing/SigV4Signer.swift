// AWS Signature Version 4 for the Authorization header, with Amazon S3's rules.
// A request is reduced to a canonical form (method, the path with each segment
// percent-encoded once and nothing normalised, the sorted query, the lower-cased
// and trimmed signed headers, the payload's SHA-256), that form is hashed into a
// "string to sign" with the date and the scope (day/region/service), and the
// string is signed with a key derived from the secret by a chain of HMAC-SHA256
// over the day, the region, the service and "aws4_request".

import Foundation
import ZarrCompression

/// Signs HTTP requests to S3 (or another AWS service) with AWS Signature Version 4.
public struct SigV4Signer: Sendable {
    /// The keys requests are signed with.
    public let credentials: AWSCredentials
    /// The region in the scope, such as `"us-east-1"`.
    public let region: String
    /// The service in the scope, `"s3"` for S3 and S3-compatible stores.
    public let service: String

    /// The payload hash value that tells S3 the body is not signed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// The SHA-256 of an empty body, in hex.
    public static let emptyPayloadSHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    private static let algorithm = "AWS4-HMAC-SHA256"

    /// A signer for `service` in `region` with `credentials`.
    public init(credentials: AWSCredentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The lower-case hex SHA-256 of `data`, the form `payloadSHA256` takes.
    public static func sha256Hex(_ data: Data) -> String {
        hex(data.withUnsafeBytes { SHA256.hash($0) })
    }

    /// The headers to add to a request so that it is signed: `Authorization`, `x-amz-date`,
    /// `x-amz-content-sha256` and, with a session token, `x-amz-security-token`.
    ///
    /// The signature covers `host` (the URL's host, with its port unless it is the scheme's
    /// default), every header in `headers` (names compared without case; a name given in several
    /// spellings has its values joined with commas) and the added `x-amz-*` headers, which replace
    /// any of the same name in `headers`. `payloadSHA256` is `sha256Hex(body)`, or `unsignedPayload`.
    /// `date` is the signing time (clamped to the years 1970...9999); S3 refuses a request whose
    /// date is more than 15 minutes off its clock.
    public func signedHeaders(
        method: String, url: URL, headers: [String: String], payloadSHA256: String, date: Date
    ) -> [String: String] {
        let (timestamp, day) = Self.timestamp(date)
        var added = ["x-amz-date": timestamp, "x-amz-content-sha256": payloadSHA256]
        if let token = credentials.sessionToken { added["x-amz-security-token"] = token }
        var signed = headers.filter { name, _ in
            let lower = Self.canonicalName(name)
            return added[lower] == nil && lower != "host"
        }
        signed.merge(added) { _, new in new }
        signed["host"] = Self.hostHeader(url)
        let canonical = Self.canonicalRequest(method: method, url: url, headers: signed, payloadSHA256: payloadSHA256)
        let signature = signature(stringToSign: stringToSign(canonicalRequest: canonical.request, timestamp: timestamp), day: day)
        added["Authorization"] = "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(day: day)),"
            + "SignedHeaders=\(canonical.signedHeaders),Signature=\(signature)"
        return added
    }

    // MARK: - The canonical request

    /// The canonical request of `method` on `url` with exactly `headers` signed (the caller
    /// includes `host`), and the `;`-joined list of the signed header names.
    static func canonicalRequest(
        method: String, url: URL, headers: [String: String], payloadSHA256: String
    ) -> (request: String, signedHeaders: String) {
        var byName: [String: [(original: String, value: String)]] = [:]
        for (name, value) in headers { byName[canonicalName(name), default: []].append((name, value)) }
        let names = byName.keys.sorted()
        var lines = ""
        for name in names {
            let values = (byName[name] ?? []).sorted { $0.original < $1.original }.map { canonicalValue($0.value) }
            lines += name + ":" + values.joined(separator: ",") + "\n"
        }
        let signedHeaders = names.joined(separator: ";")
        let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        let request = [
            method.uppercased(), canonicalURI(components?.percentEncodedPath ?? ""),
            canonicalQuery(components?.percentEncodedQuery ?? ""), lines, signedHeaders, payloadSHA256,
        ].joined(separator: "\n")
        return (request, signedHeaders)
    }

    /// The path as S3 canonicalises it: percent-decoded, then every byte but the unreserved
    /// characters and `/` percent-encoded once; `.`, `..` and empty segments are kept as they are.
    static func canonicalURI(_ percentEncodedPath: String) -> String {
        guard !percentEncodedPath.isEmpty else { return "/" }
        return PercentEncoding.encode(decoded(percentEncodedPath), keepingSlash: true)
    }

    /// The query sorted by encoded name, then value, each encoded once; `name=` for an empty
    /// value. A `+` counts as itself, not as a space (send spaces as `%20`).
    static func canonicalQuery(_ percentEncodedQuery: String) -> String {
        var pairs: [(name: String, value: String)] = []
        for parameter in percentEncodedQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.encode(decoded(parts.first.map(String.init) ?? ""), keepingSlash: false)
            let value = parts.count > 1 ? PercentEncoding.encode(decoded(String(parts[1])), keepingSlash: false) : ""
            pairs.append((name, value))
        }
        pairs.sort { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
        return pairs.map { $0.name + "=" + $0.value }.joined(separator: "&")
    }

    /// The bytes of a URL component with its escapes decoded; a stray `%` stays as it is.
    private static func decoded(_ component: String) -> [UInt8] {
        PercentEncoding.decode(component, plusIsSpace: false, strict: false) ?? Array(component.utf8)
    }

    /// A header name in canonical form: trimmed and lower-cased.
    private static func canonicalName(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A header value in canonical form: trimmed, each run of spaces and tabs one space.
    static func canonicalValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The `Host` header a client sends for `url`: the host, and the port unless it is the
    /// scheme's default (80 for http, 443 for https); an IPv6 address in brackets.
    static func hostHeader(_ url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        var host = components?.percentEncodedHost ?? ""
        if host.contains(":") && !host.hasPrefix("[") { host = "[" + host + "]" }
        guard let port = components?.port else { return host }
        let defaultPort: Int? = switch components?.scheme?.lowercased() {
        case "http": 80
        case "https": 443
        default: nil
        }
        return port == defaultPort ? host : "\(host):\(port)"
    }

    // MARK: - String to sign and signature

    /// `day/region/service/aws4_request`.
    private func scope(day: String) -> String { "\(day)/\(region)/\(service)/aws4_request" }

    /// The string to sign: the algorithm, the timestamp, the scope and the hash of the canonical request.
    func stringToSign(canonicalRequest: String, timestamp: String) -> String {
        let day = String(timestamp.prefix(8))
        let hash = Self.hex(SHA256.hash(Array(canonicalRequest.utf8)))
        return [Self.algorithm, timestamp, scope(day: day), hash].joined(separator: "\n")
    }

    /// The hex HMAC-SHA256 of `stringToSign` under the signing key of `day` (`yyyyMMdd`).
    func signature(stringToSign: String, day: String) -> String {
        Self.hex(HMAC.sha256(key: Self.signingKey(secret: credentials.secretAccessKey, day: day,
                                                  region: region, service: service),
                             message: Array(stringToSign.utf8)))
    }

    /// The signing key: HMAC-SHA256 chained from `"AWS4" + secret` over the day, region, service
    /// and `"aws4_request"`.
    static func signingKey(secret: String, day: String, region: String, service: String) -> [UInt8] {
        var key = Array(("AWS4" + secret).utf8)
        for part in [day, region, service, "aws4_request"] { key = HMAC.sha256(key: key, message: Array(part.utf8)) }
        return key
    }

    // MARK: - Encoding helpers

    /// `yyyyMMdd'T'HHmmss'Z'` and `yyyyMMdd` of `date` in UTC, for dates in the years 1970...9999.
    static func timestamp(_ date: Date) -> (timestamp: String, day: String) {
        let seconds = date.timeIntervalSince1970
        let clamped = seconds.isNaN ? 0 : Int(min(max(seconds, 0), 253_402_300_799).rounded(.down))
        let days = clamped / 86_400
        let secondOfDay = clamped % 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm, for non-negative days).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let day = pad(year, 4) + pad(month, 2) + pad(dayOfMonth, 2)
        let time = pad(secondOfDay / 3600, 2) + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2)
        return (day + "T" + time + "Z", day)
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
