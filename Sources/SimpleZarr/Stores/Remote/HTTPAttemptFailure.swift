// Why one attempt of a request produced no usable reply; the transport decides from it whether
// to try again.

/// Why an attempt produced no usable reply.
enum HTTPAttemptFailure: Error {
    /// Worth another attempt (connection lost, timeout, short body).
    case transient(String)
    /// The body is longer than the caller accepts.
    case tooLarge(Int)
    /// Anything else (a malformed reply, say); not retried.
    case fatal(String)
}
