// Errors raised by the Zarr layer (metadata, data types, codecs, nodes, indexing).
// Store failures have their own type, `StoreError`, in Stores/.

/// An error about Zarr data or about how the API was called.
///
/// Each case carries a message that names the method or field and the bad value,
/// so that printing the error says what went wrong. Python's `ValueError`,
/// `TypeError`, `IndexError` and `RuntimeError` map onto these cases.
public enum ZarrError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A caller passed a value that is not acceptable (Python's `ValueError`/`TypeError`).
    case invalidArgument(String)
    /// An index lies outside the array or chunk grid, or has the wrong length (Python's `IndexError`).
    case indexOutOfRange(String)
    /// A metadata document is malformed or breaks the specification.
    case invalidMetadata(String)
    /// No Zarr node exists at a path: none of its metadata documents is in the store.
    case nodeNotFound(String)
    /// The data uses a feature (extension, codec, data type) that this library does not implement.
    case unsupported(String)
    /// A codec chain is invalid, or encoding/decoding a chunk failed.
    case codec(String)
    /// An operation would exceed a configured resource limit (see `ZarrLimits`), so it was
    /// refused before allocating; raising the limit lets it run.
    case limitExceeded(String)

    /// The message without the case name.
    public var message: String {
        switch self {
        case .invalidArgument(let m), .indexOutOfRange(let m), .invalidMetadata(let m), .nodeNotFound(let m),
             .unsupported(let m), .codec(let m), .limitExceeded(let m):
            return m
        }
    }

    /// The same kind of error with `context` put before its message (`"chunk 'a/c/0': ..."`).
    ///
    /// Adding context never changes the kind, so callers can still match on it.
    public func prefixed(_ context: String) -> ZarrError {
        let message = "\(context): \(self.message)"
        switch self {
        case .invalidArgument: return .invalidArgument(message)
        case .indexOutOfRange: return .indexOutOfRange(message)
        case .invalidMetadata: return .invalidMetadata(message)
        case .nodeNotFound: return .nodeNotFound(message)
        case .unsupported: return .unsupported(message)
        case .codec: return .codec(message)
        case .limitExceeded: return .limitExceeded(message)
        }
    }

    public var description: String {
        switch self {
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .indexOutOfRange(let m): return "index out of range: \(m)"
        case .invalidMetadata(let m): return "invalid metadata: \(m)"
        case .nodeNotFound(let m): return "node not found: \(m)"
        case .unsupported(let m): return "unsupported: \(m)"
        case .codec(let m): return "codec error: \(m)"
        case .limitExceeded(let m): return "limit exceeded: \(m)"
        }
    }
}
