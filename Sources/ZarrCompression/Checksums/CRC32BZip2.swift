// CRC-32/BZIP2: the CRC of bzip2's block and stream checksums. The same
// polynomial as gzip's CRC-32 (0x04C11DB7) but not reflected: bytes enter at
// the most significant end of the register. Initial value and final XOR are
// all ones. Computed eight bytes at a time with slicing tables.

/// The CRC-32 variant bzip2 uses (most significant bit first).
public enum CRC32BZip2 {
    /// Computes the CRC of `data`.
    ///
    /// - Parameters:
    ///   - data: the bytes to checksum.
    ///   - initial: the CRC of the bytes that came before `data`; `0` (the
    ///     default) starts a new checksum.
    /// - Returns: the CRC of the preceding bytes followed by `data`.
    public static func checksum(_ data: UnsafeRawBufferPointer, initial: UInt32 = 0) -> UInt32 {
        guard let base = data.baseAddress else { return initial }
        return ~update(~initial, base.assumingMemoryBound(to: UInt8.self), count: data.count)
    }

    /// Computes the CRC of a byte array.
    public static func checksum(_ data: [UInt8], initial: UInt32 = 0) -> UInt32 {
        data.withUnsafeBytes { checksum($0, initial: initial) }
    }

    // MARK: - Kernel

    /// Advances the raw register `crc` (not inverted) over `count` bytes at `p`.
    static func update(_ crc: UInt32, _ p: UnsafePointer<UInt8>, count: Int) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            // table holds 8 slices of 256 entries; every index below is a byte.
            let t = table.baseAddress.unsafelyUnwrapped
            var c = crc
            var i = 0
            while i &+ 8 <= count {
                let raw = UnsafeRawPointer(p + i)
                let w0 = UInt32(bigEndian: raw.loadUnaligned(as: UInt32.self)) ^ c
                let w1 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                c = t[7 &* 256 &+ Int(w0 &>> 24)] ^ t[6 &* 256 &+ Int((w0 &>> 16) & 0xFF)]
                    ^ t[5 &* 256 &+ Int((w0 &>> 8) & 0xFF)] ^ t[4 &* 256 &+ Int(w0 & 0xFF)]
                    ^ t[3 &* 256 &+ Int(w1 &>> 24)] ^ t[2 &* 256 &+ Int((w1 &>> 16) & 0xFF)]
                    ^ t[256 &+ Int((w1 &>> 8) & 0xFF)] ^ t[Int(w1 & 0xFF)]
                i &+= 8
            }
            while i < count {
                c = (c &<< 8) ^ t[Int((c &>> 24) ^ UInt32(p[i]))]
                i &+= 1
            }
            return c
        }
    }

    /// Slice k maps a byte b to the register after b followed by k zero bytes.
    static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for b in 0..<256 {
            var c = UInt32(b) << 24
            for _ in 0..<8 { c = c & 0x8000_0000 != 0 ? (c << 1) ^ 0x04C1_1DB7 : c << 1 }
            t[b] = c
        }
        for k in 1..<8 {
            for b in 0..<256 {
                let prev = t[(k - 1) * 256 + b]
                t[k * 256 + b] = (prev << 8) ^ t[Int(prev >> 24)]
            }
        }
        return t
    }()
}
