// The gzip file format (RFC 1952): a header, a raw deflate stream, and a
// trailer holding the CRC-32 and the length (mod 2^32) of the original data.
// A file may hold several such members one after another; their contents are
// concatenated.

/// Gzip streams (RFC 1952).
public enum Gzip {
    /// Header flag bits (RFC 1952 §2.3.1).
    static let flagText: UInt8 = 1 << 0
    static let flagHeaderCRC: UInt8 = 1 << 1
    static let flagExtra: UInt8 = 1 << 2
    static let flagName: UInt8 = 1 << 3
    static let flagComment: UInt8 = 1 << 4

    /// Compresses `input` into a single gzip member with a minimal header
    /// (no name, modification time 0, operating system "unknown").
    ///
    /// - Parameter level: 0 (stored) to 9 (best); other values are clamped.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int) -> [UInt8] {
        let level = min(max(level, 0), 9)
        let extraFlags: UInt8 = level == 9 ? 2 : level == 1 ? 4 : 0
        return Deflate.compressWrapped(input, level: level, header: [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, extraFlags, 255]) {
            let crc = CRC32.checksum(input)
            let size = UInt32(truncatingIfNeeded: input.count)
            return stride(from: 0, to: 32, by: 8).map { UInt8(truncatingIfNeeded: crc >> $0) }
                + stride(from: 0, to: 32, by: 8).map { UInt8(truncatingIfNeeded: size >> $0) }
        }
    }

    /// Compresses a byte array into a gzip member (see `compress(_:level:)`).
    public static func compress(_ input: [UInt8], level: Int) -> [UInt8] {
        input.withUnsafeBytes { compress($0, level: level) }
    }

    /// Decompresses gzip data: one member or several in a row (their contents
    /// concatenated), optionally followed by zero padding.
    ///
    /// Header fields (FTEXT, FEXTRA, FNAME, FCOMMENT, FHCRC) are parsed and
    /// skipped; the header CRC, the CRC-32 and the length of every member are
    /// verified.
    /// - Parameters:
    ///   - expectedSize: the decompressed size if known; used only to size the
    ///     output buffer (never trusted beyond what the input could produce).
    ///     Without it, the last member's ISIZE field is the hint.
    ///   - maxOutputSize: decompression fails rather than produce more bytes.
    /// - Throws: `CompressionError` for a malformed, truncated or corrupt input,
    ///   or when the output would exceed `maxOutputSize`.
    public static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int? = nil,
                                  maxOutputSize: Int = Deflate.defaultMaxOutputSize) throws -> [UInt8] {
        let n = input.count
        try checkLength(input)
        // The last member's ISIZE is a size hint (capped by what the input can hold).
        let hint = expectedSize ?? Int(readLE32(input, n - 4))
        let capacity = Deflate.initialCapacity(inputCount: n, expectedSize: hint, maxOutputSize: maxOutputSize)
        return try InflateOutput.collect(initialCapacity: capacity, maxOutputSize: maxOutputSize) { out in
            try inflateMembers(input, into: &out)
        }
    }

    /// Decompresses gzip data (as `decompress(_:expectedSize:maxOutputSize:)`) into `output`,
    /// whose last `Deflate.decompressionSlack` bytes the decoder may use as scratch room;
    /// returns the decoded size. More output than the rest of `output` is an error.
    ///
    /// - Throws: as `decompress(_:expectedSize:maxOutputSize:)`, and when `output` is too small.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        try checkLength(input)
        return try InflateOutput.fill(output) { try inflateMembers(input, into: &$0) }
    }

    /// Refuses input shorter than the smallest member (a 10-byte header and an 8-byte trailer).
    private static func checkLength(_ input: UnsafeRawBufferPointer) throws {
        guard input.count >= 18 else {
            throw CompressionError("gzip: input of \(input.count) bytes is too short to be a gzip member (at least 18)")
        }
    }

    /// Inflates every member of `input` into `out`, checking each member's CRC-32 and length.
    private static func inflateMembers(_ input: UnsafeRawBufferPointer, into out: inout InflateOutput) throws {
        let n = input.count
        var offset = 0
        var member = 0
        while true {
            let dataStart = try parseHeader(input, at: offset, member: member)
            let outputStart = out.count
            offset = try Deflate.inflate(input, from: dataStart, into: &out)
            guard n - offset >= 8 else {
                throw CompressionError("gzip: truncated input (member \(member) lacks its 8-byte trailer)")
            }
            let expectedCRC = readLE32(input, offset)
            let expectedSize = readLE32(input, offset + 4)
            let actualCRC = CRC32.checksum(UnsafeRawBufferPointer(start: out.base + outputStart,
                                                                  count: out.count - outputStart))
            guard actualCRC == expectedCRC else {
                throw CompressionError("gzip: CRC-32 mismatch in member \(member): trailer says "
                    + "0x\(DeflateFormat.hex(expectedCRC)), data gives 0x\(DeflateFormat.hex(actualCRC))")
            }
            let actualSize = UInt32(truncatingIfNeeded: out.count - outputStart)
            guard actualSize == expectedSize else {
                throw CompressionError("gzip: length mismatch in member \(member): trailer says "
                    + "\(expectedSize) bytes (mod 2^32), data has \(actualSize)")
            }
            offset += 8
            member += 1
            // Zero bytes after a member are padding; anything else must be a member.
            while offset < n && input[offset] == 0 { offset += 1 }
            if offset == n { break }
        }
    }

    /// Decompresses gzip data held in a byte array (see `decompress(_:expectedSize:maxOutputSize:)`).
    public static func decompress(_ input: [UInt8], expectedSize: Int? = nil,
                                  maxOutputSize: Int = Deflate.defaultMaxOutputSize) throws -> [UInt8] {
        try input.withUnsafeBytes { try decompress($0, expectedSize: expectedSize, maxOutputSize: maxOutputSize) }
    }

    // MARK: - Header

    /// Checks the member header at `start` and returns the offset of its
    /// deflate data.
    static func parseHeader(_ input: UnsafeRawBufferPointer, at start: Int, member: Int) throws -> Int {
        let n = input.count
        func truncated() -> CompressionError {
            CompressionError("gzip: truncated header in member \(member)")
        }
        guard n - start >= 10 else { throw truncated() }
        guard input[start] == 0x1F, input[start + 1] == 0x8B else {
            throw CompressionError("gzip: not a gzip member at byte \(start) (magic bytes "
                + "0x\(DeflateFormat.hex(UInt32(input[start]))) 0x\(DeflateFormat.hex(UInt32(input[start + 1]))), expected 0x1f 0x8b)")
        }
        guard input[start + 2] == 8 else {
            throw CompressionError("gzip: unsupported compression method \(input[start + 2]) (only 8, deflate)")
        }
        let flags = input[start + 3]
        guard flags & 0xE0 == 0 else {
            throw CompressionError("gzip: reserved header flag bits set (flags 0x\(DeflateFormat.hex(UInt32(flags))))")
        }
        var p = start + 10
        if flags & flagExtra != 0 {
            guard n - p >= 2 else { throw truncated() }
            let extraLength = Int(input[p]) | Int(input[p + 1]) << 8
            p += 2
            guard n - p >= extraLength else { throw truncated() }
            p += extraLength
        }
        for flag in [flagName, flagComment] where flags & flag != 0 {
            while p < n && input[p] != 0 { p += 1 }
            guard p < n else { throw truncated() }
            p += 1
        }
        if flags & flagHeaderCRC != 0 {
            guard n - p >= 2 else { throw truncated() }
            let stored = UInt32(input[p]) | UInt32(input[p + 1]) << 8
            let actual = CRC32.checksum(UnsafeRawBufferPointer(rebasing: input[start..<p])) & 0xFFFF
            guard stored == actual else {
                throw CompressionError("gzip: header CRC mismatch in member \(member): header says "
                    + "0x\(DeflateFormat.hex(stored)), header bytes give 0x\(DeflateFormat.hex(actual))")
            }
            p += 2
        }
        return p
    }

    static func readLE32(_ input: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(input[at]) | UInt32(input[at + 1]) << 8 | UInt32(input[at + 2]) << 16 | UInt32(input[at + 3]) << 24
    }
}
