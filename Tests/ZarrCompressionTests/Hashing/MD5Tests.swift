import Foundation
import XCTest
@testable import ZarrCompression

/// MD5 on the test suite of RFC 1321, appendix A.5, and around its padding edges.
final class MD5Tests: XCTestCase {
    private func digest(_ text: String) -> String { HashingTestSupport.hex(MD5.hash(Array(text.utf8))) }

    func testRFC1321Suite() {
        XCTAssertEqual(digest(""), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(digest("a"), "0cc175b9c0f1b6a831c399e269772661")
        XCTAssertEqual(digest("abc"), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(digest("message digest"), "f96b697d7cb7938d525a2f31aaf161d0")
        XCTAssertEqual(digest("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b")
        XCTAssertEqual(digest("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
                       "d174ab98d277d9f5a5611c2c9f419d9f")
        XCTAssertEqual(digest(String(repeating: "1234567890", count: 8)), "57edf4a22be3c955ac49da2e2107b67a")
    }

    /// The table of constants is the one RFC 1321 defines: floor(2^32 * |sin(i)|) for i = 1...64.
    func testConstantsAreTheSineTable() {
        for i in 0..<64 {
            XCTAssertEqual(MD5.k[i], UInt32(abs(sin(Double(i + 1))) * 4_294_967_296), "constant \(i)")
        }
    }

    /// Messages whose tail needs one or two padding blocks (55, 56, 63, 64, 65 bytes), and a
    /// million bytes, match values from Python's hashlib (OpenSSL).
    func testPaddingEdgesAndLongInput() {
        let expected: [(Int, String)] = [
            (55, "ef1772b6dff9a122358552954ad0df65"), (56, "3b0c8ac703f828b04c6c197006d17218"),
            (63, "b06521f39153d618550606be297466d5"), (64, "014842d480b571495a4a0363793f7367"),
            (65, "c743a45e0d2e6a95cb859adae0248435"),
        ]
        for (n, hex) in expected {
            XCTAssertEqual(HashingTestSupport.hex(MD5.hash([UInt8](repeating: 0x61, count: n))), hex, "\(n) bytes")
        }
        XCTAssertEqual(HashingTestSupport.hex(MD5.hash([UInt8](repeating: 0x61, count: 1_000_000))),
                       "7707d6ae4e027c70eea2a935c2296f21")
    }
}
