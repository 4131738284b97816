// Bob Jenkins' lookup3 hash, its `hashlittle` variant (the 32-bit hash of a byte
// string read as little-endian words), as HDF5 and numcodecs' `jenkins_lookup3`
// codec compute it.
//
// Three 32-bit registers start at 0xDEADBEEF + length + initval. Every 12-byte
// block but the last is added to them as three little-endian words, then mixed;
// the last block (1 to 12 bytes, zero-padded) is added and the registers go
// through the final mix, whose third register is the hash. Empty data skips the
// final mix and gives the starting value.

/// The lookup3 `hashlittle` hash of HDF5 and numcodecs (`numcodecs.jenkins_lookup3`).
public enum JenkinsLookup3 {
    /// The hash of `data`, seeded with `initval` (numcodecs' default is 0).
    public static func hash(_ data: UnsafeRawBufferPointer, initval: UInt32 = 0) -> UInt32 {
        let start = 0xDEAD_BEEF &+ UInt32(truncatingIfNeeded: data.count) &+ initval
        guard var p = data.baseAddress, data.count > 0 else { return start }
        var a = start, b = start, c = start
        // Every block but the last: the loop leaves 1 to 12 bytes.
        var remaining = data.count
        while remaining > 12 {
            a &+= UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))
            b &+= UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            c &+= UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            mix(&a, &b, &c)
            p += 12
            remaining -= 12
        }
        // The last block, zero-padded to 12 bytes: missing bytes add nothing.
        assert(remaining >= 1 && remaining <= 12)
        var last: (UInt32, UInt32, UInt32) = (0, 0, 0)
        withUnsafeMutableBytes(of: &last) { $0.baseAddress?.copyMemory(from: p, byteCount: remaining) }
        a &+= UInt32(littleEndian: last.0)
        b &+= UInt32(littleEndian: last.1)
        c &+= UInt32(littleEndian: last.2)
        finalMix(&a, &b, &c)
        return c
    }

    /// The hash of a byte array (see `hash(_:initval:)`).
    public static func hash(_ data: [UInt8], initval: UInt32 = 0) -> UInt32 {
        data.withUnsafeBytes { hash($0, initval: initval) }
    }

    // MARK: - Mixing

    @inline(__always)
    private static func rotate(_ x: UInt32, _ k: UInt32) -> UInt32 { (x &<< k) | (x &>> (32 &- k)) }

    /// The reversible mix of three registers after each full block.
    @inline(__always)
    private static func mix(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32) {
        a &-= c; a ^= rotate(c, 4); c &+= b
        b &-= a; b ^= rotate(a, 6); a &+= c
        c &-= b; c ^= rotate(b, 8); b &+= a
        a &-= c; a ^= rotate(c, 16); c &+= b
        b &-= a; b ^= rotate(a, 19); a &+= c
        c &-= b; c ^= rotate(b, 4); b &+= a
    }

    /// The final mix, which leaves the hash in `c`.
    @inline(__always)
    private static func finalMix(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32) {
        c ^= b; c &-= rotate(b, 14)
        a ^= c; a &-= rotate(c, 11)
        b ^= a; b &-= rotate(a, 25)
        c ^= b; c &-= rotate(b, 16)
        a ^= c; a &-= rotate(c, 4)
        b ^= a; b &-= rotate(a, 14)
        c ^= b; c &-= rotate(b, 24)
    }
}
