// CRC-64 as xz uses it (the .xz format's check type 4): the ECMA-182
// polynomial 0x42F0E1EBA9EA3693, processed reflected (0xC96C5795D7870F42),
// with the register starting at all ones and inverted at the end.
//
// Speed comes from "slicing by 8": eight 256-entry tables fold eight input
// bytes into the register per step with independent look-ups.

/// The CRC-64 of the .xz format (ECMA-182, reflected).
public enum CRC64 {
    /// Computes the CRC-64 of `data`.
    ///
    /// - Parameters:
    ///   - data: the bytes to checksum.
    ///   - initial: the CRC of the bytes that came before `data`, to checksum a
    ///     stream piece by piece; `0` (the default) starts a new checksum.
    /// - Returns: the CRC-64 of the preceding bytes followed by `data`.
    public static func checksum(_ data: UnsafeRawBufferPointer, initial: UInt64 = 0) -> UInt64 {
        guard let base = data.baseAddress, data.count > 0 else { return initial }
        return tables.withUnsafeBufferPointer { t in
            guard let table = t.baseAddress else { return ~initial }
            return update(~initial, base, data.count, table)
        } ^ UInt64.max
    }

    /// Computes the CRC-64 of a byte array.
    public static func checksum(_ data: [UInt8], initial: UInt64 = 0) -> UInt64 {
        data.withUnsafeBytes { checksum($0, initial: initial) }
    }

    // MARK: - Kernel

    /// Eight tables of 256 entries, one after another: table 0 is the classic
    /// byte-at-a-time table, table k the effect of a byte followed by k zero bytes.
    static let tables: [UInt64] = {
        let polynomial: UInt64 = 0xC96C_5795_D787_0F42
        var t = [UInt64](repeating: 0, count: 8 * 256)
        for b in 0..<256 {
            var c = UInt64(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ polynomial : c >> 1 }
            t[b] = c
        }
        for k in 1..<8 {
            for b in 0..<256 {
                let previous = t[(k - 1) * 256 + b]
                t[k * 256 + b] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        return t
    }()

    /// Folds `count` bytes at `p` into the (pre-inverted) register `crc`.
    @inline(__always)
    private static func update(_ crc: UInt64, _ p: UnsafeRawPointer, _ count: Int, _ t: UnsafePointer<UInt64>) -> UInt64 {
        var crc = crc
        var p = p
        var n = count
        @inline(__always) func tab(_ k: Int, _ value: UInt64) -> UInt64 {
            t[k &* 256 &+ Int(truncatingIfNeeded: value & 0xFF)]
        }
        while n >= 8 {
            let w = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) ^ crc
            crc = tab(7, w) ^ tab(6, w >> 8) ^ tab(5, w >> 16) ^ tab(4, w >> 24)
                ^ tab(3, w >> 32) ^ tab(2, w >> 40) ^ tab(1, w >> 48) ^ tab(0, w >> 56)
            p += 8
            n &-= 8
        }
        while n > 0 {
            crc = (crc >> 8) ^ tab(0, crc ^ UInt64(p.load(as: UInt8.self)))
            p += 1
            n &-= 1
        }
        return crc
    }
}
