// Copies in 16-byte strides for the decoders' fast paths (zstd, LZ4).
//
// A stride copy moves whole 16-byte units, so it may read and write past the
// end of the run; callers keep that much room in both buffers and pass its
// limits, which are checked in debug builds only.

enum StrideCopy {
    /// Copies 16 bytes. `writeEnd` and `readEnd` bound the memory the caller
    /// may touch; they are only checked, in debug builds.
    @inline(__always)
    static func copy16(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>,
                       writeEnd: UnsafeMutablePointer<UInt8>, readEnd: UnsafePointer<UInt8>) {
        assert(d + 16 <= writeEnd && s + 16 <= readEnd)
        UnsafeMutableRawPointer(d).storeBytes(
            of: UnsafeRawPointer(s).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
    }

    /// Copies `n` (>= 1) bytes in 16-byte strides. Every store starts before
    /// dst + n, so the copy writes up to 15 bytes past it (and reads up to 15
    /// past src + n); the caller guarantees dst + n + 15 <= writeEnd and
    /// src + n + 15 <= readEnd (checked per store in debug builds).
    @inline(__always)
    static func wildCopy(_ dst: UnsafeMutablePointer<UInt8>, _ src: UnsafePointer<UInt8>, _ n: Int,
                         writeEnd: UnsafeMutablePointer<UInt8>, readEnd: UnsafePointer<UInt8>) {
        assert(n >= 1)
        var d = dst
        var s = src
        let e = dst + n
        repeat {
            copy16(d, s, writeEnd: writeEnd, readEnd: readEnd)
            d += 16
            s += 16
        } while d < e
    }

}
