import XCTest
@testable import ZarrCompression

/// Code-length sets the decoder must accept or reject (RFC 1951 §3.2.2, §3.2.7).
final class DeflateHuffmanTableTests: XCTestCase {
    private func build(_ lengths: [UInt8], _ alphabet: DeflateHuffmanDecodeTable.Alphabet) throws {
        try DeflateHuffmanDecodeTable(alphabet: alphabet).build(lengths: lengths)
    }

    func testOverSubscribedIsRejected() {
        XCTAssertThrowsError(try build([1, 1, 1], .distance)) { error in
            XCTAssertTrue("\(error)".contains("over-subscribed"), "\(error)")
        }
        XCTAssertThrowsError(try build([2, 2, 2, 2, 2] + [UInt8](repeating: 0, count: 252) + [1], .literalLength))
    }

    func testIncompleteIsRejected() {
        XCTAssertThrowsError(try build([1, 2], .distance)) { error in
            XCTAssertTrue("\(error)".contains("incomplete"), "\(error)")
        }
        XCTAssertThrowsError(try build([2, 2, 2], .codeLength))
        XCTAssertThrowsError(try build([1], .codeLength))
    }

    func testSingleCodeAndEmptyDistanceCodeAreAccepted() throws {
        try build([0, 0, 1], .distance)
        try build([UInt8](repeating: 0, count: 30), .distance)
        XCTAssertThrowsError(try build([2, 0], .distance))
    }

    func testLongCodesUseSubTables() throws {
        // A complete code with lengths up to 15: 1, 2, ..., 14, 15, 15.
        var lengths = [UInt8](repeating: 0, count: 286)
        for s in 0..<15 { lengths[s] = UInt8(s + 1) }
        lengths[256] = 15
        let table = DeflateHuffmanDecodeTable(alphabet: .literalLength)
        try table.build(lengths: lengths)
        // Encode symbols with the canonical code and decode them back.
        var codes = [UInt16](repeating: 0, count: 286)
        lengths.withUnsafeBufferPointer { l in
            codes.withUnsafeMutableBufferPointer { c in
                DeflateHuffmanEncoder.codes(lengths: l.baseAddress!, count: 286, into: c.baseAddress!)
            }
        }
        for s in [0, 5, 9, 10, 13, 14, 256] {
            let code = UInt64(codes[s])
            var e = table.entries[Int(code & 1023)]
            var consumed = 0
            if e & DeflateHuffmanDecodeTable.kindMask == DeflateHuffmanDecodeTable.subTable {
                consumed = Int(e & 31)
                let sub = (code >> UInt64(consumed)) & ((1 << UInt64((e >> 8) & 15)) - 1)
                e = table.entries[Int(e >> 16) + Int(sub)]
            }
            XCTAssertEqual(consumed + Int(e & 31), Int(lengths[s]), "symbol \(s)")
            if s == 256 {
                XCTAssertEqual(e & DeflateHuffmanDecodeTable.kindMask, DeflateHuffmanDecodeTable.endOfBlock)
            } else {
                XCTAssertEqual(Int(e >> 16), s, "symbol \(s)")
            }
        }
    }
}
