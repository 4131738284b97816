import XCTest
@testable import ZarrCompression

/// HMAC-SHA256 on every test case of RFC 4231, section 4 (keys shorter than, equal to and
/// longer than the block, the 131-byte keys hashed first, data longer than the block).
final class HMACTests: XCTestCase {
    private func tag(_ key: [UInt8], _ message: [UInt8]) -> String {
        HashingTestSupport.hex(HMAC.sha256(key: key, message: message))
    }

    func testRFC4231Cases() {
        // Test case 1: 20-byte key.
        XCTAssertEqual(tag([UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8)),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        // Test case 2: a key shorter than the tag.
        XCTAssertEqual(tag(Array("Jefe".utf8), Array("what do ya want for nothing?".utf8)),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 3: 50 bytes of 0xdd.
        XCTAssertEqual(tag([UInt8](repeating: 0xAA, count: 20), [UInt8](repeating: 0xDD, count: 50)),
                       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
        // Test case 4: key 0x01...0x19.
        XCTAssertEqual(tag(Array(1...25), [UInt8](repeating: 0xCD, count: 50)),
                       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
        // Test case 5: the RFC gives the first 128 bits only.
        XCTAssertTrue(tag([UInt8](repeating: 0x0C, count: 20), Array("Test With Truncation".utf8))
            .hasPrefix("a3b6167473100ee06e0c796c2955552b"))
        // Test case 6: a 131-byte key, hashed before use.
        XCTAssertEqual(tag([UInt8](repeating: 0xAA, count: 131),
                           Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        // Test case 7: a 131-byte key and data longer than the block.
        let data7 = "This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm."
        XCTAssertEqual(tag([UInt8](repeating: 0xAA, count: 131), Array(data7.utf8)),
                       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    /// A key of exactly one block is used as it is; one byte more is hashed first, so the two differ,
    /// and a key of 65 bytes acts like the 32-byte key that is its hash.
    func testBlockSizedKeys() {
        let message = Array("block".utf8)
        let key64 = TestRandom.bytes(64, seed: 64)
        let key65 = TestRandom.bytes(65, seed: 65)
        XCTAssertNotEqual(tag(key64, message), tag(Array(key64.prefix(63)), message))
        XCTAssertEqual(tag(key65, message), tag(SHA256.hash(key65), message))
    }

    /// The buffer and the array overloads agree, also on an empty message.
    func testRawBufferOverload() {
        let key = Array("key".utf8)
        for message in [[UInt8](), TestRandom.bytes(1000, seed: 7)] {
            let viaBuffer = message.withUnsafeBytes { HMAC.sha256(key: key, message: $0) }
            XCTAssertEqual(viaBuffer, HMAC.sha256(key: key, message: message))
        }
        XCTAssertEqual(tag(Array("key".utf8), Array("The quick brown fox jumps over the lazy dog".utf8)),
                       "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    }
}
