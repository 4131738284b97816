// The 16-byte blosc1 chunk header (c-blosc's README_CHUNK_FORMAT), all
// integers little-endian:
//
//   byte 0       format version (2)
//   byte 1       version of the inner compressor's format (1 for all of them)
//   byte 2       flags: bit 0 byte shuffle, bit 1 stored as it is ("memcpyed"),
//                bit 2 bit shuffle, bit 3 reserved (must be 0), bit 4 blocks
//                not split into per-byte streams, bits 5-7 the compressor
//                (0 blosclz, 1 lz4 and lz4hc, 2 snappy, 3 zlib, 4 zstd)
//   byte 3       typesize
//   bytes 4-7    nbytes, the decoded size
//   bytes 8-11   blocksize
//   bytes 12-15  cbytes, the chunk size including this header

extension Blosc {
    /// The header of a blosc chunk.
    public struct Header: Sendable, Equatable {
        /// The format version (c-blosc 1.x writes and reads 2).
        public var version: UInt8
        /// The version of the inner compressor's format (1).
        public var compressorVersion: UInt8
        /// The raw flag byte (see `shuffle`, `isMemcpyed`, `compressor`).
        public var flags: UInt8
        /// The element size the shuffles used (1...255).
        public var typesize: Int
        /// The size of the decoded data (nbytes).
        public var decodedSize: Int
        /// The size of every block but the last, which may be shorter.
        public var blockSize: Int
        /// The size of the whole chunk, header included (cbytes).
        public var compressedSize: Int

        /// The filter the flags name; byte shuffle when both bits are set.
        public var shuffle: Shuffle {
            flags & Flag.byteShuffle != 0 ? .byte : flags & Flag.bitShuffle != 0 ? .bit : .none
        }

        /// The inner compressor the flags name (`lz4` for lz4hc too, which
        /// writes the same format), or nil for an unknown code.
        public var compressor: Compressor? {
            switch formatCode {
            case 0: .blosclz
            case 1: .lz4
            case 2: .snappy
            case 3: .zlib
            case 4: .zstd
            default: nil
            }
        }

        /// Whether the data follows the header as it is, without blocks.
        public var isMemcpyed: Bool { flags & Flag.memcpyed != 0 }

        /// Whether the writer kept every block as one stream (the split
        /// flag); blocks with it clear may still be single streams, see the decoder.
        public var blocksNotSplit: Bool { flags & Flag.noSplit != 0 }

        /// The compressor code in the top three bits of the flags.
        var formatCode: Int { Int(flags >> 5) }

        /// Reads the header at the start of `input`.
        ///
        /// - Throws: `CompressionError` when `input` is shorter than 16 bytes.
        ///   The fields are not checked here; the decoder checks them.
        public init(parsing input: UnsafeRawBufferPointer) throws {
            guard input.count >= headerSize, let base = input.baseAddress else {
                throw CompressionError("blosc: input of \(input.count) bytes is too short for the 16-byte header")
            }
            func field(_ offset: Int) -> Int {
                Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            }
            self.init(version: input[0], compressorVersion: input[1], flags: input[2], typesize: Int(input[3]),
                      decodedSize: field(4), blockSize: field(8), compressedSize: field(12))
        }

        init(version: UInt8, compressorVersion: UInt8, flags: UInt8, typesize: Int, decodedSize: Int,
             blockSize: Int, compressedSize: Int) {
            self.version = version
            self.compressorVersion = compressorVersion
            self.flags = flags
            self.typesize = typesize
            self.decodedSize = decodedSize
            self.blockSize = blockSize
            self.compressedSize = compressedSize
        }

        /// Writes the 16 header bytes at `out` (sizes must fit in 32 bits).
        func write(to out: UnsafeMutableRawPointer) {
            assert((0...0xFF).contains(typesize) && decodedSize <= Int(UInt32.max)
                   && blockSize <= Int(UInt32.max) && compressedSize <= Int(UInt32.max))
            out.storeBytes(of: version, toByteOffset: 0, as: UInt8.self)
            out.storeBytes(of: compressorVersion, toByteOffset: 1, as: UInt8.self)
            out.storeBytes(of: flags, toByteOffset: 2, as: UInt8.self)
            out.storeBytes(of: UInt8(truncatingIfNeeded: typesize), toByteOffset: 3, as: UInt8.self)
            for (offset, value) in [(4, decodedSize), (8, blockSize), (12, compressedSize)] {
                out.storeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian, toByteOffset: offset, as: UInt32.self)
            }
        }
    }

    /// The flag bits of the header.
    enum Flag {
        static let byteShuffle: UInt8 = 0x01
        static let memcpyed: UInt8 = 0x02
        static let bitShuffle: UInt8 = 0x04
        static let reserved: UInt8 = 0x08
        static let noSplit: UInt8 = 0x10
    }

    /// The format version c-blosc 1.x writes and reads.
    static let formatVersion: UInt8 = 2
    /// The format version of every inner compressor.
    static let compressorFormatVersion: UInt8 = 1
}
