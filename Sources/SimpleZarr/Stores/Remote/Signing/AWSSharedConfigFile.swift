// The INI dialect of the AWS shared files, ~/.aws/credentials and ~/.aws/config, as
// the AWS CLI and SDKs read it (simplified): `[section]` headers, `name = value`
// properties, whole-line comments starting with `#` or `;`, surrounding whitespace
// ignored. Property names are case-insensitive. A line indented deeper than the
// property above continues it (the nested `s3 =` settings of the config file);
// values are kept verbatim otherwise, so a `#` inside a secret stays part of it.
// A header may carry a comment after its `]`. Repeated sections merge, the later
// value winning.

import Foundation

/// The sections of one parsed AWS shared file, each a table of lower-cased property names to values.
struct AWSSharedConfigFile: Equatable, Sendable {
    /// The largest file read, far above any real one, so a wrong path cannot make us read without bound.
    static let maximumSize = 4 << 20

    /// Properties by section name (the text between the brackets, trimmed).
    private(set) var sections: [String: [String: String]] = [:]

    /// Parses `text`; `path` names the file in errors. Errors give the line, never its content.
    static func parse(_ text: String, path: String) throws -> AWSSharedConfigFile {
        var file = AWSSharedConfigFile()
        var section: String?
        var lastProperty: (name: String, indent: Int)?
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            let malformed = { (reason: String) in AWSCredentialsError.malformedFile(path: path, line: lineNumber, reason: reason) }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { throw malformed("a section header without ']'") }
                let trailer = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
                guard trailer.isEmpty || trailer.hasPrefix("#") || trailer.hasPrefix(";") else {
                    throw malformed("text after a section header")
                }
                let name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw malformed("an empty section name") }
                section = name
                lastProperty = nil
                if file.sections[name] == nil { file.sections[name] = [:] }
                continue
            }
            guard let current = section else { throw malformed("a property before the first section header") }
            let indent = rawLine.prefix { $0 == " " || $0 == "\t" }.count
            if let property = lastProperty, indent > property.indent {
                // Indented deeper than the property above: a continuation or a nested sub-property of it.
                // Appended in place: rebuilding the value per line would be quadratic in its lines.
                if file.sections[current]?[property.name]?.isEmpty ?? true {
                    file.sections[current]?[property.name] = line
                } else {
                    file.sections[current]?[property.name]?.append("\n" + line)
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw malformed("a line that is neither a section nor 'name = value'") }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty else { throw malformed("a property without a name") }
            file.sections[current]?[name] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            lastProperty = (name, indent)
        }
        return file
    }

    /// Reads and parses the file at `path`; `nil` when there is no file there.
    static func load(path: String) throws -> AWSSharedConfigFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        let unreadable = { (reason: String) in AWSCredentialsError.unreadableFile(path: path, reason: reason) }
        guard !isDirectory.boolValue else { throw unreadable("it is a directory") }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: maximumSize + 1) ?? Data()
        } catch {
            throw unreadable(error.localizedDescription)
        }
        guard data.count <= maximumSize else { throw unreadable("it is larger than \(maximumSize) bytes") }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }
}
