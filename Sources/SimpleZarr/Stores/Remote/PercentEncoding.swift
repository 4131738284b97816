// Percent-encoding (RFC 3986, section 2.1) with the unreserved set of section 2.3
// (A-Z a-z 0-9 - . _ ~), as AWS Signature Version 4 and S3 URLs use it: every
// other byte of the UTF-8 text is written `%XY` with upper-case hex digits.

/// Percent-encoding and decoding of URL components.
enum PercentEncoding {
    /// Whether `byte` is one of RFC 3986's unreserved characters.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
             UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Whether `byte` may stand unencoded in a path segment: unreserved, or one of the
    /// sub-delimiters and `:` `@` (RFC 3986 section 3.3).
    @inline(__always)
    static func isPathSegmentByte(_ byte: UInt8) -> Bool {
        isUnreserved(byte) || "!$&'()*+,;=:@".utf8.contains(byte)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `path` with each of its `/`-separated segments percent-encoded (`isPathSegmentByte`
    /// bytes kept); the text itself when nothing needs encoding.
    static func encodePath(_ path: String) -> String {
        let keep = { (byte: UInt8) in isPathSegmentByte(byte) || byte == UInt8(ascii: "/") }
        guard path.utf8.allSatisfy(keep) else { return encode(path.utf8, keeping: keep) }
        return path
    }

    /// `bytes` with every byte but the unreserved ones (and `/` when `keepingSlash`) as `%XY`.
    static func encode<Bytes: Sequence>(_ bytes: Bytes, keepingSlash: Bool) -> String where Bytes.Element == UInt8 {
        encode(bytes) { isUnreserved($0) || (keepingSlash && $0 == UInt8(ascii: "/")) }
    }

    /// `bytes` with every byte that `keep` refuses written `%XY`.
    private static func encode<Bytes: Sequence>(_ bytes: Bytes, keeping keep: (UInt8) -> Bool) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 3)
        for byte in bytes {
            if keep(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text` with each `%XY` replaced by its byte, and `+` by a space when
    /// `plusIsSpace`. A `%` that starts no valid escape is kept when `strict` is false and makes
    /// the result `nil` when it is true.
    static func decode(_ text: String, plusIsSpace: Bool, strict: Bool) -> [UInt8]? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                if i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                    out.append(high << 4 | low)
                    i += 3
                    continue
                }
                if strict { return nil }
            }
            out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            i += 1
        }
        return out
    }

    /// The value of one hex digit, either case.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
