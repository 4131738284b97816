// BloscLZ decoding (the FastLZ-derived codec inside c-blosc).
//
// A stream is a sequence of tokens, each starting with a control byte:
// * below 32: a literal run of control + 1 bytes that follow;
// * otherwise a match: the top three bits give the length (7 means more
//   length bytes follow, each added, until one is not 255), the low five bits
//   and the next byte give the distance minus one; the distance byte 255 with
//   the low bits all set announces a "far" match whose distance minus 8192 is
//   in the next two bytes (big-endian). A match copies length + 2 bytes, byte
//   by byte semantics (it may overlap its own output).
// The first control byte carries the codec's marker in its top bits and is
// read as a literal run. The stream ends after the token that uses its last
// byte; c-blosc drops a match that ends the input without a following byte,
// and so does this decoder.

extension BloscLZ {
    /// Bytes the match copy may write past the end of a match when there is
    /// room (it copies 8 bytes at a time).
    private static let copySlack = 8

    /// Decodes `input` into `output` and returns the bytes written, which is
    /// at most `limit` (by default, and at most, `output.count`). Bytes of
    /// `output` past the decoded size, up to its end, may be overwritten:
    /// room past the limit lets the copies take 8-byte steps to the last byte.
    ///
    /// - Throws: `CompressionError` when the stream is truncated, refers
    ///   before the start of the output, or would write past the limit.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                           limit: Int = .max) throws -> Int {
        let inCount = input.count, capacity = min(limit, output.count), room = output.count
        guard inCount > 0, let src = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        guard let dst = output.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw CompressionError("blosclz: no room for output")
        }
        var ip = 1, op = 0
        var control = Int(src[0] & 31)
        while true {
            if control >= 32 {
                // A match. Every read below is checked against the input end.
                var length = (control >> 5) - 1
                var offset = (control & 31) << 8
                if length == 6 {
                    var code = 255
                    while code == 255 {
                        guard ip + 1 < inCount else { throw truncated() }
                        code = Int(src[ip])
                        ip += 1
                        length += code
                    }
                } else {
                    guard ip + 1 < inCount else { throw truncated() }
                }
                let code = Int(src[ip])
                ip += 1
                length += 3
                var distance = offset + code + 1
                if code == 255 && offset == 31 << 8 {
                    guard ip + 1 < inCount else { throw truncated() }
                    offset = Int(src[ip]) << 8 | Int(src[ip + 1])
                    ip += 2
                    distance = offset + maxDistance + 1
                }
                guard length <= capacity - op else {
                    throw CompressionError("blosclz: a match of \(length) bytes at output \(op) overruns the \(capacity)-byte output")
                }
                guard distance <= op else {
                    throw CompressionError("blosclz: match distance \(distance) reaches before the start of the output (at \(op))")
                }
                guard ip < inCount else { break }
                control = Int(src[ip])
                ip += 1
                copyMatch(dst, op, distance, length, room)
                op += length
            } else {
                let run = control + 1
                guard run <= capacity - op else {
                    throw CompressionError("blosclz: a literal run of \(run) bytes at output \(op) overruns the \(capacity)-byte output")
                }
                guard run <= inCount - ip else { throw truncated() }
                if inCount - ip >= maxLiteralRun && room - op >= maxLiteralRun {
                    // A run is at most 32 bytes: two 16-byte copies, inside both buffers.
                    let from = UnsafeRawPointer(src + ip), to = UnsafeMutableRawPointer(dst + op)
                    to.storeBytes(of: from.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                    to.storeBytes(of: from.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16,
                                  as: SIMD16<UInt8>.self)
                } else {
                    (dst + op).update(from: src + ip, count: run)
                }
                op += run
                ip += run
                guard ip < inCount else { break }
                control = Int(src[ip])
                ip += 1
            }
        }
        return op
    }

    /// Copies `length` bytes to `dst + op` from `distance` bytes back, as a
    /// byte-by-byte forward copy would (so a short distance repeats its bytes).
    ///
    /// Bounds: `distance` is in 1...op and `op + length <= room` (checked
    /// by the caller against the limit); 8-byte steps are taken only when
    /// `copySlack` bytes past the match are inside the output's `room` too.
    @inline(__always)
    private static func copyMatch(_ dst: UnsafeMutablePointer<UInt8>, _ op: Int, _ distance: Int, _ length: Int,
                                  _ room: Int) {
        assert(distance >= 1 && distance <= op && length <= room - op)
        let out = dst + op
        if distance == 1 {
            out.update(repeating: out[-1], count: length)
            return
        }
        guard room - op >= length + copySlack else {
            for i in 0..<length { out[i] = out[i - distance] }
            return
        }
        // A short distance: write the first bytes one by one until the
        // pattern can be copied from `step` (a multiple of the distance of at
        // least 8) bytes back, 8 bytes at a time.
        var i = 0
        var step = distance
        if distance < 8 {
            step = distance * ((8 + distance - 1) / distance)
            while i < min(step - distance, length) {
                out[i] = out[i - distance]
                i += 1
            }
        }
        let raw = UnsafeMutableRawPointer(out)
        while i < length {
            raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: i - step, as: UInt64.self), toByteOffset: i, as: UInt64.self)
            i += 8
        }
    }

    private static func truncated() -> CompressionError {
        CompressionError("blosclz: truncated input")
    }
}
