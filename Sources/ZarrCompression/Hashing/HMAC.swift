// HMAC (RFC 2104) over SHA-256, as RFC 4231 specifies it: the key is hashed first
// when it is longer than SHA-256's 64-byte block and padded with zeros to the
// block otherwise; the tag is H((K ^ opad) || H((K ^ ipad) || message)).
// AWS Signature Version 4 derives its signing key and signs with it.

/// Keyed-hash message authentication codes.
public enum HMAC {
    /// The input block size of SHA-256, in bytes.
    private static let blockSize = 64

    /// The 32-byte HMAC-SHA256 tag of `message` under `key` (a key of any length).
    public static func sha256(key: [UInt8], message: UnsafeRawBufferPointer) -> [UInt8] {
        var block = key.count > blockSize ? SHA256.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: blockSize - block.count))
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5C })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The 32-byte HMAC-SHA256 tag of a byte array under `key`.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { sha256(key: key, message: $0) }
    }
}
