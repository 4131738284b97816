// The LZMA coder properties (the LZMA SDK's lzma-specification.txt, "properties"):
// lc literal context bits, lp literal position bits and pb position bits, packed
// into one byte as (pb * 5 + lp) * 9 + lc; and the dictionary sizes of the two
// containers (a 32-bit size for .lzma, one encoded byte for LZMA2).

/// The lc/lp/pb parameters of an LZMA stream.
struct LZMAProperties: Equatable, Sendable {
    /// Literal context bits: how many high bits of the previous byte select the literal coder.
    let lc: Int
    /// Literal position bits: how many low bits of the position select the literal coder.
    let lp: Int
    /// Position bits: how many low bits of the position select the match/literal flags.
    let pb: Int

    /// xz's largest lc + lp (its decoders refuse more, so its encoders never write more).
    static let maxLiteralBits = 4

    /// liblzma's defaults: lc 3, lp 0, pb 2.
    static let standard = LZMAProperties(lc: 3, lp: 0, pb: 2)

    init(lc: Int, lp: Int, pb: Int) {
        self.lc = lc
        self.lp = lp
        self.pb = pb
    }

    /// Reads the packed properties byte; throws (naming `family`) unless pb <= 4 and lc + lp <= 4.
    init(byte: UInt8, family: String) throws {
        var value = Int(byte)
        guard value < 9 * 5 * 5 else {
            throw CompressionError("\(family): properties byte \(byte) is out of range (at most 224)")
        }
        let pb = value / 45
        value -= pb * 45
        let lp = value / 9
        let lc = value - lp * 9
        guard lc + lp <= Self.maxLiteralBits else {
            throw CompressionError("\(family): properties byte \(byte) has lc \(lc) + lp \(lp) above 4")
        }
        self.init(lc: lc, lp: lp, pb: pb)
    }

    /// The packed properties byte.
    var byte: UInt8 { UInt8((pb * 5 + lp) * 9 + lc) }
}

/// Dictionary sizes as the containers store them.
enum LZMADictionarySize {
    /// The largest value of LZMA2's dictionary size byte (it means 4 GiB - 1).
    static let maxLZMA2Byte: UInt8 = 40

    /// The size an LZMA2 dictionary byte stands for: (2 | low bit) << (byte / 2 + 11), or
    /// 0xFFFFFFFF for 40.
    static func lzma2(byte: UInt8) throws -> Int {
        guard byte <= maxLZMA2Byte else {
            throw CompressionError("xz: LZMA2 dictionary size byte \(byte) is above 40")
        }
        if byte == maxLZMA2Byte { return 0xFFFF_FFFF }
        return (2 | Int(byte & 1)) << (Int(byte) / 2 + 11)
    }

    /// The smallest LZMA2 dictionary byte whose size is at least `size`.
    static func lzma2Byte(for size: Int) -> UInt8 {
        var byte: UInt8 = 0
        while byte < maxLZMA2Byte, let covered = try? lzma2(byte: byte), covered < size { byte += 1 }
        return byte
    }
}
