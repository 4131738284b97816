// XXH64: the 64-bit xxHash checksum (Yann Collet), as used by the Zstandard
// frame format for its optional content checksum (RFC 8878 §3.1.1: the low
// 32 bits of XXH64 with seed 0 over the decompressed content).
//
// The algorithm: four 64-bit lanes each absorb 8 bytes of every 32-byte
// stripe with multiply-rotate-multiply rounds; the lanes are then folded
// together, the tail is mixed in 8, 4 and 1 bytes at a time, and a final
// avalanche spreads every input bit over the result.

/// The XXH64 non-cryptographic hash function.
public enum XXHash64 {
    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// Returns the XXH64 hash of `data` with the given `seed`.
    public static func hash(_ data: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        guard let base = data.baseAddress, data.count > 0 else {
            return avalanche(seed &+ prime5)
        }
        return hash(base, count: data.count, seed: seed)
    }

    /// Returns the XXH64 hash of `data` with the given `seed`.
    public static func hash(_ data: [UInt8], seed: UInt64 = 0) -> UInt64 {
        data.withUnsafeBytes { hash($0, seed: seed) }
    }

    // MARK: - Core

    @inline(__always)
    static func load64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    static func load32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    @inline(__always)
    static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x &<< r) | (x &>> (64 &- r)) }

    @inline(__always)
    static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* prime2, 31) &* prime1
    }

    @inline(__always)
    static func mergeRound(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        (acc ^ round(0, lane)) &* prime1 &+ prime4
    }

    @inline(__always)
    static func avalanche(_ h0: UInt64) -> UInt64 {
        var h = h0
        h ^= h &>> 33
        h = h &* prime2
        h ^= h &>> 29
        h = h &* prime3
        h ^= h &>> 32
        return h
    }

    /// Hashes `count` bytes starting at `p`.
    static func hash(_ p: UnsafeRawPointer, count: Int, seed: UInt64) -> UInt64 {
        var offset = 0
        var h: UInt64
        if count >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            let stripeEnd = count &- 32
            while offset <= stripeEnd {
                v1 = round(v1, load64(p, offset))
                v2 = round(v2, load64(p, offset &+ 8))
                v3 = round(v3, load64(p, offset &+ 16))
                v4 = round(v4, load64(p, offset &+ 24))
                offset &+= 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = mergeRound(h, v1)
            h = mergeRound(h, v2)
            h = mergeRound(h, v3)
            h = mergeRound(h, v4)
        } else {
            h = seed &+ prime5
        }
        h = h &+ UInt64(count)
        while offset &+ 8 <= count {
            h ^= round(0, load64(p, offset))
            h = rotl(h, 27) &* prime1 &+ prime4
            offset &+= 8
        }
        if offset &+ 4 <= count {
            h ^= load32(p, offset) &* prime1
            h = rotl(h, 23) &* prime2 &+ prime3
            offset &+= 4
        }
        while offset < count {
            h ^= UInt64(p.load(fromByteOffset: offset, as: UInt8.self)) &* prime5
            h = rotl(h, 11) &* prime1
            offset &+= 1
        }
        return avalanche(h)
    }
}
