// Where the HTTP/1.1 reply reader gets its bytes: a socket in the stores, bytes in memory in
// the tests and the fuzz target.

/// A stream of bytes the reply reader pulls from.
protocol HTTP1ByteSource {
    /// Reads at most `buffer.count` (> 0) bytes into `buffer` and returns how many; 0 means the
    /// stream has ended.
    ///
    /// - Throws: `HTTPAttemptFailure.transient` when the connection fails or times out.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}
