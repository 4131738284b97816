// LZMA2 chunks (xz-file-format.txt 5.3.1 names the filter; the chunk layout is
// liblzma's): a control byte, then
//   0x00            end of the LZMA2 data;
//   0x01 / 0x02     an uncompressed chunk (with / without a dictionary reset):
//                   16-bit big-endian size - 1, then the bytes;
//   0x80 ... 0xFF   an LZMA chunk: bits 0-4 are the top of (uncompressed size - 1),
//                   bits 5-6 what it resets (0 nothing, 1 the state, 2 the state with
//                   new properties, 3 also the dictionary), then 16 more bits of the
//                   uncompressed size, 16 bits of compressed size - 1, and the
//                   properties byte when bit 6 is set. Each LZMA chunk has its own
//                   range coder, which must end exactly at the chunk's end.

/// Decodes LZMA2 data.
enum LZMA2Decoder {
    /// Decodes the LZMA2 chunks at `input[start..<end]`, appending to `output`; returns the
    /// position after the end byte. `family` names the container in errors.
    static func decode(_ input: UnsafePointer<UInt8>, start: Int, end: Int, dictionarySize: Int,
                       into output: inout LZMAOutput, family: String) throws -> Int {
        var decoder = LZMADecoder(properties: .standard, dictionarySize: dictionarySize, family: family)
        var pos = start
        var needDictionaryReset = true
        var needProperties = true
        while true {
            guard pos < end else { throw CompressionError("\(family): LZMA2 data ends without its end byte") }
            let control = Int(input[pos])
            pos += 1
            if control == 0 { return pos }
            if control >= 0xE0 || control == 1 {
                needProperties = true
                needDictionaryReset = false
                decoder.resetDictionary(at: output.count)
            } else if needDictionaryReset {
                throw CompressionError("\(family): the first LZMA2 chunk (control \(control)) does not reset the dictionary")
            }
            if control >= 0x80 {
                guard end - pos >= 4 else { throw CompressionError("\(family): LZMA2 chunk header is cut short") }
                let unpacked = (control & 0x1F) << 16 + Int(input[pos]) << 8 + Int(input[pos + 1]) + 1
                let packed = Int(input[pos + 2]) << 8 + Int(input[pos + 3]) + 1
                pos += 4
                if control >= 0xC0 {
                    guard pos < end else { throw CompressionError("\(family): LZMA2 chunk header is cut short") }
                    decoder.resetState(properties: try LZMAProperties(byte: input[pos], family: family))
                    pos += 1
                    needProperties = false
                } else if needProperties {
                    throw CompressionError("\(family): LZMA2 chunk (control \(control)) needs new properties")
                } else if control >= 0xA0 {
                    decoder.resetState(properties: decoder.properties)
                }
                guard packed <= end - pos else {
                    throw CompressionError("\(family): LZMA2 chunk of \(packed) compressed bytes runs past the input")
                }
                try output.reserve(output.count + unpacked)
                var rc = try LZMARangeDecoder(input, position: pos, end: pos + packed, family: family)
                _ = try decoder.decode(&rc, into: &output, limit: output.count + unpacked, endMarker: .forbidden)
                guard !rc.overran, rc.position == pos + packed, rc.isFinished else {
                    throw CompressionError("\(family): LZMA2 chunk does not end at its compressed size of \(packed) bytes")
                }
                pos += packed
            } else if control <= 2 {
                guard end - pos >= 2 else { throw CompressionError("\(family): LZMA2 chunk header is cut short") }
                let size = Int(input[pos]) << 8 + Int(input[pos + 1]) + 1
                pos += 2
                guard size <= end - pos else {
                    throw CompressionError("\(family): uncompressed LZMA2 chunk of \(size) bytes runs past the input")
                }
                try output.reserve(output.count + size)
                (output.base + output.count).update(from: input + pos, count: size)
                output.count += size
                pos += size
            } else {
                throw CompressionError("\(family): invalid LZMA2 control byte \(control)")
            }
        }
    }
}
