// Errors raised by the Zarr layer (metadata, data types, codecs, nodes, indexing).
// Store failures have their own type, `StoreError`, in Stores/.

import Foundation

/// An error about Zarr data or about how the API was called.
///
/// Each case carries `ErrorDetails`: a message that names the method or field and the bad
/// value, so that printing the error says what went wrong, and the values a caller matches on
/// where they are known (the store key, the node path, the codec, the index, the shapes).
/// Python's `ValueError`, `TypeError`, `IndexError` and `RuntimeError` map onto these cases:
///
/// ```swift
/// do {
///     _ = try array.getChunk([0, 3])
/// } catch let error as ZarrError where error.codecName == "zstd" {
///     print("chunk \(error.key ?? "?") is corrupt: \(error.message)")
/// }
/// ```
public enum ZarrError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A caller passed a value that is not acceptable (Python's `ValueError`/`TypeError`).
    case invalidArgument(ErrorDetails)
    /// An index lies outside the array or chunk grid, or has the wrong length (Python's `IndexError`).
    case indexOutOfRange(ErrorDetails)
    /// A metadata document is malformed or breaks the specification.
    case invalidMetadata(ErrorDetails)
    /// No Zarr node exists at a path: none of its metadata documents is in the store
    /// (Python's `KeyError` for a group's missing child).
    case nodeNotFound(ErrorDetails)
    /// The data uses a feature (extension, codec, data type) that this library does not implement.
    case unsupported(ErrorDetails)
    /// A codec chain is invalid, or encoding/decoding a chunk failed.
    case codec(ErrorDetails)
    /// An operation would exceed a configured resource limit (see `ZarrLimits`), so it was
    /// refused before allocating; raising the limit lets it run.
    case limitExceeded(ErrorDetails)

    /// The message and the values of the error.
    public var details: ErrorDetails {
        switch self {
        case .invalidArgument(let d), .indexOutOfRange(let d), .invalidMetadata(let d), .nodeNotFound(let d),
             .unsupported(let d), .codec(let d), .limitExceeded(let d):
            return d
        }
    }

    /// The message without the case name.
    public var message: String { details.message }
    /// The store key involved (a chunk key, a metadata document's key), when known.
    public var key: String? { details.key }
    /// The path of the node involved, when known.
    public var path: String? { details.path }
    /// The name of the codec that failed or was refused, when known.
    public var codecName: String? { details.codec }
    /// The chunk or element index involved, when known.
    public var index: [Int]? { details.index }
    /// The shape that was expected, for a shape mismatch.
    public var expectedShape: [Int]? { details.expectedShape }
    /// The shape that was given, for a shape mismatch.
    public var actualShape: [Int]? { details.actualShape }

    /// The same kind of error with `context` put before its message (`"chunk 'a/c/0': ..."`).
    ///
    /// Adding context never changes the kind or the values, so callers can still match on them.
    public func prefixed(_ context: String) -> ZarrError {
        var details = self.details
        details.message = "\(context): \(details.message)"
        return replacingDetails(details)
    }

    /// The same error with the values given here filled in where it has none yet.
    public func with(
        key: String? = nil, path: String? = nil, codec: String? = nil, index: [Int]? = nil,
        expectedShape: [Int]? = nil, actualShape: [Int]? = nil
    ) -> ZarrError {
        var details = self.details
        details.key = details.key ?? key
        details.path = details.path ?? path
        details.codec = details.codec ?? codec
        details.index = details.index ?? index
        details.expectedShape = details.expectedShape ?? expectedShape
        details.actualShape = details.actualShape ?? actualShape
        return replacingDetails(details)
    }

    private func replacingDetails(_ details: ErrorDetails) -> ZarrError {
        switch self {
        case .invalidArgument: return .invalidArgument(details)
        case .indexOutOfRange: return .indexOutOfRange(details)
        case .invalidMetadata: return .invalidMetadata(details)
        case .nodeNotFound: return .nodeNotFound(details)
        case .unsupported: return .unsupported(details)
        case .codec: return .codec(details)
        case .limitExceeded: return .limitExceeded(details)
        }
    }

    public var description: String {
        switch self {
        case .invalidArgument(let d): return "invalid argument: \(d.message)"
        case .indexOutOfRange(let d): return "index out of range: \(d.message)"
        case .invalidMetadata(let d): return "invalid metadata: \(d.message)"
        case .nodeNotFound(let d): return "node not found: \(d.message)"
        case .unsupported(let d): return "unsupported: \(d.message)"
        case .codec(let d): return "codec error: \(d.message)"
        case .limitExceeded(let d): return "limit exceeded: \(d.message)"
        }
    }
}

extension ZarrError: LocalizedError {
    /// Same as `description`, so `localizedDescription` shows it too.
    public var errorDescription: String? { description }
}

/// What a `ZarrError` says: its message, and the values a caller may match on.
///
/// A string literal or interpolation makes details with only a message
/// (`ZarrError.codec("codec 'x': ...")`); the library fills in the values it knows as the
/// error travels up (the codec in the pipeline, the chunk key in the array).
public struct ErrorDetails: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The human-readable message.
    public var message: String
    /// The store key involved (a chunk key, a metadata document's key).
    public var key: String?
    /// The path of the node involved.
    public var path: String?
    /// The name of the codec involved.
    public var codec: String?
    /// The chunk or element index involved.
    public var index: [Int]?
    /// The shape that was expected, for a shape mismatch.
    public var expectedShape: [Int]?
    /// The shape that was given, for a shape mismatch.
    public var actualShape: [Int]?

    /// Details with a message and any of the values.
    public init(
        _ message: String, key: String? = nil, path: String? = nil, codec: String? = nil, index: [Int]? = nil,
        expectedShape: [Int]? = nil, actualShape: [Int]? = nil
    ) {
        self.message = message
        self.key = key
        self.path = path
        self.codec = codec
        self.index = index
        self.expectedShape = expectedShape
        self.actualShape = actualShape
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }

    /// The message.
    public var description: String { message }

    /// Details whose message is the two messages joined (so a long message can be written as
    /// `"..." + "..."`); the values are the left side's, else the right side's.
    public static func + (lhs: ErrorDetails, rhs: ErrorDetails) -> ErrorDetails {
        var joined = lhs
        joined.message += rhs.message
        joined.key = lhs.key ?? rhs.key
        joined.path = lhs.path ?? rhs.path
        joined.codec = lhs.codec ?? rhs.codec
        joined.index = lhs.index ?? rhs.index
        joined.expectedShape = lhs.expectedShape ?? rhs.expectedShape
        joined.actualShape = lhs.actualShape ?? rhs.actualShape
        return joined
    }
}
