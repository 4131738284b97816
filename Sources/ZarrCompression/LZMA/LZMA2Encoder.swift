// Writing LZMA2 chunks (see LZMA2Decoder.swift for the layout): the LZMA encoder
// runs until a chunk holds almost 2 MiB of input or almost 64 KiB of range-coded
// output; a chunk that did not shrink is stored as uncompressed chunks instead,
// and the LZMA state is then reset (the decoder never saw its symbols).

/// Encodes LZMA2 data.
enum LZMA2Encoder {
    /// The largest uncompressed size of an LZMA chunk.
    static let maxUnpacked = 1 << 21
    /// The largest compressed size of a chunk (and size of an uncompressed chunk).
    static let maxPacked = 1 << 16

    /// Appends the LZMA2 data of `count` bytes at `data`, end byte included, to `out`.
    static func encode(_ data: UnsafePointer<UInt8>, count: Int, options: LZMAEncoderOptions, into out: inout [UInt8]) {
        var encoder = LZMAEncoder(data, count: count, options: options, outputCapacity: maxPacked + 64)
        var first = true
        var needProperties = true
        var needStateReset = false
        // A symbol adds at most ~40 bytes, so stopping this far below the limit keeps chunks in it.
        let packedLimit = maxPacked - 64
        while encoder.position < count {
            let start = encoder.position
            encoder.symbols.rc.reset()
            encoder.encode(until: start + maxUnpacked - LZMALength.max, packedLimit: packedLimit)
            encoder.symbols.rc.flush()
            let unpacked = encoder.position - start
            let packed = encoder.symbols.rc.bytes.count
            assert(unpacked <= maxUnpacked && packed <= maxPacked)
            if packed >= unpacked {
                var s = start
                while s < encoder.position {
                    let n = min(maxPacked, encoder.position - s)
                    out += [first ? 1 : 2, UInt8((n - 1) >> 8), UInt8((n - 1) & 0xFF)]
                    out.append(contentsOf: UnsafeBufferPointer(start: data + s, count: n))
                    first = false
                    s += n
                }
                encoder.symbols.resetState()
                needStateReset = true
                continue
            }
            let reset = needProperties ? (first ? 3 : 2) : (needStateReset ? 1 : 0)
            out += [UInt8(0x80 | reset << 5 | (unpacked - 1) >> 16), UInt8(((unpacked - 1) >> 8) & 0xFF),
                    UInt8((unpacked - 1) & 0xFF), UInt8((packed - 1) >> 8), UInt8((packed - 1) & 0xFF)]
            if reset >= 2 { out.append(options.properties.byte) }
            out += encoder.symbols.rc.bytes
            first = false
            needProperties = false
            needStateReset = false
        }
        out.append(0)
    }
}
