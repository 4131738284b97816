// The table-driven kernel shared by CRC-32 and CRC-32C. Both are reflected
// CRCs with a 32-bit register, initial value and final XOR all ones; they
// differ only in the polynomial, hence in the tables.
//
// Speed comes from "slicing by 16": sixteen 256-entry tables let the loop fold
// sixteen input bytes into the register with sixteen independent look-ups.

enum CRC32Slicing {
    /// Sixteen tables of 256 entries for the reflected (bit-reversed)
    /// `polynomial`, laid out one after another. Table 0 is the classic
    /// byte-at-a-time table; table k gives the effect of a byte followed by k
    /// zero bytes.
    static func makeTables(reflectedPolynomial polynomial: UInt32) -> [UInt32] {
        var t = [UInt32](repeating: 0, count: 16 * 256)
        for b in 0..<256 {
            var c = UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ polynomial : c >> 1 }
            t[b] = c
        }
        for k in 1..<16 {
            for b in 0..<256 {
                let prev = t[(k - 1) * 256 + b]
                t[k * 256 + b] = (prev >> 8) ^ t[Int(prev & 0xFF)]
            }
        }
        return t
    }

    /// The CRC of `data` continuing from `initial` (the CRC of the bytes
    /// before it; 0 to start), with `tables` from `makeTables`.
    @inline(__always)
    static func checksum(_ data: UnsafeRawBufferPointer, initial: UInt32, tables: [UInt32]) -> UInt32 {
        guard let base = data.baseAddress, data.count > 0 else { return initial }
        return tables.withUnsafeBufferPointer { t in
            update(~initial, base, data.count, t.baseAddress!)
        } ^ 0xFFFF_FFFF
    }

    /// Folds `count` bytes at `p` into the (pre-inverted) register `crc`.
    @inline(__always)
    static func update(_ crc: UInt32, _ p: UnsafeRawPointer, _ count: Int,
                       _ t: UnsafePointer<UInt32>) -> UInt32 {
        var crc = crc
        var p = p
        var n = count
        @inline(__always) func tab(_ k: Int, _ byte: UInt32) -> UInt32 {
            t[k &* 256 &+ Int(byte & 0xFF)]
        }
        while n >= 16 {
            let w0 = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) ^ crc
            let w1 = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            let w2 = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            let w3 = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            // The twelve look-ups of w1...w3 do not depend on the register;
            // folding them first keeps the loop-carried chain short (only the
            // four look-ups of w0 wait for the previous iteration).
            let d = tab(3, w3) ^ tab(2, w3 >> 8) ^ tab(1, w3 >> 16) ^ tab(0, w3 >> 24)
                ^ tab(7, w2) ^ tab(6, w2 >> 8) ^ tab(5, w2 >> 16) ^ tab(4, w2 >> 24)
                ^ tab(11, w1) ^ tab(10, w1 >> 8) ^ tab(9, w1 >> 16) ^ tab(8, w1 >> 24)
            crc = d ^ tab(15, w0) ^ tab(14, w0 >> 8) ^ tab(13, w0 >> 16) ^ tab(12, w0 >> 24)
            p += 16
            n &-= 16
        }
        while n > 0 {
            crc = (crc >> 8) ^ tab(0, crc ^ UInt32(p.load(as: UInt8.self)))
            p += 1
            n &-= 1
        }
        return crc
    }
}
