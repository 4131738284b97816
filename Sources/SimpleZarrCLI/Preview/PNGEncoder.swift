// A PNG writer (ISO/IEC 15948): the signature, an IHDR chunk (size, bit depth,
// colour type grey or RGB, no interlace), the image as one zlib stream (our
// Deflater) in IDAT chunks of at most 1 MiB, each row led by filter byte 0
// (none), and IEND; every chunk ends with the CRC-32 of its type and data.

import Foundation
import ZarrCompression

enum PNGEncoder {
    /// The colour types written.
    enum ColourType: UInt8 {
        case grey = 0
        case rgb = 2

        var channels: Int { self == .grey ? 1 : 3 }
    }

    /// The PNG file of an image of `width` x `height` pixels whose `samples` are row-major,
    /// `channels` per pixel, one byte each at bit depth 8 and two (big-endian) at 16.
    /// - Throws: `PNGEncoder.SizeMismatch` when the samples do not fill the size, or the size is
    ///   empty, beyond PNG's 2^31 - 1 pixels a side, or the bit depth is not 8 or 16.
    static func encode(width: Int, height: Int, colour: ColourType, bitDepth: Int, samples: [UInt8]) throws -> Data {
        let limit = Int(Int32.max)
        guard (1...limit).contains(width), (1...limit).contains(height), bitDepth == 8 || bitDepth == 16 else { throw SizeMismatch() }
        let rowBytes = width * colour.channels * (bitDepth / 8)
        guard samples.count / rowBytes == height, samples.count % rowBytes == 0 else { throw SizeMismatch() }
        var filtered = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        filtered.withUnsafeMutableBufferPointer { output in
            samples.withUnsafeBufferPointer { input in
                for row in 0..<height {
                    let target = UnsafeMutableBufferPointer(rebasing: output[(row * (rowBytes + 1) + 1)...].prefix(rowBytes))
                    _ = target.initialize(from: input[(row * rowBytes)..<((row + 1) * rowBytes)])
                }
            }
        }
        let compressed = Zlib.compress(filtered, level: 6)

        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [UInt8(bitDepth), colour.rawValue, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        let piece = 1 << 20
        var start = 0
        repeat {
            appendChunk("IDAT", compressed[start..<min(start + piece, compressed.count)], to: &png)
            start += piece
        } while start < compressed.count
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// The samples do not make an image of the size given.
    struct SizeMismatch: Error, CustomStringConvertible {
        var description: String { "PNG: the samples do not make an image of the size given" }
    }

    private static func appendChunk<Bytes: Collection<UInt8>>(_ type: String, _ data: Bytes, to png: inout Data) {
        let typeAndData = Array(type.utf8) + Array(data)
        png.append(contentsOf: bigEndian(UInt32(data.count)))
        png.append(contentsOf: typeAndData)
        png.append(contentsOf: bigEndian(CRC32.checksum(typeAndData)))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
