// MD5 (RFC 1321): the message is padded like SHA-256's (a 1 bit, zeros, the
// 64-bit bit length) but little-endian, and each 64-byte block runs four rounds
// of sixteen steps over four 32-bit words. Not a secure hash any more; S3 needs
// it for the Content-MD5 header of a multi-object delete.

/// The MD5 message digest.
public enum MD5 {
    /// The 16-byte digest of `data`.
    public static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476)
        let whole = data.count / 64 * 64
        if let base = data.baseAddress {
            var offset = 0
            while offset < whole {
                compress(base + offset, into: &state)
                offset += 64
            }
        }
        // The rest of the message, the 0x80 marker, zeros and the bit length: one or two blocks.
        let rest = data.count - whole
        let tailCount = rest < 56 ? 64 : 128
        var tail = [UInt8](repeating: 0, count: tailCount)
        for i in 0..<rest { tail[i] = data[whole + i] }
        tail[rest] = 0x80
        let bitLength = UInt64(data.count) &* 8
        for k in 0..<8 { tail[tailCount - 8 + k] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * k)) }
        tail.withUnsafeBytes { block in
            guard let base = block.baseAddress else { return }
            compress(base, into: &state)
            if tailCount == 128 { compress(base + 64, into: &state) }
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            for k in 0..<4 { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(8 * k))) }
        }
        return digest
    }

    /// The 16-byte digest of a byte array.
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { hash($0) }
    }

    // MARK: - Compression function

    /// The additive constants, the integer part of 2^32 * |sin(i + 1)|.
    static let k: [UInt32] = [
        0xD76A_A478, 0xE8C7_B756, 0x2420_70DB, 0xC1BD_CEEE, 0xF57C_0FAF, 0x4787_C62A, 0xA830_4613, 0xFD46_9501,
        0x6980_98D8, 0x8B44_F7AF, 0xFFFF_5BB1, 0x895C_D7BE, 0x6B90_1122, 0xFD98_7193, 0xA679_438E, 0x49B4_0821,
        0xF61E_2562, 0xC040_B340, 0x265E_5A51, 0xE9B6_C7AA, 0xD62F_105D, 0x0244_1453, 0xD8A1_E681, 0xE7D3_FBC8,
        0x21E1_CDE6, 0xC337_07D6, 0xF4D5_0D87, 0x455A_14ED, 0xA9E3_E905, 0xFCEF_A3F8, 0x676F_02D9, 0x8D2A_4C8A,
        0xFFFA_3942, 0x8771_F681, 0x6D9D_6122, 0xFDE5_380C, 0xA4BE_EA44, 0x4BDE_CFA9, 0xF6BB_4B60, 0xBEBF_BC70,
        0x289B_7EC6, 0xEAA1_27FA, 0xD4EF_3085, 0x0488_1D05, 0xD9D4_D039, 0xE6DB_99E5, 0x1FA2_7CF8, 0xC4AC_5665,
        0xF429_2244, 0x432A_FF97, 0xAB94_23A7, 0xFC93_A039, 0x655B_59C3, 0x8F0C_CC92, 0xFFEF_F47D, 0x8584_5DD1,
        0x6FA8_7E4F, 0xFE2C_E6E0, 0xA301_4314, 0x4E08_11A1, 0xF753_7E82, 0xBD3A_F235, 0x2AD7_D2BB, 0xEB86_D391,
    ]

    /// The left-rotation of each step, four per round.
    private static let shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]

    /// Runs the 64 steps over one 64-byte block at `block`.
    private static func compress(_ block: UnsafeRawPointer, into state: inout (UInt32, UInt32, UInt32, UInt32)) {
        var (a, b, c, d) = state
        k.withUnsafeBufferPointer { k in
            shifts.withUnsafeBufferPointer { shifts in
                for i in 0..<64 {
                    let round = i >> 4
                    var f: UInt32
                    let word: Int
                    switch round {
                    case 0: f = (b & c) | (~b & d); word = i
                    case 1: f = (d & b) | (~d & c); word = (5 &* i &+ 1) & 15
                    case 2: f = b ^ c ^ d; word = (3 &* i &+ 5) & 15
                    default: f = c ^ (b | ~d); word = (7 &* i) & 15
                    }
                    let m = UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4 * word, as: UInt32.self))
                    f = f &+ a &+ k[i] &+ m
                    let s = shifts[round << 2 | i & 3]
                    a = d; d = c; c = b
                    b = b &+ ((f << s) | (f >> (32 &- s)))
                }
            }
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }
}
