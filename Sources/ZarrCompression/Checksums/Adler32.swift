// Adler-32, the checksum of the zlib format (RFC 1950 §8.2 and §9).
//
// Two running sums modulo 65521: `a` of the bytes (starting at 1) and `b` of
// the successive values of `a`. The modulo is deferred: 5552 is the largest
// number of bytes after which `b` still fits in 32 bits when starting from
// values below 65521, so the loop reduces only once per 5552-byte block.

/// The Adler-32 checksum of the zlib format.
public enum Adler32 {
    static let modulus: UInt32 = 65521
    /// Bytes that can be summed before the 32-bit sums might overflow.
    static let blockLength = 5552

    /// Computes the Adler-32 of `data`.
    ///
    /// - Parameters:
    ///   - data: the bytes to checksum.
    ///   - initial: the checksum of the bytes that came before, to checksum a
    ///     stream piece by piece; `1` (the default) starts a new checksum.
    public static func checksum(_ data: UnsafeRawBufferPointer, initial: UInt32 = 1) -> UInt32 {
        var a = initial & 0xFFFF
        var b = initial >> 16
        guard var p = data.baseAddress, data.count > 0 else { return initial }
        var remaining = data.count
        while remaining > 0 {
            var n = min(remaining, blockLength)
            remaining -= n
            while n >= 8 {
                // Eight bytes at once: b gains 8·a plus the bytes weighted
                // 8, 7, ..., 1, and a gains their sum, which is exactly what
                // eight single steps give, without their serial dependency.
                let x0 = UInt32(p.load(as: UInt8.self)), x1 = UInt32(p.load(fromByteOffset: 1, as: UInt8.self))
                let x2 = UInt32(p.load(fromByteOffset: 2, as: UInt8.self)), x3 = UInt32(p.load(fromByteOffset: 3, as: UInt8.self))
                let x4 = UInt32(p.load(fromByteOffset: 4, as: UInt8.self)), x5 = UInt32(p.load(fromByteOffset: 5, as: UInt8.self))
                let x6 = UInt32(p.load(fromByteOffset: 6, as: UInt8.self)), x7 = UInt32(p.load(fromByteOffset: 7, as: UInt8.self))
                b &+= a &* 8
                b &+= (x0 &* 8 &+ x1 &* 7) &+ (x2 &* 6 &+ x3 &* 5) &+ ((x4 &* 4 &+ x5 &* 3) &+ (x6 &* 2 &+ x7))
                a &+= ((x0 &+ x1) &+ (x2 &+ x3)) &+ ((x4 &+ x5) &+ (x6 &+ x7))
                p += 8
                n &-= 8
            }
            while n > 0 {
                a &+= UInt32(p.load(as: UInt8.self)); b &+= a
                p += 1
                n &-= 1
            }
            a %= modulus
            b %= modulus
        }
        return (b << 16) | a
    }

    /// Computes the Adler-32 of a byte array.
    public static func checksum(_ data: [UInt8], initial: UInt32 = 1) -> UInt32 {
        data.withUnsafeBytes { checksum($0, initial: initial) }
    }
}
