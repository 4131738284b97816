// When and how long a remote store waits before it sends a failed request again: exponential
// backoff with full jitter (a random delay between 0 and min(cap, base * 2^attempt)), a
// server's Retry-After honoured up to the cap, and the statuses worth another try.

import Foundation

/// How a remote store retries failed requests and how long one attempt may take.
///
/// Retried: connection errors, timeouts, bodies shorter than announced, and the statuses
/// 429, 500, 502, 503 and 504. Everything else (404, 403, ...) is answered at once.
public struct HTTPRetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt (0: never retry).
    public var maxRetries: Int
    /// The backoff of the first retry, in seconds; each further retry doubles it.
    public var baseDelay: Double
    /// The longest wait between two attempts, in seconds (a server's Retry-After included).
    public var maxDelay: Double
    /// The longest one attempt may take, in seconds, before it is abandoned as a timeout.
    public var timeout: Double

    /// A policy; arguments that are negative or not finite are replaced by the defaults'.
    public init(maxRetries: Int = 5, baseDelay: Double = 0.1, maxDelay: Double = 10, timeout: Double = 30) {
        self.maxRetries = max(0, min(maxRetries, 1000))
        self.baseDelay = baseDelay.isFinite && baseDelay >= 0 ? baseDelay : 0.1
        self.maxDelay = maxDelay.isFinite && maxDelay >= 0 ? maxDelay : 10
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 30
    }

    /// The default: 5 retries, 0.1 s base delay, 10 s cap, 30 s per attempt.
    public static let `default` = HTTPRetryPolicy()

    /// Whether a reply with `status` is worth another attempt.
    public static func isRetryable(status: Int) -> Bool {
        [429, 500, 502, 503, 504].contains(status)
    }

    /// The wait before retry number `retry` (0 for the first): a server's `retryAfter` seconds
    /// when given, else a random delay up to the exponential backoff; never above `maxDelay`.
    func delay(beforeRetry retry: Int, retryAfter: Double?) -> Double {
        if let retryAfter, retryAfter.isFinite, retryAfter >= 0 { return min(retryAfter, maxDelay) }
        let backoff = min(maxDelay, baseDelay * pow(2, Double(min(retry, 60))))
        return backoff > 0 ? Double.random(in: 0...backoff) : 0
    }

    /// The seconds of a `Retry-After` header given as a number of seconds (the form servers
    /// use for 429 and 503). The HTTP-date form gives `nil`, so the backoff applies instead.
    static func retryAfterSeconds(_ header: String?) -> Double? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty,
              header.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let seconds = Double(header), seconds.isFinite
        else { return nil }
        return seconds
    }
}
