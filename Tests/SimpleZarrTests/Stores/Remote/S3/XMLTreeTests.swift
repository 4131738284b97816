import Foundation
import XCTest
@testable import SimpleZarr

/// The tolerant XML reader: what it keeps, what it skips and what it refuses.
final class XMLTreeTests: XCTestCase {
    private func parse(_ text: String) throws -> XMLTree { try XMLTree.parse(Data(text.utf8)) }

    func testElementsTextAndLocalNames() throws {
        let root = try parse("""
            \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment --><s3:Root xmlns:s3="urn:x" a='1' b = "x>y"><A>one</A><s3:B>two<C/>three</s3:B><A/></s3:Root>
            <!-- trailing -->\n
            """)
        XCTAssertEqual(root.name, "Root")
        XCTAssertEqual(root.children.map(\.name), ["A", "B", "A"])
        XCTAssertEqual(root.children("A").map(\.text), ["one", ""])
        XCTAssertEqual(root.text(of: "B"), "twothree")
        XCTAssertEqual(root.child("B")?.children.map(\.name), ["C"])
        XCTAssertNil(root.child("Missing"))
    }

    func testEntitiesReferencesAndCDATA() throws {
        let root = try parse("<k>&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#X1F600; <![CDATA[<raw> &amp;]]>\r\nend\rx</k>")
        XCTAssertEqual(root.text, "<>&\"' AB\u{1F600} <raw> &amp;\nend\nx")
        // A character reference keeps a CR that a literal CR would lose.
        XCTAssertEqual(try parse("<k>a&#13;&#10;b</k>").text, "a\r\nb")
        // Spaces are kept as they are: S3 keys may begin or end with them.
        XCTAssertEqual(try parse("<k>  a  </k>").text, "  a  ")
    }

    func testRefusals() {
        let cases = [
            "", "   ", "text", "<a>", "<a></b>", "</a>", "<a/><b/>", "<a/>tail", "lead<a/>",
            "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "<a>&unknown;</a>", "<a>& b</a>", "<a>&#xD800;</a>",
            "<a>&#x110000;</a>", "<a>&#+65;</a>", "<a>&#;</a>", "<a><!-- open</a>", "<a><![CDATA[ open</a>",
            "<a b></a>", "<a b=c></a>", "<a b=\"c></a>", "<a/ >", "<>x</>", "<a><!ELEMENT x></a>", "<?xml ",
        ]
        for text in cases {
            XCTAssertThrowsError(try parse(text), text)
        }
    }

    func testDepthAndSizeBounds() throws {
        let deep = String(repeating: "<a>", count: XMLTree.maximumDepth) + String(repeating: "</a>", count: XMLTree.maximumDepth)
        XCTAssertNoThrow(try parse(deep))
        let tooDeep = "<a>" + deep + "</a>"
        XCTAssertThrowsError(try parse(tooDeep)) { error in
            XCTAssertTrue("\(error)".contains("nested deeper"), "\(error)")
        }
        let huge = Data(count: XMLTree.maximumSize + 1)
        XCTAssertThrowsError(try XMLTree.parse(huge)) { error in
            XCTAssertEqual((error as? XMLTreeError)?.offset, 0)
        }
    }

    func testErrorsGiveTheOffset() {
        XCTAssertThrowsError(try parse("<a>ok</b>")) { error in
            XCTAssertEqual(error as? XMLTreeError, XMLTreeError(offset: 9, reason: "</b> closes <a>"))
        }
    }

    /// Invalid UTF-8 is read with replacement characters, never a trap.
    func testInvalidUTF8() throws {
        let root = try XMLTree.parse(Data([0x3C, 0x61, 0x3E, 0xFF, 0xC3, 0x3C, 0x2F, 0x61, 0x3E]))
        XCTAssertEqual(root.text, "\u{FFFD}\u{FFFD}")
    }
}
