import Foundation
import XCTest
@testable import ZarrCompression

/// Checks that the committed reference vectors exercise every part of the
/// format the decoder implements (so a regression cannot hide in a feature
/// no vector uses).
final class ZstdVectorCoverageTests: XCTestCase {
    /// Walks frames and blocks, naming the features each block uses.
    static func features(of data: [UInt8]) -> Set<String> {
        var found = Set<String>()
        var p = 0
        func le(_ at: Int, _ n: Int) -> Int { (0..<n).reduce(0) { $0 | Int(data[at + $1]) << (8 * $1) } }
        while p + 4 <= data.count {
            let magic = UInt32(le(p, 4))
            if magic & 0xFFFF_FFF0 == 0x184D_2A50 {
                found.insert("skippable frame")
                p += 8 + le(p + 4, 4)
                continue
            }
            found.insert("frame")
            let d = Int(data[p + 4])
            let fcsFlag = d >> 6, single = d & 0x20 != 0
            found.insert(single ? "single segment" : "window descriptor")
            if d & 4 != 0 { found.insert("checksum") }
            let fcsSize = fcsFlag == 0 ? (single ? 1 : 0) : [0, 2, 4, 8][fcsFlag]
            found.insert("FCS \(fcsSize) bytes")
            if !single && (data[p + 5] >> 3) + 10 >= 27 { found.insert("window >= 128 MiB") }
            p += 5 + (single ? 0 : 1) + [0, 1, 2, 4][d & 3] + fcsSize
            while true {
                let bh = le(p, 3)
                p += 3
                let type = (bh >> 1) & 3, size = bh >> 3
                found.insert(["raw block", "RLE block", "compressed block", "reserved"][type])
                if type == 2 {
                    let b0 = Int(data[p])
                    let litType = b0 & 3, sf = (b0 >> 2) & 3
                    var litHeader = 0, litSize = 0
                    switch litType {
                    case 0, 1:
                        found.insert(litType == 0 ? "raw literals" : "RLE literals")
                        litHeader = [1, 2, 1, 3][sf]
                        litSize = litType == 0 ? (sf & 1 == 0 ? b0 >> 3 : (sf == 1 ? le(p, 2) >> 4 : le(p, 3) >> 4)) : 1
                    default:
                        found.insert(litType == 2 ? "Huffman literals" : "treeless literals")
                        found.insert(sf == 0 ? "1 stream" : "4 streams")
                        litHeader = [3, 3, 4, 5][sf]
                        let h = le(p, litHeader)
                        litSize = [h >> 14 & 0x3FF, h >> 14 & 0x3FF, h >> 18 & 0x3FFF, h >> 22 & 0x3FFFF][sf]
                        if litType == 2 { found.insert(data[p + litHeader] < 128 ? "FSE Huffman weights" : "direct Huffman weights") }
                    }
                    var q = p + litHeader + litSize
                    var nbSeq = Int(data[q])
                    if nbSeq >= 128 { nbSeq = nbSeq == 255 ? le(q + 1, 2) + 0x7F00 : ((nbSeq - 128) << 8) + Int(data[q + 1]) }
                    q += data[q] < 128 ? 1 : (data[q] < 255 ? 2 : 3)
                    if nbSeq == 0 { found.insert("no sequences") } else {
                        if nbSeq >= 0x7F00 { found.insert("3-byte sequence count") }
                        let m = Int(data[q])
                        for (shift, kind) in [(6, "LL"), (4, "OF"), (2, "ML")] {
                            found.insert("\(kind) " + ["predefined", "RLE", "FSE", "repeat"][(m >> shift) & 3])
                        }
                    }
                }
                p += type == 1 ? 1 : size
                if bh & 1 != 0 { break }
            }
            if d & 4 != 0 { p += 4 }
        }
        return found
    }

    func testVectorsCoverTheFormat() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ZstdTestSupport.vectorsDirectory.path)
            .filter { $0.hasSuffix(".zst") }
        var all = Set<String>()
        for name in names { all.formUnion(Self.features(of: try ZstdTestSupport.read(name))) }
        let expected: [String] = [
            "skippable frame", "single segment", "window descriptor", "checksum", "FCS 0 bytes", "FCS 1 bytes",
            "FCS 2 bytes", "FCS 4 bytes", "window >= 128 MiB", "raw block", "RLE block", "compressed block",
            "raw literals", "RLE literals", "Huffman literals", "treeless literals", "1 stream", "4 streams",
            "FSE Huffman weights", "direct Huffman weights", "no sequences",
            "LL predefined", "LL RLE", "LL FSE", "LL repeat", "OF predefined", "OF RLE", "OF FSE", "OF repeat",
            "ML predefined", "ML RLE", "ML FSE", "ML repeat",
        ]
        let missing = expected.filter { !all.contains($0) }
        print("zstd vector features: \(all.sorted().joined(separator: ", "))")
        XCTAssertEqual(missing, [], "features no vector exercises")
    }
}
