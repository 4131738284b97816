// Writing .xz files (see XZStreamDecoder.swift for the layout): one stream, the
// input in LZMA2 blocks of at most 1 GiB (one block for any realistic chunk),
// each header recording both sizes, then the index and the footer.

/// The .xz encoder.
enum XZStreamEncoder {
    /// Inputs are cut into blocks of at most this many bytes (the match finder's positions are 32-bit).
    static let maxBlockSize = 1 << 30

    /// The .xz file of `input`, with `check`, delta-filtered first when `deltaDistance` is given.
    static func encode(_ input: UnsafeRawBufferPointer, options: LZMAEncoderOptions, check: XZCheck,
                       deltaDistance: Int?) -> [UInt8] {
        let flags: [UInt8] = [0, UInt8(check.rawValue)]
        var out = XZFormat.headerMagic + flags
        flags.withUnsafeBufferPointer { f in
            if let base = f.baseAddress { XZFormat.append32(XZFormat.crc32(base, 0, 2), to: &out) }
        }
        var records: [XZIndexRecord] = []
        var offset = 0
        while offset < input.count, let base = input.baseAddress {
            let piece = UnsafeRawBufferPointer(start: base + offset, count: min(maxBlockSize, input.count - offset))
            records.append(appendBlock(piece, options: options, check: check, deltaDistance: deltaDistance, to: &out))
            offset += piece.count
        }
        let index = XZIndex.encoded(records)
        out += index
        var footer: [UInt8] = []
        XZFormat.append32(UInt32(index.count / 4 - 1), to: &footer)
        footer += flags
        let crc = footer.withUnsafeBufferPointer { b in b.baseAddress.map { XZFormat.crc32($0, 0, b.count) } ?? 0 }
        XZFormat.append32(crc, to: &out)
        return out + footer + XZFormat.footerMagic
    }

    /// Appends one block holding `piece`; returns its index record.
    private static func appendBlock(_ piece: UnsafeRawBufferPointer, options: LZMAEncoderOptions, check: XZCheck,
                                    deltaDistance: Int?, to out: inout [UInt8]) -> XZIndexRecord {
        var filters: [XZFilter] = []
        var compressed: [UInt8] = []
        var blockOptions = options
        // A dictionary larger than the input buys nothing; a smaller one spares other decoders memory.
        blockOptions.dictionarySize = min(options.dictionarySize, max(4096, piece.count))
        let encode = { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            LZMA2Encoder.encode(base.assumingMemoryBound(to: UInt8.self), count: bytes.count,
                                options: blockOptions, into: &compressed)
        }
        if let deltaDistance {
            filters.append(.delta(distance: deltaDistance))
            DeltaFilter.encode(piece, distance: deltaDistance).withUnsafeBytes(encode)
        } else {
            encode(piece)
        }
        filters.append(.lzma2(dictionarySize: blockOptions.dictionarySize))
        let header = XZBlockHeader(size: 0, compressedSize: UInt64(compressed.count),
                                   uncompressedSize: UInt64(piece.count), filters: filters).encoded()
        out += header
        out += compressed
        out += [UInt8](repeating: 0, count: XZFormat.padding(compressed.count))
        out += check.compute(piece)
        return XZIndexRecord(unpaddedSize: UInt64(header.count + compressed.count + check.size),
                             uncompressedSize: UInt64(piece.count))
    }
}
