/// An error raised by a compressor or checksum when its input is malformed.
///
/// The message says which format and what was wrong (for example
/// `"zstd: block size 200000 exceeds the 128 KiB maximum"`).
public struct CompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A human-readable explanation of the failure.
    public let message: String

    /// Creates an error with the given explanation.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
