import XCTest
@testable import ZarrCompression

/// SHA-256 (FIPS 180-4) on the NIST vectors (FIPS 180-2 appendix B: "abc", the 448-bit and
/// 896-bit messages, one million "a") and fed piece by piece.
final class SHA256Tests: XCTestCase {
    private func hex(_ digest: [UInt8]) -> String { HashingTestSupport.hex(digest) }

    func testStandardVectors() {
        XCTAssertEqual(hex(SHA256.hash([UInt8]())), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex(SHA256.hash(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let message896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(hex(SHA256.hash(Array(message896.utf8))),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        XCTAssertEqual(hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Fed in pieces of any size, the digest is the one-shot digest; padding lengths 55, 56, 64 hold.
    func testIncrementalAndPaddingEdges() {
        for n in [55, 56, 63, 64, 65, 119, 120, 1000] {
            let data = TestRandom.bytes(n, seed: UInt64(n))
            let whole = SHA256.hash(data)
            var hasher = SHA256()
            var offset = 0
            var step = 1
            while offset < n {
                let end = min(n, offset + step)
                data[offset..<end].withUnsafeBytes { hasher.update($0) }
                offset = end
                step += 3
            }
            XCTAssertEqual(hasher.finalize(), whole, "\(n)")
        }
    }

    /// The SHA-256 liblzma stored after a block (check type 10) is the hash of its input.
    func testMatchesLiblzmaChecks() throws {
        let file = try XZTestSupport.vector("text_5000.sha256.xz")
        let input = try XZTestSupport.decompress(file)
        let stored = Array(file[(file.count - 12 - 12 - 32)...].prefix(32))
        XCTAssertEqual(SHA256.hash(input), stored)
    }
}
