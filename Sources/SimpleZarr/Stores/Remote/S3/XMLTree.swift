// A small, tolerant reader for the XML that S3 and S3-compatible services answer
// with (XML 1.0, section 2, reduced to what those replies use): elements and their
// character data, CDATA sections, the five predefined entities and numeric
// character references. The <?xml ...?> declaration, processing instructions and
// comments are skipped; attributes are skipped (so are namespace declarations, and
// names are compared by their local part, after any `prefix:`). A DOCTYPE is
// refused, so no entity can expand. Depth and input size are bounded, and every
// node holds bytes of the input, so memory stays proportional to the input.

import Foundation

/// One XML element: its local name, the character data directly inside it, and its child elements.
struct XMLTree: Equatable, Sendable {
    /// The local name (without a namespace prefix).
    var name: String
    /// The character data directly inside the element (text and CDATA, entities decoded),
    /// without the text of its children.
    var text: String
    /// The child elements in document order.
    var children: [XMLTree]

    /// The first child named `name`.
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// Every child named `name`.
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    func text(of name: String) -> String? { child(name)?.text }
}

/// Why a document could not be read.
struct XMLTreeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset where reading stopped.
    var offset: Int
    /// What was wrong there.
    var reason: String

    var description: String { "malformed XML at byte \(offset): \(reason)" }
}

// MARK: - Parsing

extension XMLTree {
    /// The deepest nesting accepted (S3's documents nest four deep).
    static let maximumDepth = 32
    /// The largest document accepted (a page of 1,000 listed keys is well under 2 MiB).
    static let maximumSize = 32 << 20

    /// Parses the document in `data` and returns its root element.
    static func parse(_ data: Data) throws -> XMLTree {
        try data.withUnsafeBytes { try parse($0) }
    }

    /// Parses the document in `bytes` and returns its root element.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws -> XMLTree {
        guard bytes.count <= maximumSize else {
            throw XMLTreeError(offset: 0, reason: "the document is larger than \(maximumSize) bytes")
        }
        var reader = XMLTreeReader(bytes: bytes)
        return try reader.document()
    }
}

/// The state of one parse: a cursor over the bytes and the stack of open elements.
private struct XMLTreeReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    private struct Open {
        var qualifiedName: ArraySlice<UInt8>
        var text: [UInt8] = []
        var children: [XMLTree] = []
    }

    private var stack: [Open] = []
    private var root: XMLTree?

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private func fail(_ reason: String) -> XMLTreeError { XMLTreeError(offset: position, reason: reason) }

    @inline(__always) private func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        return prefix.withUTF8Buffer { p in
            for i in 0..<count where bytes[position + i] != p[i] { return false }
            return true
        }
    }

    /// Moves past the next `terminator`; throws when there is none.
    private mutating func skip(past terminator: StaticString, in construct: String) throws {
        while position < bytes.count {
            if hasPrefix(terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
        throw fail("unterminated \(construct)")
    }

    mutating func document() throws -> XMLTree {
        if hasPrefix("\u{FEFF}") { position += 3 }
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<") {
                try markup()
            } else {
                try characterData()
            }
        }
        guard stack.isEmpty else { throw fail("element <\(String(decoding: stack[stack.count - 1].qualifiedName, as: UTF8.self))> is not closed") }
        guard let root else { throw fail("no root element") }
        return root
    }

    // MARK: Markup

    private mutating func markup() throws {
        if hasPrefix("<?") {
            try skip(past: "?>", in: "processing instruction")
        } else if hasPrefix("<!--") {
            position += 4
            try skip(past: "-->", in: "comment")
        } else if hasPrefix("<![CDATA[") {
            guard !stack.isEmpty else { throw fail("CDATA outside the root element") }
            position += 9
            let start = position
            try skip(past: "]]>", in: "CDATA section")
            appendText(bytes[start..<(position - 3)])
        } else if hasPrefix("<!DOCTYPE") || hasPrefix("<!doctype") {
            throw fail("a DOCTYPE is not accepted")
        } else if hasPrefix("<!") {
            throw fail("unknown markup declaration")
        } else if hasPrefix("</") {
            try endTag()
        } else {
            try startTag()
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private mutating func name() throws -> ArraySlice<UInt8> {
        let start = position
        while let b = byte(at: position), !Self.isSpace(b), b != UInt8(ascii: ">"), b != UInt8(ascii: "/"),
              b != UInt8(ascii: "="), b != UInt8(ascii: "<") {
            position += 1
        }
        guard position > start else { throw fail("a tag without a name") }
        return ArraySlice(bytes[start..<position])
    }

    private mutating func skipSpaces() {
        while let b = byte(at: position), Self.isSpace(b) { position += 1 }
    }

    private mutating func startTag() throws {
        guard root == nil else { throw fail("content after the root element") }
        guard stack.count < XMLTree.maximumDepth else { throw fail("elements nested deeper than \(XMLTree.maximumDepth)") }
        position += 1
        let qualifiedName = try name()
        // Attributes are skipped: `name = "value"` or `name = 'value'`, in any number.
        while true {
            skipSpaces()
            guard let b = byte(at: position) else { throw fail("unterminated start tag") }
            if b == UInt8(ascii: ">") {
                position += 1
                stack.append(Open(qualifiedName: qualifiedName))
                return
            }
            if b == UInt8(ascii: "/") {
                guard byte(at: position + 1) == UInt8(ascii: ">") else { throw fail("'/' inside a start tag") }
                position += 2
                stack.append(Open(qualifiedName: qualifiedName))
                close()
                return
            }
            _ = try name()
            skipSpaces()
            guard byte(at: position) == UInt8(ascii: "=") else { throw fail("an attribute without a value") }
            position += 1
            skipSpaces()
            guard let quote = byte(at: position), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw fail("an attribute value without quotes")
            }
            position += 1
            while let c = byte(at: position), c != quote { position += 1 }
            guard position < bytes.count else { throw fail("unterminated attribute value") }
            position += 1
        }
    }

    private mutating func endTag() throws {
        position += 2
        let qualifiedName = try name()
        skipSpaces()
        guard byte(at: position) == UInt8(ascii: ">") else { throw fail("malformed end tag") }
        position += 1
        guard let open = stack.last else { throw fail("an end tag without a start tag") }
        guard open.qualifiedName.elementsEqual(qualifiedName) else {
            throw fail("</\(String(decoding: qualifiedName, as: UTF8.self))> closes <\(String(decoding: open.qualifiedName, as: UTF8.self))>")
        }
        close()
    }

    /// Pops the innermost open element and hands it to its parent (or makes it the root).
    private mutating func close() {
        guard let open = stack.popLast() else { return }
        let local = open.qualifiedName.lastIndex(of: UInt8(ascii: ":")).map { open.qualifiedName[($0 + 1)...] } ?? open.qualifiedName
        let element = XMLTree(name: String(decoding: local, as: UTF8.self), text: String(decoding: open.text, as: UTF8.self),
                              children: open.children)
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    // MARK: Character data

    private mutating func appendText<C: Collection>(_ text: C) where C.Element == UInt8 {
        stack[stack.count - 1].text.append(contentsOf: text)
    }

    /// Text up to the next `<`, with line ends normalised to LF and references decoded.
    private mutating func characterData() throws {
        let start = position
        while let b = byte(at: position), b != UInt8(ascii: "<") { position += 1 }
        let run = bytes[start..<position]
        guard !stack.isEmpty else {
            guard run.allSatisfy(Self.isSpace) else {
                position = start
                throw fail(root == nil ? "text before the root element" : "text after the root element")
            }
            return
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(run.count)
        var i = run.startIndex
        while i < run.endIndex {
            let b = run[i]
            if b == UInt8(ascii: "&") {
                guard let semicolon = run[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 12 else {
                    position = i
                    throw fail("an '&' that starts no reference")
                }
                guard let scalar = Self.reference(run[(i + 1)..<semicolon]) else {
                    position = i
                    throw fail("unknown reference '&\(String(decoding: run[(i + 1)..<semicolon], as: UTF8.self));'")
                }
                decoded.append(contentsOf: String(Character(scalar)).utf8)
                i = semicolon + 1
            } else if b == 0x0D {
                // XML end-of-line handling: CR LF and a lone CR both read as LF.
                decoded.append(0x0A)
                i += (i + 1 < run.endIndex && run[i + 1] == 0x0A) ? 2 : 1
            } else {
                decoded.append(b)
                i += 1
            }
        }
        appendText(decoded)
    }

    /// The character a reference body (between `&` and `;`) stands for.
    private static func reference(_ body: Swift.Slice<UnsafeRawBufferPointer>) -> Unicode.Scalar? {
        let text = String(decoding: body, as: UTF8.self)
        func number(_ digits: Substring, radix: Int) -> Unicode.Scalar? {
            // Digits only: the integer parser would also take a sign.
            guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit && (radix == 16 || $0.isNumber) }) else { return nil }
            return UInt32(digits, radix: radix).flatMap(Unicode.Scalar.init)
        }
        switch text {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case let other where other.hasPrefix("#x") || other.hasPrefix("#X"):
            return number(other.dropFirst(2), radix: 16)
        case let other where other.hasPrefix("#"):
            return number(other.dropFirst(), radix: 10)
        default: return nil
        }
    }
}
